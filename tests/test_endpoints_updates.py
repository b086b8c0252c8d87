"""`/updates/`: librarians' notes, newest first, filtered by launch, provider, program, date."""

from __future__ import annotations

import pytest
from launch_examples import at, launch, lsp, update, write

from openll import spec
from openll.catalog.models import Program, Update


@pytest.fixture
def updates(load, tmp_path):
    """Two updates on a SpaceX launch, one on a Rocket Lab launch; the last is also on a program
    (LL2 nests updates in launches and events; a program's come from its own dashboard)."""
    spacex = launch(
        1,
        at("2024-10-13T12:25:00Z"),
        provider=lsp(121, "SpaceX"),
        schema="LaunchDetailed",
        updates=[
            update(11, at("2024-10-10T09:00:00Z"), "FAA license issued"),
            update(12, at("2024-10-13T12:40:00Z"), "Booster caught"),
        ],
    )
    rocket_lab = launch(
        2,
        at("2024-11-05T22:30:00Z"),
        provider=lsp(147, "Rocket Lab"),
        schema="LaunchDetailed",
        updates=[update(13, at("2024-11-01T08:00:00Z"), "Static fire complete")],
    )
    load(write(tmp_path / "launches.json", [spacex, rocket_lab]))
    starship = Program.objects.create(id=1, name="SpaceX Starship")
    Update.objects.filter(id=12).update(program=starship)
    return {"spacex": spacex["id"], "rocket_lab": rocket_lab["id"]}


def found(api, query: str = "") -> list[int]:
    response = api.get(f"/2.3.0/updates/?format=json&{query}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_updates_are_listed_newest_first(api, updates):
    assert found(api) == [13, 12, 11]
    assert found(api, "ordering=created_on") == [11, 12, 13]


def test_update_filters(api, updates):
    assert found(api, f"launch={updates['spacex']}") == [12, 11]
    assert found(api, "launch__launch_service_provider=147") == [13]
    assert found(api, "program=1") == [12]
    assert found(api, "created_on=2024-10-10T09:00:00Z") == [11]


def test_an_update_is_served_as_the_spec_says(api, updates):
    body = api.get("/2.3.0/updates/11/?format=json").json()
    assert body == update(11, at("2024-10-10T09:00:00Z"), "FAA license issued")
    assert list(body) == [p.name for p in spec.schema("Update").properties]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("launch=not-a-uuid", "launch"), ("program=x", "program"), ("created_on=today", "created_on")],
)
def test_a_bad_update_filter_value_is_a_400_naming_it(api, updates, query, parameter):
    response = api.get(f"/2.3.0/updates/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()
