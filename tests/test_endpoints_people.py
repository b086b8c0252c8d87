"""/astronauts/ and /spacewalks/: filters, search and ordering as LL2 answers them."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from conftest import ids, utc

from openll.catalog.models import (
    Agency,
    Astronaut,
    AstronautFlight,
    AstronautStatus,
    AstronautType,
    Country,
    Event,
    Launch,
    Program,
    SpacecraftFlight,
    SpaceStation,
    Spacewalk,
)


@pytest.fixture
def astronauts(db):
    nasa = Agency.objects.create(id=44, name="National Aeronautics and Space Administration", abbrev="NASA")
    esa = Agency.objects.create(id=27, name="European Space Agency", abbrev="ESA")
    spacex = Agency.objects.create(id=121, name="SpaceX", abbrev="SpX")
    active, retired = (
        AstronautStatus.objects.create(id=1, name="Active"),
        AstronautStatus.objects.create(id=2, name="Retired"),
    )
    government = AstronautType.objects.create(id=2, name="Government")
    non_human = AstronautType.objects.create(id=6, name="Non-Human")
    american = Country.objects.create(id=1, alpha_3_code="USA", nationality_name="American")
    french = Country.objects.create(id=2, alpha_3_code="FRA", nationality_name="French")
    british = Country.objects.create(id=3, alpha_3_code="GBR", nationality_name="British")

    def astronaut(pk, name, flights, first_flight, days_in_space, **fields):
        Astronaut.objects.create(
            id=pk,
            name=name,
            flights_count=flights,
            first_flight=first_flight,
            last_flight=first_flight,
            time_in_space=dt.timedelta(days=days_in_space),
            **fields,
        )

    pesquet = {"agency": esa, "status": active, "type": government, "in_space": True, "age": 46}
    astronaut(1, "Thomas Pesquet", 2, utc(2016, 11, 17), 396, date_of_birth=dt.date(1978, 2, 27), **pesquet)
    foale = {"agency": nasa, "status": retired, "type": government, "in_space": False, "age": 67}
    astronaut(2, "Michael Foale", 6, utc(1992, 3, 24), 374, date_of_birth=dt.date(1957, 1, 6), **foale)
    astronaut(3, "Starman", 1, utc(2018, 2, 6), 2600, agency=spacex, type=non_human, in_space=True)
    candidate = {"agency": nasa, "status": active, "in_space": False, "age": 35}
    astronaut(4, "Candidate", 0, None, 0, date_of_birth=dt.date(1989, 5, 1), **candidate)
    # Counts not computed yet, but a first flight on record: has flown.
    veteran = {"status": retired, "type": government, "in_space": False, "age": 90}
    astronaut(5, "Unknown Counts", None, utc(1965, 3, 18), 1, date_of_birth=dt.date(1934, 1, 1), **veteran)
    Astronaut.objects.get(pk=1).nationality.add(french)
    # A dual national matches either nationality, and is listed once.
    Astronaut.objects.get(pk=2).nationality.add(british, american)
    Astronaut.objects.get(pk=4).nationality.add(american)


def test_astronauts_are_listed_by_id_by_default(api, astronauts):
    assert ids(api, "astronauts") == [1, 2, 3, 4, 5]


def test_agency_and_status_ids_are_comma_lists(api, astronauts):
    assert ids(api, "astronauts", "agency_ids=44") == [2, 4]
    assert ids(api, "astronauts", "agency_ids=44,27") == [1, 2, 4]
    assert ids(api, "astronauts", "status_ids=2") == [2, 5]
    assert ids(api, "astronauts", "status_ids=1,2&agency_ids=44") == [2, 4]


def test_has_flown_means_a_flight_count_or_a_first_flight(api, astronauts):
    assert ids(api, "astronauts", "has_flown=true") == [1, 2, 3, 5]
    assert ids(api, "astronauts", "has_flown=false") == [4]


def test_is_human_excludes_the_non_human_astronaut_type(api, astronauts):
    assert ids(api, "astronauts", "is_human=True") == [1, 2, 4, 5]
    assert ids(api, "astronauts", "is_human=False") == [3]
    assert ids(api, "astronauts", "type__id=2") == [1, 2, 5]


def test_nationality_is_a_nationality_name(api, astronauts):
    assert ids(api, "astronauts", "nationality=American") == [2, 4]
    assert ids(api, "astronauts", "nationality=british") == [2]
    assert ids(api, "astronauts", "nationality=USA") == []


def test_in_space_and_ranges(api, astronauts):
    assert ids(api, "astronauts", "in_space=1") == [1, 3]
    assert ids(api, "astronauts", "age__gte=46&age__lt=90") == [1, 2]
    assert ids(api, "astronauts", "date_of_birth__lt=1960-01-01") == [2, 5]
    assert ids(api, "astronauts", "date_of_birth=1978-02-27") == [1]
    assert ids(api, "astronauts", "first_flight__gte=2000-01-01T00:00:00Z") == [1, 3]
    assert ids(api, "astronauts", "last_flight__lt=1990-01-01T00:00:00Z") == [5]
    assert ids(api, "astronauts", "flights_count__gt=1") == [1, 2]


def test_astronaut_search_covers_agency_name_and_nationality(api, astronauts):
    assert ids(api, "astronauts", "search=Pesquet") == [1]
    assert ids(api, "astronauts", "search=ESA") == [1]
    assert ids(api, "astronauts", "search=Aeronautics") == [2, 4]
    assert ids(api, "astronauts", "search=British") == [2]


def test_astronaut_ordering(api, astronauts):
    assert ids(api, "astronauts", "ordering=-time_in_space") == [3, 1, 2, 5, 4]
    assert ids(api, "astronauts", "ordering=name") == [4, 2, 3, 1, 5]
    # By status id, ties by id; where the statusless astronaut goes is the database's choice.
    assert [pk for pk in ids(api, "astronauts", "ordering=status") if pk != 3] == [1, 4, 2, 5]
    assert [pk for pk in ids(api, "astronauts", "ordering=-status") if pk != 3] == [5, 2, 4, 1]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("has_flown=maybe", "has_flown"),
        ("is_human=robot", "is_human"),
        ("agency_ids=44,NASA", "agency_ids"),
        ("status_ids=active", "status_ids"),
        ("date_of_birth__gt=yesterday", "date_of_birth__gt"),
        ("first_flight__lt=soon", "first_flight__lt"),
        ("age=old", "age"),
    ],
)
def test_a_bad_astronaut_filter_is_a_400_naming_it(api, astronauts, query, parameter):
    response = api.get(f"/2.3.0/astronauts/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()


LAUNCH_A = uuid.UUID("11111111-1111-1111-1111-111111111111")
LAUNCH_B = uuid.UUID("22222222-2222-2222-2222-222222222222")


@pytest.fixture
def spacewalks(astronauts):
    roscosmos = Agency.objects.create(id=63, name="Russian Federal Space Agency (ROSCOSMOS)", abbrev="RFSA")
    iss = SpaceStation.objects.create(id=4, name="International Space Station")
    iss.owners.add(Agency.objects.get(pk=44), roscosmos, Agency.objects.get(pk=27))
    mir = SpaceStation.objects.create(id=2, name="Mir")
    mir.owners.add(roscosmos)
    apollo = Program.objects.create(id=1, name="Apollo")
    apollo_applications = Program.objects.create(id=2, name="Apollo Applications")
    iss_program = Program.objects.create(id=17, name="International Space Station")
    flights = {}
    for pk, launch in ((10, LAUNCH_A), (11, LAUNCH_B)):
        Launch.objects.create(id=launch, name=f"Launch {pk}")
        flights[pk] = SpacecraftFlight.objects.create(id=pk, launch_id=launch)
    event = Event.objects.create(id=500, name="US EVA 90")

    def spacewalk(pk, name, start, programs=(), crew=(), **fields):
        walk = Spacewalk.objects.create(
            id=pk,
            name=name,
            start=start,
            end=start + dt.timedelta(hours=6),
            duration=dt.timedelta(hours=6 + pk),
            **fields,
        )
        walk.program.add(*programs)
        walk.crew.add(*(AstronautFlight.objects.create(astronaut_id=astronaut) for astronaut in crew))

    iss_walk = {"spacestation": iss, "location": iss.name, "event": event, "programs": [iss_program]}
    spacewalk(1, "US EVA 90", utc(2024, 6, 24, 12, 46), crew=[1, 2], **iss_walk)
    spacewalk(2, "Mir EVA 5", utc(1997, 9, 6, 1, 0), crew=[2], spacestation=mir, location=mir.name)
    apollo_15 = {"spacecraft_flight": flights[10], "programs": [apollo, apollo_applications]}
    spacewalk(3, "Apollo 15 EVA 1", utc(1971, 7, 31, 13, 12), **apollo_15)
    skylab = {"spacecraft_flight": flights[11], "programs": [apollo_applications], "crew": [5]}
    spacewalk(4, "Skylab EVA", utc(1973, 6, 7, 15, 15), **skylab)


def test_spacewalks_are_listed_by_id_by_default(api, spacewalks):
    assert ids(api, "spacewalks") == [1, 2, 3, 4]
    for mode in ("list", "normal", "detailed"):
        assert ids(api, "spacewalks", f"mode={mode}") == [1, 2, 3, 4]


def test_spacewalk_id_lists(api, spacewalks):
    assert ids(api, "spacewalks", "ids=4,1") == [1, 4]
    assert ids(api, "spacewalks", "id=2") == [2]
    # Astronaut 2 walked twice; spacewalk 1 had two of the listed astronauts and is listed once.
    assert ids(api, "spacewalks", "astronaut__ids=2") == [1, 2]
    assert ids(api, "spacewalks", "astronaut__ids=1,2") == [1, 2]
    assert ids(api, "spacewalks", "event__ids=500") == [1]
    assert ids(api, "spacewalks", "spacestation__ids=2,4") == [1, 2]
    assert ids(api, "spacewalks", "program__ids=2") == [3, 4]
    assert ids(api, "spacewalks", "program__ids=1,2") == [3, 4]


def test_launch_ids_are_the_launches_of_the_spacecraft_flights(api, spacewalks):
    assert ids(api, "spacewalks", f"launch__ids={LAUNCH_A}") == [3]
    assert ids(api, "spacewalks", f"launch__ids={LAUNCH_A},{LAUNCH_B}") == [3, 4]
    assert ids(api, "spacewalks", f"launch__ids={uuid.uuid4()}") == []


def test_owner_ids_are_the_owners_of_the_space_station(api, spacewalks):
    assert ids(api, "spacewalks", "owner__ids=63") == [1, 2]
    assert ids(api, "spacewalks", "owner__ids=44") == [1]
    assert ids(api, "spacewalks", "owner__ids=44,63,27") == [1, 2]
    assert ids(api, "spacewalks", "owner__ids=121") == []


def test_program_name_lists_each_spacewalk_once(api, spacewalks):
    assert ids(api, "spacewalks", "program__name=Apollo") == [3]
    assert ids(api, "spacewalks", "program__name__contains=Apollo") == [3, 4]


def test_year_month_and_day_are_of_the_start(api, spacewalks):
    assert ids(api, "spacewalks", "year=1971,1973") == [3, 4]
    assert ids(api, "spacewalks", "month=6") == [1, 4]
    assert ids(api, "spacewalks", "month=6&day=7") == [4]
    assert ids(api, "spacewalks", "start__gte=1990-01-01T00:00:00Z") == [1, 2]
    assert ids(api, "spacewalks", "end__lt=1972-01-01T00:00:00Z") == [3]
    assert ids(api, "spacewalks", "name__contains=EVA 1") == [3]


def test_spacewalk_search_and_ordering(api, spacewalks):
    assert ids(api, "spacewalks", "search=Pesquet") == [1]
    assert ids(api, "spacewalks", "search=Mir") == [2]
    assert ids(api, "spacewalks", "search=Applications") == [3, 4]
    assert ids(api, "spacewalks", "ordering=-duration") == [4, 3, 2, 1]
    assert ids(api, "spacewalks", "ordering=start") == [3, 4, 2, 1]
    assert ids(api, "spacewalks", "astronaut__ids=1,2,5&ordering=-duration") == [4, 2, 1]
    assert ids(api, "spacewalks", "program__name__contains=Apollo&ordering=name") == [3, 4]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("launch__ids=not-a-uuid", "launch__ids"),
        ("astronaut__ids=Pesquet", "astronaut__ids"),
        ("owner__ids=NASA", "owner__ids"),
        ("year=last", "year"),
        ("start__gt=tomorrow", "start__gt"),
    ],
)
def test_a_bad_spacewalk_filter_is_a_400_naming_it(api, spacewalks, query, parameter):
    response = api.get(f"/2.3.0/spacewalks/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()
