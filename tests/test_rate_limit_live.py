"""The rate limit of a real `openll serve --workers 2`, as an attacker and a careless client
meet it: `15/hour` lets exactly 15 calls through, whatever the concurrency, the number of
workers or the X-Forwarded-For header, with the counts in the database (no REDIS_URL; the
suite's own kind of database) or in Redis. A bad OPENLL_THROTTLE stops the server at start."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from live import database_url, openll, redis_prefix, redis_url, server_env, serving  # noqa: F401

LIMIT = 15
CALLS = 40
URL = "/2.3.0/config/launch_statuses/?format=json"


MAKE_KEYS = (
    "from openll.api.models import ApiToken; "
    "print(*(ApiToken.objects.create(name=f'key {i}').key for i in range(4)))"
)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One database for both servers, with four API keys (a bucket per test and store)."""
    home = tmp_path_factory.mktemp("limited")
    with database_url(home) as db_url:
        keys = openll(server_env(home, db_url), "shell", "-c", MAKE_KEYS).stdout.splitlines()[-1].split()
        yield home, db_url, keys


@pytest.fixture(scope="module", params=["database", "redis"])
def server(request, database):
    """A server limited to 15/hour, with two workers, counting in the database or in Redis; and
    the two keys its tests use."""
    home, db_url, keys = database
    extra = {"OPENLL_THROTTLE": f"{LIMIT}/hour"}
    if request.param == "redis":
        extra.update(REDIS_URL=request.getfixturevalue("redis_url"), OPENLL_REDIS_PREFIX=redis_prefix())
        keys = keys[2:]
    with serving(server_env(home, db_url, **extra), home, "--workers", "2", "--threads", "4") as base:
        yield base, keys[:2]


def codes(responses) -> dict[int, int]:
    found: dict[int, int] = {}
    for response in responses:
        found[response.status_code] = found.get(response.status_code, 0) + 1
    return found


def test_a_burst_of_concurrent_calls_gets_exactly_the_limit(server):
    """Finding 2: 40 calls, 8 at a time, against 15/hour: 30-36 got 200."""
    base, (key, _) = server
    headers = {"Authorization": f"Token {key}"}
    with httpx.Client(base_url=base, headers=headers) as http, ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: http.get(URL), range(CALLS)))
    assert codes(responses) == {200: LIMIT, 429: CALLS - LIMIT}


def test_every_worker_counts_in_the_same_window(server):
    """Finding 3: without Redis each worker counted alone (15/hour let 30 through, 2 workers)."""
    base, (_, key) = server
    with httpx.Client(base_url=base, headers={"Authorization": f"Token {key}"}) as http:
        responses = [http.get(URL) for _ in range(CALLS)]
        assert [r.status_code for r in responses] == [200] * LIMIT + [429] * (CALLS - LIMIT)
        assert int(responses[-1].headers["Retry-After"]) > 3500
        assert http.get("/2.3.0/api-throttle/").json()["current_use"] == LIMIT


def test_made_up_forwarded_for_headers_share_the_sockets_bucket(server):
    """Finding 1: each X-Forwarded-For value got a fresh bucket (20 of 20 spoofed calls passed)."""
    base, _ = server
    with httpx.Client(base_url=base) as http:
        answers = [http.get(URL, headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(20)]
    assert answers == [200] * LIMIT + [429] * (20 - LIMIT)


@pytest.mark.parametrize("value", ["abc", "15/fortnight"])
def test_a_bad_rate_stops_openll_serve_with_one_line_naming_it(tmp_path, value):
    """Finding 4: OPENLL_THROTTLE=abc started the server; then every API call was a 500."""
    env = server_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}", OPENLL_THROTTLE=value)
    done = openll(env, "serve", "--port", "1", check=False, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "OPENLL_THROTTLE" in lines[0] and value in lines[0]
