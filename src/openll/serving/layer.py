"""The response cache at the WSGI entry.

A GET (or HEAD) of an API route is answered from the stored bytes of an earlier identical request
when the data has not changed since and the clock has not moved the answer: without DRF and
without most of Django (one query reads the data generation). Everything else goes to Django, and
Django's 200 answers are stored on the way out, with their headers (CORS, security headers...),
as the ETag, Last-Modified, Cache-Control, Vary and the content coding are added here, for hits and
misses alike.

What makes two requests identical (the key): the data generation, the path, the query with its
parameters in a canonical order (DRF writes `next`/`previous` links with sorted parameters, so the
JSON does not depend on their order; the browsable page shows the request as sent, so there the
order counts), Accept (JSON or the browsable page), and what the links are built from (scheme,
host, forwarded host/proto). Accept-Encoding only selects among the codings of one stored answer.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from openll.api import throttling
from openll.serving import clock, generation
from openll.serving.http import (
    choose_encoding,
    digest,
    encode,
    etag,
    http_date,
    likely_encoding,
    none_match,
    not_modified_since,
)
from openll.serving.store import IDENTITY, Entry, MemoryStore, RedisStore

logger = logging.getLogger(__name__)

# Routes of an API version (/2.3.0/..., /2.2.0/...): the answers the cache keeps.
API_PATH = re.compile(r"^/\d+\.\d+\.\d+/")

# Headers that are made per answer here, or must never be replayed to another client.
_NOT_STORED = {
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "cache-control",
    "vary",
    "date",
    "set-cookie",
    "x-openll-cache",
}
_KEY_ENVIRON = (
    "wsgi.url_scheme",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "HTTP_ACCEPT",
)


@dataclass(frozen=True)
class Config:
    enabled: bool = True
    memory_bytes: int = 64 * 2**20
    lifetime: float = 3600.0  # seconds an answer may be kept, at most
    max_age: int = 0  # Cache-Control max-age for clients and caches in between
    redis_url: str | None = None
    prefix: str = "openll:"  # of every Redis key (settings.OPENLL_REDIS_PREFIX)

    @classmethod
    def from_settings(cls) -> Config:
        from django.conf import settings

        return cls(
            enabled=settings.OPENLL_CACHE,
            memory_bytes=settings.OPENLL_CACHE_SIZE_MB * 2**20,
            lifetime=float(settings.OPENLL_CACHE_LIFETIME),
            max_age=settings.OPENLL_MAX_AGE,
            redis_url=settings.REDIS_URL or None,
            prefix=settings.OPENLL_REDIS_PREFIX,
        )


def request_key(environ: dict, tag: str) -> str:
    """Names the answer to this request in this state of the data (see the module docstring)."""
    query = canonical_query(environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT", ""))
    # Links are built from the Host header, or without one from the server's own name and port.
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    parts = [tag, query, host, *(environ.get(name, "") for name in _KEY_ENVIRON)]
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


@functools.lru_cache(maxsize=4096)
def canonical_query(query: str, accept: str) -> str:
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    browsable = ("format", "api") in pairs or (
        not any(name == "format" for name, _ in pairs) and "html" in accept
    )
    return query if browsable else urlencode(sorted(pairs, key=lambda pair: pair[0]))


def _stored_headers(headers: Iterable[tuple[str, str]]) -> tuple[list[tuple[str, str]], str]:
    kept, vary = [], ["Accept", "Accept-Encoding"]
    for name, value in headers:
        lower = name.lower()
        if lower == "vary":
            vary += [v.strip() for v in value.split(",") if v.strip()]
        elif lower not in _NOT_STORED:
            kept.append((name, value))
    return kept, ", ".join(dict.fromkeys(v.title() for v in vary))


def _cacheable(status: str, headers: list[tuple[str, str]]) -> bool:
    if not status.startswith("200 "):
        return False
    for name, value in headers:
        lower = name.lower()
        if lower in ("set-cookie", "content-encoding"):
            return False
        if lower == "cache-control" and any(d in value.lower() for d in ("no-store", "private", "no-cache")):
            return False
        if lower == "vary" and ("*" in value or "cookie" in value.lower()):
            return False
    return True


class ResponseCache:
    """WSGI middleware: `ResponseCache(django_application)`."""

    def __init__(self, app: Callable, config: Config | None = None):
        self.app = app
        self.config = config or Config.from_settings()
        front = MemoryStore(self.config.memory_bytes, self.config.lifetime)
        if self.config.redis_url:
            self.store = RedisStore(
                self.config.redis_url, self.config.prefix, self.config.lifetime, front, 64 * 2**20
            )
        else:
            self.store = front

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if (
            not self.config.enabled
            or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or not API_PATH.match(environ.get("PATH_INFO", ""))
        ):
            return self.app(environ, start_response)
        state = generation.current()
        if state is None:  # not migrated yet: nothing to key answers by
            return self.app(environ, start_response)
        key = request_key(environ, state.tag)
        entry = self.store.get(key, likely_encoding(environ.get("HTTP_ACCEPT_ENCODING", "")))
        now = time.time()
        if entry is not None and entry.holds_at(now) and self.counted(environ):
            return self.answer(key, entry, environ, start_response, now, hit=True)
        return self.fill(key, state, environ, start_response)

    def counted(self, environ: dict) -> bool:
        """A hit is a call like any other: counted here, where the rate limit is on. A client over
        its limit goes on to Django, which refuses it as LL2 does (429, JSON, Retry-After) without
        counting it again."""
        return not throttling.limit_active() or throttling.consume(environ) is None

    def fill(self, key: str, state: generation.Generation, environ: dict, start_response: Callable):
        captured: list = []
        chunks: list[bytes] = []

        def capture(status, headers, exc_info=None):
            if exc_info is not None and captured:
                raise exc_info[1].with_traceback(exc_info[2])
            captured[:] = [status, list(headers)]
            return chunks.append

        with clock.tracking() as horizon, generation.held(state):
            result = self.app(environ, capture)
            try:
                chunks.extend(result)
                # Stored only if no change committed while the answer was made: its queries may
                # have seen part of that change.
                after = generation.current()
            finally:
                if hasattr(result, "close"):
                    result.close()
        status, headers = captured
        body = b"".join(chunks)
        if not _cacheable(status, headers):
            if status.startswith("200 "):
                headers.append(("ETag", etag(digest(body), IDENTITY)))
            start_response(status, [*headers, ("X-Openll-Cache", "pass")])
            return [body]
        made_at = time.time()
        last_modified = state.changed_at_epoch
        if horizon.depends_on_clock:
            last_modified = max(last_modified or 0.0, made_at)
        expires = horizon.until.timestamp() if horizon.until is not None else None
        kept, vary = _stored_headers(headers)
        entry = Entry(status, [*kept, ("Vary", vary)], digest(body), last_modified, expires, {IDENTITY: body})
        if after is not None and after.tag == state.tag and entry.holds_at(made_at):
            self.store.put(key, entry)
        return self.answer(key, entry, environ, start_response, made_at, hit=False)

    def answer(self, key, entry: Entry, environ, start_response, now: float, hit: bool):
        identity = entry.bodies[IDENTITY]
        content_type = next((v for n, v in entry.headers if n.lower() == "content-type"), "")
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""), content_type, len(identity))
        body = entry.bodies.get(encoding)
        if body is None:
            body = encode(identity, encoding)
            self.store.add_body(key, entry, encoding, body)
        tag = etag(entry.etag, encoding)
        validators = [("ETag", tag), ("Cache-Control", self.cache_control(entry, now))]
        modified = None
        if entry.last_modified is not None and now >= math.floor(entry.last_modified) + 1:
            modified = math.floor(entry.last_modified)
            validators.append(("Last-Modified", http_date(modified)))
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
        if (if_none_match is not None and none_match(if_none_match, tag)) or (
            if_none_match is None
            and if_modified_since
            and modified is not None
            and not_modified_since(if_modified_since, modified)
        ):
            vary = [h for h in entry.headers if h[0] == "Vary"]
            start_response(
                "304 Not Modified", [*validators, *vary, ("X-Openll-Cache", "hit" if hit else "miss")]
            )
            return []
        headers = [*entry.headers, *validators, ("Content-Length", str(len(body)))]
        if encoding != IDENTITY:
            headers.append(("Content-Encoding", encoding))
        headers.append(("X-Openll-Cache", "hit" if hit else "miss"))
        start_response(entry.status, headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    def cache_control(self, entry: Entry, now: float) -> str:
        max_age = self.config.max_age
        if entry.expires is not None:
            max_age = min(max_age, max(0, int(entry.expires - now)))
        return f"public, max-age={max_age}" if max_age else "public, max-age=0, must-revalidate"
