"""The three real LL2 responses in data/seeds, reproduced after importing what they show."""

from __future__ import annotations

import datetime as dt
import html
import re

from conftest import first_difference, normalise

from openll import spec
from openll.api.declaration import endpoints
from openll.api.docs import description
from openll.catalog.models import DockingEvent, Spacecraft

REGISTRY = endpoints()


def get_json(api, url):
    response = api.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_docking_event_529_is_served_exactly_as_ll2_serves_it(load, api, seed):
    page = seed("002")
    load(page.path)
    got = get_json(api, "/2.3.0/docking_events/529/?format=json")
    assert first_difference(normalise(got), normalise(page.body)) is None


def test_browsable_page_shows_the_seeds_documentation_block(load, api, seed):
    page = seed("002")
    load(page.path)
    response = api.get("/2.3.0/docking_events/529/?format=api")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    text = html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))
    # Every line of LL2's docs header, in order ("Search" is a heading LL2's page drops).
    expected = [
        line for line in page.header.splitlines() if line.strip() and "thespacedevs.com/docs" not in line
    ]
    position = 0
    for line in expected:
        found = text.find(line, position)
        assert found >= 0, f"docs block line missing or out of order: {line!r}"
        position = found + len(line)


def test_generated_docs_equal_the_specs_description_of_each_endpoint(db):
    for endpoint in REGISTRY.values():
        assert description(endpoint) == spec.operations()[endpoint.list_path].description, endpoint.path


def test_headers_are_the_seeds(load, api, seed):
    page = seed("002")
    load(page.path)
    response = api.get("/2.3.0/docking_events/529/?format=json")
    for name in ("Allow", "Vary", "Content-Type"):
        assert response[name] == page.headers[name]


def test_docking_events_page_of_seed_000(load, api, seed):
    page = seed("000")
    load(page.path)
    # LL2's dev server held 16 docking events; the 10 not shown on that page are made here.
    earliest = min(DockingEvent.objects.values_list("docking", flat=True))
    DockingEvent.objects.bulk_create(
        DockingEvent(id=9000 + i, docking=earliest - dt.timedelta(days=1 + i)) for i in range(10)
    )
    got = get_json(api, "/2.3.0/docking_events/?format=json&offset=10")
    assert got["count"] == page.body["count"]
    assert normalise(got["next"]) == normalise(page.body["next"])
    assert normalise(got["previous"]) == normalise(page.body["previous"])
    served = {
        item["id"]: item for item in get_json(api, "/2.3.0/docking_events/?format=json&limit=100")["results"]
    }
    for item in page.body["results"]:
        assert first_difference(normalise(served[item["id"]]), normalise(item)) is None, item["id"]


def test_spacecraft_page_of_seed_003_in_order_with_its_links(load, api, seed):
    page = seed("003")
    load(page.path)
    shown = Spacecraft.objects.order_by("-time_in_space")
    longest, shortest = shown.first().time_in_space, shown.last().time_in_space
    # LL2's dev server held 596 spacecraft: 406 ranked before this page, 180 after it.
    Spacecraft.objects.bulk_create(
        [
            Spacecraft(id=10000 + i, name=f"before {i}", time_in_space=longest + dt.timedelta(hours=1 + i))
            for i in range(406)
        ]
        + [
            Spacecraft(id=20000 + i, name=f"after {i}", time_in_space=shortest - dt.timedelta(seconds=1 + i))
            for i in range(180)
        ]
    )
    got = get_json(api, "/2.3.0/spacecraft/?format=json&offset=406&ordering=-time_in_space")
    assert first_difference(normalise(got), normalise(page.body)) is None


def test_seed_003_objects_come_back_identical_in_their_relative_order(load, api, seed):
    page = seed("003")
    load(page.path)
    got = get_json(api, "/2.3.0/spacecraft/?format=json&ordering=-time_in_space")
    assert [item["id"] for item in got["results"]] == [item["id"] for item in page.body["results"]]
    for served, item in zip(got["results"], page.body["results"], strict=True):
        assert first_difference(normalise(served), normalise(item)) is None
