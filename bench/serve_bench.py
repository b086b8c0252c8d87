"""Serve LL2-scale data with `openll serve` and nginx in one run, and print what a client sees.

    apt-get install -y wrk nginx        # once (Debian packages)
    .venv/bin/python bench/serve_bench.py [--launches 8000] [--database-url postgres://...] \
        [--duration 10] [--fresh 40] [--readers 6] [-- EXTRA OPENLL SERVE ARGS, e.g. --server granian]

In a temporary directory: generates data (bench/generate.py, or --data DIR made by it), imports it
into a new database (SQLite in the temporary home; with --database-url, a new database created on
that PostgreSQL server and dropped afterwards), times the import of the launch pages, then:

- fresh p50/p90: --fresh requests, one at a time, that the server never answered before (the
  server runs as deployed, caches on, and each request asks another page, id or offset: the
  response cache cannot answer it, the objects it nests may have been rendered before;
  `--fresh-cache off` measures with OPENLL_CACHE=off, nothing reused at all);
- warm p50: the same request repeated (cache on, the default);
- req/s: wrk, 8 connections, --duration seconds, cache on; nginx req/s: nginx serving the very
  bytes and Content-Type that openll returned for that request, from the same machine, same run;
- readers during import: --readers threads asking fresh pages while `openll import` loads one file
  of thousands of detailed launches: reads, errors (anything but HTTP 200), slowest read.

`openll serve` runs with `--workers 2` plus any arguments after `--`. nginx runs with its own
configuration in the temporary directory on a free port (its workers as `nobody` when started as
root). Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/generate.py, next to this file)

OPENLL = str(Path(sys.executable).with_name("openll"))
HOST = "127.0.0.1"


@dataclass
class Request:
    label: str
    path: str  # the request measured warm, with wrk and against nginx
    fresh: list[str] = field(default_factory=list)  # distinct variants for the fresh figures


@dataclass
class Row:
    request: Request
    size: int = 0
    content_type: str = ""
    fresh: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    rps: float | None = None
    nginx_rps: float | None = None
    errors: str = ""
    body: bytes = b""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def need_tools() -> tuple[str, str]:
    wrk = shutil.which("wrk")
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
    if not wrk or not nginx:
        missing = " and ".join(name for name, path in (("wrk", wrk), ("nginx", nginx)) if not path)
        sys.exit(f"serve_bench: {missing} not found; install them with: apt-get install -y wrk nginx")
    return wrk, nginx


# --------------------------------------------------------------------------- database and import


@contextlib.contextmanager
def database(url: str | None, template: str | None = None):
    """The DATABASE_URL to use: None (SQLite in OPENLL_HOME) or a new PostgreSQL database, a copy
    of `template` when given (a database with the data already imported)."""
    if not url:
        yield None
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"openll_bench_{os.getpid()}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def openll(env: dict, *args: str) -> float:
    """Run an openll command to completion; its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run([OPENLL, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def database_version(env: dict) -> str:
    code = (
        "import django; django.setup(); from django.db import connection as c; c.ensure_connection();"
        "print(c.vendor, c.Database.sqlite_version if c.vendor == 'sqlite' else c.pg_version)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "openll.settings"},
        text=True,
        capture_output=True,
        check=True,
    )
    vendor, version = out.stdout.split()
    if vendor == "postgresql":
        number = int(version)
        version = f"{number // 10000}.{number % 10000}"
    return f"{'PostgreSQL' if vendor == 'postgresql' else 'SQLite'} {version}"


# --------------------------------------------------------------------------- servers


class Server:
    """`openll serve` in its own process group, stopped (group and all) on exit."""

    def __init__(self, env: dict, extra: list[str], log: Path):
        self.port = free_port()
        self.log = log.open("wb")
        self.proc = subprocess.Popen(
            [OPENLL, "serve", "--host", HOST, "--port", str(self.port), "--workers", "2", *extra],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"serve_bench: openll serve exited with {self.proc.returncode}; see {log}")
            with contextlib.suppress(OSError):
                if get(self.port, "/2.3.0/")[0] == 200:
                    return
            time.sleep(0.3)
        self.stop()
        sys.exit(f"serve_bench: openll serve did not answer within 120 s; see {log}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


class Nginx:
    """nginx serving saved bodies: `/r/N` answers body N with its Content-Type."""

    def __init__(self, binary: str, directory: Path, bodies: list[tuple[bytes, str]]):
        self.port = free_port()
        directory.mkdir(parents=True, exist_ok=True)
        locations = []
        for n, (body, content_type) in enumerate(bodies):
            (directory / f"r{n}").write_bytes(body)
            locations.append(
                f'location = /r/{n} {{ default_type "{content_type}"; alias {directory}/r{n}; }}'
            )
        for path in (directory, *directory.parents):  # its workers run as nobody when we are root
            if path == Path(tempfile.gettempdir()):
                break
            path.chmod(0o755)
        for item in directory.iterdir():
            item.chmod(0o644)
        user = "user nobody nogroup;" if os.geteuid() == 0 else ""
        conf = directory / "nginx.conf"
        conf.write_text(
            f"""{user}
worker_processes 2;
daemon off;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types {{ }}
    client_body_temp_path {directory}/tmp-body;
    proxy_temp_path {directory}/tmp-proxy;
    fastcgi_temp_path {directory}/tmp-fastcgi;
    uwsgi_temp_path {directory}/tmp-uwsgi;
    scgi_temp_path {directory}/tmp-scgi;
    server {{
        listen {HOST}:{self.port};
        {chr(10).join(locations)}
    }}
}}
"""
        )
        self.proc = subprocess.Popen(
            [binary, "-p", str(directory), "-c", str(conf), "-e", str(directory / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if bodies and get(self.port, "/r/0")[0] == 200:
                    return
            time.sleep(0.1)
        self.stop()
        sys.exit(f"serve_bench: nginx did not start; see {directory / 'error.log'}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(20)


# --------------------------------------------------------------------------- clients


def get(port: int, path: str, conn: http.client.HTTPConnection | None = None, timeout: float = 60):
    """(status, body, Content-Type, seconds) of one GET."""
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        return response.status, body, response.getheader("Content-Type", ""), elapsed
    finally:
        if own:
            conn.close()


def timed(port: int, paths: list[str]) -> list[float]:
    """Milliseconds of each GET, one at a time on one keep-alive connection; non-200 aborts."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    times = []
    try:
        for path in paths:
            status, body, _, elapsed = get(port, path, conn)
            if status != 200:
                raise RuntimeError(f"GET {path}: HTTP {status}: {body[:200]!r}")
            times.append(elapsed * 1000)
    finally:
        conn.close()
    return times


def wrk(binary: str, port: int, path: str, duration: int) -> tuple[float, str]:
    """Requests per second of wrk (2 threads, 8 connections), and a note on errors."""
    out = subprocess.run(
        [binary, "-t2", "-c8", f"-d{duration}s", f"http://{HOST}:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    problems = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: [^\n]+)", out)
    return rps, "; ".join(problems)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


@dataclass
class Readers:
    """Threads asking fresh pages until told to stop: reads, errors, slowest."""

    port: int
    paths: list[str]
    threads: int
    reads: int = 0
    errors: list[str] = field(default_factory=list)
    slowest: float = 0.0
    times: list[float] = field(default_factory=list)

    def run(self, stop: threading.Event) -> list[threading.Thread]:
        lock = threading.Lock()

        def reader(offset: int) -> None:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
            n = offset
            while not stop.is_set():
                path = self.paths[n % len(self.paths)]
                n += self.threads
                started = time.perf_counter()
                try:
                    status, body, _, _ = get(self.port, path, conn)
                    problem = None if status == 200 else f"HTTP {status} {path}: {body[:120]!r}"
                except (OSError, http.client.HTTPException) as exc:
                    problem = f"{type(exc).__name__} {path}: {exc}"
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
                elapsed = time.perf_counter() - started
                with lock:
                    self.reads += 1
                    self.times.append(elapsed)
                    self.slowest = max(self.slowest, elapsed)
                    if problem:
                        self.errors.append(problem)
            conn.close()

        threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(self.threads)]
        for thread in threads:
            thread.start()
        return threads


# --------------------------------------------------------------------------- the run


def requests_to_measure(
    launches: int, upcoming: int, search: str, search_count: int, fresh: int
) -> list[Request]:
    """The five requests, each with `fresh` variants nobody asked before (other pages, ids)."""
    pages = max(1, launches // 10)

    def offsets(count: int, size: int, n: int) -> list[int]:
        last = max(1, (count - 1) // size)
        step = max(1, last // max(1, n))
        return [size * ((1 + i * step) % (last + 1)) for i in range(n)]

    ids = [generate.launch_id(n) for n in range(0, launches, max(1, launches // (fresh + 1)))][1 : fresh + 1]
    return [
        Request(
            "`/2.3.0/launches/` (10 normal, the default)",
            "/2.3.0/launches/",
            [f"/2.3.0/launches/?offset={o}" for o in offsets(pages * 10, 10, fresh)],
        ),
        Request(
            "`/2.3.0/launches/?mode=detailed&limit=100`",
            "/2.3.0/launches/?mode=detailed&limit=100",
            [f"/2.3.0/launches/?mode=detailed&limit=100&offset={o}" for o in offsets(launches, 100, fresh)],
        ),
        Request(
            "`/2.3.0/launches/{id}/`",
            f"/2.3.0/launches/{generate.launch_id(0)}/",
            [f"/2.3.0/launches/{pk}/" for pk in ids],
        ),
        Request(
            f"`/2.3.0/launches/?search={search}`",
            f"/2.3.0/launches/?search={search}",
            [f"/2.3.0/launches/?search={search}&offset={o}" for o in offsets(search_count, 10, fresh)],
        ),
        Request(
            "`/2.3.0/launches/upcoming/`",
            "/2.3.0/launches/upcoming/",
            [f"/2.3.0/launches/upcoming/?offset={o}" for o in offsets(upcoming, 10, fresh)],
        ),
    ]


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = ""
    with contextlib.suppress(OSError, AttributeError):
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=8000)
    parser.add_argument(
        "--one-file", type=int, default=3000, help="launches in the single file (readers test)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, help="data made by bench/generate.py (default: generate)")
    parser.add_argument("--database-url", help="PostgreSQL server to create a temporary database on")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run (default 10)")
    parser.add_argument("--fresh", type=int, default=40, help="fresh requests per row (default 40)")
    parser.add_argument(
        "--fresh-cache",
        choices=("on", "off"),
        default="on",
        help="OPENLL_CACHE while fresh requests are timed (default on: as deployed)",
    )
    parser.add_argument("--readers", type=int, default=6, help="reader threads during the import (default 6)")
    parser.add_argument("--search", default="Starlink", help="a word of real launch names (default Starlink)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--home",
        type=Path,
        help="an OPENLL_HOME with the --data already imported (SQLite; copied, the import is not timed)",
    )
    parser.add_argument(
        "--from-database",
        help="with --database-url: a PostgreSQL database with the --data already imported "
        "(copied, the import is not timed; nobody may be connected to it)",
    )
    parser.add_argument("serve_args", nargs="*", help="after --: extra `openll serve` arguments")
    args = parser.parse_args()
    wrk_binary, nginx_binary = need_tools()

    work = Path(tempfile.mkdtemp(prefix="openll-bench-"))
    home = work / "home"
    if args.from_database and not (args.data and args.database_url):
        sys.exit("serve_bench: --from-database needs --data (the data imported there) and --database-url")
    if args.home:
        if not args.data or args.database_url:
            sys.exit("serve_bench: --home needs --data (the data imported there) and SQLite")
        shutil.copytree(args.home, home)
    else:
        home.mkdir()
    print(f"work directory: {work}", flush=True)
    try:
        data = args.data
        if data is None:
            data = work / "data"
            started = time.perf_counter()
            generate.generate(data, args.launches, args.one_file, args.seed)
            print(f"generated {args.launches} launches in {time.perf_counter() - started:.0f} s", flush=True)
        with database(args.database_url, args.from_database) as url:
            env = {**os.environ, "OPENLL_HOME": str(home)}
            env.pop("DATABASE_URL", None)
            if url:
                env["DATABASE_URL"] = url
            run(args, env, data, work, wrk_binary, nginx_binary)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def run(args, env: dict, data: Path, work: Path, wrk_binary: str, nginx_binary: str) -> None:
    pages = data / "pages"
    launch_pages = sorted(pages.glob("1-launches-*.json"))
    launches = count_launches(launch_pages)
    load_before = os.getloadavg()[0]
    openll(env, "migrate")
    import_seconds = None
    if not (args.home or args.from_database):
        catalog_seconds = openll(env, "import", "--quiet", *map(str, sorted(pages.glob("0*.json"))))
        import_seconds = openll(env, "import", "--quiet", *map(str, launch_pages))
        openll(env, "import", "--quiet", *map(str, sorted(pages.glob("2-*.json"))))
        print(
            f"import: catalog {catalog_seconds:.0f} s; "
            f"{launches} detailed launches in {len(launch_pages)} files: "
            f"{import_seconds:.0f} s = {launches / import_seconds:.0f} launches/s",
            flush=True,
        )
    db = database_version(env)

    # Fresh: every request one that was never asked.
    server = Server({**env, "OPENLL_CACHE": args.fresh_cache}, args.serve_args, work / "serve-fresh.log")
    try:
        upcoming = count_of(server.port, "/2.3.0/launches/upcoming/?mode=list&limit=1")
        searched = count_of(server.port, f"/2.3.0/launches/?search={args.search}&mode=list&limit=1")
        plan = requests_to_measure(launches, upcoming, args.search, searched, args.fresh)
        rows = [Row(request) for request in plan]
        timed(server.port, ["/2.3.0/", "/2.3.0/launches/?limit=1"] * 4)  # wake both workers
        for row in rows:
            row.fresh = timed(server.port, row.request.fresh)
    finally:
        server.stop()

    # Warm and under load: the cache on (the default), the same request again and again.
    server = Server(env, args.serve_args, work / "serve.log")
    try:
        for row in rows:
            status, body, content_type, _ = get(server.port, row.request.path)
            if status != 200:
                raise RuntimeError(f"GET {row.request.path}: HTTP {status}")
            row.size, row.content_type = len(body), content_type
            row.warm = timed(server.port, [row.request.path] * args.fresh)
            row.rps, row.errors = wrk(wrk_binary, server.port, row.request.path, args.duration)
            row.body = body
        nginx = Nginx(nginx_binary, work / "nginx", [(row.body, row.content_type) for row in rows])
        try:
            for n, row in enumerate(rows):
                row.nginx_rps, _ = wrk(wrk_binary, nginx.port, f"/r/{n}", args.duration)
        finally:
            nginx.stop()

        # Readers while one file of thousands of launches is imported (--readers 0: skipped).
        single = data / "one-file" / "launches.json"
        readers = Readers(server.port, [path for row in rows for path in row.request.fresh], args.readers)
        one_file_seconds = 0.0
        if args.readers:
            stop = threading.Event()
            threads = readers.run(stop)
            time.sleep(1)
            one_file_seconds = openll(env, "import", "--quiet", str(single))
            stop.set()
            for thread in threads:
                thread.join(150)
    finally:
        server.stop()

    extra = " ".join(args.serve_args) or "(defaults)"
    print()
    print(f"load average (1 min) at start {load_before:.1f}, at end {os.getloadavg()[0]:.1f}")
    print(
        f"Measured {dt.date.today()} on {machine()}; {db}; `openll serve --workers 2 {extra}`; "
        f"{launches} detailed launches; wrk -t2 -c8 -d{args.duration}s; fresh = {args.fresh} "
        f"requests never asked before (OPENLL_CACHE={args.fresh_cache}), warm = the same request again "
        "(cache on)."
    )
    print()
    print(
        "| request | bytes | fresh p50 | fresh p90 | warm p50 | openll req/s | nginx req/s | openll/nginx |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        ratio = f"{100 * row.rps / row.nginx_rps:.1f}%" if row.rps and row.nginx_rps else ""
        print(
            f"| {row.request.label} | {row.size:,} | {statistics.median(row.fresh):.1f} ms "
            f"| {percentile(row.fresh, 0.9):.1f} ms | {statistics.median(row.warm):.1f} ms "
            f"| {row.rps:,.0f} | {row.nginx_rps:,.0f} | {ratio} |"
        )
    for row in rows:
        if row.errors:
            print(f"wrk errors for {row.request.path}: {row.errors}")
    print()
    if import_seconds:
        print(
            f"- Import: {launches} detailed launches ({len(launch_pages)} files of 100) "
            f"in {import_seconds:.1f} s = {launches / import_seconds:.0f} launches/s."
        )
    times = sorted(readers.times)
    if not args.readers:
        return
    print(
        f"- Readers during import: {args.readers} threads while `openll import` loaded one file of "
        f"{count_launches([single])} detailed launches ({one_file_seconds:.0f} s): {readers.reads} reads, "
        f"{len(readers.errors)} errors, slowest {readers.slowest * 1000:.0f} ms, "
        f"p99 {percentile(times, 0.99) * 1000 if times else 0:.0f} ms."
    )
    for problem in readers.errors[:5]:
        print(f"  error: {problem}")


def count_launches(paths: list[Path]) -> int:
    import orjson

    return sum(len(orjson.loads(path.read_bytes())["results"]) for path in paths)


def count_of(port: int, path: str) -> int:
    import orjson

    status, body, _, _ = get(port, path)
    if status != 200:
        raise RuntimeError(f"GET {path}: HTTP {status}: {body[:200]!r}")
    return orjson.loads(body)["count"]


if __name__ == "__main__":
    sys.exit(main())
