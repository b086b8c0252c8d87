"""The 29 `/config/...` lookup tables: every one the spec lists is served, as a page and by id."""

from __future__ import annotations

import pytest

from openll import spec
from openll.api.declaration import endpoints
from openll.api.endpoints.config import TABLES
from openll.catalog.models import Country, LandingLocation, LaunchStatus, Orbit


def test_every_config_table_of_the_spec_is_declared():
    listed = {p for p in spec.operations() if p.startswith("/config/") and not p.endswith("{id}/")}
    assert {f"/config/{table}/" for table in TABLES} == listed
    assert all(f"config/{table}" in endpoints() for table in TABLES)


@pytest.fixture
def tables(db):
    LaunchStatus.objects.all().delete()  # the rows a migration adds (LL2's statuses) aside
    LaunchStatus.objects.create(
        id=3, name="Launch Successful", abbrev="Success", description="The launch was a success."
    )
    LaunchStatus.objects.create(id=1, name="Go for Launch", abbrev="Go", description="Current T-0 confirmed.")
    Country.objects.create(id=2, name="United States of America", alpha_2_code="US", alpha_3_code="USA")
    Orbit.objects.create(id=8, name="Low Earth Orbit", abbrev="LEO")
    LandingLocation.objects.create(id=4, name="Landing Zone 1", abbrev="LZ-1", active=True)


def test_a_config_table_is_a_page_in_id_order_with_exactly_the_specs_fields(tables, api):
    body = api.get("/2.3.0/config/launch_statuses/?format=json").json()
    assert body["count"] == 2 and body["next"] is None
    assert [item["id"] for item in body["results"]] == [1, 3]
    assert body["results"][0] == {
        "id": 1,
        "name": "Go for Launch",
        "abbrev": "Go",
        "description": "Current T-0 confirmed.",
    }
    assert list(body["results"][1]) == [p.name for p in spec.schema("LaunchStatus").properties]


@pytest.mark.parametrize(
    ("url", "field", "value"),
    [
        ("config/launch_statuses/3/", "abbrev", "Success"),
        ("config/countries/2/", "alpha_3_code", "USA"),
        ("config/orbits/8/", "abbrev", "LEO"),
        ("config/landing_locations/4/", "abbrev", "LZ-1"),
    ],
)
def test_a_config_entry_is_served_by_id(tables, api, url, field, value):
    response = api.get(f"/2.3.0/{url}?format=json")
    assert response.status_code == 200
    assert response.json()[field] == value


def test_config_pages_are_limited_and_unknown_ids_are_404(tables, api):
    body = api.get("/2.3.0/config/launch_statuses/?format=json&limit=1").json()
    assert len(body["results"]) == 1 and body["next"]
    assert api.get("/2.3.0/config/launch_statuses/99/?format=json").status_code == 404
    assert api.get("/2.3.0/config/astronaut_roles/?format=json").json()["count"] == 0


def test_config_browsable_page_shows_ll2s_documentation_block(tables, api):
    response = api.get("/2.3.0/config/orbits/?format=api")
    assert response.status_code == 200
    assert "Use <code>limit</code> to control the number of objects" in response.content.decode()


def test_payload_deployed_is_a_launch_status_on_an_empty_database(api):
    """LL2 2.3.0 added `Payload Deployed` (id 9); openll knows LL2's statuses before any import."""
    body = api.get("/2.3.0/config/launch_statuses/9/?format=json").json()
    assert body == {
        "id": 9,
        "name": "Payload Deployed",
        "abbrev": "Deployed",
        "description": "Deployment of the payload(s) has been confirmed.",
    }
    listed = api.get("/2.3.0/config/launch_statuses/?format=json").json()
    assert [status["id"] for status in listed["results"]] == list(range(1, 10))
