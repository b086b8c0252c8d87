"""Responses of the declared endpoints against the official spec, in every mode, and the
query budget of their lists."""

from __future__ import annotations

import pytest
from conftest import LL2_FILES, SEEDS
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openll.api.declaration import endpoints
from openll.api.render import plan
from openll.spec.validate import errors

REGISTRY = endpoints()


@pytest.fixture
def loaded(full_catalog, db):
    """Bundled real data plus complete example objects for every route (conftest.full_catalog)."""


def modes_of(endpoint):
    return [m for m in endpoint.modes if m is not None] or [None]


def list_url(endpoint, mode, **query):
    params = {"format": "json", **({"mode": mode} if mode else {}), **query}
    return f"/2.3.0/{endpoint.path}/?" + "&".join(f"{k}={v}" for k, v in params.items())


@pytest.mark.parametrize(
    ("seed_name", "url", "route"),
    [
        ("000", "/2.3.0/docking_events/?format=json&limit=100", "/docking_events/"),
        ("002", "/2.3.0/docking_events/529/?format=json", "/docking_events/{id}/"),
        ("003", "/2.3.0/spacecraft/?format=json&ordering=-time_in_space", "/spacecraft/"),
    ],
)
def test_each_seed_validates_strictly_in_the_mode_it_was_captured_in(load, api, seed, seed_name, url, route):
    load(seed(seed_name).path)
    assert errors(route, api.get(url).json()) == []


@pytest.mark.parametrize("path", sorted(REGISTRY))
def test_every_response_validates_against_the_spec_in_every_mode(loaded, api, path):
    endpoint = REGISTRY[path]
    ids = []
    for mode in modes_of(endpoint):
        body = api.get(list_url(endpoint, mode, limit=100)).json()
        assert body["results"], f"no {path} in the bundled data"
        assert errors(endpoint.list_path, body, unknown_is_null=True) == []
        assert {item.get("response_mode") for item in body["results"]} <= {mode, None}
        ids = [item["id"] for item in body["results"]]
    for pk in ids:
        detail = api.get(f"/2.3.0/{path}/{pk}/?format=json").json()
        assert errors(endpoint.detail_path, detail, unknown_is_null=True) == [], pk


@pytest.mark.parametrize("path", sorted(REGISTRY))
def test_field_sets_per_mode_are_exactly_the_specs(loaded, api, path):
    from openll import spec

    endpoint = REGISTRY[path]
    for mode, schema in endpoint.modes.items():
        item = api.get(list_url(endpoint, mode, limit=1)).json()["results"][0]
        assert list(item) == [p.name for p in spec.schema(schema).properties]


@pytest.mark.parametrize("path", sorted(REGISTRY))
def test_list_queries_do_not_grow_with_the_page_size(loaded, api, path):
    """One query per nested relation of the variant, never one per object: a page of 1 and a
    page of 100 both stay within the variant's fixed bound (count + page ids + the plan's
    queries; a page may run fewer when a relation is empty on it)."""
    endpoint = REGISTRY[path]
    for mode in modes_of(endpoint):
        bound = 2 + plan(endpoint.modes[mode]).query_bound()
        counts = {}
        for limit in (1, 100):
            with CaptureQueriesContext(connection) as queries:
                response = api.get(list_url(endpoint, mode, limit=limit))
            assert response.status_code == 200
            counts[limit] = len(queries)
        assert response.json()["results"]
        assert counts[1] <= bound and counts[100] <= bound, f"{path} mode={mode}: {counts} > {bound}"


def test_filters_search_and_ordering_of_docking_events(loaded, api):
    everything = api.get("/2.3.0/docking_events/?format=json&limit=100").json()
    assert everything["count"] > 2
    dockings = sorted(item["docking"] for item in everything["results"])
    middle = dockings[len(dockings) // 2]
    after = api.get(f"/2.3.0/docking_events/?format=json&limit=100&docking__gte={middle}").json()
    assert 0 < after["count"] < everything["count"]
    assert all(item["docking"] >= middle for item in after["results"])
    tiangong = api.get("/2.3.0/docking_events/?format=json&space_station_target__id=18").json()
    assert tiangong["count"] and all(i["space_station_target"]["id"] == 18 for i in tiangong["results"])
    found = api.get("/2.3.0/docking_events/?format=json&search=Tianzhou").json()
    assert found["count"] and found["count"] < everything["count"]
    newest_first = api.get("/2.3.0/docking_events/?format=json&ordering=-docking&limit=100").json()["results"]
    dockings = [item["docking"] for item in newest_first]
    assert dockings == sorted(dockings, reverse=True)


def test_spacecraft_filters(loaded, api):
    everything = api.get("/2.3.0/spacecraft/?format=json").json()["count"]
    for query in ("in_space=true", "in_space=False", "is_placeholder=1", "search=Soyuz"):
        got = api.get(f"/2.3.0/spacecraft/?format=json&{query}").json()["count"]
        assert got < everything, query


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/2.3.0/docking_events/?docking__gte=notadate", "docking__gte"),
        ("/2.3.0/spacecraft/?in_space=maybe", "in_space"),
        ("/2.3.0/spacecraft/?status=abc", "status"),
        ("/2.3.0/spacecraft/?mode=list", "mode"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(loaded, api, url, parameter):
    response = api.get(url + "&format=json" if "?" in url else url)
    assert response.status_code == 400
    assert parameter in response.json()


def test_limit_is_capped_at_100(loaded, api):
    from openll.catalog.models import Spacecraft

    before = Spacecraft.objects.count()
    Spacecraft.objects.bulk_create(Spacecraft(id=700000 + i, name=f"craft {i}") for i in range(150))
    body = api.get("/2.3.0/spacecraft/?format=json&limit=1000").json()
    assert body["count"] == before + 150
    assert len(body["results"]) == 100


def test_unknown_ids_are_json_404s(loaded, api):
    for url in ("/2.3.0/spacecraft/999999/", "/2.3.0/docking_events/999999/", "/2.3.0/spacecraft/abc/"):
        response = api.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()


def test_the_api_is_read_only(loaded, api):
    assert api.post("/2.3.0/spacecraft/", {}).status_code == 405
    assert api.head("/2.3.0/spacecraft/").status_code == 200
    assert api.options("/2.3.0/spacecraft/").status_code == 200


def test_unknown_values_sort_as_on_postgresql_whatever_the_database(load, api, seed):
    """Agencies known as `AgencyNormal` (a launch's provider) have no launch count: unknown.
    LL2 (PostgreSQL) puts unknowns last going up and first going down; SQLite would put them
    first going up."""
    load(*sorted(SEEDS.glob("*.txt")), *LL2_FILES)
    query = "/2.3.0/agencies/?format=json&limit=100&mode=detailed&ordering="
    up = api.get(query + "total_launch_count").json()["results"]
    down = api.get(query + "-total_launch_count").json()["results"]
    assert up[-1]["total_launch_count"] is None and up[0]["total_launch_count"] is not None
    assert down[0]["total_launch_count"] is None
    assert [item["id"] for item in up] == [item["id"] for item in reversed(down)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs in the process: no round trips")
def test_a_page_waits_for_postgresql_once_per_round_of_queries_not_once_per_query(loaded, api, monkeypatch):
    """Each of the detailed page's queries was its own round trip to the server; the independent
    queries of one round of the renderer now go together in the driver's pipeline mode, and
    Django still sees and counts every one of them."""
    from psycopg import pq

    connection.ensure_connection()
    driver = connection.connection
    pipelines = []
    alone = []

    def pipeline():
        pipelines.append(1)
        return type(driver).pipeline(driver)

    def record(execute, sql, params, many, context):
        if driver.pgconn.pipeline_status == pq.PipelineStatus.OFF:
            alone.append(sql)
        return execute(sql, params, many, context)

    monkeypatch.setattr(driver, "pipeline", pipeline)
    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(record):
        response = api.get("/2.3.0/launches/?format=json&mode=detailed&limit=100")
    assert response.status_code == 200 and response.json()["results"]
    round_trips = len(alone) + len(pipelines)
    assert round_trips < len(queries) / 2, (round_trips, len(queries))
