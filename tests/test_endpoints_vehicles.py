"""/launchers/, /launcher_configurations/ and /launcher_configuration_families/: LL2's filters
(integer "contains", comma lists, repeatable families and programs), search, ordering."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import assert_every_mode_serves_the_same_objects, ids

from openll.catalog.models import (
    Agency,
    Country,
    Launcher,
    LauncherConfig,
    LauncherConfigFamily,
    LauncherStatus,
    Program,
)


@pytest.fixture
def vehicles(db):
    usa = Country.objects.create(id=1, name="United States", alpha_2_code="US", alpha_3_code="USA")
    france = Country.objects.create(id=2, name="France", alpha_2_code="FR", alpha_3_code="FRA")
    russia = Country.objects.create(id=3, name="Russia", alpha_2_code="RU", alpha_3_code="RUS")
    spacex = Agency.objects.create(id=121, name="SpaceX", abbrev="SpX")
    spacex.country.add(usa)
    arianespace = Agency.objects.create(id=115, name="Arianespace", abbrev="ASA")
    arianespace.country.add(france)
    airbus = Agency.objects.create(id=1015, name="Airbus Safran Launchers", abbrev="ASL")
    airbus.country.add(france)
    roscosmos = Agency.objects.create(id=63, name="Russian Federal Space Agency (ROSCOSMOS)", abbrev="RFSA")
    roscosmos.country.add(russia)

    falcon = LauncherConfigFamily.objects.create(id=1, name="Falcon", total_launch_count=400)
    falcon.manufacturer.add(spacex)
    ariane = LauncherConfigFamily.objects.create(id=2, name="Ariane", total_launch_count=260)
    ariane.manufacturer.add(arianespace, airbus)
    soyuz = LauncherConfigFamily.objects.create(id=3, name="Soyuz", total_launch_count=1900)
    soyuz.manufacturer.add(roscosmos)
    heavy = LauncherConfigFamily.objects.create(id=4, name="Heavy lift", total_launch_count=10)

    commercial = Program.objects.create(id=17, name="Commercial Crew Program")
    artemis = Program.objects.create(id=18, name="Artemis")
    falcon9 = LauncherConfig.objects.create(
        id=164,
        name="Falcon 9",
        full_name="Falcon 9 Block 5",
        manufacturer=spacex,
        active=True,
        maiden_flight=dt.date(2018, 5, 11),
        total_launch_count=380,
    )
    falcon9.families.add(falcon)
    falcon9.program.add(commercial)
    falcon_heavy = LauncherConfig.objects.create(
        id=161,
        name="Falcon Heavy",
        full_name="Falcon Heavy",
        manufacturer=spacex,
        active=True,
        maiden_flight=dt.date(2018, 2, 6),
        total_launch_count=11,
    )
    falcon_heavy.families.add(falcon, heavy)
    falcon_heavy.program.add(commercial, artemis)
    ariane5 = LauncherConfig.objects.create(
        id=2,
        name="Ariane 5 ECA",
        full_name="Ariane 5 ECA",
        manufacturer=arianespace,
        active=False,
        maiden_flight=dt.date(2002, 12, 11),
        total_launch_count=84,
    )
    ariane5.families.add(ariane)

    active = LauncherStatus.objects.create(id=1, name="Active")
    expended = LauncherStatus.objects.create(id=3, name="Expended")
    for pk, serial, config, flights, status in [
        (12, "B1012", falcon9, 1, expended),
        (112, "B1060", falcon9, 20, active),
        (1203, "B1059", falcon9, 19, expended),
        (21, "B1052", falcon_heavy, 8, active),
        (5, "L5001", ariane5, 1, expended),
    ]:
        Launcher.objects.create(
            id=pk,
            serial_number=serial,
            launcher_config=config,
            flights=flights,
            status=status,
            flight_proven=flights > 1,
            is_placeholder=False,
        )
    Launcher.objects.create(id=7, serial_number="Unknown F9", launcher_config=falcon9, is_placeholder=True)


# Launchers


def test_launchers_are_listed_by_serial_number_by_default(vehicles, api):
    assert ids(api, "launchers") == [12, 21, 1203, 112, 5, 7]


def test_launcher_id_contains_matches_the_digits_of_the_id(vehicles, api):
    """LL2's `id__contains` is Django's `contains` on an integer: the id read as text."""
    assert ids(api, "launchers", "id__contains=12&ordering=id") == [12, 112, 1203]
    assert ids(api, "launchers", "id=12") == [12]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("launcher_config__ids=161", [21]),
        ("launcher_config__ids=161,2", [5, 21]),
        ("serial_number=B1060", [112]),
        ("serial_number__contains=B10", [12, 21, 112, 1203]),
        ("launcher_config__manufacturer__name=Arianespace", [5]),
        ("launcher_config__manufacturer__name__contains=pace", [5, 7, 12, 21, 112, 1203]),
        ("flights__gte=19", [112, 1203]),
        ("flights__lt=2", [5, 12]),
        ("flight_proven=true", [21, 112, 1203]),
        ("is_placeholder=True", [7]),
        ("status=3", [5, 12, 1203]),
    ],
)
def test_launcher_filters(vehicles, api, query, expected):
    assert ids(api, "launchers", f"{query}&ordering=id") == expected


def test_launchers_search_serial_numbers_and_status_names(vehicles, api):
    assert ids(api, "launchers", "search=B1059") == [1203]
    assert ids(api, "launchers", "search=Expended") == [12, 1203, 5]


def test_launchers_order_by_flights(vehicles, api):
    assert ids(api, "launchers", "ordering=-flights&flights__gte=8") == [112, 1203, 21]


# Launcher configurations


def test_launcher_configurations_are_listed_by_name_by_default(vehicles, api):
    assert ids(api, "launcher_configurations") == [2, 164, 161]


def test_repeated_families_match_any_of_them_and_list_each_configuration_once(vehicles, api):
    assert ids(api, "launcher_configurations", "families=1") == [164, 161]
    assert ids(api, "launcher_configurations", "families=1&families=4&families=2") == [2, 164, 161]


def test_families_contains_matches_configurations_in_all_of_them(vehicles, api):
    assert ids(api, "launcher_configurations", "families__contains=1") == [164, 161]
    assert ids(api, "launcher_configurations", "families__contains=1&families__contains=4") == [161]


def test_repeated_programs_match_any_and_program_contains_all(vehicles, api):
    assert ids(api, "launcher_configurations", "program=18&program=17") == [164, 161]
    assert ids(api, "launcher_configurations", "program__contains=17&program__contains=18") == [161]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("manufacturer__name=SpaceX", [164, 161]),
        ("manufacturer__name__contains=ane", [2]),
        ("name=Falcon 9", [164]),
        ("name__contains=Falcon", [164, 161]),
        ("full_name__contains=Block 5", [164]),
        ("active=false", [2]),
        ("maiden_flight__gte=2018-03-01", [164]),
        ("maiden_flight__lt=2018-03-01", [2, 161]),
        ("total_launch_count__gt=80", [2, 164]),
    ],
)
def test_launcher_configuration_filters(vehicles, api, query, expected):
    assert ids(api, "launcher_configurations", query) == expected


def test_launcher_configurations_search_names_and_manufacturers(vehicles, api):
    assert ids(api, "launcher_configurations", "search=ASA") == [2]
    assert ids(api, "launcher_configurations", "search=Block 5") == [164]
    assert ids(api, "launcher_configurations", "ordering=-total_launch_count") == [164, 2, 161]


# Launcher configuration families


def test_families_with_several_matching_manufacturers_are_listed_once(vehicles, api):
    assert ids(api, "launcher_configuration_families", "manufacturer__name__contains=a") == [1, 2, 3]
    assert ids(api, "launcher_configuration_families", "manufacturer__abbrev__contains=AS") == [2]


def test_family_manufacturer_id_contains_matches_the_digits_of_the_id(vehicles, api):
    assert ids(api, "launcher_configuration_families", "manufacturer__id__contains=15") == [2]
    assert ids(api, "launcher_configuration_families", "manufacturer__id=63") == [3]


def test_family_manufacturer_country_code_is_a_list_of_alpha_3_codes(vehicles, api):
    assert ids(api, "launcher_configuration_families", "manufacturer__country_code=FRA") == [2]
    assert ids(api, "launcher_configuration_families", "manufacturer__country_code=USA,RUS") == [1, 3]


def test_families_search_and_order(vehicles, api):
    assert ids(api, "launcher_configuration_families", "search=SpX") == [1]
    assert ids(api, "launcher_configuration_families", "ordering=-total_launch_count") == [3, 1, 2, 4]
    assert ids(api, "launcher_configuration_families", "name__contains=a") == [1, 2, 4]


@pytest.mark.parametrize("path", ["launchers", "launcher_configurations", "launcher_configuration_families"])
def test_every_mode_and_the_detail_page_serve_the_objects(vehicles, api, path):
    assert_every_mode_serves_the_same_objects(api, path)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("launchers/?id__contains=B10", "id__contains"),
        ("launchers/?launcher_config__ids=164,x", "launcher_config__ids"),
        ("launchers/?flights__gte=many", "flights__gte"),
        ("launchers/?status=99", "status"),
        ("launchers/?flight_proven=yes", "flight_proven"),
        ("launcher_configurations/?families=99", "families"),
        ("launcher_configurations/?families__contains=abc", "families__contains"),
        ("launcher_configurations/?program=1&program=x", "program"),
        ("launcher_configurations/?maiden_flight__gte=2018-13-45", "maiden_flight__gte"),
        ("launcher_configuration_families/?manufacturer__id__contains=x", "manufacturer__id__contains"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(vehicles, api, url, parameter):
    response = api.get(f"/2.3.0/{url}&format=json")
    assert response.status_code == 400
    assert parameter in response.json()
