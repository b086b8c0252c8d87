"""`/health/` for load balancers: the database answers, the data generation and the age of the
newest change; never cached, never rate-limited. Requests go through the WSGI entry that `openll
serve` runs, response cache included (tests/wsgi.py)."""

from __future__ import annotations

import pytest
from conftest import LL2_FILES
from django.db import connection
from wsgi import CachedAPI

from openll.serving import generation

# Each import commits, as in production: the generation moves once per committed transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PADS = next(path for path in LL2_FILES if path.name.startswith("pads"))


def test_reports_a_reachable_database_and_the_current_generation(load):
    load(PADS)
    answer = CachedAPI().get("/health/")
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["status"] == "ok"
    assert body["database"] == {"reachable": True, "vendor": connection.vendor}
    state = generation.current()
    assert body["data"]["generation"] == state.number > 0
    assert body["data"]["changed_at"] == state.changed_at.isoformat().replace("+00:00", "Z")
    assert 0 <= body["data"]["age_seconds"] < 60
    assert body["mirror"] is None  # no `openll mirror --watch` has run here (tests/test_mirror_watch.py)


def test_is_never_cached_and_shows_a_change_at_once(load):
    api = CachedAPI()
    before = api.get("/health/")
    assert before.headers["cache-control"] == "no-store"
    assert "x-openll-cache" not in before.headers and "etag" not in before.headers
    load(PADS)
    after = api.get("/health/")
    assert after.json()["data"]["generation"] > before.json()["data"]["generation"]


def test_an_empty_database_has_no_change_to_date(db):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {generation.TABLE}")
    body = CachedAPI().get("/health/").json()
    assert body["status"] == "ok"
    assert body["data"] == {"generation": 0, "changed_at": None, "age_seconds": None}


def test_is_never_rate_limited(settings, load):
    settings.OPENLL_THROTTLE = "2/hour"
    api = CachedAPI()
    assert [api.get("/2.3.0/config/launch_statuses/").status for _ in range(3)] == [200, 200, 429]
    assert {api.get("/health/").status for _ in range(5)} == {200}


def test_answers_get_and_head_only(db):
    api = CachedAPI()
    assert api.get("/health/", method="HEAD").status == 200
    assert api.get("/health/", method="POST").status == 405


def test_a_missing_generation_table_is_unhealthy(db):
    """A database that is not migrated cannot serve: a load balancer must not send traffic."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {generation.TABLE} RENAME TO openll_health_test_away")
    try:
        answer = CachedAPI().get("/health/")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE openll_health_test_away RENAME TO {generation.TABLE}")
    assert answer.status == 503
    assert answer.json()["status"] == "database not migrated"
    assert answer.headers["cache-control"] == "no-store"


def test_an_unreachable_database_is_unhealthy(db, monkeypatch):
    """The database refuses connections (down, or the network to it): 503, saying so, at once."""
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    monkeypatch.setattr(connection, "ensure_connection", refuse)
    answer = CachedAPI().get("/health/")
    monkeypatch.undo()
    assert answer.status == 503
    body = answer.json()
    assert body["status"] == "database unreachable: OperationalError"
    assert body["database"]["reachable"] is False
    assert answer.headers["cache-control"] == "no-store"
