"""/landings/: filters that reach the booster and the spacecraft behind a landing, comma lists,
search through the launch, ordering, bad values."""

from __future__ import annotations

import uuid

import pytest

from openll.catalog.models import (
    FirstStage,
    Landing,
    LandingLocation,
    LandingType,
    Launch,
    Launcher,
    LauncherConfig,
    Rocket,
    Spacecraft,
    SpacecraftConfig,
    SpacecraftFlight,
)

CRS21 = uuid.UUID("7f7fa8a8-0a7e-4ab8-8e64-1d5b25e27c5b")
ARABSAT = uuid.UUID("1a3f4a1e-6a4d-4f0c-9e58-1f1c2f0a0b01")
SOYUZ = uuid.UUID("c6a5b5bc-1a2b-4c3d-8e9f-0a1b2c3d4e5f")


def ids(api, query: str = "") -> list[int]:
    response = api.get(f"/2.3.0/landings/?format=json&limit=100&{query}")
    assert response.status_code == 200, response.content[:300]
    return [item["id"] for item in response.json()["results"]]


def first_stage_landing(pk, launcher, launch, **fields) -> Landing:
    landing = Landing.objects.create(id=pk, **fields)
    rocket = Rocket.objects.create(launch=launch, configuration=launcher.launcher_config)
    FirstStage.objects.create(launcher=launcher, rocket=rocket, landing=landing)
    return landing


@pytest.fixture
def landings(db):
    """Two booster landings (Falcon 9 B1059 on a droneship, Falcon Heavy B1052 back at the
    cape), one Soyuz capsule landing and a booster that attempted none."""
    ocisly = LandingLocation.objects.create(id=1, name="Of Course I Still Love You", abbrev="OCISLY")
    lz1 = LandingLocation.objects.create(id=2, name="Landing Zone 1", abbrev="LZ-1")
    kazakhstan = LandingLocation.objects.create(id=3, name="Kazakhstan", abbrev="KZ")
    asds = LandingType.objects.create(id=1, name="Autonomous Spaceport Drone Ship", abbrev="ASDS")
    rtls = LandingType.objects.create(id=2, name="Return to Launch Site", abbrev="RTLS")
    falcon9 = LauncherConfig.objects.create(id=164, name="Falcon 9")
    heavy = LauncherConfig.objects.create(id=161, name="Falcon Heavy")
    b1059 = Launcher.objects.create(id=1, serial_number="B1059", launcher_config=falcon9)
    b1052 = Launcher.objects.create(id=3, serial_number="B1052", launcher_config=heavy)
    b0007 = Launcher.objects.create(id=4, serial_number="B0007", launcher_config=falcon9)
    crs21 = Launch.objects.create(id=CRS21, name="Falcon 9 Block 5 | CRS-21")
    arabsat = Launch.objects.create(id=ARABSAT, name="Falcon Heavy | Arabsat-6A")
    soyuz = Launch.objects.create(id=SOYUZ, name="Soyuz 2.1a | Soyuz MS-25")
    expended = Launch.objects.create(id=uuid.uuid4(), name="Falcon 9 v1.0 | CRS-1")
    first_stage_landing(
        10,
        b1059,
        crs21,
        attempt=True,
        success=True,
        landing_location=ocisly,
        type=asds,
        downrange_distance=600,
    )
    first_stage_landing(
        11, b1052, arabsat, attempt=True, success=False, landing_location=lz1, type=rtls, downrange_distance=9
    )
    first_stage_landing(13, b0007, expended, attempt=False)
    capsule = Landing.objects.create(id=12, attempt=True, success=True, landing_location=kazakhstan)
    soyuz_ms = SpacecraftConfig.objects.create(id=38, name="Soyuz MS")
    ms25 = Spacecraft.objects.create(
        id=39, name="Soyuz MS-25", serial_number="MS-25", spacecraft_config=soyuz_ms
    )
    SpacecraftFlight.objects.create(id=1, spacecraft=ms25, launch=soyuz, landing=capsule)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [10, 11, 12, 13]),
        ("launcher_config__ids=164", [10, 13]),
        ("launcher_config__ids=164,161", [10, 11, 13]),
        ("launcher__ids=3", [11]),
        ("launcher__ids=1,3", [10, 11]),
        ("launcher_serial_numbers=B1059,B1052", [10, 11]),
        ("launcher_serial_numbers=B1059", [10]),
        (f"firststage_launch__ids={CRS21}", [10]),
        (f"firststage_launch__ids={CRS21},{ARABSAT}", [10, 11]),
        (f"firststage_launch__ids={SOYUZ}", []),
        (f"spacecraft_launch__ids={SOYUZ}", [12]),
        (f"spacecraft_launch__ids={CRS21}", []),
        ("spacecraft__ids=39,37", [12]),
        ("spacecraft_config__ids=38", [12]),
        ("landing_location__ids=1,2", [10, 11]),
        ("landing_type__ids=2", [11]),
        ("attempt=false", [13]),
        ("success=True", [10, 12]),
        ("success=0", [11]),
    ],
)
def test_filters_reach_the_booster_the_spacecraft_and_their_launches(landings, api, query, expected):
    assert ids(api, query) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("B1059", [10]),  # the booster's serial number
        ("Falcon Heavy", [11]),  # the booster's configuration (and its launch)
        ("CRS-21", [10]),  # the first stage's launch
        ("Soyuz MS-25", [12]),  # the spacecraft, and its launch (LL2's spacecraftflight__rocket__launch)
        ("Soyuz 2.1a", [12]),
        ("LZ-1", [11]),  # the landing location's abbreviation
        ("Kazakhstan", [12]),
    ],
)
def test_search_covers_booster_spacecraft_launch_and_location(landings, api, term, expected):
    assert ids(api, f"search={term}") == expected


def test_ordering_by_downrange_distance(landings, api):
    assert ids(api, "ordering=-downrange_distance&attempt=true&landing_location__ids=1,2") == [10, 11]
    assert ids(api, "ordering=downrange_distance&landing_location__ids=1,2") == [11, 10]


def test_a_landing_is_served_in_every_mode_and_by_id(landings, api):
    for mode in ("list", "normal", "detailed"):
        body = api.get(f"/2.3.0/landings/?format=json&mode={mode}").json()
        booster = next(item for item in body["results"] if item["id"] == 10)
        assert booster["response_mode"] == mode
        assert booster["firststage"]["launcher"]["serial_number"] == "B1059"
    detail = api.get("/2.3.0/landings/12/?format=json").json()
    assert detail["response_mode"] == "detailed"
    assert detail["spacecraftflight"]["spacecraft"]["name"] == "Soyuz MS-25"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("firststage_launch__ids=not-a-uuid", "firststage_launch__ids"),
        ("spacecraft_launch__ids=123", "spacecraft_launch__ids"),
        ("launcher_config__ids=164,Falcon", "launcher_config__ids"),
        ("landing_location__ids=one", "landing_location__ids"),
        ("attempt=maybe", "attempt"),
        ("mode=everything", "mode"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(landings, api, query, parameter):
    response = api.get(f"/2.3.0/landings/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()
