from __future__ import annotations

from django.http import JsonResponse
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    return drf_exception_handler(exc, context)


def not_found(request, exception=None) -> JsonResponse:
    """Unknown paths answer in JSON too (Django's default is an HTML page)."""
    return JsonResponse({"detail": "Not found."}, status=404)
