"""/payloads/ and /payload_flights/: filters, search through the flights, and ordering by launch
date that lists a payload that flew twice once."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from conftest import assert_every_mode_serves_the_same_objects, ids

from openll.catalog.models import Agency, Launch, Payload, PayloadFlight, Program


def launch(name: str, year: int) -> Launch:
    return Launch.objects.create(id=uuid.uuid4(), name=name, net=dt.datetime(year, 1, 1, tzinfo=dt.UTC))


@pytest.fixture
def payloads(db):
    """EarthCARE (ESA/JAXA, flew 2024), X-37B-like OTV (flew 2010 and 2020), Cubesat (never flown)."""
    esa = Agency.objects.create(id=27, name="European Space Agency", abbrev="ESA")
    jaxa = Agency.objects.create(id=37, name="Japan Aerospace Exploration Agency", abbrev="JAXA")
    boeing = Agency.objects.create(id=80, name="Boeing", abbrev="BA")
    usaf = Agency.objects.create(id=161, name="United States Air Force", abbrev="USAF")
    living_planet = Program.objects.create(id=18, name="Living Planet Programme")
    earthcare = Payload.objects.create(id=2, name="EarthCARE", manufacturer=esa, operator=jaxa)
    earthcare.program.add(living_planet)
    otv = Payload.objects.create(id=3, name="OTV", manufacturer=boeing, operator=usaf)
    Payload.objects.create(id=4, name="Cubesat", manufacturer=esa, operator=esa)
    PayloadFlight.objects.create(id=10, payload=earthcare, launch=launch("Falcon 9 | EarthCARE", 2024))
    PayloadFlight.objects.create(
        id=11, payload=otv, launch=launch("Atlas V 501 | OTV-1", 2010), destination="Low Earth Orbit"
    )
    PayloadFlight.objects.create(id=12, payload=otv, launch=launch("Atlas V 501 | OTV-6", 2020))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [2, 3, 4]),
        ("program__id=18", [2]),
        ("manufacturer__id=27", [2, 4]),
        ("manufacturer__name=Boeing", [3]),
        ("operator=37", [2]),
        ("operator__id=27", [4]),
        ("operator__name=United States Air Force", [3]),
        ("name=Cubesat", [4]),
    ],
)
def test_payload_filters(payloads, api, query, expected):
    assert ids(api, "payloads", query) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [("EarthCare", [2]), ("OTV-6", [3]), ("Low Earth", [3]), ("Air Force", [3]), ("European", [2, 4])],
)
def test_payload_search_covers_flights_and_their_launches(payloads, api, term, expected):
    assert ids(api, "payloads", f"search={term}") == expected


def test_ordering_by_launch_date_lists_a_payload_that_flew_twice_once(payloads, api):
    """Ordering on a reverse relation repeats the object per related row; LL2 clients page by
    offset, so a repeated payload would push another off the pages."""
    newest = ids(api, "payloads", "ordering=-payloadflight__rocket__launch__net")
    oldest = ids(api, "payloads", "ordering=payloadflight__rocket__launch__net")
    # Never flown sorts as LL2's PostgreSQL sorts NULL: first descending, last ascending.
    # Descending, OTV by its latest flight (2020) after EarthCARE (2024); ascending, by its first (2010).
    assert newest == [4, 2, 3]
    assert oldest == [3, 2, 4]
    body = api.get("/2.3.0/payloads/?format=json&ordering=-payloadflight__rocket__launch__net").json()
    assert body["count"] == 3


def test_payload_flights_filter_by_payload(payloads, api):
    assert ids(api, "payload_flights") == [10, 11, 12]
    assert ids(api, "payload_flights", "payload=3") == [11, 12]


def test_payloads_and_flights_are_served_in_every_mode_and_by_id(payloads, api):
    for path in ("payloads", "payload_flights"):
        assert_every_mode_serves_the_same_objects(api, path)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("payloads/?program__id=Living", "program__id"),
        ("payloads/?operator=999", "operator"),
        ("payloads/?manufacturer__id=x", "manufacturer__id"),
        ("payload_flights/?payload=abc", "payload"),
        ("payload_flights/?mode=full", "mode"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(payloads, api, url, parameter):
    response = api.get(f"/2.3.0/{url}&format=json")
    assert response.status_code == 400
    assert parameter in response.json()
