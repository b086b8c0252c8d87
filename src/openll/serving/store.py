"""Where the response cache keeps answers: process memory, or Redis shared by every process.

An answer is stored under a key that names the state of the data it was made from (the data
generation, see generation.py), so a stored answer never needs invalidating: after a change, the
keys are new and old answers are evicted unread. That makes an in-process copy of a Redis entry
safe too: the memory store sits in front of Redis as a first level.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

import orjson

logger = logging.getLogger(__name__)

IDENTITY = "identity"


@dataclass
class Entry:
    """One answer: its status line and headers as Django made them, its body in each encoding
    made so far, and how long it holds."""

    status: str
    headers: list[tuple[str, str]]
    etag: str  # digest of the identity body
    last_modified: float | None  # seconds since the epoch: when this content came to be
    expires: float | None  # the clock horizon (seconds since the epoch); None: data-bound only
    bodies: dict[str, bytes] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(body) for body in self.bodies.values()) + 512

    def holds_at(self, now: float) -> bool:
        return self.expires is None or now < self.expires

    def meta(self) -> bytes:
        return orjson.dumps(
            {
                "status": self.status,
                "headers": self.headers,
                "etag": self.etag,
                "last_modified": self.last_modified,
                "expires": self.expires,
            }
        )

    @classmethod
    def from_meta(cls, raw: bytes, bodies: dict[str, bytes]) -> Entry:
        meta = orjson.loads(raw)
        return cls(
            meta["status"],
            [tuple(h) for h in meta["headers"]],
            meta["etag"],
            meta["last_modified"],
            meta["expires"],
            bodies,
        )


class MemoryStore:
    """A bounded LRU of entries in this process."""

    def __init__(self, max_bytes: int, lifetime: float):
        self.max_bytes = max_bytes
        self.lifetime = lifetime
        self.entries: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key: str, encoding: str) -> Entry | None:
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            stored_at, entry = found
            if time.time() - stored_at >= self.lifetime:
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if entry.size > self.max_bytes // 4:  # one huge answer must not empty the cache
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.time(), entry)
            self.bytes += entry.size
            while self.bytes > self.max_bytes and self.entries:
                self._drop(next(iter(self.entries)))

    def add_body(self, key: str, entry: Entry, encoding: str, body: bytes) -> None:
        with self.lock:
            if encoding not in entry.bodies:
                entry.bodies[encoding] = body
                if key in self.entries:
                    self.bytes += len(body)

    def _drop(self, key: str) -> None:
        _, entry = self.entries.pop(key)
        self.bytes -= entry.size

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.bytes = 0


class RedisStore:
    """Entries in Redis (a hash per answer: `meta` and one field per encoding), shared by every
    process and machine, each expiring after the configured lifetime, with a small memory store
    in front. A Redis failure is a miss, never an error for the client."""

    def __init__(self, url: str, prefix: str, lifetime: float, front: MemoryStore, max_entry: int):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        # Adds an encoding only to an entry that still exists: HSET on an expired key would make
        # one without `meta` and without an expiry.
        self.add_if_present = self.redis.register_script(
            "if redis.call('exists', KEYS[1]) == 1 then redis.call('hset', KEYS[1], ARGV[1], ARGV[2]) end"
        )
        self.prefix = prefix
        self.lifetime = lifetime
        self.front = front
        self.max_entry = max_entry

    def _key(self, key: str) -> str:
        return f"{self.prefix}response:{key}"

    def get(self, key: str, encoding: str) -> Entry | None:
        entry = self.front.get(key, encoding)
        if entry is not None and encoding in entry.bodies:
            return entry
        fields = ["meta", IDENTITY] if encoding == IDENTITY else ["meta", IDENTITY, encoding]
        try:
            values = self.redis.hmget(self._key(key), fields)
        except Exception as exc:  # noqa: BLE001 - any Redis failure is a miss
            logger.warning("response cache: Redis unavailable (%s)", exc)
            return entry
        if values[0] is None or values[1] is None:
            return entry
        bodies = {
            name: value for name, value in zip(fields[1:], values[1:], strict=True) if value is not None
        }
        if entry is not None:
            for name, body in bodies.items():
                self.front.add_body(key, entry, name, body)
            return entry
        entry = Entry.from_meta(values[0], bodies)
        self.front.put(key, entry)
        return entry

    def put(self, key: str, entry: Entry) -> None:
        self.front.put(key, entry)
        if entry.size > self.max_entry:
            return
        lifetime = self.lifetime
        if entry.expires is not None:
            lifetime = min(lifetime, entry.expires - time.time())
        if lifetime <= 0:
            return
        try:
            pipe = self.redis.pipeline(transaction=False)
            pipe.hset(self._key(key), mapping={"meta": entry.meta(), **entry.bodies})
            pipe.expire(self._key(key), max(1, int(lifetime)))
            pipe.execute()
        except Exception as exc:  # noqa: BLE001
            logger.warning("response cache: Redis unavailable (%s)", exc)

    def add_body(self, key: str, entry: Entry, encoding: str, body: bytes) -> None:
        self.front.add_body(key, entry, encoding, body)
        try:
            self.add_if_present(keys=[self._key(key)], args=[encoding, body])
        except Exception as exc:  # noqa: BLE001
            logger.warning("response cache: Redis unavailable (%s)", exc)

    def clear(self) -> None:
        self.front.clear()
