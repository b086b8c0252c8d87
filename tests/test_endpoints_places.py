"""/celestial_bodies/, /locations/ and /pads/: filters, search and ordering as LL2 answers them."""

from __future__ import annotations

import pytest
from conftest import DATA, ids

from openll.catalog.models import Agency, CelestialBody, CelestialBodyType, Country, Location, Pad

REAL = DATA / "ll2-2.3.0"


@pytest.fixture
def bodies(db):
    planet, moon = (
        CelestialBodyType.objects.create(id=1, name="Planet"),
        CelestialBodyType.objects.create(id=2, name="Moon"),
    )
    for pk, name, kind in ((1, "Earth", planet), (2, "Moon", moon), (3, "Mars", planet), (9, "Phobos", moon)):
        CelestialBody.objects.create(id=pk, name=name, type=kind)


def test_celestial_bodies_search_and_ordering(api, bodies):
    assert ids(api, "celestial_bodies") == [1, 2, 3, 9]
    for mode in ("list", "normal", "detailed"):
        assert ids(api, "celestial_bodies", f"mode={mode}") == [1, 2, 3, 9]
    assert ids(api, "celestial_bodies", "search=Mars") == [3]
    assert ids(api, "celestial_bodies", "search=moon") == [2, 9]
    assert ids(api, "celestial_bodies", "ordering=-name") == [9, 2, 3, 1]


@pytest.fixture
def places(db):
    usa, nzl = (
        Country.objects.create(id=i, name=name, alpha_3_code=code)
        for i, name, code in ((1, "United States of America", "USA"), (2, "New Zealand", "NZL"))
    )
    rows = [
        # id, name, country, launches, landings
        (27, "Kennedy Space Center, FL, USA", usa, 250, 40),
        (12, "Cape Canaveral SFS, FL, USA", usa, 900, 60),
        (10, "Rocket Lab Launch Complex 1, Mahia Peninsula, New Zealand", nzl, 78, 0),
        (20, "Unknown Location", None, 0, 3),
    ]
    for pk, name, country, launches, landings in rows:
        Location.objects.create(
            id=pk, name=name, country=country, total_launch_count=launches, total_landing_count=landings
        )
    spacex = Agency.objects.create(id=121, name="SpaceX", abbrev="SpX")
    nasa = Agency.objects.create(id=44, name="NASA", abbrev="NASA")
    rocket_lab = Agency.objects.create(id=147, name="Rocket Lab", abbrev="RL")
    pads = [
        # id, name, location, latitude, longitude, launches, orbital attempts, agencies
        (87, "Launch Complex 39A", 27, 28.608, -80.604, 200, 150, [spacex, nasa]),
        (3, "Space Launch Complex 40", 12, 28.562, -80.577, 300, 300, [spacex]),
        (65, "Rocket Lab Launch Complex 1A", 10, -39.262, 177.865, 60, 60, [rocket_lab]),
        (130, "Launch Complex 39B", 27, 28.627, -80.621, 50, 20, [nasa]),
        (300, "Unknown Pad", 20, None, None, 0, 0, []),
    ]
    for pk, name, location, latitude, longitude, launches, orbital, agencies in pads:
        pad = Pad.objects.create(
            id=pk,
            name=name,
            location_id=location,
            latitude=latitude,
            longitude=longitude,
            total_launch_count=launches,
            orbital_launch_attempt_count=orbital,
        )
        pad.agencies.add(*agencies)


def test_locations_are_listed_by_id_by_default(api, places):
    assert ids(api, "locations") == [10, 12, 20, 27]
    assert ids(api, "locations", "mode=detailed") == [10, 12, 20, 27]


def test_location_country_code_is_one_alpha_3_code(api, places):
    assert ids(api, "locations", "country_code=NZL") == [10]
    assert ids(api, "locations", "country_code=USA") == [12, 27]
    assert ids(api, "locations", "country_code=NZ") == []


def test_location_counts_and_name(api, places):
    assert ids(api, "locations", "total_launch_count__gte=250") == [12, 27]
    assert ids(api, "locations", "total_landing_count=0") == [10]
    assert ids(api, "locations", "total_landing_count__lt=50&total_launch_count__gt=0") == [10, 27]
    assert ids(api, "locations", "name__contains=FL") == [12, 27]
    assert ids(api, "locations", "id=20") == [20]


def test_location_search_and_ordering(api, places):
    assert ids(api, "locations", "search=NZL") == [10]
    assert ids(api, "locations", "search=Kennedy") == [27]
    assert ids(api, "locations", "ordering=-total_launch_count") == [12, 27, 10, 20]
    assert ids(api, "locations", "ordering=total_landing_count") == [10, 20, 27, 12]
    # `name` is not an ordering field of LL2's /locations/: the default order stays.
    assert ids(api, "locations", "ordering=name") == [10, 12, 20, 27]


def test_pads_are_listed_by_id_by_default(api, places):
    assert ids(api, "pads") == [3, 65, 87, 130, 300]


def test_agencies_ids_is_a_comma_list(api, places):
    assert ids(api, "pads", "agencies_ids=44") == [87, 130]
    # 39A is used by both and listed once.
    assert ids(api, "pads", "agencies_ids=121,44") == [3, 87, 130]
    assert ids(api, "pads", "agencies_ids=999") == []


def test_id_contains_matches_the_digits_of_the_id(api, places):
    assert ids(api, "pads", "id__contains=3") == [3, 130, 300]
    assert ids(api, "pads", "id__contains=30") == [130, 300]
    assert ids(api, "pads", "id=65") == [65]


def test_latitude_and_longitude_bounds(api, places):
    assert ids(api, "pads", "latitude__lt=0") == [65]
    assert ids(api, "pads", "latitude__gte=28.6&longitude__lt=-80.6") == [87, 130]
    assert ids(api, "pads", "longitude__gt=-80.6&longitude__lte=0") == [3]


def test_pad_location_name_and_counts(api, places):
    assert ids(api, "pads", "location__id=27") == [87, 130]
    assert ids(api, "pads", "location__name__contains=Kennedy") == [87, 130]
    assert ids(api, "pads", "location__name=Unknown Location") == [300]
    assert ids(api, "pads", "name__contains=39") == [87, 130]
    assert ids(api, "pads", "orbital_launch_attempt_count__gte=100") == [3, 87]
    assert ids(api, "pads", "total_launch_count=60") == [65]


def test_pad_search_includes_the_counts(api, places):
    assert ids(api, "pads", "search=39A") == [87]
    assert ids(api, "pads", "search=Mahia") == [65]
    assert ids(api, "pads", "search=300") == [3]


def test_pad_ordering(api, places):
    assert ids(api, "pads", "ordering=-orbital_launch_attempt_count") == [3, 87, 65, 130, 300]
    assert ids(api, "pads", "ordering=location__name") == [3, 87, 130, 65, 300]
    assert ids(api, "pads", "ordering=-location__id") == [130, 87, 300, 3, 65]
    # With a many-to-many filter (each pad once) and an ordering through the location.
    assert ids(api, "pads", "agencies_ids=121,44&ordering=-location__name") == [130, 87, 3]


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("pads", "latitude__gt=north", "latitude__gt"),
        ("pads", "agencies_ids=121,SpaceX", "agencies_ids"),
        ("pads", "id__contains=x", "id__contains"),
        ("pads", "location__id=KSC", "location__id"),
        ("locations", "total_launch_count__gte=lots", "total_launch_count__gte"),
        ("locations", "id=x", "id"),
        ("locations", "mode=list", "mode"),
    ],
)
def test_a_bad_place_filter_is_a_400_naming_it(api, places, path, query, parameter):
    response = api.get(f"/2.3.0/{path}/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def test_real_locations_and_pads_filter_as_on_ll2(load, api):
    load(REAL / "locations.detailed.json", REAL / "pads.normal.json")
    assert ids(api, "locations", "country_code=NZL") == [10]
    mahia = api.get("/2.3.0/pads/?format=json&location__id=10").json()["results"]
    assert {pad["id"] for pad in mahia} == {65, 185, 210}
    rocket_lab = api.get("/2.3.0/pads/?format=json&limit=100&agencies_ids=147").json()["results"]
    assert {65, 185} <= {pad["id"] for pad in rocket_lab}
    assert all(147 in [agency["id"] for agency in pad["agencies"]] for pad in rocket_lab)
    assert {87, 203} <= set(ids(api, "pads", "search=39A"))
