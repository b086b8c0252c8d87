"""Real servers for tests: `openll serve` in a subprocess on its own database, and Redis.

A live openll gets a database of its own, of the kind the suite runs on: a SQLite file, or a
fresh PostgreSQL database on the suite's server (dropped afterwards). Redis is a private
`redis-server` on a free port when one is installed, else the one REDIS_URL (or 127.0.0.1:6379)
names, under a random key prefix; with neither, the tests that need it are skipped, saying why.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from django.db import connection

OPENLL = Path(sys.executable).with_name("openll")
# Variables of the developer's shell that would change what a test server does.
SERVER_VARIABLES = (
    "OPENLL_THROTTLE",
    "REDIS_URL",
    "PORT",
    "HOST",
    "NUM_PROXIES",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "OPENLL_HTTPS",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def database_url(home: Path) -> Iterator[str]:
    """A DATABASE_URL for a server of its own, on the database kind of this test run."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{home / 'openll.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"openll_live_{uuid.uuid4().hex[:12]}"
    admin = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as pg:
        pg.execute(f'CREATE DATABASE "{name}"')
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    try:
        yield f"postgres://{params['USER']}{password}@{admin['host']}:{admin['port']}/{name}"
    finally:
        with psycopg.connect(**admin) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(home: Path, db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
    env.update(DATABASE_URL=db_url, OPENLL_HOME=str(home), **extra)
    return env


def openll(env: dict, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [OPENLL, *args], env=env, check=check, capture_output=True, text=True, timeout=timeout
    )


@contextlib.contextmanager
def serving(env: dict, home: Path, *args: str) -> Iterator[str]:
    """`openll serve` on a free port: its base URL (http://127.0.0.1:PORT) once it answers."""
    port = free_port()
    log_path = home / f"serve-{port}.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [OPENLL, "serve", "--port", str(port), *args], env=env, stdout=log, stderr=log
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/2.3.0/api-throttle/").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"openll serve did not start: {log_path.read_text()}")
                time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except Exception:
        return False


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> Iterator[str]:
    """A Redis URL for this test session (see the module docstring)."""
    binary = shutil.which("redis-server")
    if binary:
        port = free_port()
        home = tmp_path_factory.mktemp("redis")
        server = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=home,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        try:
            deadline = time.monotonic() + 10
            while not _answers(url):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.skip("redis-server did not start")
                time.sleep(0.05)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)
        return
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not _answers(url):
        pytest.skip(f"no Redis: redis-server is not installed and {url} does not answer")
    yield url


def redis_prefix() -> str:
    """Keys of one test, apart from anything else in a shared Redis."""
    return f"openll-test-{uuid.uuid4().hex}:"
