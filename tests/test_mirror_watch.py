"""`openll mirror --watch` against a real upstream: `openll serve` holding data made by
bench/generate.py (real LL2 objects, upcoming launches among them), on its own database of the
kind this run tests, its rate limit on.

The watcher runs in-process (it writes to the test database, whose API is then read through the
response cache, as `openll serve` answers). Every request it sends goes through a transport that
notes it and its answer; kills are made there or in the importer. Edits and deletions upstream are
made by `openll import` and `openll shell` on the upstream's database, not over HTTP: the test's
own calls would count against the watcher's limit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest
import time_machine
from django.core.management import call_command
from live import database_url, openll, server_env, serving
from test_mirror_budget import most_in_any_window
from wsgi import CachedAPI

from openll.catalog.models import Program
from openll.ingest import watch as watch_module
from openll.ingest.importer import FileImport, import_files
from openll.ingest.models import MirrorCall, MirrorCheck, MirrorFeed, MirrorSeen
from openll.ingest.watch import FakeClock, Watcher, feed_specs, status_lines, watch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LAUNCHES = 100
WALK_KEYS = {spec.key for spec in feed_specs() if spec.kind == "walk"}
THROTTLE = "40/minute"


class Killed(BaseException):
    """Stands for the process dying (nothing the watcher could catch)."""


class Noted(httpx.BaseTransport):
    """The real network; every request noted (at the watcher's clock) with the status of its
    answer; a hook may kill the watcher as a request leaves."""

    def __init__(self, hook=None, clock=None):
        self.real = httpx.HTTPTransport()
        self.hook = hook
        self.clock = clock
        self.sent: list[tuple[float, httpx.Request]] = []
        self.statuses: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((self.clock.now() if self.clock else time.time(), request))
        if self.hook is not None:
            self.hook(request, len(self.calls()) - 1)
        response = self.real.handle_request(request)
        self.statuses.append(response.status_code)
        return response

    def calls(self) -> list[httpx.Request]:
        """Requests the upstream counts (/api-throttle/ is free)."""
        return [r for _, r in self.sent if not _free(r)]

    def times(self) -> list[float]:
        return [t for t, r in self.sent if not _free(r)]

    def segments(self) -> list[list[tuple[str, int, bool]]]:
        """The list pages asked for, (list, offset, since?), split where a news cycle starts (it
        reads /api-throttle/ first)."""
        found: list[list] = [[]]
        for _, request in self.sent:
            if _free(request):
                found.append([])
            elif page := _page(request):
                found[-1].append(page)
        return [segment for segment in found if segment]

    def pages(self) -> list[tuple[str, int, bool]]:
        return [page for segment in self.segments() for page in segment]


def _free(request: httpx.Request) -> bool:
    return request.url.path.endswith("/api-throttle/")


def _page(request: httpx.Request) -> tuple[str, int, bool] | None:
    query = parse_qs(request.url.query.decode())
    if "offset" not in query:
        return None  # an {id}/
    path = request.url.path.split("/2.3.0/", 1)[1].rstrip("/")
    return path, int(query["offset"][0]), "last_updated__gte" in query


@pytest.fixture(scope="module")
def upstream(tmp_path_factory, django_db_blocker):
    """(throttled base URL, unthrottled base URL, environment, generated launches): one upstream
    database served twice, with the limit on and off."""
    home = tmp_path_factory.mktemp("upstream")
    summary = generate.generate(home / "data", launches=LAUNCHES, one_file=0, seed=11)
    launches = []
    for page in sorted(summary["pages"].glob("1-launches-*.json")):
        launches += json.loads(page.read_text())["results"]
    with django_db_blocker.unblock(), database_url(home) as url:
        env = server_env(home, url)
        openll(env, "import", "--quiet", str(summary["pages"]), timeout=300)
        throttled_env = {**env, "OPENLL_THROTTLE": THROTTLE}
        with (
            serving(throttled_env, home, "--workers", "1") as limited,
            serving(env, home, "--workers", "1") as free,
        ):
            yield f"{limited}/2.3.0", f"{free}/2.3.0", env, launches


def upcoming(launches: list[dict]) -> list[dict]:
    now = dt.datetime.now(dt.UTC)
    found = [x for x in launches if dt.datetime.fromisoformat(x["net"]) > now + dt.timedelta(days=2)]
    return sorted(found, key=lambda x: x["net"])


def cycles_done(count: int):
    return lambda watcher: watcher.state.cycles >= count


# --------------------------------------------------------------------------- live, real clock


def test_the_watcher_keeps_within_the_limit_and_serves_edits_and_deletions_within_a_cycle(upstream, tmp_path):
    base, _, env, launches = upstream
    moved, deleted = upcoming(launches)[:2]
    api = CachedAPI()
    transport = Noted()

    # The first cycle copies every launch and event, and the upcoming lists; the walk begins.
    first = watch(base, transport=transport, until=cycles_done(1))
    assert first.budget.rate.text == THROTTLE  # the upstream's own limit, from /api-throttle/
    shown = api.get(f"/2.3.0/launches/{moved['id']}/?format=json")
    assert shown.status == 200 and shown.json()["net"] == moved["net"]
    listed = api.get("/2.3.0/launches/upcoming/?format=json&limit=100").json()
    assert deleted["id"] in [x["id"] for x in listed["results"]]
    assert api.get(f"/2.3.0/launches/{deleted['id']}/?format=json").status == 200

    # Upstream, the launch slips a day (its last_updated moves) and another is deleted.
    net = dt.datetime.fromisoformat(moved["net"]) + dt.timedelta(days=1)
    edited = {
        **moved,
        "net": net.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "window_start": net.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "last_updated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    (tmp_path / "edited.json").write_text(json.dumps(edited))
    change = (
        "from pathlib import Path; from openll.ingest.importer import import_files; "
        "from openll.catalog.models import Launch; "
        f"import_files([Path('{tmp_path / 'edited.json'}')], progress=False); "
        f"Launch.objects.filter(id='{deleted['id']}').delete()"
    )
    openll(env, "shell", "-c", change)

    # A watcher started again (the state is in the database) runs one more cycle.
    def walked() -> set[str]:
        return {path for path, _, _ in transport.pages() if f"walk:{path}" in WALK_KEYS}

    # What the local API answers as the second cycle ends (the watcher goes on to walk a few pages,
    # if it had no time to before).
    after: dict = {}

    def until(watcher: Watcher) -> bool:
        if watcher.state.cycles >= 2 and not after:
            after["moved"] = api.get(f"/2.3.0/launches/{moved['id']}/?format=json")
            after["deleted"] = api.get(f"/2.3.0/launches/{deleted['id']}/?format=json")
            after["upcoming"] = api.get("/2.3.0/launches/upcoming/?format=json&limit=100").json()
        return watcher.state.cycles >= 2 and len(walked()) >= 3

    second = watch(base, transport=transport, until=until)
    assert after["moved"].json()["net"] == edited["net"]
    assert after["moved"].json()["last_updated"] == edited["last_updated"]
    assert after["deleted"].status == 404
    assert deleted["id"] not in [x["id"] for x in after["upcoming"]["results"]]
    assert moved["id"] in [x["id"] for x in after["upcoming"]["results"]]
    assert MirrorFeed.objects.get(key="news:launches/upcoming").deleted == 1
    assert not MirrorCheck.objects.exists()

    # Never a 429, never more calls in a minute than the limit; the walk had the rest.
    assert 429 not in transport.statuses
    assert first.refused == second.refused == 0
    assert most_in_any_window([t for t, r in transport.sent if "api-throttle" not in r.url.path], 60) <= 40
    assert len(walked()) >= 3
    lines = status_lines()
    assert lines[0] == f"watch of {base}" and f"budget {THROTTLE}" in lines[1]
    assert any(
        line.split()[0] == "news:launches/upcoming" and line.split()[-1] == "1"
        for line in lines
        if line.strip()
    )


# --------------------------------------------------------------------------- fake clock


@pytest.mark.parametrize("where", ["while fetching", "while importing"])
def test_a_killed_watcher_loses_nothing_and_repeats_at_most_one_page(upstream, monkeypatch, where):
    """Killed as it asks for the first news cycle's second list, or in the middle of a walk page's
    import; started again, it goes on where it stopped: until the next cycle every page is asked
    for once but the killed one, which is asked for twice, and the killed call is in the budget."""
    _, base, _, launches = upstream
    clock = FakeClock(time.time())
    if where == "while fetching":

        def kill(request, index):
            if index == 1:
                raise Killed

        transport = Noted(kill, clock)
    else:
        transport = Noted(clock=clock)
        imports = []

        class KilledImport(FileImport):
            def run(self):
                super().run()
                imports.append(self.doc.source)
                if len(imports) == 8:  # four news lists, then the fourth page of the walk
                    raise Killed

        monkeypatch.setattr(watch_module, "FileImport", KilledImport)
    with pytest.raises(Killed):
        watch(base, budget="15/hour", transport=transport, clock=clock)
    killed = transport.pages()[-1]
    assert MirrorCall.objects.count() == len(transport.calls())  # the killed call is spent
    monkeypatch.undo()

    again = Noted(clock=clock)
    watch(base, budget="15/hour", transport=again, clock=clock, until=cycles_done(2))
    assert again.pages()[0] == killed
    first_cycle = transport.pages() + again.segments()[0]
    repeated = [p for p in set(first_cycle) if first_cycle.count(p) > 1]
    assert repeated == [killed] and first_cycle.count(killed) == 2
    assert len(again.segments()) == 2  # the restart went on to the second cycle
    # Nothing lost: every launch is here; the budget held in every fake hour.
    assert api_ids(CachedAPI().get, "launches") == api_ids(upstream_get(base), "launches")
    assert len(api_ids(CachedAPI().get, "launches")) >= len(launches) - 1  # one deleted by another test
    assert most_in_any_window(transport.times() + again.times(), 3600) <= 15
    assert not MirrorSeen.objects.filter(key="news:launches/upcoming").exists()  # the pass ended


def upstream_get(base: str):
    """GET on the upstream without its limit (the test's own reads), as CachedAPI().get answers."""
    root = base.removesuffix("/2.3.0")
    return lambda url: httpx.get(root + url)


def api_ids(get, path: str) -> list[str]:
    found, url = [], f"/2.3.0/{path}/?format=json&limit=100&mode=list"
    while url:
        body = get(url).json()
        found += [x["id"] for x in body["results"]]
        url = body["next"] and "/2.3.0/" + body["next"].split("/2.3.0/", 1)[1]
    return sorted(found)


def test_the_status_names_the_next_call_and_the_walk_goes_round_robin(upstream):
    """`--status` names the call the watcher makes next; the walk asks one page at a time of the
    endpoint fetched longest ago (never fetched: in declaration order)."""
    _, base, _, _ = upstream
    clock = FakeClock(time.time())
    transport = Noted(clock=clock)
    watcher = Watcher(base, budget="600/hour", transport=transport, clock=clock)
    watcher.start()
    compared = 0
    try:
        for _ in range(16):
            said = status_lines(base, now=clock.now())[3]
            before = len(transport.calls())
            watcher.step()
            if len(transport.calls()) > before:
                path, offset, since = _page(transport.calls()[-1])
                assert said.startswith(
                    f"  next call: {path}{' changed since the last cycle' if since else ''} offset {offset} "
                )
                compared += 1
    finally:
        watcher.close()
    assert compared >= 10
    walk = [s.path for s in feed_specs() if s.kind == "walk"]
    walked = [path for path, _, _ in transport.pages() if path in walk]
    assert len(walked) >= 6 and walked == walk[: len(walked)]


def test_the_walk_finds_catalog_objects_gone_upstream(upstream, tmp_path, caplog):
    """A program that the upstream no longer has (here, one made only in the local copy) is asked
    for by id once a pass of /programs/ ends without listing it: the 404 deletes it, logged, and
    the local API stops serving it. The programs the upstream lists stay."""
    _, base, _, _ = upstream
    real = httpx.get(f"{base}/programs/?limit=100&mode=normal").json()
    gone = {**real["results"][0], "id": 990001, "name": "Cancelled upstream"}
    gone["url"] = gone["url"].replace(f"/programs/{real['results'][0]['id']}/", "/programs/990001/")
    (tmp_path / "program.json").write_text(json.dumps(gone))
    import_files([tmp_path / "program.json"], progress=False)
    api = CachedAPI()
    assert api.get("/2.3.0/programs/990001/?format=json").status == 200

    clock = FakeClock(time.time())
    transport = Noted(clock=clock)
    with caplog.at_level("INFO", logger="openll.ingest"):
        watch(
            base,
            budget="120/hour",
            transport=transport,
            clock=clock,
            until=lambda w: not Program.objects.filter(id=990001).exists() or w.state.cycles >= 4,
        )
    assert api.get("/2.3.0/programs/990001/?format=json").status == 404
    assert sorted(Program.objects.values_list("id", flat=True)) == sorted(p["id"] for p in real["results"])
    asked = [r.url.path for r in transport.calls() if _page(r) is None]
    assert asked == ["/2.3.0/programs/990001/"]  # asked for by id, once, and nothing else was
    assert MirrorFeed.objects.get(key="walk:programs").deleted == 1
    assert any("deleted programs 990001 (Cancelled upstream" in message for message in caplog.messages)
    assert most_in_any_window(transport.times(), 3600) <= 120


def test_objects_made_here_during_a_walk_pass_are_not_asked_for(upstream, tmp_path):
    """A pass that started before an object was made here (its id higher than any then) did not
    list it for a reason: it is not asked for. One older than the pass and not listed is."""
    _, base, _, _ = upstream
    real = httpx.get(f"{base}/programs/?limit=100&mode=normal").json()["results"]
    copies = []
    for new_id in (990001, 990002):
        copy = {**real[0], "id": new_id, "name": f"Local {new_id}"}
        copy["url"] = copy["url"].replace(f"/programs/{real[0]['id']}/", f"/programs/{new_id}/")
        copies.append(copy)
    (tmp_path / "older.json").write_text(json.dumps(copies[0]))
    import_files([tmp_path / "older.json"], progress=False)
    watcher = Watcher(base, budget="600/hour", clock=FakeClock(time.time()))
    watcher.start()
    feed = watcher.state.feeds["walk:programs"]
    feed.pass_started_at = watcher.clock.now()
    feed.pass_max_id = watch_module.highest_id(feed.spec)
    (tmp_path / "newer.json").write_text(json.dumps(copies[1]))  # made by news, mid-pass
    import_files([tmp_path / "newer.json"], progress=False)
    watcher.note_seen(feed.spec, [str(p["id"]) for p in real])
    watcher.end_pass(feed, watcher.clock.now())
    watcher.close()
    assert list(MirrorCheck.objects.values_list("path", "object_id")) == [("programs", "990001")]
    assert watcher.state.checks == [("programs", "990001")]


def test_with_a_key_the_budget_is_the_keys(upstream):
    """--token: the key goes with every call, /api-throttle/ answers the key's limit, and that is
    the budget; without it, the address's (the server's OPENLL_THROTTLE)."""
    base, _, env, _ = upstream
    key = openll(env, "create_token", "mirror test", "--rate", "90/minute").stdout.split()[-1]
    transport = Noted()
    with_key = Watcher(base, token=key, transport=transport, clock=FakeClock(time.time()))
    with_key.start()
    with_key.close()
    assert with_key.budget.rate.text == "90/minute"
    assert [r.headers["authorization"] for _, r in transport.sent] == [f"Token {key}"]
    without = Watcher(base, clock=FakeClock(time.time()))
    without.start()
    without.close()
    assert without.budget.rate.text == THROTTLE


class Failing(httpx.BaseTransport):
    """The real network, but for the first counted requests: each answered by the next of
    `answers` (None: a network error)."""

    def __init__(self, answers: list[httpx.Response | None]):
        self.real = httpx.HTTPTransport()
        self.answers = answers

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if _free(request) or not self.answers:
            return self.real.handle_request(request)
        answer = self.answers.pop(0)
        if answer is None:
            raise httpx.ConnectError("connection refused", request=request)
        return answer


def test_the_watcher_retries_as_the_mirror_does_and_every_try_is_a_call(upstream):
    """The watcher's requests go through the mirror's retry loop (mirror.fetch) with its budget:
    a 503 and a network error are retried after a backoff, a 429 is waited out (Retry-After),
    each try is a call the budget counts; after TRIES failures the request is given up, not the
    watcher."""
    _, base, _, _ = upstream
    url, params = f"{base}/config/agency_types/", {"limit": 100, "offset": 0}
    answers = [httpx.Response(503, text="down"), None, httpx.Response(429, headers={"Retry-After": "7"})]
    clock = FakeClock(time.time())
    watcher = Watcher(base, budget="600/minute", transport=Failing(answers), clock=clock)
    watcher.start()
    response, why = watcher.call(url, params)
    assert why == "" and response.status_code == 200
    assert clock.slept == [1.0, 2.0, 7.0]  # the backoffs, then the 429's wait
    assert (watcher.calls, watcher.refused) == (4, 1)
    assert watcher.budget.used(clock.now()) == MirrorCall.objects.filter(upstream=base).count() == 4

    watcher.upstream.http = httpx.Client(transport=Failing([httpx.Response(503)] * 5))
    assert watcher.call(url, params) == (None, "HTTP 503 (5 tries)")
    watcher.upstream.http = httpx.Client(transport=Failing([None] * 5))
    assert watcher.call(url, params) == (None, "ConnectError: connection refused (5 tries)")
    assert watcher.calls == 14
    watcher.close()


# --------------------------------------------------------------------------- the command


def test_sigterm_ends_the_watch_between_pages_and_status_shows_it(upstream, monkeypatch, capsys):
    """`openll mirror --watch` as the command runs it: SIGTERM arrives while a walk page is on its
    way; that page is imported, its cursor moved, and no call follows. `--status` then says so."""
    _, base, _, _ = upstream
    signalled = []

    def terminate(request, index):
        if _page(request) and _page(request)[0] == "config/agency_types":
            signalled.append(_page(request))
            os.kill(os.getpid(), signal.SIGTERM)

    transport = Noted(terminate)

    class Noting(Watcher):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, transport=transport, **kwargs)

    monkeypatch.setattr(watch_module, "Watcher", Noting)
    before = signal.getsignal(signal.SIGTERM)
    call_command("mirror", "--watch", "--from", base, "--budget", "600/minute", "--quiet")
    assert signal.getsignal(signal.SIGTERM) is before  # put back
    assert signalled == [("config/agency_types", 0, False)]
    assert transport.pages()[-1] == signalled[0]  # nothing after it
    feed = MirrorFeed.objects.get(key="walk:config/agency_types")
    assert feed.last_fetch_at is not None and feed.count is not None and feed.pages == 1
    err = capsys.readouterr().err
    assert "stopped:" in err and f"{len(transport.calls())} call(s) sent" in err

    # --status and /health/ at one moment (a news cycle is due every 3 s on 600/minute).
    with time_machine.travel(time.time(), tick=False):
        call_command("mirror", "--status")
        health = CachedAPI().get("/health/").json()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"watch of {base}"
    assert lines[1].startswith(f"  budget 600/minute: {len(transport.calls())} call(s) in the current window")
    assert lines[3].startswith("  next call: ")
    agency_types = next(line for line in lines if line.startswith("  walk:config/agency_types "))
    assert " ago " in agency_types and "never" not in agency_types  # fetched, and its pass ended
    assert "never" in next(line for line in lines if line.startswith("  walk:pads "))  # not yet

    # The health endpoint says the same.
    assert health["status"] == "ok"
    (mirror,) = health["mirror"]
    assert mirror["upstream"] == base and mirror["budget"] == "600/minute"
    assert mirror["calls_in_window"] == len(transport.calls())
    assert lines[3].startswith(f"  next call: {mirror['next_call']}, ")
    assert mirror["endpoints"]["walk:config/agency_types"]["last_fetch"].startswith("20")
    assert mirror["endpoints"]["walk:pads"]["last_fetch"] is None
    assert mirror["endpoints"]["news:launches"]["last_error"] is None
