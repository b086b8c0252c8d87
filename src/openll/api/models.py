"""API keys, and the throttle's call log when there is no Redis.

openll serves everyone without a key; a key gives its holder a rate-limit bucket of their own
and, optionally, a rate of their own (LL2's tiers), see throttling.py. Clients send it as LL2
clients do: `Authorization: Token <key>`."""

from __future__ import annotations

import secrets

from django.db import models

from openll.api.rates import validate_rate


def new_key() -> str:
    return secrets.token_hex(20)


class ApiToken(models.Model):
    id = models.AutoField(primary_key=True)
    key = models.CharField(max_length=128, unique=True, default=new_key)
    name = models.CharField(max_length=200, blank=True, help_text="Who or what the key is for.")
    rate = models.CharField(
        max_length=32,
        blank=True,
        validators=[validate_rate],
        help_text=(
            "This key's own limit, e.g. 210/hour; blank: the server's limit (OPENLL_THROTTLE); "
            "off: no limit. Applies only when OPENLL_THROTTLE is set."
        ),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name or 'API token'} ({self.pk})"


class ThrottleCall(models.Model):
    """One counted API call of one client (bucket: a hash of the client's identity), kept while
    it is inside the client's window. The database is the store every worker and every instance
    shares when REDIS_URL is not set (throttle_store.DatabaseStore)."""

    id = models.BigAutoField(primary_key=True)
    bucket = models.CharField(max_length=32)
    at = models.FloatField(help_text="Unix time of the call")

    class Meta:
        indexes = [models.Index(fields=["bucket", "at"], name="api_throttlecall_bucket_at")]
