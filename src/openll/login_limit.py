"""Admin sign-in attempts are limited (django-axes; settings.AXES_*): after AXES_FAILURE_LIMIT
failed attempts from one client, or for one user name, that client or user name is refused for
AXES_COOLOFF_TIME, with a JSON 429 and Retry-After. The client is who the rate limit says it is
(the socket, or the address NUM_PROXIES trusted proxies saw): a made-up X-Forwarded-For does not
buy fresh attempts. Attempts are kept in the database (axes' tables), shared by every worker and
instance."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse

from openll.api import throttling


def client_ip(request: HttpRequest) -> str | None:
    """None when the request has no address (a sign-in made in code, e.g. a test's force_login):
    axes stores addresses in an IP column, which PostgreSQL checks."""
    address = throttling.client_address(request.META)
    return None if address == "unknown" else address


def locked_out(request: HttpRequest, credentials: dict | None = None, *args) -> JsonResponse:
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = JsonResponse(
        {"detail": f"Too many failed sign-in attempts. Try again in {seconds // 60} minutes."}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response
