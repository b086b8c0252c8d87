"""CORS as LL2 has it: web pages call the read API directly (`Access-Control-Allow-Origin: *`),
a browser's preflight is answered, the admin is left alone. Through the WSGI entry that `openll
serve` runs (tests/wsgi.py): answers from the response cache carry the header too."""

from __future__ import annotations

import pytest
from conftest import LL2_FILES
from wsgi import CachedAPI

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PADS = next(path for path in LL2_FILES if path.name.startswith("pads"))
ORIGIN = {"HTTP_ORIGIN": "https://launch-tracker.example"}


@pytest.fixture
def cached(load):
    load(PADS)
    return CachedAPI()


@pytest.mark.parametrize("origin", [{}, ORIGIN], ids=["no origin", "origin"])
def test_api_answers_allow_every_origin_on_misses_and_hits(cached, origin):
    """A miss stored without an Origin is replayed to a web page: the header must be in it."""
    url = "/2.3.0/pads/?limit=2"
    first = cached.get(url, **origin)
    second = cached.get(url, **ORIGIN)
    assert (first.headers["x-openll-cache"], second.headers["x-openll-cache"]) == ("miss", "hit")
    for answer in (first, second):
        assert answer.status == 200
        assert answer.headers["access-control-allow-origin"] == "*"
        assert "ETag" in answer.headers["access-control-expose-headers"]
        assert "origin" not in answer.headers["vary"].lower()


@pytest.mark.parametrize(
    "url", ["/2.3.0/pads/999999/", "/2.3.0/pads/?ordering=nope", "/2.3.0/no_such_route/", "/2.3.0/"]
)
def test_errors_and_the_root_allow_every_origin_too(cached, url):
    """A page must be able to read why it got a 400 or 404."""
    answer = cached.get(url, **ORIGIN)
    assert answer.headers["access-control-allow-origin"] == "*", (url, answer.status)


def test_a_preflight_is_answered_for_get_with_an_api_key(cached):
    answer = cached.get(
        "/2.3.0/launches/upcoming/",
        method="OPTIONS",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
        **ORIGIN,
    )
    assert answer.status == 200
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "GET" in answer.headers["access-control-allow-methods"].split(", ")
    assert "authorization" in answer.headers["access-control-allow-headers"].lower()
    assert int(answer.headers["access-control-max-age"]) > 0


def test_an_options_request_that_is_no_preflight_is_the_apis_own(cached):
    answer = cached.get("/2.3.0/pads/", method="OPTIONS", HTTP_ACCEPT="application/json")
    assert answer.status == 200
    assert answer.json()["name"] == "Pads"
    assert answer.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/"])
def test_the_admin_gets_no_cors_header(cached, url):
    answer = cached.get(url, **ORIGIN)
    assert "access-control-allow-origin" not in answer.headers
    preflight = cached.get(url, method="OPTIONS", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", **ORIGIN)
    assert "access-control-allow-origin" not in preflight.headers
