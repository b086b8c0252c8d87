"""`?search=`: openll's indexed search finds exactly what DRF's SearchFilter finds (tests of the
index itself: test_search_index.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from launch_examples import launch, lsp, now, write
from rest_framework.filters import SearchFilter as DRFSearchFilter
from rest_framework.request import Request

from openll.api.declaration import endpoints
from openll.catalog.base import listed

TRICKY = ["Élan Vital", "ÉLAN ÜBER", "under_score", "100% Sure", "back\\slash", "Ünïcode Starlink"]
TERMS = [
    "starlink",
    "STARLINK",
    "élan",
    "ÉLAN",
    "über",
    "Élan",
    "_",
    "under_",
    "100%",
    "%",
    "\\",
    "ex",
    "Example name",
    "Mission 2",
    "Space Centre",
    "2021-123",
    "no-such-value-zz",
    "a",
]


@pytest.fixture
def tricky(load, tmp_path):
    t = now()
    launches = [
        launch(
            10 + i,
            t + dt.timedelta(days=i - 3),
            provider=lsp(121 if i % 2 else 1000, "SpaceX" if i % 2 else "Progress Rocket Space Centre"),
            name=name,
            launch_designator="2021-123" if i == 0 else None,
        )
        for i, name in enumerate(TRICKY)
    ]
    launches[1]["mission"]["name"] = "Élan mission"
    load(write(tmp_path / "tricky.json", launches))


def drf_ids(path: str, term: str) -> set:
    """What DRF's own SearchFilter finds on the same route."""
    endpoint = endpoints()[path]
    view = type("View", (), {"search_fields": [endpoint.search_paths.get(n, n) for n in endpoint.search]})()
    request = Request(RequestFactory().get("/", {"search": term}))
    queryset = listed(endpoint.model._default_manager.all())  # as the endpoint lists
    if endpoint.scope is not None:
        queryset = endpoint.scope(queryset, request)
    found = DRFSearchFilter().filter_queryset(request, queryset, view)
    return {str(pk) for pk in found.values_list("pk", flat=True)}


def api_ids(api, path: str, term: str) -> set:
    found, url = set(), f"/2.3.0/{path}/?format=json&mode=list&limit=100&search={term}"
    while url:
        response = api.get(url, {"search": term} if "search" not in url else None)
        assert response.status_code == 200, response.content
        body = response.json()
        found |= {str(item["id"]) for item in body["results"]}
        url = body["next"]
    return found


@pytest.mark.parametrize("path", ["launches", "launches/upcoming", "launches/previous", "agencies", "pads"])
def test_search_finds_exactly_what_drf_finds(full_catalog, tricky, api, path):
    for term in TERMS:
        response = api.get(f"/2.3.0/{path}/", {"format": "json", "limit": 100, "search": term})
        assert response.status_code == 200
        ids = {str(item["id"]) for item in response.json()["results"]}
        assert response.json()["count"] == len(drf_ids(path, term)), (path, term)
        if response.json()["count"] <= 100:
            assert ids == drf_ids(path, term), (path, term)
    assert drf_ids("launches", "Élan") and drf_ids("launches", "starlink"), "the data has something to find"


def test_several_terms_must_each_match_somewhere(full_catalog, tricky, api):
    both = api.get("/2.3.0/launches/", {"format": "json", "search": "Élan Progress"}).json()
    assert [item["name"] for item in both["results"]] == ["Élan Vital"]
    assert both["count"] == len(drf_ids("launches", "Élan Progress"))
