"""Every error answer is JSON, as LL2's are: DRF's own (400, 404, 405, 429), and Django's for
what happens outside a view or before one (unknown path, a bad Host header, a failed CSRF check,
a server error)."""

from __future__ import annotations

import logging

from django.http import JsonResponse
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


def exception_handler(exc, context):
    """DRF's answer for API errors; anything else is left to Django, whose handler500 (below)
    answers JSON and whose logger reports the exception."""
    return drf_exception_handler(exc, context)


def bad_request(request, exception=None) -> JsonResponse:
    """Django's 400 (e.g. a Host not in ALLOWED_HOSTS, too many parameters)."""
    return JsonResponse({"detail": "Bad request."}, status=400)


def forbidden(request, exception=None, reason: str = "") -> JsonResponse:
    """Django's 403, and a failed CSRF check (settings.CSRF_FAILURE_VIEW)."""
    return JsonResponse({"detail": f"Forbidden. {reason}".strip()}, status=403)


def not_found(request, exception=None) -> JsonResponse:
    """Unknown paths answer in JSON too (Django's default is an HTML page)."""
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request) -> JsonResponse:
    return JsonResponse({"detail": "A server error occurred."}, status=500)
