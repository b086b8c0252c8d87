"""CORS on the read API, as LL2 has it: any web page may call it (`Access-Control-Allow-Origin:
*`, no credentials), and a browser's preflight OPTIONS is answered. The admin and the other
pages get no CORS header.

A middleware of openll's own rather than django-cors-headers: that one answers only requests that
carry an `Origin` and adds `Vary: Origin`, so the response cache (which keeps one answer for all
origins) would replay an answer made for no origin to a web page. Here every API answer carries
the same header, whoever asks, and the cache stores it with the answer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from openll.serving.layer import API_PATH  # the routes of every API version (/2.3.0/...)

ALLOW_METHODS = "GET, HEAD, OPTIONS"
# Request headers a page may send; a preflight asking for others gets these (the browser decides).
ALLOW_HEADERS = "Accept, Accept-Encoding, Authorization, Content-Type, If-Modified-Since, If-None-Match"
# Response headers a page may read beside the CORS-safelisted ones.
EXPOSE_HEADERS = "ETag, Last-Modified, Retry-After"
PREFLIGHT_MAX_AGE = "86400"


def is_preflight(request: HttpRequest) -> bool:
    return (
        request.method == "OPTIONS"
        and "HTTP_ORIGIN" in request.META
        and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META
    )


class CorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not API_PATH.match(request.path_info):
            return self.get_response(request)
        if is_preflight(request):
            response = HttpResponse(status=200)
            response["Access-Control-Allow-Methods"] = ALLOW_METHODS
            response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        else:
            response = self.get_response(request)
            response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        response["Access-Control-Allow-Origin"] = "*"
        return response
