"""/spacecraft_configurations/, /spacecraft_configuration_families/ and /spacecraft_flights/."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, assert_every_mode_serves_the_same_objects, ids

from openll.catalog.models import (
    Agency,
    Spacecraft,
    SpacecraftConfig,
    SpacecraftConfigFamily,
    SpacecraftFlight,
)

REAL_CONFIGURATIONS = DATA / "ll2-2.3.0" / "spacecraft_configurations.detailed.json"


@pytest.fixture
def configurations(db):
    spacex = Agency.objects.create(id=121, name="SpaceX", abbrev="SpX")
    northrop = Agency.objects.create(id=257, name="Northrop Grumman Space Systems", abbrev="NGSS")
    dragon = SpacecraftConfigFamily.objects.create(id=1, name="Dragon", manufacturer=spacex)
    cygnus = SpacecraftConfigFamily.objects.create(id=2, name="Cygnus", manufacturer=northrop)
    crew = SpacecraftConfig.objects.create(
        id=6, name="Crew Dragon 2", agency=spacex, human_rated=True, in_use=True
    )
    crew.family.add(dragon)
    cargo = SpacecraftConfig.objects.create(
        id=7, name="Cargo Dragon 2", agency=spacex, human_rated=False, in_use=True
    )
    cargo.family.add(dragon)
    old = SpacecraftConfig.objects.create(
        id=5, name="Cygnus Standard", agency=northrop, human_rated=False, in_use=False
    )
    old.family.add(cygnus)
    endeavour = Spacecraft.objects.create(id=289, name="Crew Dragon Endeavour", spacecraft_config=crew)
    resilience = Spacecraft.objects.create(id=290, name="Crew Dragon Resilience", spacecraft_config=crew)
    SpacecraftFlight.objects.create(id=1, spacecraft=endeavour, destination="International Space Station")
    SpacecraftFlight.objects.create(id=2, spacecraft=resilience)
    SpacecraftFlight.objects.create(id=3, spacecraft=endeavour)


def test_configurations_are_listed_by_name_as_ll2_lists_them(load, api):
    """The bundled real list came from LL2 without `ordering`, so in LL2's default order: by name.
    LL2 compares names with PostgreSQL's locale collation (case and punctuation count last); the
    configurations compared here sort the same under any collation."""
    load(REAL_CONFIGURATIONS)
    plain = {10, 43, 28, 12, 11, 4, 2, 25, 16, 15, 30}  # Apollo..., Buran, Gemini, ..., X-37B
    real = [item["id"] for item in json.loads(REAL_CONFIGURATIONS.read_text()) if item["id"] in plain]
    served = [pk for pk in ids(api, "spacecraft_configurations") if pk in plain]
    assert served == real
    assert real != sorted(real)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [7, 6, 5]),
        ("human_rated=True", [6]),
        ("in_use=false", [5]),
        ("agency=121", [7, 6]),
        ("name=Cargo Dragon 2", [7]),
        ("search=Dragon", [7, 6]),
        ("search=NGSS", [5]),
        ("ordering=-name", [5, 6, 7]),
    ],
)
def test_spacecraft_configuration_filters_search_and_ordering(configurations, api, query, expected):
    assert ids(api, "spacecraft_configurations", query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [1, 2]),
        ("manufacturer=121", [1]),
        ("name=Cygnus", [2]),
        ("search=Northrop", [2]),
        ("search=SpX", [1]),
        ("ordering=name", [2, 1]),
    ],
)
def test_spacecraft_configuration_family_filters_search_and_ordering(configurations, api, query, expected):
    assert ids(api, "spacecraft_configuration_families", query) == expected


def test_spacecraft_flights_filter_by_spacecraft(configurations, api):
    assert ids(api, "spacecraft_flights") == [1, 2, 3]
    assert ids(api, "spacecraft_flights", "spacecraft=289") == [1, 3]


@pytest.mark.parametrize(
    "path", ["spacecraft_configurations", "spacecraft_configuration_families", "spacecraft_flights"]
)
def test_every_mode_and_the_detail_page_serve_the_objects(configurations, api, path):
    assert_every_mode_serves_the_same_objects(api, path)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("spacecraft_configurations/?human_rated=perhaps", "human_rated"),
        ("spacecraft_configurations/?agency=SpaceX", "agency"),
        ("spacecraft_configurations/?mode=list", "mode"),
        ("spacecraft_configuration_families/?manufacturer=999", "manufacturer"),
        ("spacecraft_flights/?spacecraft=Endeavour", "spacecraft"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(configurations, api, url, parameter):
    response = api.get(f"/2.3.0/{url}&format=json")
    assert response.status_code == 400
    assert parameter in response.json()
