"""No input gives a 5xx: numbers past 64 bits, endless searches, NUL characters and bytes that
are not UTF-8 are each a JSON 400 naming the parameter; an id no row can have is a JSON 404; and
every error answer, a server error included, is JSON."""

from __future__ import annotations

import pytest
from django import forms
from django.db import connection
from django.test import Client
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField

from openll.api import search
from openll.api.declaration import endpoints

TOO_BIG = str(2**63)
TOO_SMALL = str(-(2**63) - 1)


def numeric_parameters() -> list[tuple[str, str]]:
    """(route, parameter) for every filter that reads a number or a related object's id."""
    pairs = []
    for path, endpoint in sorted(endpoints().items()):
        if endpoint.filterset is None:
            continue
        for name, flt in sorted(endpoint.filterset.base_filters.items()):
            if issubclass(flt.field_class, forms.DecimalField | ModelChoiceField | ModelMultipleChoiceField):
                pairs.append((path, name))
    return pairs


NUMERIC = numeric_parameters()


def test_every_kind_of_numeric_filter_is_covered():
    names = {name for _, name in NUMERIC}
    assert len(NUMERIC) > 78
    assert {"status__ids", "year", "month", "day", "program", "id"} <= names


@pytest.mark.parametrize("value", [TOO_BIG, TOO_SMALL, f"1,{TOO_BIG}", "1e30"])
def test_a_number_past_64_bits_is_a_400_naming_the_parameter_everywhere(api, value):
    """Finding 5: `?status__ids=9223372036854775808` was a 500 OverflowError on SQLite, on 78
    route/parameter pairs."""
    failures = []
    for path, name in NUMERIC:
        response = api.get(f"/2.3.0/{path}/", {name: value, "format": "json"})
        if response.status_code != 400 or name not in response.json():
            failures.append((path, name, response.status_code))
    assert failures == []


@pytest.mark.parametrize(
    "url, name",
    [
        ("/2.3.0/launches/?year=99999999999999999999", "year"),
        ("/2.3.0/events/?program=9223372036854775808", "program"),
        ("/2.3.0/launches/upcoming/?status__ids=9223372036854775808", "status__ids"),
        ("/2.3.0/launches/?offset=9223372036854775808", "offset"),
    ],
)
def test_the_issues_reproductions_are_400s_naming_the_parameter(api, url, name):
    response = api.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_numbers_within_64_bits_still_filter(api):
    assert api.get(f"/2.3.0/launches/?status__ids={2**63 - 1}&format=json").json()["count"] == 0
    assert api.get(f"/2.3.0/pads/?offset={2**63 - 1}&format=json").status_code == 200


@pytest.mark.parametrize("path", ["agencies", "pads", "config/launch_statuses"])
def test_an_id_past_64_bits_is_a_json_404(api, path):
    response = api.get(f"/2.3.0/{path}/{TOO_BIG}/?format=json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["a"] * 500),  # finding 6: 500 on SQLite, 3.6 s on PostgreSQL
        " ".join(["ab"] * (search.MAX_TERMS + 1)),
        "x" * (search.MAX_LENGTH + 1),
    ],
    ids=["500 words", "one term too many", "one character too many"],
)
def test_a_search_past_its_ceiling_is_a_400_naming_search(api, text):
    response = api.get("/2.3.0/launches/", {"search": text, "format": "json"})
    assert response.status_code == 400
    assert list(response.json()) == ["search"]


def test_a_search_at_its_ceiling_is_answered(api):
    text = " ".join(["ab"] * search.MAX_TERMS)
    assert api.get("/2.3.0/launches/", {"search": text, "format": "json"}).status_code == 200
    long = "x" * search.MAX_LENGTH
    assert api.get("/2.3.0/launches/", {"search": long, "format": "json"}).status_code == 200


@pytest.mark.parametrize(
    "query, name",
    [
        ("search=%00", "search"),  # finding 11: a 400 that did not name `search`
        ("name=Falcon%00", "name"),
        ("search=%ff%fe", "search"),
        ("lsp__name=%c3", "lsp__name"),
        ("mode=list&ordering=net%00", "ordering"),
    ],
)
def test_nul_and_bytes_that_are_not_utf8_are_a_400_naming_the_parameter(api, query, name):
    response = api.get(f"/2.3.0/launches/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [name]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_text_in_another_script_is_no_encoding_error(api):
    assert api.get("/2.3.0/launches/?search=%E5%98%89%E5%B3%AA&format=json").status_code == 200


@pytest.mark.parametrize("offset", ["%2B20:00", "-21:05"])
def test_a_date_time_with_any_offset_python_reads_is_answered(api, offset):
    """PostgreSQL refuses offsets past 15:59: a 500 before date-times were put in UTC first."""
    response = api.get(f"/2.3.0/launches/?net__gt=2020-01-01T00:00:00{offset}&format=json")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query, name",
    [
        ("net__gt=0001-01-01T00:00:00%2B01:00", "net__gt"),
        ("window_end__lt=9999-12-31T23:00:00-05:00", "window_end__lt"),
    ],
)
def test_a_date_time_with_no_utc_equivalent_is_a_400_naming_it(api, query, name):
    response = api.get(f"/2.3.0/launches/?{query}&format=json")
    assert response.status_code == 400
    assert list(response.json()) == [name]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_server_error_is_json():
    """Finding 11: 500 bodies were HTML. A real failure: the table a route reads is gone (each
    statement commits: on PostgreSQL the failed query would abort the test's transaction)."""
    client = Client(HTTP_HOST="ll.thespacedevs.com", raise_request_exception=False)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE catalog_pad RENAME TO catalog_pad_away")
    try:
        response = client.get("/2.3.0/pads/?format=json")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE catalog_pad_away RENAME TO catalog_pad")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "A server error occurred."}


def test_a_host_not_allowed_is_a_json_400(db, settings):
    settings.ALLOWED_HOSTS = ["launches.example.org"]
    response = Client(HTTP_HOST="evil.example").get("/2.3.0/pads/")
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}


def test_a_failed_csrf_check_is_a_json_403(db):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Forbidden.")
