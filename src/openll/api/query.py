"""A query string the API cannot read is a 400 naming the parameter, before any view sees it:
a NUL character (PostgreSQL refuses it in any text, so a filter would fail in the database) or
bytes that are not UTF-8 (Django would silently read them as U+FFFD)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, JsonResponse

from openll.serving.layer import API_PATH


def problems(query: bytes) -> dict[str, list[str]]:
    """Parameter name -> what is wrong with it, for each unreadable parameter of `query`."""
    found: dict[str, list[str]] = {}
    for pair in query.split(b"&"):
        raw_name, _, raw_value = pair.partition(b"=")
        name, value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in (raw_name, raw_value))
        shown = name.decode("utf-8", "replace").replace("\x00", "\\x00")
        try:
            text = name.decode("utf-8") + value.decode("utf-8")
        except UnicodeDecodeError:
            found.setdefault(shown, []).append("Not valid UTF-8.")
            continue
        if "\x00" in text:
            found.setdefault(shown, []).append("Null characters are not allowed.")
    return found


class QueryCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if query and API_PATH.match(request.path_info):
            found = problems(query.encode("latin-1", "replace"))
            if found:
                return JsonResponse(found, status=400)
        return self.get_response(request)
