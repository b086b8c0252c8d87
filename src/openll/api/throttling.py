"""Rate limiting as LL2 does it: N requests per period per client, counted in the cache (Redis when
REDIS_URL is set, so that every server process shares the count), and reported at /api-throttle/.

Off by default: openll is meant to be self-hosted without LL2's limits. `OPENLL_THROTTLE` (a Django
setting, else the environment variable) turns it on with a DRF rate, e.g. "15/hour" (LL2's free
tier) or "300/d"; "", "0" or "off" means no limit. A client is its IP address (DRF's `get_ident`,
which honours `NUM_PROXIES`), or its API key when it sends `Authorization: Token <key>` with a key
openll knows (models.ApiToken): a key has a bucket of its own, whatever IP it comes from.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework.throttling import SimpleRateThrottle

OFF = ("", "0", "off", "none")
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def configured_rate() -> str | None:
    """The rate from the OPENLL_THROTTLE setting or environment variable, None when off."""
    rate = getattr(settings, "OPENLL_THROTTLE", None)
    if rate is None:
        rate = os.environ.get("OPENLL_THROTTLE", "")
    rate = str(rate).strip()
    if rate.lower() in OFF:
        return None
    number, _, period = rate.partition("/")
    if not (number.isdigit() and int(number) > 0 and period[:1] in PERIODS):
        raise ImproperlyConfigured(
            f"OPENLL_THROTTLE={rate!r}: expected requests/period, e.g. 15/hour, 100/minute, 1000/day, or off"
        )
    return rate


@dataclass(frozen=True)
class Client:
    ident: str  # what /api-throttle/ shows: the IP, or the API token's id
    bucket: str  # the cache key part that counts this client's requests


def token_of(request):
    """The ApiToken named by `Authorization: Token <key>`, or None (remembered on the request)."""
    if not hasattr(request, "_openll_token"):
        from openll.api.models import ApiToken

        words = request.META.get("HTTP_AUTHORIZATION", "").split()
        token = None
        if len(words) == 2 and words[0].lower() == "token":
            token = ApiToken.objects.filter(key=words[1]).first()
        request._openll_token = token
    return request._openll_token


class RateThrottle(SimpleRateThrottle):
    """LL2's limit on every endpoint but /api-throttle/ (which sets no throttle classes)."""

    scope = "openll"

    def get_rate(self) -> str | None:
        return configured_rate()

    def client(self, request) -> Client:
        token = token_of(request)
        if token is not None:
            return Client(str(token.pk), f"token-{token.pk}")
        ip = self.get_ident(request) or "unknown"
        return Client(ip, f"ip-{ip}")

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.client(request).bucket}

    def status(self, request) -> dict:
        """LL2's APIThrottle object for this client, without counting the request. With no
        limit, `your_request_limit` and `limit_frequency_secs` are 0 (0 means unlimited)."""
        client = self.client(request)
        if self.rate is None:
            return {
                "your_request_limit": 0,
                "limit_frequency_secs": 0,
                "current_use": 0,
                "next_use_secs": 0,
                "ident": client.ident,
            }
        now = self.timer()
        recorded = self.cache.get(self.get_cache_key(request, None), [])
        history = [t for t in recorded if t > now - self.duration]
        waiting = 0
        if len(history) >= self.num_requests:
            waiting = max(0, math.ceil(min(history) + self.duration - now))
        return {
            "your_request_limit": self.num_requests,
            "limit_frequency_secs": self.duration,
            "current_use": len(history),
            "next_use_secs": waiting,
            "ident": client.ident,
        }
