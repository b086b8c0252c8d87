"""`/events/`, `/events/upcoming/`, `/events/previous/`: the split on `date`, and the filters."""

from __future__ import annotations

import datetime as dt

import pytest
from launch_examples import at, event, lsp, now, program, write

from openll.spec.validate import errors


@pytest.fixture
def events(load, tmp_path):
    """Three events: one in five days, one three hours ago, one in March 2024."""
    t = now()
    future = event(
        1,
        t + dt.timedelta(days=5),
        type={"id": 2, "name": "Docking"},
        agencies=[lsp(121, "SpaceX")],
        program=[program(17, "International Space Station")],
    )
    recent = event(
        2,
        t - dt.timedelta(hours=3),
        type={"id": 8, "name": "Spacewalk"},
        agencies=[lsp(121, "SpaceX"), lsp(44, "NASA")],
        program=[program(17, "International Space Station"), program(1, "SpaceX Starship")],
    )
    old = event(
        3,
        at("2024-03-14T13:25:00Z"),
        type={"id": 5, "name": "Press Event"},
        vid_urls=[{"priority": 10, "url": "https://www.youtube.com/watch?v=ift3", "title": "IFT-3"}],
        program=[program(1, "SpaceX Starship")],
    )
    load(write(tmp_path / "events.json", [future, recent, old]))
    return {"future": future["id"], "recent": recent["id"], "old": old["id"]}


def found(api, query: str = "", route: str = "events") -> list[str]:
    response = api.get(f"/2.3.0/{route}/?format=json&limit=100&{query}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def names(events, *keys) -> list[int]:
    return [events[key] for key in keys]


def test_events_lists_every_event_by_date(api, events):
    assert found(api) == names(events, "old", "recent", "future")


def test_upcoming_events_include_the_last_day_unless_hide_recent_previous(api, events):
    assert found(api, route="events/upcoming") == names(events, "recent", "future")
    assert found(api, "hide_recent_previous=true", "events/upcoming") == names(events, "future")


def test_previous_events_are_past_ones_newest_first(api, events):
    assert found(api, route="events/previous") == names(events, "recent", "old")


def test_the_id_route_of_upcoming_and_previous_events_uses_their_scope(api, events):
    assert api.get(f"/2.3.0/events/upcoming/{events['old']}/?format=json").status_code == 404
    detail = api.get(f"/2.3.0/events/previous/{events['old']}/?format=json").json()
    assert detail["id"] == events["old"]
    assert errors("/events/previous/{id}/", detail, unknown_is_null=True) == []
    assert api.get(f"/2.3.0/events/previous/{events['future']}/?format=json").status_code == 404


def test_date_gt_lt_means_date_is_less_than(api, events):
    """LL2 names its "Date is less than" filter `date__gt__lt`; there is no `date__lt`."""
    assert found(api, "date__gt__lt=2025-01-01T00:00:00Z") == names(events, "old")
    assert found(api, "date__gt=2025-01-01T00:00:00Z") == names(events, "recent", "future")
    assert found(api, "date__gte=2024-03-14T13:25:00Z&date__lte=2024-03-14T13:25:00Z") == names(events, "old")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type__ids=2,8", ("recent", "future")),
        ("type=5", ("old",)),
        ("agency__ids=44,999", ("recent",)),
        ("agency__ids=121", ("recent", "future")),
        ("program=1", ("old", "recent")),
        ("program=1&program=17", ("old", "recent", "future")),
        ("video_url=https://www.youtube.com/watch?v=ift3,https://example.com/x", ("old",)),
        ("slug=event-2", ("recent",)),
        ("year=2024", ("old",)),
        ("year=2024&month=3&day=14", ("old",)),
        ("search=Event 3", ("old",)),
    ],
)
def test_event_filters(api, events, query, expected):
    assert found(api, query) == names(events, *expected)


def test_id_takes_a_comma_list(api, events):
    assert found(api, f"id={events['future']},{events['old']}") == names(events, "old", "future")


def test_event_ordering(api, events):
    assert found(api, "ordering=-date") == names(events, "future", "recent", "old")
    assert found(api, "ordering=date", "events/previous") == names(events, "old", "recent")


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("date__gt__lt=soon", "date__gt__lt"),
        ("type__ids=a,b", "type__ids"),
        ("id=one", "id"),
        ("month=may", "month"),
        ("program=x", "program"),
    ],
)
def test_a_bad_event_filter_value_is_a_400_naming_it(api, events, query, parameter):
    for route in ("events", "events/upcoming", "events/previous"):
        response = api.get(f"/2.3.0/{route}/?format=json&{query}")
        assert response.status_code == 400
        assert parameter in response.json()
    response = api.get("/2.3.0/events/upcoming/?format=json&hide_recent_previous=2")
    assert response.status_code == 400 and "hide_recent_previous" in response.json()
