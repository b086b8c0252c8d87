"""Where the rate limit keeps its counts: a sliding window of call times per client bucket, as
DRF's SimpleRateThrottle keeps it (so `15/hour` means at most 15 calls in any hour), but counted
atomically and shared by every worker and every instance:

- Redis when REDIS_URL is set: one sorted set per bucket, trimmed, counted and added to by one Lua
  script (Redis runs a script alone, so no burst can slip between the count and the add);
- otherwise the database (table api_throttlecall), one transaction per call in which the bucket is
  locked first: PostgreSQL by a transaction-level advisory lock on the bucket, SQLite by making the
  first statement a write, which takes the database's write lock until commit.

A store answers two questions: `hit` (count this call if the window has room; else how long until
it has) and `usage` (calls in the window and the oldest one, without counting).
"""

from __future__ import annotations

import hashlib
import random
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


def store() -> Store:
    """Redis when REDIS_URL is set, else the database; one per configuration and process."""
    url = getattr(settings, "REDIS_URL", "")
    prefix = f"{getattr(settings, 'OPENLL_REDIS_PREFIX', 'openll:')}throttle:"
    config = (url, prefix)
    if config not in _stores:
        _stores[config] = RedisStore(url, prefix) if url else DatabaseStore()
    return _stores[config]
