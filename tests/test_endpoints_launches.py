"""`/launches/`, `/launches/upcoming/`, `/launches/previous/`: what each list holds, their filters
(LL2's names, comma lists, booleans), search, ordering, and the 400 a bad value gets."""

from __future__ import annotations

import datetime as dt

import pytest
from examples import example, example_id
from launch_examples import API, SUBORBITAL, agency, at, launch, launcher_config, lsp, now, program, write

from openll.catalog.models import Launch
from openll.spec.validate import errors

ROSCOSMOS = "Russian Federal Space Agency (ROSCOSMOS)"
NO_OTHER_CREW = {"onboard_crew": [], "landing_crew": [], "docking_events": []}


@pytest.fixture
def launches(load, tmp_path):
    """Four launches: one a week ahead, one two hours ago (still "upcoming" for a day), two long
    past. Returns their ids by name."""
    t = now()
    future = launch(
        1,
        t + dt.timedelta(days=7),
        provider=lsp(121, "SpaceX"),
        status={"id": 1, "name": "Go for Launch", "abbrev": "Go"},
        program=[program(25, "Starlink")],
        pad={"id": 80, "name": "SLC-40", "location": {"id": 12, "name": "Cape Canaveral SFS, FL, USA"}},
        schema="LaunchDetailed",
        rocket={
            "id": 700001,
            "configuration": launcher_config(800001, "Example Rocket"),
            "launcher_stage": [booster(1080, "B1080")],
        },
        vid_urls=[{"priority": 10, "url": "https://www.youtube.com/watch?v=starlink", "title": "Webcast"}],
    )
    recent = launch(
        2,
        t - dt.timedelta(hours=2),
        provider=lsp(1000, "Progress Rocket Space Centre"),
        orbit=SUBORBITAL,
        status={"id": 2, "name": "To Be Determined", "abbrev": "TBD"},
        program=[program(17, "International Space Station")],
    )
    old = launch(
        3,
        at("2024-10-05T07:43:00Z"),
        provider=lsp(63, ROSCOSMOS),
        status={"id": 3, "name": "Launch Successful", "abbrev": "Success"},
        launch_designator="2021-123",
        program=[program(17, "International Space Station"), program(25, "Starlink")],
    )
    oldest = launch(
        4,
        at("2023-05-06T12:00:00Z"),
        provider=lsp(44, "National Aeronautics and Space Administration"),
        orbit=None,
        status={"id": 3, "name": "Launch Successful", "abbrev": "Success"},
        launch_designator="1957-001",
    )
    flights = [
        # A crewed flight on launch 3, an uncrewed one on launch 4 (SpacecraftFlight.launch).
        example("SpacecraftFlightDetailed", 0, {"launch": {"id": old["id"]}, **NO_OTHER_CREW}),
        example(
            "SpacecraftFlightDetailed",
            1,
            {"launch": {"id": oldest["id"]}, "launch_crew": [], **NO_OTHER_CREW},
        ),
    ]
    load(
        write(
            tmp_path / "agencies.json",
            [agency(63, ROSCOSMOS), agency(1000, "Progress Rocket Space Centre", ROSCOSMOS)],
        ),
        write(tmp_path / "launches.json", [future, recent, old, oldest]),
        write(tmp_path / "spacecraft_flights.json", flights),
    )
    return {"future": future["id"], "recent": recent["id"], "old": old["id"], "oldest": oldest["id"]}


def booster(pk: int, serial_number: str) -> dict:
    """A first stage (FirstStageNormal) flown by booster `serial_number`."""
    launcher = {
        "response_mode": "normal",
        "id": pk,
        "url": f"{API}/launchers/{pk}/",
        "serial_number": serial_number,
    }
    return example(
        "FirstStageNormal",
        overrides={"id": pk, "launcher": launcher, "landing": None, "previous_flight": None},
    )


def found(api, query: str = "", route: str = "launches") -> list[str]:
    response = api.get(f"/2.3.0/{route}/?format=json&limit=100&{query}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def names(launches, *keys) -> list[str]:
    return [launches[key] for key in keys]


def test_launches_lists_every_launch_by_net(api, launches):
    assert found(api) == names(launches, "oldest", "old", "recent", "future")


def test_upcoming_excludes_launches_older_than_a_day(api, launches):
    assert found(api, route="launches/upcoming") == names(launches, "recent", "future")


def test_hide_recent_previous_drops_the_launches_of_the_last_day_from_upcoming(api, launches):
    for value in ("true", "True", "1"):
        assert found(api, f"hide_recent_previous={value}", "launches/upcoming") == names(launches, "future")
    assert found(api, "hide_recent_previous=false", "launches/upcoming") == names(
        launches, "recent", "future"
    )


def test_previous_lists_launches_whose_net_has_passed_newest_first(api, launches):
    assert found(api, route="launches/previous") == names(launches, "recent", "old", "oldest")
    assert found(api, "ordering=net", "launches/previous") == names(launches, "oldest", "old", "recent")


def test_hide_recent_previous_is_only_a_filter_of_upcoming(api, launches):
    # Unknown parameters are ignored, as django-filter does on LL2.
    assert found(api, "hide_recent_previous=true", "launches/previous") == names(
        launches, "recent", "old", "oldest"
    )


def test_the_id_route_of_upcoming_and_previous_uses_their_scope(api, launches):
    future, old = launches["future"], launches["old"]
    assert api.get(f"/2.3.0/launches/upcoming/{future}/?format=json").status_code == 200
    assert api.get(f"/2.3.0/launches/upcoming/{old}/?format=json").status_code == 404
    assert api.get(f"/2.3.0/launches/previous/{future}/?format=json").status_code == 404
    detail = api.get(f"/2.3.0/launches/previous/{old}/?format=json").json()
    assert detail["id"] == old and detail["response_mode"] == "detailed"
    assert errors("/launches/previous/{id}/", detail, unknown_is_null=True) == []
    assert api.get(f"/2.3.0/launches/{future}/?format=json").json()["id"] == future


def test_include_suborbital_false_excludes_sub_orbital_launches(api, launches):
    everything = names(launches, "oldest", "old", "recent", "future")
    assert found(api, "include_suborbital=true") == everything
    # The sub-orbital launch goes; a launch without a mission (no orbit known) stays.
    assert found(api, "include_suborbital=false") == names(launches, "oldest", "old", "future")
    assert found(api, "include_suborbital=False", "launches/upcoming") == names(launches, "future")


def test_is_crewed_means_a_launch_crew_on_one_of_its_spacecraft_flights(api, launches):
    assert found(api, "is_crewed=true") == names(launches, "old")
    assert found(api, "is_crewed=false") == names(launches, "oldest", "recent", "future")


def test_related_lsp_includes_the_agencys_child_agencies(api, launches):
    assert found(api, "lsp__id=63") == names(launches, "old")
    assert found(api, "related_lsp__id=63") == names(launches, "old", "recent")
    assert found(api, f"related_lsp__name={ROSCOSMOS}") == names(launches, "old", "recent")
    assert found(api, "related_lsp__id=44,63") == names(launches, "oldest", "old", "recent")
    # A child agency's own launches do not bring in its parent's.
    assert found(api, "related_lsp__id=1000") == names(launches, "recent")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lsp__id=121,44", ("oldest", "future")),
        ("lsp__name=SpaceX,National Aeronautics and Space Administration", ("oldest", "future")),
        ("status__ids=1,2", ("recent", "future")),
        ("status=3", ("oldest", "old")),
        ("launch_designator=1957-001,2021-123", ("oldest", "old")),
        ("location__ids=12,999", ("future",)),
        ("pad__location=12", ("future",)),
        ("spacecraft_config__ids=900001,5", ("oldest", "old")),
        ("rocket__spacecraftflight__spacecraft__id=900001", ("oldest", "old")),
        ("launcher_config__id=800001", ("oldest", "old", "recent", "future")),
        ("launcher_config__id=5,6", ()),
        ("serial_number=B1080,B1062", ("future",)),
        ("video_url=https://www.youtube.com/watch?v=starlink,https://example.com/x", ("future",)),
        ("program=25", ("old", "future")),
        ("program=25&program=17", ("old", "recent", "future")),
    ],
)
def test_comma_lists_and_repeated_parameters(api, launches, query, expected):
    assert found(api, query) == names(launches, *expected)


def test_id_takes_a_comma_list_of_uuids(api, launches):
    query = f"id={launches['future']},{launches['oldest']}"
    assert found(api, query) == names(launches, "oldest", "future")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2023", ("oldest",)),
        ("year=2023,2024", ("oldest", "old")),
        ("year=2024&month=10", ("old",)),
        ("year=2023,2024&month=5,10&day=6", ("oldest",)),
        ("year=2023,2024&day=5,6", ("oldest", "old")),
    ],
)
def test_year_month_and_day_filter_on_net(api, launches, query, expected):
    assert found(api, query) == names(launches, *expected)


def test_net_and_window_bounds(api, launches):
    assert found(api, "net__lt=2024-01-01T00:00:00Z") == names(launches, "oldest")
    assert found(api, "net__gte=2024-10-05T07:43:00Z&net__lte=2024-10-05T07:43:00Z") == names(launches, "old")
    assert found(api, "window_start__gt=2024-10-05T07:43:00Z&window_end__lt=2030-01-01T00:00:00Z") == names(
        launches, "recent", "future"
    )


def test_search_covers_names_designators_and_spacecraft(api, launches):
    assert found(api, "search=Mission 3") == names(launches, "old")
    assert found(api, "search=2021-123") == names(launches, "old")
    assert found(api, "search=Progress Rocket") == names(launches, "recent")
    # Upcoming does not search designators (LL2's search fields for it lack launch_designator).
    assert found(api, "search=2021-123", "launches/previous") == names(launches, "old")
    assert found(api, "search=1957-001", "launches/upcoming") == []
    assert set(found(api, "search=Example name")) >= {launches["old"], launches["oldest"]}


def test_ordering(api, launches):
    assert found(api, "ordering=-net") == names(launches, "future", "recent", "old", "oldest")
    assert found(api, "ordering=-net", "launches/upcoming") == names(launches, "future", "recent")
    by_name = found(api, "ordering=name")
    assert by_name == names(launches, "future", "recent", "old", "oldest")


def test_modes_give_the_spec_variants(api, launches):
    from openll import spec

    for mode, schema in {
        "list": "LaunchBasic",
        "normal": "LaunchNormal",
        "detailed": "LaunchDetailed",
    }.items():
        body = api.get(f"/2.3.0/launches/upcoming/?format=json&mode={mode}").json()
        assert [list(item) for item in body["results"]] == [
            [p.name for p in spec.schema(schema).properties]
        ] * 2
        assert errors("/launches/upcoming/", body, unknown_is_null=True) == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("lsp__id=abc", "lsp__id"),
        ("status__ids=1,x", "status__ids"),
        ("is_crewed=maybe", "is_crewed"),
        ("include_suborbital=nope", "include_suborbital"),
        ("net__gte=yesterday", "net__gte"),
        ("id=not-a-uuid", "id"),
        ("year=twenty", "year"),
        ("status=abc", "status"),
        ("program=abc", "program"),
        ("related_lsp__id=x", "related_lsp__id"),
        ("mode=compact", "mode"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(api, launches, query, parameter):
    for route in ("launches", "launches/upcoming", "launches/previous"):
        response = api.get(f"/2.3.0/{route}/?format=json&{query}")
        assert response.status_code == 400, (route, query)
        assert parameter in response.json()
    response = api.get("/2.3.0/launches/upcoming/?format=json&hide_recent_previous=perhaps")
    assert response.status_code == 400 and "hide_recent_previous" in response.json()


def test_launch_ids_are_uuids_in_routes(api, launches):
    assert api.get("/2.3.0/launches/12345/").status_code == 404
    missing = example_id("Launch", 99)
    assert not Launch.objects.filter(pk=missing).exists()
    assert api.get(f"/2.3.0/launches/{missing}/").status_code == 404
