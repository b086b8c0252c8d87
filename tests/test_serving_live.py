"""`openll serve` as it is deployed: readers while an import writes, several instances on one
database and one Redis, slow clients. Real processes on the suite's kind of database."""

from __future__ import annotations

import copy
import json
import socket
import statistics
import subprocess
import threading
import time

import httpx
from conftest import DATA
from live import OPENLL, database_url, openll, redis_prefix, server_env, serving

LAUNCHES = DATA / "ll2-2.3.0" / "launches.normal.json"
PADS = DATA / "ll2-2.3.0" / "pads.normal.json"


def cloned_pads(count: int) -> list[dict]:
    """`count` pads made from the bundled real ones: the same objects under new ids and names."""
    real = json.loads(PADS.read_text())
    pads = []
    for i in range(count):
        pad = copy.deepcopy(real[i % len(real)])
        pad["id"] = 100_000 + i
        pad["url"] = f"https://ll.thespacedevs.com/2.3.0/pads/{pad['id']}/"
        pad["name"] = f"{pad['name']} (copy {i})"
        pads.append(pad)
    return pads


def test_readers_never_fail_or_wait_during_a_long_import(tmp_path):
    """Four readers hammer uncached routes while one file of 2,000 pads (and their nested objects) is
    imported in one transaction: every read answers 200 (before WAL, SQLite answered "database is
    locked"). The rate limit is on, so every read is also counted while the import writes."""
    with database_url(tmp_path) as url:
        env = server_env(tmp_path, url, OPENLL_CACHE="off", OPENLL_THROTTLE="100000/hour")
        openll(env, "import", "--quiet", DATA / "seeds", DATA / "ll2-2.3.0")
        big = tmp_path / "pads.json"
        big.write_text(json.dumps(cloned_pads(2000)))
        with serving(env, tmp_path, "--workers", "2") as base:
            paths = [
                "/2.3.0/pads/?limit=100&offset={}",
                "/2.3.0/launches/?offset={}",
                "/2.3.0/locations/?offset={}",
            ]
            stop, importing = threading.Event(), threading.Event()
            reads: list[tuple[object, float, bool]] = []

            def read(reader: int) -> None:
                with httpx.Client(timeout=60) as http:
                    i = reader
                    while not stop.is_set():
                        path = paths[i % len(paths)].format(i % 7)
                        started = time.perf_counter()
                        try:
                            status: object = http.get(base + path).status_code
                        except httpx.HTTPError as exc:
                            status = repr(exc)
                        reads.append((status, time.perf_counter() - started, importing.is_set()))
                        i += 1

            readers = [threading.Thread(target=read, args=(k,)) for k in range(4)]
            for thread in readers:
                thread.start()
            time.sleep(1)
            importing.set()
            started = time.perf_counter()
            result = subprocess.run(
                [OPENLL, "import", "--quiet", big], env=env, capture_output=True, text=True
            )
            took = time.perf_counter() - started
            importing.clear()
            time.sleep(1)
            stop.set()
            for thread in readers:
                thread.join()
            count = httpx.get(f"{base}/2.3.0/pads/?limit=1").json()["count"]
    assert result.returncode == 0, result.stderr
    during = [r for r in reads if r[2]]
    errors = [r for r in reads if r[0] != 200]
    quantiles = statistics.quantiles([r[1] for r in during], n=100)
    print(
        f"\n{len(reads)} reads, {len(during)} during a {took:.1f} s import of 2,000 pads: "
        f"{len(errors)} errors; read times p50 {quantiles[49]:.3f} s, p99 {quantiles[98]:.3f} s, "
        f"slowest {max(r[1] for r in reads):.2f} s"
    )
    assert len(during) >= 10, "the readers did not read while the import ran"
    assert errors == []
    assert count == 248 + 2000


def test_two_instances_on_one_database_and_one_redis_serve_a_change_at_once(tmp_path, redis_url):
    """How a load-balanced deployment runs: both instances cache the same answer (in Redis); an
    import commits; the next request to either shows it."""
    launches = json.loads(LAUNCHES.read_text())
    url = f"/2.3.0/launches/{launches[0]['id']}/"
    with database_url(tmp_path) as db_url:
        env = server_env(tmp_path, db_url, REDIS_URL=redis_url, OPENLL_REDIS_PREFIX=redis_prefix())
        openll(env, "import", "--quiet", LAUNCHES)
        with (
            serving(env, tmp_path, "--workers", "1") as one,
            serving(env, tmp_path, "--workers", "1") as two,
        ):
            # Behind a load balancer both are called by one name.
            host = {"Host": "launches.example.org"}
            first = httpx.get(one + url, headers=host)
            assert httpx.get(two + url, headers=host).headers["x-openll-cache"] == "hit"  # made by one
            assert httpx.get(one + url, headers=host).headers["x-openll-cache"] == "hit"
            launches[0]["name"] = "Renamed upstream"
            launches[0]["last_updated"] = "2030-01-01T00:00:00Z"
            changed = tmp_path / "changed.json"
            changed.write_text(json.dumps(launches))
            openll(env, "import", "--quiet", changed)
            answers = [httpx.get(base + url, headers=host) for base in (two, one)]
    assert first.json()["name"] != "Renamed upstream"
    assert [a.json()["name"] for a in answers] == ["Renamed upstream"] * 2
    assert answers[0].headers["x-openll-cache"] == "miss" and answers[1].headers["x-openll-cache"] == "hit"
    assert first.json()["url"].startswith("http://launches.example.org/2.3.0/launches/")
    assert answers[0].headers["etag"] != first.headers["etag"]


def test_slow_clients_cannot_starve_the_server(tmp_path):
    """Sixteen connections trickle their headers into a server with one worker of two threads:
    a normal request still answers, and a connection that never finishes its headers is dropped
    at the deadline."""
    with database_url(tmp_path) as url:
        env = server_env(tmp_path, url, OPENLL_HEADER_TIMEOUT="3")
        openll(env, "import", "--quiet", LAUNCHES)
        with serving(env, tmp_path, "--workers", "1", "--threads", "2") as base:
            host, port = base.removeprefix("http://").split(":")
            slow = []
            for _ in range(16):
                sock = socket.create_connection((host, int(port)))
                sock.sendall(b"GET /2.3.0/pads/ HTTP/1.1\r\nHost: localhost\r\n")
                slow.append(sock)
            time.sleep(0.5)
            for sock in slow:
                sock.sendall(b"X-Slow: 1\r\n")
            started = time.perf_counter()
            answer = httpx.get(f"{base}/2.3.0/pads/?limit=1", timeout=10)
            took = time.perf_counter() - started
            slow[0].settimeout(15)
            dropped_after = time.perf_counter()
            try:
                tail = slow[0].recv(1024)
            except ConnectionResetError:
                tail = b""
            dropped_after = time.perf_counter() - dropped_after
            for sock in slow:
                sock.close()
    print(
        f"\nbeside 16 slow clients: answered in {took * 1000:.0f} ms; one dropped after {dropped_after:.1f} s"
    )
    assert answer.status_code == 200
    assert tail == b"" or tail.startswith(b"HTTP/1.1 408")


def test_the_access_log_is_off_unless_asked_for(tmp_path):
    """Each request is logged only with --access-log (or OPENLL_ACCESS_LOG=on), on both servers:
    the log costs cached answers about a fifth of their rate (README, Speed)."""
    with database_url(tmp_path) as url:
        env = server_env(tmp_path, url)
        for server in ("granian", "gunicorn"):
            for flag, logged in (((), False), (("--access-log",), True)):
                with serving(env, tmp_path, "--workers", "1", "--server", server, *flag) as base:
                    httpx.get(f"{base}/2.3.0/agencies/")
                    time.sleep(0.3)  # the server writes its log line after the answer
                    log = (tmp_path / f"serve-{base.rsplit(':', 1)[1]}.log").read_text()
                assert ("GET /2.3.0/agencies/" in log) is logged, (server, flag, log[-2000:])
        bad = subprocess.run(
            [OPENLL, "serve", "--port", "1"], env={**env, "OPENLL_ACCESS_LOG": "maybe"}, capture_output=True
        )
        assert bad.returncode == 1 and b"OPENLL_ACCESS_LOG" in bad.stderr
