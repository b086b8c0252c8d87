"""/api-throttle/ and the rate limit (openll.api.throttling): off by default; when on, counted
per IP or per API token, and asking /api-throttle/ never counts."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from openll.api.models import ApiToken
from openll.api.throttling import RateThrottle, configured_rate
from openll.api.views import EndpointViewSet

STATUS = "/2.3.0/api-throttle/?format=json"
API = "/2.3.0/spacecraft/?format=json"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def limited(settings, monkeypatch):
    """The limit on, at 3 requests an hour, and wired as the lead wires it in settings
    (REST_FRAMEWORK DEFAULT_THROTTLE_CLASSES), on a clock the test moves."""
    settings.OPENLL_THROTTLE = "3/hour"
    monkeypatch.setattr(EndpointViewSet, "throttle_classes", [RateThrottle])
    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(RateThrottle, "timer", lambda self: clock["now"])
    return clock


def status(api, **headers) -> dict:
    response = api.get(STATUS, **headers)
    assert response.status_code == 200
    return response.json()


def test_is_one_object_with_the_specs_fields_and_unlimited_by_default(api, settings):
    """LL2 answers a bare object, not the one-element array the spec's type says."""
    settings.OPENLL_THROTTLE = ""
    body = status(api)
    assert body == {
        "your_request_limit": 0,
        "limit_frequency_secs": 0,
        "current_use": 0,
        "next_use_secs": 0,
        "ident": "127.0.0.1",
    }


def test_ident_is_the_client_ip_or_the_id_of_a_known_token(api):
    token = ApiToken.objects.create(name="my app")
    assert status(api, REMOTE_ADDR="203.0.113.7")["ident"] == "203.0.113.7"
    assert status(api, HTTP_AUTHORIZATION=f"Token {token.key}")["ident"] == str(token.pk)
    # An unknown key, or another scheme, is not an identity: the IP is shown (LL2 FAQ: "if it
    # displays your IP, then your API key is not properly set up").
    assert status(api, HTTP_AUTHORIZATION="Token nope")["ident"] == "127.0.0.1"
    assert status(api, HTTP_AUTHORIZATION=f"Bearer {token.key}")["ident"] == "127.0.0.1"


def test_when_off_nothing_is_ever_throttled(api, settings, monkeypatch, db):
    settings.OPENLL_THROTTLE = "off"
    monkeypatch.setattr(EndpointViewSet, "throttle_classes", [RateThrottle])
    for _ in range(20):
        assert api.get(API).status_code == 200
    assert status(api)["current_use"] == 0


def test_the_limit_counts_calls_then_refuses_with_429_until_the_oldest_expires(api, limited, db):
    for used in (1, 2, 3):
        assert api.get(API).status_code == 200
        assert status(api)["current_use"] == used
    refused = api.get(API)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    limited["now"] += 600
    assert status(api) == {
        "your_request_limit": 3,
        "limit_frequency_secs": 3600,
        "current_use": 3,
        "next_use_secs": 3000,
        "ident": "127.0.0.1",
    }
    limited["now"] += 3000
    assert status(api)["current_use"] == 0
    assert api.get(API).status_code == 200


def test_asking_for_the_throttle_status_never_counts(api, limited, db):
    for _ in range(10):
        status(api)
    assert status(api)["current_use"] == 0
    for _ in range(3):
        assert api.get(API).status_code == 200
    # At the limit, the status is still answered (and still does not count).
    assert status(api)["current_use"] == 3
    assert api.get(STATUS).status_code == 200


def test_each_ip_and_each_token_has_its_own_count(api, limited, db):
    token = ApiToken.objects.create(name="my app")
    for _ in range(3):
        api.get(API, REMOTE_ADDR="198.51.100.1")
    assert api.get(API, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert api.get(API, REMOTE_ADDR="198.51.100.2").status_code == 200
    # The same key from the throttled address is another client.
    with_key = {"REMOTE_ADDR": "198.51.100.1", "HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert api.get(API, **with_key).status_code == 200
    assert status(api, **with_key)["current_use"] == 1


@pytest.mark.parametrize("rate", ["15/hour", "100/m", "1000/day", "5/s"])
def test_rates_are_drf_rates(settings, rate):
    settings.OPENLL_THROTTLE = rate
    assert configured_rate() == rate


@pytest.mark.parametrize("rate", ["15", "fifteen/hour", "15/week", "-1/hour"])
def test_a_malformed_rate_is_a_configuration_error_naming_the_setting(settings, rate):
    settings.OPENLL_THROTTLE = rate
    with pytest.raises(ImproperlyConfigured, match="OPENLL_THROTTLE"):
        configured_rate()


def test_the_environment_sets_the_rate_when_settings_do_not(settings, monkeypatch):
    del settings.OPENLL_THROTTLE
    monkeypatch.setenv("OPENLL_THROTTLE", "15/hour")
    assert configured_rate() == "15/hour"
    monkeypatch.delenv("OPENLL_THROTTLE")
    assert configured_rate() is None


def test_a_new_token_gets_a_long_random_key(db):
    first, second = ApiToken.objects.create(name="a"), ApiToken.objects.create(name="b")
    assert len(first.key) >= 40 and first.key != second.key


def test_browsable_page_shows_ll2s_description_and_only_get_is_allowed(api):
    page = api.get("/2.3.0/api-throttle/?format=api")
    assert page.status_code == 200
    assert "API endpoint that allows API Throttle information to be viewed." in page.content.decode()
    assert page["Allow"] == "GET"
    assert api.post("/2.3.0/api-throttle/").status_code == 405


def test_create_token_command_prints_a_key_that_identifies_its_holder(api, db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("create_token", "my app", stdout=out)
    token = ApiToken.objects.get(name="my app")
    assert token.key in out.getvalue()
    assert status(api, HTTP_AUTHORIZATION=f"Token {token.key}")["ident"] == str(token.pk)
