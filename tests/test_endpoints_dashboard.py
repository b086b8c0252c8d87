"""`/dashboard/starship/`: one object gathering Starship's launches, events, updates, vehicles,
live streams, road closures and notices, in the variant `?mode=` names."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from examples import example
from launch_examples import API, at, event, launch, launcher_config, lsp, now, program, update, write

from openll import spec
from openll.api.render import plan
from openll.catalog.models import (
    LiveStream,
    Notice,
    NoticeType,
    Program,
    RoadClosure,
    RoadClosureStatus,
    Update,
)
from openll.spec.validate import schema_errors

URL = "/2.3.0/dashboard/starship/?format=json"
STARSHIP = launcher_config(464, "Starship", family="Starship")
FALCON_9 = launcher_config(164, "Falcon 9", family="Falcon")
SPACEX = lsp(121, "SpaceX")


@pytest.fixture
def starship(load, tmp_path):
    t = now()
    flight_5 = launch(
        5,
        at("2024-10-13T12:25:00Z"),
        provider=SPACEX,
        config=STARSHIP,
        program=[program(1, "SpaceX Starship")],
        schema="LaunchDetailed",
        updates=[update(21, at("2024-10-13T12:40:00Z"), "Booster caught by the tower")],
    )
    # No program given: a Starship by its rocket alone.
    flight_4 = launch(4, at("2024-06-06T12:50:00Z"), provider=SPACEX, config=STARSHIP)
    flight_9 = launch(
        9,
        t + dt.timedelta(days=20),
        provider=SPACEX,
        config=STARSHIP,
        program=[program(1, "SpaceX Starship")],
    )
    falcon_past = launch(
        30,
        at("2024-10-14T16:06:00Z"),
        provider=SPACEX,
        config=FALCON_9,
        schema="LaunchDetailed",
        updates=[update(22, at("2024-10-14T16:10:00Z"), "Europa Clipper on its way")],
    )
    falcon_next = launch(31, t + dt.timedelta(days=2), provider=SPACEX, config=FALCON_9)
    events = [
        event(1, t + dt.timedelta(days=3), program=[program(1, "SpaceX Starship")], name="Static fire"),
        event(
            2,
            at("2024-10-13T12:25:00Z"),
            launches=[{"id": flight_5["id"], "response_mode": "normal"}],
            name="Catch",
        ),
        event(3, at("2024-10-14T16:06:00Z"), name="Europa Clipper press conference"),
    ]
    vehicles = [
        example("LauncherDetailed", 12, {"serial_number": "B12", "launcher_config": STARSHIP}),
        example("LauncherDetailed", 1080, {"serial_number": "B1080", "launcher_config": FALCON_9}),
    ]
    ship_config = {
        "response_mode": "normal",
        "id": 200,
        "url": f"{API}/spacecraft_configurations/200/",
        "name": "Starship",
    }
    dragon_config = {
        "response_mode": "normal",
        "id": 201,
        "url": f"{API}/spacecraft_configurations/201/",
        "name": "Dragon 2",
    }
    orbiters = [
        example("SpacecraftNormal", 30, {"name": "Ship 30", "spacecraft_config": ship_config}),
        example("SpacecraftNormal", 206, {"name": "C206", "spacecraft_config": dragon_config}),
    ]
    load(
        write(tmp_path / "launches.json", [flight_5, flight_4, flight_9, falcon_past, falcon_next]),
        write(tmp_path / "events.json", events),
        write(tmp_path / "launchers.json", vehicles),
        write(tmp_path / "spacecraft.json", orbiters),
    )
    # What only the dashboard carries (the importer reads it from no list route).
    Update.objects.create(
        id=23,
        comment="Flight 9 hardware rolled out",
        created_on=at("2024-11-01T08:00:00Z"),
        program=Program.objects.get(pk=1),
    )
    LiveStream.objects.create(
        title="Starbase live", url="https://www.youtube.com/watch?v=starbase", position=0
    )
    scheduled = RoadClosureStatus.objects.create(id=1, name="Scheduled")
    RoadClosure.objects.create(
        id=1,
        title="Primary date",
        status=scheduled,
        window_start=t + dt.timedelta(days=1),
        window_end=t + dt.timedelta(days=1, hours=8),
    )
    RoadClosure.objects.create(
        id=2,
        title="Over",
        status=scheduled,
        window_start=t - dt.timedelta(days=2),
        window_end=t - dt.timedelta(days=1),
    )
    tfr = NoticeType.objects.create(id=1, name="TFR")
    Notice.objects.create(id=1, type=tfr, date=t - dt.timedelta(days=1), url="https://tfr.faa.gov/1")
    Notice.objects.create(id=2, type=tfr, date=t, url="https://tfr.faa.gov/2")
    return {
        "flight_4": flight_4["id"],
        "flight_5": flight_5["id"],
        "flight_9": flight_9["id"],
        "vehicles": [vehicles[0]["id"]],
        "orbiters": [orbiters[0]["id"]],
        "events": [e["id"] for e in events],
    }


def ids(items: list[dict]) -> list:
    return [item["id"] for item in items]


def test_the_dashboard_is_one_object_in_the_normal_variant_by_default(api, starship):
    """The spec types the response as an array; LL2 answers one object, and clients (pylaunches,
    behind Home Assistant) read `previous.launches` from it."""
    body = api.get(URL).json()
    assert isinstance(body, dict)
    assert list(body) == [p.name for p in spec.schema("StarshipDashboardNormal").properties]
    assert body["response_mode"] == "normal"
    assert schema_errors("StarshipDashboardNormal", body, unknown_is_null=True) == []
    assert body.get("previous", {}).get("launches")  # what pylaunches checks


def test_previous_launches_are_the_past_starship_launches_newest_first(api, starship):
    previous = api.get(URL).json()["previous"]
    assert ids(previous["launches"]) == [starship["flight_5"], starship["flight_4"]]
    assert ids(previous["events"]) == [starship["events"][1]]


def test_upcoming_holds_the_next_starship_launch_and_events(api, starship):
    upcoming = api.get(URL).json()["upcoming"]
    assert ids(upcoming["launches"]) == [starship["flight_9"]]
    assert ids(upcoming["events"]) == [starship["events"][0]]


def test_the_other_lists_of_the_dashboard(api, starship):
    body = api.get(URL).json()
    assert ids(body["updates"]) == [23, 21]  # on the program, on a Starship launch; newest first
    assert ids(body["vehicles"]) == starship["vehicles"]
    assert ids(body["orbiters"]) == starship["orbiters"]
    assert body["live_streams"] == [
        {
            "title": "Starbase live",
            "description": None,
            "image": None,
            "url": "https://www.youtube.com/watch?v=starbase",
        }
    ]
    assert ids(body["road_closures"]) == [1]  # the closure that is over is gone
    assert ids(body["notices"]) == [2, 1]


@pytest.mark.parametrize("mode", ["list", "normal", "detailed"])
def test_each_mode_is_its_spec_variant(api, starship, mode):
    schema = spec.polymorphic_variants("PolymorphicStarshipDashboardEndpoint")[mode]
    body = api.get(f"{URL}&mode={mode}").json()
    assert body["response_mode"] == mode
    assert schema_errors(schema, body, unknown_is_null=True) == []
    halves = spec.schema(spec.schema(schema).by_name["upcoming"].target).by_name
    launch_fields = [p.name for p in spec.schema(halves["launches"].target).properties]
    event_fields = [p.name for p in spec.schema(halves["events"].target).properties]
    for half in ("upcoming", "previous"):
        assert all(list(item) == launch_fields for item in body[half]["launches"])
        assert all(list(item) == event_fields for item in body[half]["events"])


def test_a_bad_mode_is_a_400_naming_it(api, starship):
    response = api.get(f"{URL}&mode=compact")
    assert response.status_code == 400
    assert "mode" in response.json()


def test_limit_caps_each_list(api, starship):
    body = api.get(f"{URL}&limit=1").json()
    assert ids(body["previous"]["launches"]) == [starship["flight_5"]]
    assert ids(body["updates"]) == [23]
    assert len(body["notices"]) == 1


def test_the_browsable_page_shows_the_specs_documentation(api, starship):
    page = api.get("/2.3.0/dashboard/starship/?format=api")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Starship Dashboard" in text and "Levels of detail in the response" in text
    assert api.post("/2.3.0/dashboard/starship/").status_code == 405


def test_the_dashboard_queries_do_not_grow_with_the_data(api, starship):
    schema = spec.polymorphic_variants("PolymorphicStarshipDashboardEndpoint")["detailed"]
    # Per list: the query choosing its objects, then the bounded queries rendering them.
    bound = 0
    for prop in spec.schema(schema).properties:
        if prop.kind == "array":
            bound += 1 + plan(prop.target).query_bound()
        elif prop.kind == "object":
            bound += sum(1 + plan(half.target).query_bound() for half in spec.schema(prop.target).properties)
    with CaptureQueriesContext(connection) as queries:
        assert api.get(f"{URL}&mode=detailed&limit=100").status_code == 200
    assert len(queries) <= bound


def test_the_2_2_0_dashboards_orbiters_are_the_2023_schemas_orbiter(api, starship):
    """/2.2.0/dashboard/starship/ showed its orbiters as the 2022 document's thin `Spacecraft`;
    the 2023 2.2.0 schema, the only source that shows them, has `Orbiter` (ivirtex/starcat,
    packages/launch_library_api/doc/Orbiter.md @ 77ab8ca62e3ad9aa017f1b82e92f74849b457731)."""
    orbiters = api.get("/2.2.0/dashboard/starship/?format=json").json()["orbiters"]
    assert ids(orbiters) == starship["orbiters"]
    orbiter = (
        "id url name serial_number is_placeholder in_space time_in_space time_docked flights_count "
        "mission_ends_count status description spacecraft_config"
    )
    assert [list(item) for item in orbiters] == [orbiter.split()]
    assert orbiters[0]["url"].endswith(f"/2.2.0/spacecraft/{orbiters[0]['id']}/?format=json")
