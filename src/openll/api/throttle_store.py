"""Where the rate limit keeps its counts: a sliding window of call times per client bucket, as
DRF's SimpleRateThrottle keeps it (so `15/hour` means at most 15 calls in any hour), but counted
atomically and shared by every worker and every instance:

- Redis when REDIS_URL is set: one sorted set per bucket, trimmed, counted and added to by one Lua
  script (Redis runs a script alone, so no burst can slip between the count and the add);
- otherwise the database (table api_throttlecall), one transaction per call in which the bucket is
  locked first: PostgreSQL by a transaction-level advisory lock on the bucket, SQLite by making the
  first statement a write, which takes the database's write lock until commit;
- except next to a SQLite database file: a SQLite file of its own (`<database>-throttle`), so that
  an import holding the database's write lock does not hold up every request.

A store answers two questions: `hit` (count this call if the window has room; else how long until
it has) and `usage` (calls in the window and the oldest one, without counting).
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import threading
import uuid
from typing import Protocol

from django.conf import settings
from django.db import connections, transaction

from openll.api.rates import LONGEST_PERIOD, Rate

# One call in SWEEP_EVERY also deletes every expired row of every bucket (the table stays the
# size of the current windows, also for clients that never come back).
SWEEP_EVERY = 200


class Store(Protocol):
    def hit(self, bucket: str, rate: Rate, now: float) -> float | None:
        """Count a call: None if the window had room, else the seconds until it has (the refused
        call is not counted)."""

    def usage(self, bucket: str, rate: Rate, now: float) -> tuple[int, float | None]:
        """(calls in the window, time of the oldest of them)."""


def _lock_id(bucket: str) -> int:
    """A signed 64-bit advisory-lock key for the bucket."""
    return int.from_bytes(hashlib.sha256(bucket.encode()).digest()[:8], "big", signed=True)


class DatabaseStore:
    alias = "default"

    def hit(self, bucket: str, rate: Rate, now: float) -> float | None:
        connection = connections[self.alias]
        with transaction.atomic(using=self.alias), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_id(bucket)])
            # On SQLite this write, the transaction's first statement, takes the write lock.
            cursor.execute(
                "DELETE FROM api_throttlecall WHERE bucket = %s AND at <= %s", [bucket, now - rate.seconds]
            )
            cursor.execute("SELECT COUNT(*), MIN(at) FROM api_throttlecall WHERE bucket = %s", [bucket])
            count, oldest = cursor.fetchone()
            if count >= rate.requests:
                return oldest + rate.seconds - now
            cursor.execute("INSERT INTO api_throttlecall (bucket, at) VALUES (%s, %s)", [bucket, now])
            if random.randrange(SWEEP_EVERY) == 0:
                cursor.execute("DELETE FROM api_throttlecall WHERE at <= %s", [now - LONGEST_PERIOD])
        return None

    def usage(self, bucket: str, rate: Rate, now: float) -> tuple[int, float | None]:
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*), MIN(at) FROM api_throttlecall WHERE bucket = %s AND at > %s",
                [bucket, now - rate.seconds],
            )
            count, oldest = cursor.fetchone()
        return count, oldest


class SQLiteFileStore:
    """The counts in a SQLite file of their own, beside the database file.

    SQLite has one write lock per file, and an import holds the database's for a whole file (one
    transaction, minutes for a big one): counting calls in the same file would make every request
    wait for the import. A file of its own is written in moments, and shared by every worker of
    the machine as the database is."""

    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS throttle_call (bucket TEXT NOT NULL, at REAL NOT NULL)",
        "CREATE INDEX IF NOT EXISTS throttle_call_bucket_at ON throttle_call (bucket, at)",
    )

    def __init__(self, path: str):
        self.path = path
        self.local = threading.local()

    def connection(self) -> sqlite3.Connection:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            for statement in self.SCHEMA:
                connection.execute(statement)
            self.local.connection = connection
        return connection

    def hit(self, bucket: str, rate: Rate, now: float) -> float | None:
        connection = self.connection()
        connection.execute("BEGIN IMMEDIATE")  # the file's write lock, until COMMIT: one call at a time
        try:
            connection.execute(
                "DELETE FROM throttle_call WHERE bucket = ? AND at <= ?", (bucket, now - rate.seconds)
            )
            count, oldest = connection.execute(
                "SELECT COUNT(*), MIN(at) FROM throttle_call WHERE bucket = ?", (bucket,)
            ).fetchone()
            if count >= rate.requests:
                return oldest + rate.seconds - now
            connection.execute("INSERT INTO throttle_call (bucket, at) VALUES (?, ?)", (bucket, now))
            if random.randrange(SWEEP_EVERY) == 0:
                connection.execute("DELETE FROM throttle_call WHERE at <= ?", (now - LONGEST_PERIOD,))
            return None
        finally:
            connection.execute("COMMIT")

    def usage(self, bucket: str, rate: Rate, now: float) -> tuple[int, float | None]:
        count, oldest = (
            self.connection()
            .execute(
                "SELECT COUNT(*), MIN(at) FROM throttle_call WHERE bucket = ? AND at > ?",
                (bucket, now - rate.seconds),
            )
            .fetchone()
        )
        return count, oldest


# KEYS[1]: the bucket's sorted set (score: call time). ARGV: now, window seconds, allowed calls,
# a unique member. Returns {1} when counted, {0, oldest} when refused. Times go out as strings:
# Redis would truncate a Lua number to an integer.
HIT_SCRIPT = """
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, oldest[2]}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('EXPIRE', KEYS[1], math.ceil(window))
return {1}
"""


class RedisStore:
    def __init__(self, url: str, prefix: str):
        import redis

        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self.script = self.client.register_script(HIT_SCRIPT)

    def key(self, bucket: str) -> str:
        return f"{self.prefix}{bucket}"

    def hit(self, bucket: str, rate: Rate, now: float) -> float | None:
        member = f"{now!r}:{uuid.uuid4().hex}"
        answer = self.script(keys=[self.key(bucket)], args=[repr(now), rate.seconds, rate.requests, member])
        if int(answer[0]) == 1:
            return None
        return float(answer[1]) + rate.seconds - now

    def usage(self, bucket: str, rate: Rate, now: float) -> tuple[int, float | None]:
        key = self.key(bucket)
        window = f"({now - rate.seconds!r}"
        with self.client.pipeline(transaction=True) as pipe:
            pipe.zcount(key, window, "+inf")
            pipe.zrangebyscore(key, window, "+inf", start=0, num=1, withscores=True)
            count, oldest = pipe.execute()
        return int(count), (oldest[0][1] if oldest else None)


_stores: dict[tuple, Store] = {}


def sqlite_file() -> str | None:
    """The counts' own file when the database is a SQLite file (not an in-memory one)."""
    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    if database["ENGINE"] != "django.db.backends.sqlite3" or not name or "memory" in name:
        return None
    return f"{name}-throttle"


def store() -> Store:
    """Redis when REDIS_URL is set, else a SQLite file of its own next to a SQLite database, else
    the database; one per configuration and process."""
    url = getattr(settings, "REDIS_URL", "")
    prefix = f"{getattr(settings, 'OPENLL_REDIS_PREFIX', 'openll:')}throttle:"
    path = None if url else sqlite_file()
    config = (url, prefix, path)
    if config not in _stores:
        if url:
            _stores[config] = RedisStore(url, prefix)
        elif path:
            _stores[config] = SQLiteFileStore(path)
        else:
            _stores[config] = DatabaseStore()
    return _stores[config]
