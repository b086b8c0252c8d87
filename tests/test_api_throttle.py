"""/api-throttle/ and the rate limit (openll.api.throttling): off by default; when on, counted
per IP or per API token, and asking /api-throttle/ never counts. The counts are in the database
here (no REDIS_URL); test_throttle_store.py runs the stores themselves, and
test_rate_limit_live.py a real server with several workers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from openll.api import throttle_store, throttling
from openll.api.models import ApiToken, ThrottleCall
from openll.api.throttling import RateThrottle, configured_rate
from openll.api.views import EndpointViewSet

STATUS = "/2.3.0/api-throttle/?format=json"
API = "/2.3.0/spacecraft/?format=json"


@pytest.fixture
def limited(settings, monkeypatch):
    """The limit on, at 3 requests an hour, wired as settings wire it (REST_FRAMEWORK
    DEFAULT_THROTTLE_CLASSES), counted in the database, on a clock the test moves."""
    settings.OPENLL_THROTTLE = "3/hour"
    settings.REDIS_URL = ""
    monkeypatch.setattr(EndpointViewSet, "throttle_classes", [RateThrottle])
    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(throttling, "clock", lambda: clock["now"])
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


@pytest.mark.parametrize("rate", ["15/hour", "100/m", "1000/day", "5/s", "10/minutes", "2/sec"])
def test_rates_are_drf_rates(settings, rate):
    settings.OPENLL_THROTTLE = rate
    assert configured_rate() == rate


@pytest.mark.parametrize("rate", ["15", "fifteen/hour", "15/week", "-1/hour", "abc", "15/hr", "١٥/hour"])
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


# -- who the client is: the socket, unless NUM_PROXIES says otherwise --------------------------


def test_x_forwarded_for_does_not_make_a_new_client_when_no_proxy_is_trusted(api, limited, settings):
    """Finding 1: with NUM_PROXIES unset, each made-up X-Forwarded-For got a fresh bucket (20 of 20
    spoofed requests passed the limit)."""
    settings.NUM_PROXIES = "0"
    answers = [api.get(API, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(20)]
    assert answers == [200] * 3 + [429] * 17
    assert status(api, HTTP_X_FORWARDED_FOR="10.0.0.99")["ident"] == "127.0.0.1"


def test_with_one_trusted_proxy_the_client_is_the_address_it_appended(api, limited, settings):
    settings.NUM_PROXIES = "1"
    proxy = {"REMOTE_ADDR": "10.1.1.1"}
    # What the client wrote before the proxy's own entry does not matter.
    answers = [
        api.get(API, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 198.51.100.7", **proxy).status_code for i in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]
    assert api.get(API, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).status_code == 200
    assert status(api, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", **proxy)["ident"] == "198.51.100.7"
    # Not an address (a misconfigured proxy): the socket's address counts, not the text.
    assert status(api, HTTP_X_FORWARDED_FOR="x" * 10_000, **proxy)["ident"] == "10.1.1.1"


def test_store_keys_are_bounded_whatever_the_client_sends(api, limited, settings):
    """Finding 1: the header's value became a cache key of any length."""
    settings.NUM_PROXIES = "2"
    api.get(API, HTTP_X_FORWARDED_FOR="a" * 50_000 + ", 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    api.get(API, HTTP_AUTHORIZATION="Token " + "k" * 50_000)
    api.get(API, HTTP_X_FORWARDED_FOR="2001:db8::1, 10.9.9.9", REMOTE_ADDR="10.0.0.1")
    buckets = set(ThrottleCall.objects.values_list("bucket", flat=True))
    assert len(buckets) == 3
    assert {len(bucket) for bucket in buckets} == {32}


def test_ipv6_clients_are_counted_per_64(api, limited):
    for host in range(1, 4):
        assert api.get(API, REMOTE_ADDR=f"2001:db8:1:2::{host}").status_code == 200
    assert api.get(API, REMOTE_ADDR="2001:db8:1:2:ffff::4").status_code == 429
    assert api.get(API, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200
    assert status(api, REMOTE_ADDR="2001:db8:1:2::9")["ident"] == "2001:db8:1:2::9"


def test_a_malformed_authorization_header_is_no_key(api, limited):
    for value in ("Token", "Token a b", "Token \u00e9t\u00e9", "Token " + "x" * 129, "Bearer x"):
        assert status(api, HTTP_AUTHORIZATION=value)["ident"] == "127.0.0.1"


# -- keys with their own rate -----------------------------------------------------------------


def test_a_key_with_its_own_rate_is_limited_and_reported_at_that_rate(api, limited):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("create_token", "partner", "--rate", "5/minute", stdout=out)
    token = ApiToken.objects.get(name="partner")
    assert token.rate == "5/minute" and "5/minute" in out.getvalue()
    key = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    answers = [api.get(API, **key).status_code for _ in range(7)]
    assert answers == [200] * 5 + [429] * 2
    assert status(api, **key) == {
        "your_request_limit": 5,
        "limit_frequency_secs": 60,
        "current_use": 5,
        "next_use_secs": 60,
        "ident": str(token.pk),
    }
    limited["now"] += 61
    assert api.get(API, **key).status_code == 200


def test_a_key_whose_rate_is_off_is_never_limited(api, limited):
    token = ApiToken.objects.create(name="mirror", rate="off")
    key = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert all(api.get(API, **key).status_code == 200 for _ in range(6))
    assert status(api, **key)["your_request_limit"] == 0


def test_key_rates_apply_only_when_the_server_has_a_limit(api, settings, monkeypatch):
    settings.OPENLL_THROTTLE = ""
    monkeypatch.setattr(EndpointViewSet, "throttle_classes", [RateThrottle])
    token = ApiToken.objects.create(name="partner", rate="1/hour")
    key = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert all(api.get(API, **key).status_code == 200 for _ in range(3))


def test_create_token_refuses_a_bad_rate(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--rate"):
        call_command("create_token", "x", "--rate", "lots")
    assert not ApiToken.objects.exists()


def test_the_admin_refuses_a_bad_rate_and_saves_a_good_one(admin_client, db):
    token = ApiToken.objects.create(name="partner")
    url = f"/admin/api/apitoken/{token.pk}/change/"
    form = {"key": token.key, "name": "partner", "rate": "many/hour"}
    refused = admin_client.post(url, form)
    assert refused.status_code == 200 and b"expected requests/period" in refused.content
    assert admin_client.post(url, {**form, "rate": "210/hour"}).status_code == 302
    token.refresh_from_db()
    assert token.rate == "210/hour"


# -- consume() and limit_active(): the DRF-independent entry points ------------------------------


def environ(**headers) -> dict:
    return {"REMOTE_ADDR": "192.0.2.50", **headers}


def test_consume_counts_in_the_same_buckets_as_the_api(api, limited):
    """A layer in front of Django (a response cache) counts its hits with consume(); the API
    must see them."""
    client = {"REMOTE_ADDR": "192.0.2.50"}
    assert throttling.consume(environ()) is None
    limited["now"] += 10
    assert throttling.consume(environ()) is None
    limited["now"] += 10
    assert api.get(API, **client).status_code == 200
    limited["now"] += 10
    assert throttling.consume(environ()) == 3570.0  # until the first call leaves the window
    assert api.get(API, **client).status_code == 429
    # Refused calls were not counted: the first call leaving the window frees exactly one call.
    limited["now"] += 3570
    assert throttling.consume(environ()) is None
    assert throttling.consume(environ()) == 10.0
    assert status(api, **client)["current_use"] == 3


def test_consume_reads_keys_and_proxies_by_the_same_rules(api, limited, settings):
    token = ApiToken.objects.create(name="app", rate="2/hour")
    with_key = environ(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert throttling.consume(dict(with_key)) is None
    assert throttling.consume(dict(with_key)) is None
    assert throttling.consume(dict(with_key)) == 3600.0
    settings.NUM_PROXIES = "1"
    proxied = environ(HTTP_X_FORWARDED_FOR="203.0.113.1")
    for _ in range(3):
        assert throttling.consume(dict(proxied)) is None
    assert api.get(API, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429


def test_when_off_consume_touches_no_store(settings, monkeypatch):
    settings.OPENLL_THROTTLE = "off"

    def no_store():
        raise AssertionError("the store was used with the limit off")

    monkeypatch.setattr(throttle_store, "store", no_store)
    assert throttling.limit_active() is False
    assert throttling.consume(environ(HTTP_AUTHORIZATION="Token abc")) is None


def test_limit_active_follows_the_server_wide_setting(settings):
    settings.OPENLL_THROTTLE = "15/hour"
    assert throttling.limit_active() is True
    settings.OPENLL_THROTTLE = "0"
    assert throttling.limit_active() is False


def test_next_to_a_sqlite_file_counts_are_kept_in_a_file_of_their_own(tmp_path, settings):
    """An import holds the database file's write lock for a whole file: a call counted in that file
    would wait for it. Counted in a file of its own, it does not."""
    import sqlite3

    from openll.api.rates import parse_rate

    database = tmp_path / "openll.sqlite3"
    settings.DATABASES = {
        **settings.DATABASES,
        "default": {**settings.DATABASES["default"], "NAME": str(database)},
    }
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    counts = throttle_store.store()
    assert isinstance(counts, throttle_store.SQLiteFileStore)
    assert counts.path == f"{database}-throttle"
    importing = sqlite3.connect(database, isolation_level=None)
    importing.execute("CREATE TABLE t (x)")
    importing.execute("BEGIN IMMEDIATE")  # an import's transaction, still open
    importing.execute("INSERT INTO t VALUES (1)")
    rate, now = parse_rate("3/hour"), 1_000_000.0
    assert [counts.hit("bucket", rate, now + i) for i in range(3)] == [None, None, None]
    assert counts.hit("bucket", rate, now + 3) == pytest.approx(3600 - 3)
    assert counts.usage("bucket", rate, now + 4) == (3, now)
    assert counts.hit("other", rate, now) is None
    importing.execute("ROLLBACK")
