"""The response cache at the WSGI entry (openll.serving): answers from stored bytes while the data
has not changed, never stale after a change, validators, codings, clock-bound answers.

Requests go through the WSGI application that `openll serve` runs (tests/wsgi.py), on the bundled
real data."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import brotli
import pytest
import time_machine
from conftest import LL2_FILES
from django.core.management import call_command
from django.db import connection
from live import redis_prefix
from test_admin import admin_url, form_data, saved
from wsgi import CachedAPI

from openll.api.declaration import endpoints
from openll.catalog.models import Launch, Pad
from openll.serving import generation, layer
from openll.serving.layer import Config

# Each write commits, as in production: on PostgreSQL the generation moves once per committed
# transaction, and a test inside one transaction would see a single move.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LAUNCHES_FILE = next(path for path in LL2_FILES if path.name == "launches.normal.json")


@pytest.fixture
def cached(load):
    """Ten real launches, with their pads, locations, agencies and rockets."""
    load(LAUNCHES_FILE)
    return CachedAPI()


@pytest.fixture
def uncached():
    return CachedAPI(Config(enabled=False))


def test_a_hit_answers_the_very_bytes_of_the_miss_on_every_list_route(cached, uncached):
    for path in sorted(endpoints()):
        url = f"/2.3.0/{path}/?limit=5"
        miss, hit = cached.get(url), cached.get(url)
        assert (miss.status, hit.status) == (200, 200), url
        assert miss.headers["x-openll-cache"] == "miss" and hit.headers["x-openll-cache"] == "hit", url
        assert hit.body == miss.body == uncached.get(url).body, url
        assert hit.headers["etag"] == miss.headers["etag"], url


def test_the_browsable_page_and_json_are_kept_apart(cached):
    page = cached.get("/2.3.0/pads/", HTTP_ACCEPT="text/html")
    data = cached.get("/2.3.0/pads/")
    assert page.headers["content-type"].startswith("text/html")
    assert data.headers["content-type"] == "application/json"
    again = cached.get("/2.3.0/pads/", HTTP_ACCEPT="text/html")
    assert again.headers["x-openll-cache"] == "hit" and again.body == page.body
    assert "Accept" in again.headers["vary"] and "Accept-Encoding" in again.headers["vary"]


def test_parameter_order_does_not_matter_and_the_bytes_are_those_of_the_request(cached, uncached):
    first = cached.get("/2.3.0/pads/?limit=3&offset=6&ordering=-id")
    second = cached.get("/2.3.0/pads/?ordering=-id&offset=6&limit=3")
    assert second.headers["x-openll-cache"] == "hit"
    # DRF writes `next`/`previous` with sorted parameters: the answer to either order is one text.
    assert second.body == uncached.get("/2.3.0/pads/?ordering=-id&offset=6&limit=3").body == first.body


def test_links_are_built_from_each_host(cached):
    ours = cached.get("/2.3.0/pads/?limit=1")
    theirs = cached.get("/2.3.0/pads/?limit=1", HTTP_HOST="openll.example.org")
    assert theirs.headers["x-openll-cache"] == "miss"
    assert ours.json()["results"][0]["url"].startswith("https://ll.thespacedevs.com/2.3.0/pads/")
    assert theirs.json()["results"][0]["url"].startswith("https://openll.example.org/2.3.0/pads/")


def test_an_import_shows_in_the_next_answer(cached, load, tmp_path):
    launches = json.loads(LAUNCHES_FILE.read_text())
    target = launches[0]
    url = f"/2.3.0/launches/{target['id']}/"
    before = cached.get(url)
    assert cached.get(url).headers["x-openll-cache"] == "hit"
    target["name"] = "Renamed by a newer snapshot"
    target["last_updated"] = "2030-01-01T00:00:00Z"
    changed = tmp_path / "launches.json"
    changed.write_text(json.dumps(launches))
    load(changed)
    after = cached.get(url)
    assert after.headers["x-openll-cache"] == "miss"
    assert after.json()["name"] == "Renamed by a newer snapshot"
    assert after.headers["etag"] != before.headers["etag"]


def test_an_admin_edit_shows_in_the_next_answer(cached, django_user_model, client):
    launch = Launch.objects.exclude(name=None).order_by("net")[0]
    url = f"/2.3.0/launches/?search={launch.name.split()[0]}&mode=list"
    assert launch.name in cached.get(url).body.decode()
    assert cached.get(url).headers["x-openll-cache"] == "hit"
    user = django_user_model.objects.create(username="librarian", is_staff=True, is_superuser=True)
    client.force_login(user)
    change = admin_url(Launch, "change", launch.pk)
    data = form_data(client.get(change))
    data["name"] = [f"{launch.name} (edited)"]
    assert saved(client.post(change, data))
    after = cached.get(url)
    assert after.headers["x-openll-cache"] == "miss"
    assert f"{launch.name} (edited)" in after.body.decode()


def test_openll_stats_shows_in_the_next_answer(cached):
    """The bundled pads carry LL2's counts; `openll stats` recounts them from the local launches."""
    pad = Pad.objects.get(pk=Launch.objects.exclude(pad=None).order_by("net")[0].pad_id)
    url = f"/2.3.0/pads/{pad.pk}/"
    imported = cached.get(url).json()["total_launch_count"]
    assert cached.get(url).headers["x-openll-cache"] == "hit"
    call_command("stats", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recounted = cached.get(url).json()["total_launch_count"]
    pad.refresh_from_db()
    assert recounted == pad.total_launch_count != imported


def test_a_write_through_any_path_moves_the_generation(cached):
    """ORM saves, bulk updates and raw SQL alike: the triggers sit in the database."""
    start = generation.current().number
    Pad.objects.filter(pk=Pad.objects.order_by("pk")[0].pk).update(name="bulk")
    after_bulk = generation.current().number
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_pad SET name = 'raw' WHERE id = (SELECT MIN(id) FROM catalog_pad)")
    assert start < after_bulk < generation.current().number


def test_every_catalog_table_has_its_triggers(db):
    tables = generation.data_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'openll_%'"
            )
            found = [row[0] for row in cursor.fetchall()]
            assert sorted(set(found)) == tables and len(found) == 3 * len(tables)
        else:
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'openll_generation'"
            )
            assert sorted(row[0] for row in cursor.fetchall()) == tables


def test_an_answer_made_while_the_data_changed_is_not_kept(cached, monkeypatch):
    real = generation.current
    states = iter([real(), generation.Generation(10**9, "moved-meanwhile", None)])
    monkeypatch.setattr(generation, "current", lambda: next(states, None) or real())
    assert cached.get("/2.3.0/pads/?limit=2").headers["x-openll-cache"] == "miss"
    monkeypatch.setattr(generation, "current", real)
    assert cached.get("/2.3.0/pads/?limit=2").headers["x-openll-cache"] == "miss"


def test_a_page_never_asked_before_reads_the_generation_twice(cached, monkeypatch):
    """As the request comes in and before its answer is kept; what the renderer shares (objects,
    a list's count and ids) goes by the first read, not by reads of its own (round trips on
    PostgreSQL)."""
    reads = []
    real = generation._generation  # what every read of the generation's row goes through
    monkeypatch.setattr(generation, "_generation", lambda row: reads.append(row) or real(row))
    for offset in (0, 2, 4):  # the second and third pages of a list asked before share its ids
        reads.clear()
        answer = cached.get(f"/2.3.0/launches/?mode=detailed&limit=2&offset={offset}")
        assert (answer.status, answer.headers["x-openll-cache"]) == (200, "miss")
        assert len(reads) == 2, offset
    assert cached.get("/2.3.0/launches/?mode=detailed&limit=2&offset=4").headers["x-openll-cache"] == "hit"
    assert len(reads) == 3


def test_if_none_match_answers_304_without_a_body_until_the_data_changes(cached):
    url = "/2.3.0/locations/?limit=3"
    first = cached.get(url)
    tag = first.headers["etag"]
    assert tag.startswith('"') and not tag.startswith("W/")
    not_modified = cached.get(url, HTTP_IF_NONE_MATCH=tag)
    assert not_modified.status == 304 and not_modified.body == b""
    assert not_modified.headers["etag"] == tag and "content-length" not in not_modified.headers
    assert cached.get(url, HTTP_IF_NONE_MATCH='"something-else"').status == 200
    location = json.loads(first.body)["results"][0]
    from openll.catalog.models import Location

    Location.objects.filter(pk=location["id"]).update(description="changed")
    after = cached.get(url, HTTP_IF_NONE_MATCH=tag)
    assert after.status == 200 and after.headers["etag"] != tag
    assert json.loads(after.body)["results"][0]["description"] == "changed"


def test_last_modified_and_if_modified_since(cached):
    url = "/2.3.0/pads/?limit=1"
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5), tick=False):
        answer = cached.get(url)
        stamp = answer.headers["last-modified"]
        assert cached.get(url, HTTP_IF_MODIFIED_SINCE=stamp).status == 304
        assert cached.get(url, HTTP_IF_MODIFIED_SINCE="Thu, 01 Jan 2015 00:00:00 GMT").status == 200
    assert answer.headers["cache-control"].startswith("public, max-age=")


def test_gzip_and_brotli_bodies_equal_the_plain_one_and_are_made_once(cached, monkeypatch):
    calls = []
    real_encode = layer.encode
    monkeypatch.setattr(
        layer, "encode", lambda body, coding: calls.append(coding) or real_encode(body, coding)
    )
    url = "/2.3.0/locations/?mode=detailed&limit=20"
    plain = cached.get(url)
    zipped = cached.get(url, HTTP_ACCEPT_ENCODING="gzip")
    again = cached.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    squeezed = cached.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped.headers["content-encoding"] == "gzip" and squeezed.headers["content-encoding"] == "br"
    assert gzip.decompress(zipped.body) == plain.body == brotli.decompress(squeezed.body)
    assert again.body == zipped.body and int(zipped.headers["content-length"]) == len(zipped.body)
    assert len(zipped.body) < len(plain.body) / 3
    assert calls == ["gzip", "br"]
    assert len({plain.headers["etag"], zipped.headers["etag"], squeezed.headers["etag"]}) == 3
    refused = cached.get(url, HTTP_ACCEPT_ENCODING="gzip;q=0, br;q=0")
    assert "content-encoding" not in refused.headers and refused.body == plain.body


def test_head_is_answered_from_the_same_entry_without_a_body(cached):
    full = cached.get("/2.3.0/pads/?limit=4")
    head = cached.get("/2.3.0/pads/?limit=4", method="HEAD")
    assert head.headers["x-openll-cache"] == "hit" and head.body == b""
    assert head.headers["content-length"] == str(len(full.body))


def test_upcoming_and_previous_move_across_the_24_hour_boundary(load):
    """A launch stays in `upcoming` for 24 hours after its NET, and enters `previous` at its NET:
    the cached answers change at those moments, not a request later, and hold until then."""
    load(LAUNCHES_FILE)
    cached = CachedAPI(Config(lifetime=10**9))  # kept for days: only the clock horizon expires them
    nets = list(Launch.objects.exclude(net=None).values_list("net", flat=True))
    moments = sorted({*nets, *(net + dt.timedelta(hours=24) for net in nets)})
    newest = Launch.objects.exclude(net=None).order_by("-net")[0]
    launch_id = str(newest.pk)

    def listed(url):
        answer = cached.get(url)
        return answer.headers["x-openll-cache"], launch_id in {r["id"] for r in answer.json()["results"]}

    upcoming = "/2.3.0/launches/upcoming/?limit=100"
    previous = "/2.3.0/launches/previous/?limit=100"
    second = dt.timedelta(seconds=1)
    with time_machine.travel(newest.net - dt.timedelta(minutes=1), tick=False):
        assert listed(previous) == ("miss", False)
        assert listed(previous) == ("hit", False)
        assert listed(upcoming) == ("miss", True)
    with time_machine.travel(newest.net + second, tick=False):
        assert listed(previous) == ("miss", True)
        assert listed(upcoming) == ("miss", True)  # made again: the windows moved at the NET
    after_newest = [m for m in moments if m > newest.net + second]
    leaving = newest.net + dt.timedelta(hours=24)
    for moment in after_newest:
        with time_machine.travel(moment - second, tick=False):
            assert listed(upcoming) == ("hit", True)  # held until the next moment a window moves
        with time_machine.travel(moment + second, tick=False):
            assert listed(upcoming) == ("miss", moment < leaving)
    assert leaving in after_newest


def test_the_starship_dashboard_moves_with_the_clock(cached):
    newest = Launch.objects.exclude(net=None).order_by("-net")[0]
    with time_machine.travel(newest.net - dt.timedelta(minutes=1), tick=False):
        cached.get("/2.3.0/dashboard/starship/")
        assert cached.get("/2.3.0/dashboard/starship/").headers["x-openll-cache"] == "hit"
    with time_machine.travel(newest.net + dt.timedelta(seconds=1), tick=False):
        assert cached.get("/2.3.0/dashboard/starship/").headers["x-openll-cache"] == "miss"


def test_api_throttle_is_never_stored(cached):
    for _ in range(2):
        answer = cached.get("/2.3.0/api-throttle/")
        assert answer.status == 200 and answer.headers["x-openll-cache"] == "pass"
        assert "no-store" in answer.headers["cache-control"] and answer.headers["etag"]


def test_with_the_rate_limit_on_cache_hits_count(cached, settings):
    settings.OPENLL_THROTTLE = "3/hour"
    answers = [cached.get("/2.3.0/pads/?limit=1") for _ in range(4)]
    assert [a.status for a in answers] == [200, 200, 200, 429]
    assert [a.headers["x-openll-cache"] for a in answers[:3]] == ["miss", "hit", "hit"]
    assert "retry-after" in answers[3].headers and answers[3].json()["detail"].startswith(
        "Request was throttled"
    )


def test_errors_are_not_stored(cached):
    for _ in range(2):
        answer = cached.get("/2.3.0/pads/999999999/")
        assert answer.status == 404 and answer.headers["x-openll-cache"] == "pass"


def test_redis_shares_answers_between_processes(load, redis_url):
    """Two processes (two caches, each with its own memory) on one Redis: an answer made by one is
    a hit for the other; after a change, neither serves the old one."""
    load(LAUNCHES_FILE)
    prefix = redis_prefix()
    one = CachedAPI(Config(redis_url=redis_url, prefix=prefix))
    two = CachedAPI(Config(redis_url=redis_url, prefix=prefix))
    try:
        url = "/2.3.0/locations/?limit=4"
        made = one.get(url)
        shared = two.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert shared.headers["x-openll-cache"] == "hit"
        assert gzip.decompress(shared.body) == made.body
        assert one.get(url, HTTP_ACCEPT_ENCODING="gzip").body == shared.body
        Pad.objects.update(description="changed everywhere")
        assert two.get(url).headers["x-openll-cache"] == "miss"
        assert one.get(url).headers["x-openll-cache"] == "hit"
    finally:
        import redis

        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(f"{prefix}*"))
        if keys:
            client.delete(*keys)


def test_readers_see_the_last_committed_state_while_a_write_is_open(tmp_path):
    """WAL: a reader on another connection is neither blocked nor shown uncommitted rows while a
    transaction writes (SQLite; PostgreSQL readers are never blocked by writers)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite journal mode; PostgreSQL readers never wait for writers")
    import sqlite3

    from django.conf import settings

    path = tmp_path / "wal.sqlite3"
    options = settings.DATABASES["default"]["OPTIONS"]
    writer = sqlite3.connect(path, timeout=options["timeout"], isolation_level=None)
    writer.executescript(options["init_command"])
    writer.execute("CREATE TABLE t (x)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO t VALUES (1)")
    reader = sqlite3.connect(path, timeout=0.1)
    reader.executescript(options["init_command"])
    assert reader.execute("SELECT count(*) FROM t").fetchone() == (0,)
    writer.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM t").fetchone() == (1,)
    assert writer.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_answers_are_kept_no_longer_than_the_configured_lifetime(load):
    load(LAUNCHES_FILE)
    cached = CachedAPI(Config(lifetime=60))
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        cached.get("/2.3.0/pads/?limit=1")
    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        assert cached.get("/2.3.0/pads/?limit=1").headers["x-openll-cache"] == "hit"
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert cached.get("/2.3.0/pads/?limit=1").headers["x-openll-cache"] == "miss"


def test_the_cache_settings_are_read_from_the_environment_and_checked(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import openll.settings as settings_module

    monkeypatch.setenv("OPENLL_CACHE", "off")
    monkeypatch.setenv("OPENLL_CACHE_SIZE_MB", "8")
    monkeypatch.setenv("OPENLL_MAX_AGE", "30")
    try:
        reloaded = importlib.reload(settings_module)
        assert (reloaded.OPENLL_CACHE, reloaded.OPENLL_CACHE_SIZE_MB, reloaded.OPENLL_MAX_AGE) == (
            False,
            8,
            30,
        )
        monkeypatch.setenv("OPENLL_CACHE_SIZE_MB", "lots")
        with pytest.raises(ImproperlyConfigured, match="OPENLL_CACHE_SIZE_MB"):
            importlib.reload(settings_module)
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)
