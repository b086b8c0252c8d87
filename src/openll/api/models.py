"""API keys. openll serves everyone without one; a key only gives its holder a rate-limit bucket
of their own (see throttling.py), as LL2's keys do. Clients send it as LL2 clients do:
`Authorization: Token <key>`."""

from __future__ import annotations

import secrets

from django.db import models


def new_key() -> str:
    return secrets.token_hex(20)


class ApiToken(models.Model):
    id = models.AutoField(primary_key=True)
    key = models.CharField(max_length=128, unique=True, default=new_key)
    name = models.CharField(max_length=200, blank=True, help_text="Who or what the key is for.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name or 'API token'} ({self.pk})"
