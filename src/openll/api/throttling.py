"""Rate limiting as LL2 does it: N calls per period per client, reported at /api-throttle/.

Off by default: openll is meant to be self-hosted without LL2's limits. `OPENLL_THROTTLE` (a Django
setting, else the environment variable) turns it on with a rate, e.g. "15/hour" (LL2's free tier);
"", "0" or "off" means no limit.

Who the client is:
- an API key (`Authorization: Token <key>` with a key openll knows, models.ApiToken): a bucket of
  its own whatever address it comes from, at the key's own rate when it has one (LL2's tiers);
- otherwise the address of the socket (REMOTE_ADDR). `X-Forwarded-For` is read only when
  `NUM_PROXIES` says how many reverse proxies in front of openll append to it: the client is then
  the address the outermost trusted proxy saw. Anything else in that header is the client's own
  writing and ignored, else every made-up value would get a fresh bucket. IPv6 clients are
  counted per /64 (one host usually holds a whole /64).

The counts live in throttle_store (Redis, or the database): buckets are hashes, so nothing the
client writes ends up in a key. `consume(environ)` is the one place a call is counted: the DRF
throttle class calls it, and so can a layer in front of Django that answers requests itself.
Token rates apply only when OPENLL_THROTTLE is set: with no server-wide limit a key holder could
drop the key and be unlimited, so a key's rate alone would limit nobody.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework.throttling import BaseThrottle

from openll.api import throttle_store
from openll.api.rates import Rate, parse_rate

# The clock of the windows (tests move it).
clock = time.time

_TOKEN_KEY_MAX = 128  # ApiToken.key's column: a longer "key" is no key


def _setting(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value)


def configured_rate() -> str | None:
    """The server-wide rate as written in OPENLL_THROTTLE, None when off."""
    rate = global_rate()
    return rate.text if rate else None


def global_rate() -> Rate | None:
    raw = _setting("OPENLL_THROTTLE")
    try:
        return parse_rate(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"OPENLL_THROTTLE={exc}") from None


def num_proxies() -> int:
    raw = _setting("NUM_PROXIES", "0").strip() or "0"
    if not (raw.isascii() and raw.isdigit()):
        raise ImproperlyConfigured(f"NUM_PROXIES={raw!r}: expected the number of proxies in front of openll")
    return int(raw)


def limit_active() -> bool:
    """Whether any call can be limited: OPENLL_THROTTLE is set (token rates apply only then). No
    I/O; a layer in front of Django can skip consume() when this is False."""
    return global_rate() is not None


def client_address(environ: dict) -> str:
    """The client's IP address: the socket's, or with NUM_PROXIES = n the n-th address from the
    right of X-Forwarded-For (the one the outermost trusted proxy appended)."""
    remote = environ.get("REMOTE_ADDR") or ""
    proxies = num_proxies()
    forwarded = environ.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        hops = forwarded.split(",")
        candidate = hops[-min(proxies, len(hops))].strip()
        if _ip(candidate) is not None:
            return str(_ip(candidate))
    address = _ip(remote)
    return str(address) if address is not None else "unknown"


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def token_of(environ: dict):
    """The ApiToken named by `Authorization: Token <key>`, or None (remembered in the environ)."""
    if "openll.token" not in environ:
        words = environ.get("HTTP_AUTHORIZATION", "").split()
        token = None
        if (
            len(words) == 2
            and words[0].lower() == "token"
            and len(words[1]) <= _TOKEN_KEY_MAX
            and words[1].isascii()
            and words[1].isprintable()
        ):
            from openll.api.models import ApiToken

            token = ApiToken.objects.filter(key=words[1]).first()
        environ["openll.token"] = token
    return environ["openll.token"]


@dataclass(frozen=True)
class Client:
    ident: str  # what /api-throttle/ shows: the IP, or the API token's id
    bucket: str  # the store's key for this client's calls: a hash, whatever the client sent
    rate: Rate | None  # None: not limited


def _bucket(identity: str) -> str:
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def client_of(environ: dict) -> Client:
    rate = global_rate()
    token = token_of(environ)
    if token is not None:
        if rate is not None and token.rate:
            rate = parse_rate(token.rate)
        return Client(str(token.pk), _bucket(f"token:{token.pk}"), rate)
    address = client_address(environ)
    identity = address
    if ":" in address:  # IPv6: the /64
        identity = str(ipaddress.ip_network(f"{address}/64", strict=False))
    return Client(address, _bucket(f"ip:{identity}"), rate)


def consume(environ: dict) -> float | None:
    """Count one call of the client of this WSGI environ. None: allowed; else the seconds to wait
    (the refused call is not counted). With no limit, None at once, touching no store."""
    if not limit_active():
        return None
    client = client_of(environ)
    if client.rate is None:
        return None
    return throttle_store.store().hit(client.bucket, client.rate, clock())


def status(environ: dict) -> dict:
    """LL2's APIThrottle object for this client, without counting. With no limit,
    `your_request_limit` and `limit_frequency_secs` are 0 (0 means unlimited)."""
    client = client_of(environ)
    if client.rate is None:
        return {
            "your_request_limit": 0,
            "limit_frequency_secs": 0,
            "current_use": 0,
            "next_use_secs": 0,
            "ident": client.ident,
        }
    now = clock()
    used, oldest = throttle_store.store().usage(client.bucket, client.rate, now)
    waiting = 0
    if used >= client.rate.requests and oldest is not None:
        waiting = max(0, math.ceil(oldest + client.rate.seconds - now))
    return {
        "your_request_limit": client.rate.requests,
        "limit_frequency_secs": client.rate.seconds,
        "current_use": used,
        "next_use_secs": waiting,
        "ident": client.ident,
    }


class RateThrottle(BaseThrottle):
    """LL2's limit on every DRF view but /api-throttle/ (which sets no throttle classes)."""

    def allow_request(self, request, view) -> bool:
        self.wait_secs = consume(request.META)
        return self.wait_secs is None

    def wait(self) -> float | None:
        return self.wait_secs
