"""Requests through openll's WSGI entry, response cache included, as a server would make them.

Django's test Client calls Django's request handler directly, below the response cache; these
helpers call the WSGI application that `openll serve` runs."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from openll.serving.layer import Config, ResponseCache
from openll.wsgi import django_application

HOST = "ll.thespacedevs.com"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self):
        import orjson

        return orjson.loads(self.body)


class CachedAPI:
    def __init__(self, config: Config | None = None):
        self.app = ResponseCache(django_application, config or Config())

    def get(self, url: str, method: str = "GET", **headers: str) -> Answer:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": HOST,
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "192.0.2.10",
            "HTTP_HOST": HOST,
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        environ.update(headers)  # as WSGI names them: HTTP_ACCEPT=..., HTTP_IF_NONE_MATCH=...
        started: dict = {}

        def start_response(status, response_headers, exc_info=None):
            started["status"] = int(status.split()[0])
            started["headers"] = {name.lower(): value for name, value in response_headers}

        # As Django's test Client does: a request must not close the test's connection (it holds
        # the test's transaction).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = self.app(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return Answer(started["status"], started["headers"], body)
