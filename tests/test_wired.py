"""Every filter, ordering field and search field that the spec declares for a route does
something: a parameter silently ignored fails here."""

from __future__ import annotations

import uuid

import pytest
from django.apps import apps
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from openll import spec
from openll.api.declaration import endpoints
from openll.catalog.base import listed

REGISTRY = endpoints()
NOT_FILTERS = {"limit", "offset", "mode", "search", "ordering", "format"}
NO_MATCH = {
    "integer": {"low": -999999999, "high": 999999999},
    "number": {"low": -999999999, "high": 999999999},
    "date-time": {"low": "1000-01-01T00:00:00Z", "high": "2999-01-01T00:00:00Z"},
    "date": {"low": "1000-01-01", "high": "2999-01-01"},
}


def declared_filters(path: str) -> list[dict]:
    return [p for p in spec.operations()[path].parameters if p["name"] not in NOT_FILTERS]


def no_match_value(parameter: dict) -> str:
    """A value no object has: what the filter keeps must then differ from the whole list."""
    name, schema = parameter["name"], parameter["schema"]
    if schema.get("type") == "array":
        schema = schema["items"]
    kind = (
        schema.get("format") if schema.get("format") in ("date-time", "date", "uuid") else schema.get("type")
    )
    if kind == "uuid":
        return str(uuid.uuid4())
    if kind in NO_MATCH:
        # A "less than" filter keeps nothing below the lowest value; others nothing above the top.
        low = name.endswith(("__lt", "__lte", "__gt__lt"))
        return str(NO_MATCH[kind]["low" if low else "high"])
    return "no-such-value-zz"


def count(api, path: str, query: str = "") -> tuple[int, list]:
    response = api.get(f"/2.3.0{path}?format=json&limit=100&{query}")
    assert response.status_code == 200, (path, query, response.content[:200])
    body = response.json()
    return body["count"], [item["id"] for item in body["results"]]


LIST_ROUTES = sorted(f"/{path}/" for path in REGISTRY)


@pytest.mark.parametrize("path", LIST_ROUTES)
def test_every_declared_filter_changes_the_result(full_catalog, api, path):
    total, everything = count(api, path)
    assert total > 0
    for parameter in declared_filters(path):
        name = parameter["name"]
        if parameter["schema"].get("type") == "boolean":
            results = {value: count(api, path, f"{name}={value}")[1] for value in ("true", "false")}
            assert results["true"] != results["false"], f"{path} {name} has no effect"
            continue
        value = no_match_value(parameter)
        response = api.get(f"/2.3.0{path}?format=json&{name}={value}")
        if response.status_code == 400:  # e.g. "Select a valid choice" for an unknown id
            assert name in response.json(), f"{path} {name}: 400 without naming the parameter"
            continue
        assert response.status_code == 200
        assert response.json()["count"] < total, f"{path} {name}={value} did not filter"


def all_ids(api, path: str, query: str) -> list:
    total, ids = count(api, path, query)
    while len(ids) < total:
        ids += count(api, path, f"{query}&offset={len(ids)}")[1]
    return ids


@pytest.mark.parametrize("path", LIST_ROUTES)
def test_every_ordering_field_sorts_both_ways(full_catalog, api, path):
    endpoint = REGISTRY[path.strip("/")]
    for field in endpoint.ordering:
        ascending = all_ids(api, path, f"ordering={field}")
        descending = all_ids(api, path, f"ordering=-{field}")
        assert len(ascending) > 1
        assert ascending == descending[::-1], f"{path} ordering={field} is not applied"


@pytest.mark.parametrize("path", LIST_ROUTES)
def test_every_search_field_finds_what_it_holds(full_catalog, api, path):
    endpoint = REGISTRY[path.strip("/")]
    scoped = listed(endpoint.model._default_manager.all())  # as the endpoint lists
    if endpoint.scope is not None:
        scoped = endpoint.scope(scoped, Request(APIRequestFactory().get(path)))
    for field in endpoint.search:
        orm_path = endpoint.search_paths.get(field, field)
        rows = scoped.exclude(**{f"{orm_path}__isnull": True}).values_list("pk", orm_path)
        pk, value = next(((pk, v) for pk, v in rows if str(v).strip()), (None, None))
        assert pk is not None, f"{path}: no data to search {field} on"
        term = str(value)[:40]
        _, found = count(api, path, f"search={term}")
        assert str(pk) in map(str, found) or len(found) == 100, (
            f"{path} search on {field} ({term!r}) missed {pk}"
        )
    if endpoint.search:
        total, _ = count(api, path, "search=no-such-value-zz")
        assert total == 0


def test_the_registry_covers_every_paginated_route_of_the_spec():
    from catalog import paginated_list_paths

    assert sorted(paginated_list_paths()) == LIST_ROUTES


def test_models_exist_for_every_entity_the_spec_names():
    from openll.catalog.contract import entity_of

    for name in spec.document()["components"]["schemas"]:
        if not name.startswith(("Paginated", "Polymorphic")) and entity_of(name):
            assert apps.get_model("catalog", entity_of(name))
