"""Rendered objects shared between requests while the data stays the same (openll.api.fragments):
the same bytes as rendering afresh, on every route and mode, fewer queries, never stale."""

from __future__ import annotations

import copy

import pytest
from conftest import LL2_FILES
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openll.api import fragments as fragments_module
from openll.api.declaration import endpoints
from openll.api.fragments import SharedObject, fragments
from openll.catalog.base import listed as served
from openll.catalog.models import Agency, Launch


@pytest.fixture
def loaded(full_catalog, db):
    """Bundled real data plus complete example objects for every route (conftest.full_catalog)."""


@pytest.fixture
def sharing(monkeypatch):
    """Objects shared as `openll serve` shares them. Tests run inside a transaction, where the
    server never shares (a rollback may reuse a generation number); nothing is written here."""
    fragments.clear()
    monkeypatch.setattr(fragments_module, "may_share", lambda: True)
    yield
    fragments.clear()


def pages(api) -> list[str]:
    """Every list route in every mode, two pages each, and the first object's `{id}/`."""
    paths = []
    for endpoint in endpoints().values():
        for mode in endpoint.modes:
            query = f"mode={mode}&" if mode else ""
            paths += [
                f"/2.3.0{endpoint.list_path}?{query}limit=7&offset=3",
                f"/2.3.0{endpoint.list_path}?{query}",
            ]
        paths.append(f"/2.3.0{endpoint.list_path}?format=json&limit=3")  # links that keep `format`
        first = api.get(f"/2.3.0{endpoint.list_path}?limit=1").json()["results"]
        if endpoint.detail_path and first:
            paths.append(f"/2.3.0{endpoint.detail_path.replace('{id}', str(first[0]['id']))}")
    return paths


def test_shared_objects_give_the_bytes_of_a_fresh_rendering_on_every_route_and_mode(loaded, api, monkeypatch):
    paths = pages(api)
    assert len(paths) > 150
    fresh = {path: api.get(path).content for path in paths}
    fragments.clear()
    monkeypatch.setattr(fragments_module, "may_share", lambda: True)
    try:
        # Twice, in two orders: objects rendered for one route are reused by the others.
        for order in (paths, paths[::-1]):
            for path in order:
                response = api.get(path)
                assert response.status_code == 200, path
                assert response.content == fresh[path], path
        assert fragments.count > 1000
    finally:
        fragments.clear()


def test_an_object_rendered_before_is_not_read_again(loaded, api, sharing):
    launch = served(Launch.objects.order_by("id")).first()  # one its endpoint serves
    path = f"/2.3.0/launches/{launch.pk}/"
    with CaptureQueriesContext(connection) as first:
        body = api.get(path).content
    with CaptureQueriesContext(connection) as second:
        assert api.get(path).content == body
    assert len(second) * 4 < len(first), (len(first), len(second))
    # Another mode is another variant: rendered anew, its nested objects shared where they are
    # the same variant.
    with CaptureQueriesContext(connection) as listed:
        api.get(f"/2.3.0/launches/?mode=detailed&id={launch.pk}")
    assert len(second) < len(listed) < len(first)


def test_shared_objects_cannot_be_changed_in_place_but_copies_can(loaded, api, sharing):
    from openll.api.render import Links, plan

    launch = Launch.objects.exclude(launch_service_provider=None).order_by("id").first()
    rendered = plan("LaunchDetailed").render(launch, Links("http://testserver/2.3.0/"))
    assert isinstance(rendered, SharedObject)
    for change in (
        lambda o: o.__setitem__("name", "x"),
        lambda o: o.update(name="x"),
        lambda o: o.pop("name"),
        lambda o: o["launch_service_provider"].__setitem__("name", "x"),
    ):
        with pytest.raises(TypeError, match="shared"):
            change(rendered)
    mine = copy.deepcopy(rendered)
    mine["launch_service_provider"]["name"] = "changed"
    assert type(mine) is dict and type(mine["launch_service_provider"]) is dict
    assert rendered["launch_service_provider"]["name"] != "changed"


def test_nothing_is_shared_inside_a_transaction(loaded, api):
    fragments.clear()
    assert connection.in_atomic_block
    api.get("/2.3.0/launches/?mode=detailed")
    assert fragments.count == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_committed_change_the_next_request_renders_it(load, api):
    """As `openll serve` runs: every write commits; the shared objects of the old generation are
    dropped at the next request, nested or not."""
    fragments.clear()
    load(next(path for path in LL2_FILES if path.name == "launches.normal.json"))
    launch = Launch.objects.exclude(launch_service_provider=None).order_by("id").first()
    path = f"/2.3.0/launches/?mode=detailed&id={launch.pk}"
    before = api.get(path).json()["results"][0]["launch_service_provider"]["name"]
    assert fragments.count > 0
    Agency.objects.filter(pk=launch.launch_service_provider_id).update(name=before + " (renamed)")
    after = api.get(path).json()["results"][0]["launch_service_provider"]["name"]
    assert after == before + " (renamed)"
    Agency.objects.filter(pk=launch.launch_service_provider_id).update(name=before)
    assert api.get(path).json()["results"][0]["launch_service_provider"]["name"] == before
    fragments.clear()


def count_queries(captured) -> int:
    return sum("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


def test_a_list_is_counted_once_per_generation(loaded, api, sharing):
    with CaptureQueriesContext(connection) as first:
        first_page = api.get("/2.3.0/launches/?limit=3").json()
    with CaptureQueriesContext(connection) as second:
        second_page = api.get("/2.3.0/launches/?limit=3&offset=3&mode=detailed").json()
    assert count_queries(first) == 1 and count_queries(second) == 0
    assert first_page["count"] == second_page["count"] == served(Launch.objects.all()).count()
    # Another filter is another query: counted on its own.
    with CaptureQueriesContext(connection) as filtered:
        body = api.get("/2.3.0/launches/?search=Falcon").json()
    assert count_queries(filtered) == 1
    assert 0 < body["count"] < first_page["count"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_committed_change_the_next_request_counts_it(load, api):
    fragments.clear()
    load(next(path for path in LL2_FILES if path.name == "launches.normal.json"))
    before = api.get("/2.3.0/launches/").json()["count"]
    assert before == served(Launch.objects.all()).count() > 1
    launch = served(Launch.objects.order_by("id")).first()
    known_as = launch.known_as
    Launch.objects.filter(pk=launch.pk).update(known_as="")  # now known only nested: not listed
    assert api.get("/2.3.0/launches/?offset=1").json()["count"] == before - 1
    Launch.objects.filter(pk=launch.pk).update(known_as=known_as)
    assert api.get("/2.3.0/launches/?offset=2").json()["count"] == before
    fragments.clear()


def test_the_ids_of_a_list_asked_again_are_shared(loaded, api, monkeypatch):
    pages = [f"/2.3.0/launches/?search=Falcon&limit=2&offset={offset}" for offset in (0, 2, 4, 6)]
    unshared = [api.get(path).json() for path in pages]
    assert unshared[0]["count"] > 6  # four pages of results
    fragments.clear()
    monkeypatch.setattr(fragments_module, "may_share", lambda: True)
    searches = []
    try:
        for path, expected in zip(pages, unshared, strict=True):
            with CaptureQueriesContext(connection) as captured:
                assert api.get(path).json() == expected, path
            searches.append(sum("LIKE" in q["sql"] or "ILIKE" in q["sql"].upper() for q in captured))
    finally:
        fragments.clear()
    # First page: the count and the page; second: the list's ids, all at once; then none.
    assert searches == [2, 1, 0, 0], searches
