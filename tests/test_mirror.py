"""`openll mirror`: a real openll server (the bundled data) is the upstream, the test database the copy.

The upstream runs as a subprocess on 127.0.0.1; the mirror runs in-process so that it writes to
the test database, and the in-process client must then answer every list, in every mode, and a
sample of `{id}/`s exactly as the upstream does. Failures (a kill, a 429, a bad page) are made by
wrapping the real HTTP transport, and the mirror's sleeps are recorded instead of slept.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from conftest import DATA, first_difference
from django.test import Client

from openll.api.declaration import endpoints
from openll.ingest import mirror as mirror_module
from openll.ingest.importer import FileImport
from openll.ingest.mirror import PAGE_SIZE, mirror, targets, user_agent
from openll.ingest.models import MirrorPage, MirrorRun

OPENLL = Path(sys.executable).with_name("openll")
DETAIL_SAMPLE = 3  # `{id}/`s compared per endpoint

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def no_sleep(seconds: float) -> None:
    raise AssertionError(f"the mirror waited {seconds} s")


class Killed(BaseException):
    """Stands for the process dying (not an error the mirror could catch and retry)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    """A real openll server with the bundled data: its base URL."""
    home = tmp_path_factory.mktemp("upstream")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENLL_THROTTLE", "REDIS_URL", "PORT", "HOST")}
    env.update(DATABASE_URL=f"sqlite:///{home / 'upstream.sqlite3'}", OPENLL_HOME=str(home))
    subprocess.run(
        [OPENLL, "import", "--quiet", DATA / "seeds", DATA / "ll2-2.3.0"],
        env=env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    log = (home / "serve.log").open("w")
    server = subprocess.Popen(
        [OPENLL, "serve", "--port", str(port), "--workers", "1"], env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}/2.3.0"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api-throttle/").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"openll serve did not start: {(home / 'serve.log').read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _lists() -> list[tuple[str, dict]]:
    """(path, params) of the first page of every list endpoint in every mode, with limit=100."""
    found = []
    for path, endpoint in endpoints().items():
        for mode in endpoint.modes:
            params = {"limit": PAGE_SIZE} if mode is None else {"limit": PAGE_SIZE, "mode": mode}
            found.append((f"/{path}/", params))
    return found


@pytest.fixture(scope="module")
def upstream_answers(upstream):
    """What the upstream answers: relative URL -> JSON, for every page of every list in every mode,
    the first `{id}/`s of every endpoint and the Starship dashboard."""
    answers = {}
    prefix = urlsplit(upstream).path
    with httpx.Client() as http:

        def get(url: str):
            response = http.get(url)
            assert response.status_code == 200, url
            parts = urlsplit(str(response.url))
            answers[f"{parts.path.removeprefix(prefix)}?{parts.query}".rstrip("?")] = response.json()
            return response.json()

        for path, params in _lists():
            page = get(str(httpx.URL(f"{upstream}{path}", params=params)))
            first_ids = [item["id"] for item in page["results"][:DETAIL_SAMPLE]]
            while page["next"]:
                page = get(page["next"])
            if endpoints()[path.strip("/")].detail_path and params.get("mode", "normal") == "normal":
                for item_id in first_ids:
                    get(f"{upstream}{path}{item_id}/")
        get(f"{upstream}/dashboard/starship/")
    assert sum(1 for url in answers if "mode=detailed" in url) > 20
    return answers


def assert_same_as_upstream(upstream: str, answers: dict) -> None:
    """The local API answers every recorded request exactly as the upstream did (its hyperlinks
    included: the local client calls itself by the upstream's host name)."""
    host = urlsplit(upstream).netloc
    client = Client(HTTP_HOST=host)
    differences = []
    for url, want in answers.items():
        response = client.get(f"/2.3.0{url}")
        if response.status_code != 200:
            differences.append(f"{url}: HTTP {response.status_code}")
            continue
        found = first_difference(response.json(), want)
        if found:
            differences.append(f"{url}: {found}")
    assert not differences, "\n".join(differences[:20])


class Wrapped(httpx.BaseTransport):
    """The real network, with a hook that may answer instead of the upstream."""

    def __init__(self, hook=None):
        self.real = httpx.HTTPTransport()
        self.hook = hook
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.hook is not None:
            answer = self.hook(request)
            if answer is not None:
                return answer
        return self.real.handle_request(request)

    def pages(self) -> list[httpx.Request]:
        return [r for r in self.requests if not r.url.path.endswith("/api-throttle/")]

    def close(self) -> None:
        self.real.close()


def _is(request: httpx.Request, path: str, offset: int | None = None) -> bool:
    if not request.url.path.endswith(f"/2.3.0/{path}/"):
        return False
    return offset is None or parse_qs(request.url.query.decode()).get("offset") == [str(offset)]


def _page_keys(run: MirrorRun) -> list[tuple[str, str, int]]:
    return list(run.pages.values_list("endpoint", "mode", "offset"))


# --------------------------------------------------------------------------- tests


def test_mirror_serves_what_the_upstream_serves_and_a_second_run_changes_nothing(upstream, upstream_answers):
    transport = Wrapped()
    first = mirror(from_url=upstream, token="key-1", transport=transport, sleep=no_sleep)
    assert first.full and not first.resumed and not first.bad_pages
    assert first.counts["created"] > 1000
    # One request per page, each page logged once, the walk covering every endpoint but the subsets.
    run = MirrorRun.objects.get()
    assert run.finished_at is not None
    assert len(transport.pages()) == first.pages == run.pages.count()
    assert {key[0] for key in _page_keys(run)} == {t.path for t in targets()}
    assert ("pads", "", 200) in _page_keys(run)  # the 248 pads take three pages
    headers = transport.requests[0].headers
    assert headers["user-agent"] == user_agent() and user_agent().startswith("openll-mirror/")
    assert headers["authorization"] == "Token key-1"
    assert transport.requests[0].url.path.endswith("/api-throttle/")  # read before starting
    launches = next(r for r in transport.pages() if _is(r, "launches"))
    assert launches.url.params["mode"] == "detailed" and launches.url.params["limit"] == "100"

    assert_same_as_upstream(upstream, upstream_answers)

    # Incremental: launches and events are asked only what changed since the first run.
    transport = Wrapped()
    second = mirror(from_url=upstream, transport=transport, sleep=no_sleep)
    assert not second.full and second.since is not None
    assert second.counts["created"] == second.counts["updated"] == 0
    launches = next(r for r in transport.pages() if _is(r, "launches"))
    assert "last_updated__gte" in launches.url.params
    assert MirrorRun.objects.count() == 1  # the log keeps the last run

    third = mirror(from_url=upstream, full=True, sleep=no_sleep)
    assert third.full
    assert third.counts["created"] == third.counts["updated"] == 0
    assert third.pages == first.pages
    assert_same_as_upstream(upstream, upstream_answers)


@pytest.mark.parametrize("where", ["while fetching", "while importing"])
def test_a_killed_mirror_resumes_at_the_first_page_not_imported(
    upstream, upstream_answers, monkeypatch, where
):
    """A kill between two pages, or in the middle of a page's import (its transaction rolls back),
    costs nothing: the next run starts at that page and imports every page exactly once."""
    if where == "while fetching":

        def kill(request):
            if _is(request, "pads", offset=100):
                raise Killed

        transport = Wrapped(kill)
    else:
        transport = Wrapped()

        class KilledImport(FileImport):
            def run(self):
                super().run()
                if self.doc.list_path == "/pads/" and "offset=100" in self.doc.source:
                    raise Killed

        monkeypatch.setattr(mirror_module, "FileImport", KilledImport)

    with pytest.raises(Killed):
        mirror(from_url=upstream, transport=transport, sleep=no_sleep)
    run = MirrorRun.objects.get()
    assert run.finished_at is None
    assert (run.endpoint, run.offset) == ("pads", 100)  # the checkpoint: the page killed
    before = _page_keys(run)
    assert before[-1] == ("pads", "", 0)
    assert not MirrorPage.objects.filter(endpoint="pads", offset=100).exists()
    monkeypatch.undo()

    transport = Wrapped()
    summary = mirror(from_url=upstream, transport=transport, sleep=no_sleep)
    assert summary.resumed
    fetched = transport.pages()
    assert _is(fetched[0], "pads", offset=100)  # not one page fetched again
    after = _page_keys(MirrorRun.objects.get())
    assert after[: len(before)] == before
    assert len(after) == len(set(after)) == len(before) + len(fetched) == summary.pages
    assert {key[0] for key in after} == {t.path for t in targets()}
    assert_same_as_upstream(upstream, upstream_answers)


def test_the_mirror_waits_out_the_upstreams_rate_limit(upstream, upstream_answers):
    """A 429 is waited out (Retry-After, or next_use_secs from /api-throttle/), then the page is
    asked again; a limit already used up at the start is waited out before the first page."""
    throttle_calls = []
    refused = set()

    def limited(request):
        if request.url.path.endswith("/api-throttle/"):
            throttle_calls.append(request)
            used_up = len(throttle_calls) == 1
            return httpx.Response(
                200,
                json={
                    "your_request_limit": 15,
                    "limit_frequency_secs": 3600,
                    "current_use": 15 if used_up else 14,
                    "next_use_secs": 5 if used_up else 1,
                    "ident": "127.0.0.1",
                },
            )
        for path, offset, headers in (("pads", 100, {"Retry-After": "3"}), ("locations", 0, {})):
            if _is(request, path, offset) and (path, offset) not in refused:
                refused.add((path, offset))
                return httpx.Response(429, json={"detail": "Request was throttled."}, headers=headers)
        return None

    sleeps = []
    summary = mirror(from_url=upstream, transport=Wrapped(limited), sleep=sleeps.append)
    assert sleeps == [5, 1, 3]  # the used-up limit at the start, then locations' and pads' 429s
    assert summary.waits == 3 and summary.waited_secs == 9
    assert not summary.bad_pages
    assert refused == {("pads", 100), ("locations", 0)}
    assert_same_as_upstream(upstream, upstream_answers)


def test_network_errors_and_5xx_are_retried_and_a_bad_page_is_skipped(upstream):
    failures = {"pads": 0, "programs": 0}

    def flaky(request):
        if _is(request, "programs") and failures["programs"] < 2:
            failures["programs"] += 1
            raise httpx.ConnectError("connection refused", request=request)
        if _is(request, "pads", offset=0) and failures["pads"] < 2:
            failures["pads"] += 1
            return httpx.Response(503, text="upstream down")
        if _is(request, "pads", offset=100):
            return httpx.Response(200, text='{"count": 248, "next": ')
        if _is(request, "spacecraft"):
            return httpx.Response(
                200, json={"count": 1, "next": None, "previous": None, "results": [{"id": 1, "bogus": 1}]}
            )
        return None

    sleeps = []
    summary = mirror(from_url=upstream, transport=Wrapped(flaky), sleep=sleeps.append)
    assert sleeps == [1, 2, 1, 2]  # backoff: two retries each for programs and pads
    assert len(summary.bad_pages) == 2
    assert summary.bad_pages[0].startswith("pads offset 100: invalid JSON")
    assert summary.bad_pages[1].startswith("spacecraft offset 0: ") and "bogus" in summary.bad_pages[1]
    run = MirrorRun.objects.get()
    assert run.finished_at is not None
    assert ("pads", "", 200) in _page_keys(run)  # the walk went on past the bad page
    assert run.pages.get(endpoint="programs").results == 8
