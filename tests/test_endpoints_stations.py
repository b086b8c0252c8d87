"""/space_stations/ and /expeditions/: filters, search and ordering as LL2 answers them."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ids, utc

from openll.catalog.models import (
    Agency,
    Astronaut,
    AstronautFlight,
    Country,
    Expedition,
    Orbit,
    SpaceStation,
    SpaceStationStatus,
    SpaceStationType,
)


@pytest.fixture
def stations(db):
    nasa = Agency.objects.create(id=44, name="National Aeronautics and Space Administration", abbrev="NASA")
    roscosmos = Agency.objects.create(id=63, name="Russian Federal Space Agency (ROSCOSMOS)", abbrev="RFSA")
    cmsa = Agency.objects.create(id=88, name="China Manned Space Agency", abbrev="CMSA")
    axiom = Agency.objects.create(id=140, name="Axiom Space", abbrev="Axiom")
    active, deorbited, development = (
        SpaceStationStatus.objects.create(id=i, name=n)
        for i, n in ((1, "Active"), (2, "De-Orbited"), (3, "Dev"))
    )
    government, commercial = (
        SpaceStationType.objects.create(id=2, name="Government"),
        SpaceStationType.objects.create(id=3, name="Commercial"),
    )
    Orbit.objects.create(id=8, name="Low Earth Orbit", abbrev="LEO")
    Orbit.objects.create(id=1, name="Geostationary Orbit", abbrev="GEO")
    leo = "Low Earth Orbit"
    rows = [
        # id, name, status, type, owners, orbit, founded, crew, docked
        (4, "International Space Station", active, government, [nasa, roscosmos], leo, 1998, 7, 5),
        (5, "Mir", deorbited, government, [roscosmos], leo, 1986, 0, 0),
        (18, "Tiangong", active, government, [cmsa], leo, 2021, 3, 2),
        (17, "Axiom Station", development, commercial, [axiom], None, 2026, 0, 0),
        (6, "Skylab", deorbited, government, [nasa], "Heliocentric N/A", 1973, 0, 0),
    ]
    for pk, name, status, kind, owners, orbit, founded, crew, docked in rows:
        station = SpaceStation.objects.create(
            id=pk,
            name=name,
            status=status,
            type=kind,
            orbit=orbit,
            founded=dt.date(founded, 1, 1),
            onboard_crew=crew,
            docked_vehicles=docked,
            volume=100 * pk,
        )
        station.owners.add(*owners)


def test_space_stations_are_listed_by_id_by_default(api, stations):
    assert ids(api, "space_stations") == [4, 5, 6, 17, 18]
    assert ids(api, "space_stations", "mode=detailed") == [4, 5, 6, 17, 18]


def test_owner_ids_is_a_comma_list(api, stations):
    assert ids(api, "space_stations", "owner__ids=63") == [4, 5]
    # The ISS is owned by both and listed once.
    assert ids(api, "space_stations", "owner__ids=44,63") == [4, 5, 6]


def test_owners_is_repeated_to_list_several(api, stations):
    assert ids(api, "space_stations", "owners=88") == [18]
    assert ids(api, "space_stations", "owners=88&owners=44") == [4, 6, 18]
    assert ids(api, "space_stations", "owners=44&owners=63") == [4, 5, 6]


def test_status_and_type(api, stations):
    assert ids(api, "space_stations", "status=1") == [4, 18]
    assert ids(api, "space_stations", "status__ids=2,3") == [5, 6, 17]
    assert ids(api, "space_stations", "type=3") == [17]


def test_orbit_is_the_id_of_the_orbit_named_by_the_station(api, stations):
    assert ids(api, "space_stations", "orbit=8") == [4, 5, 18]
    assert ids(api, "space_stations", "orbit=1") == []
    assert ids(api, "space_stations", "orbit=999") == []


def test_crew_docked_vehicles_and_name(api, stations):
    assert ids(api, "space_stations", "onboard_crew__gte=1") == [4, 18]
    assert ids(api, "space_stations", "docked_vehicles=2") == [18]
    assert ids(api, "space_stations", "name__contains=Station") == [4, 17]
    assert ids(api, "space_stations", "name=Mir") == [5]
    assert ids(api, "space_stations", "id=6") == [6]


def test_space_station_search_and_ordering(api, stations):
    assert ids(api, "space_stations", "search=RFSA") == [4, 5]
    assert ids(api, "space_stations", "search=Aeronautics") == [4, 6]
    assert ids(api, "space_stations", "search=tiangong") == [18]
    assert ids(api, "space_stations", "ordering=founded") == [6, 5, 4, 18, 17]
    assert ids(api, "space_stations", "ordering=-onboard_crew") == [4, 18, 17, 6, 5]
    assert ids(api, "space_stations", "ordering=status") == [4, 18, 5, 6, 17]
    assert ids(api, "space_stations", "ordering=-type") == [17, 18, 6, 5, 4]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("owners=999", "owners"),
        ("owners=NASA", "owners"),
        ("owner__ids=44,x", "owner__ids"),
        ("status__ids=active", "status__ids"),
        ("status=Active", "status"),
        ("type=999", "type"),
        ("orbit=LEO", "orbit"),
        ("onboard_crew__gte=many", "onboard_crew__gte"),
        ("mode=list", "mode"),
    ],
)
def test_a_bad_space_station_filter_is_a_400_naming_it(api, stations, query, parameter):
    response = api.get(f"/2.3.0/space_stations/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.fixture
def expeditions(stations):
    usa = Country.objects.create(id=1, alpha_3_code="USA", nationality_name="American")
    kelly = Astronaut.objects.create(id=1, name="Scott Kelly", agency_id=44)
    kelly.nationality.add(usa)
    kornienko = Astronaut.objects.create(id=2, name="Mikhail Kornienko", agency_id=63)
    yang = Astronaut.objects.create(id=3, name="Yang Liwei", agency_id=88)
    rows = [
        # id, name, station, start, end, crew
        (1, "Expedition 43", 4, utc(2015, 3, 11), utc(2015, 5, 14), [kelly, kornienko]),
        (2, "Expedition 44", 4, utc(2015, 5, 14), utc(2015, 9, 11), [kelly, kornienko]),
        (3, "Mir EO-1", 5, utc(1986, 3, 13), utc(1986, 7, 16), [kornienko]),
        (4, "Shenzhou 17", 18, utc(2023, 10, 26), None, [yang]),
    ]
    for pk, name, station, start, end, crew in rows:
        expedition = Expedition.objects.create(
            id=pk, name=name, spacestation_id=station, start=start, end=end
        )
        expedition.crew.add(*(AstronautFlight.objects.create(astronaut=a) for a in crew))
    # An astronaut twice in one crew (two roles) does not list the expedition twice.
    Expedition.objects.get(pk=4).crew.add(AstronautFlight.objects.create(astronaut=yang))


def test_expeditions_are_listed_by_id_by_default(api, expeditions):
    assert ids(api, "expeditions") == [1, 2, 3, 4]
    assert ids(api, "expeditions", "mode=detailed") == [1, 2, 3, 4]


def test_expedition_crew_filters(api, expeditions):
    assert ids(api, "expeditions", "crew__astronaut=1") == [1, 2]
    assert ids(api, "expeditions", "crew__astronaut=3") == [4]
    assert ids(api, "expeditions", "crew__astronaut__agency=63") == [1, 2, 3]
    assert ids(api, "expeditions", "crew__astronaut__agency=88") == [4]
    assert ids(api, "expeditions", "crew__astronaut=999") == []


def test_space_station_is_the_expeditions_station(api, expeditions):
    assert ids(api, "expeditions", "space_station=4") == [1, 2]
    assert ids(api, "expeditions", "space_station=18") == [4]
    assert ids(api, "expeditions", "space_station=6") == []


def test_expedition_dates_and_name(api, expeditions):
    assert ids(api, "expeditions", "start__gte=2015-05-14T00:00:00Z") == [2, 4]
    assert ids(api, "expeditions", "end__lt=2015-06-01T00:00:00Z") == [1, 3]
    assert ids(api, "expeditions", "name=Expedition 44") == [2]


def test_expedition_search_and_ordering(api, expeditions):
    assert ids(api, "expeditions", "search=Kelly") == [1, 2]
    assert ids(api, "expeditions", "search=RFSA") == [1, 2, 3]
    assert ids(api, "expeditions", "search=American") == [1, 2]
    assert ids(api, "expeditions", "search=Shenzhou") == [4]
    assert ids(api, "expeditions", "ordering=-start") == [4, 2, 1, 3]
    assert ids(api, "expeditions", "search=Kornienko&ordering=-start") == [2, 1, 3]
    assert ids(api, "expeditions", "crew__astronaut__agency=63&ordering=end") == [3, 1, 2]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("space_station=ISS", "space_station"),
        ("crew__astronaut=Kelly", "crew__astronaut"),
        ("crew__astronaut__agency=NASA", "crew__astronaut__agency"),
        ("start__gt=someday", "start__gt"),
    ],
)
def test_a_bad_expedition_filter_is_a_400_naming_it(api, expeditions, query, parameter):
    response = api.get(f"/2.3.0/expeditions/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()
