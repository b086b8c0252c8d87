"""Fixtures: real LL2 responses bundled in data/, an importer, and a client on the API."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

# A Redis for the tests that need one (a private redis-server when installed): see live.py.
from live import redis_url  # noqa: F401, E402

from openll.ingest.importer import import_files

DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = DATA / "seeds"
LL2_FILES = sorted((DATA / "ll2-2.3.0").glob("*.json"))


def ids(api, path, query=""):
    """The ids of one page of a list route, e.g. ids(api, "agencies", "featured=true")."""
    response = api.get(f"/2.3.0/{path}/?format=json&limit=100&{query}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def assert_every_mode_serves_the_same_objects(api, path):
    """Each mode of a list route lists the same objects, each item says its mode, and the first
    object's `{id}/` answers the detailed variant."""
    from openll import spec

    listed = ids(api, path)
    for mode in [m for m in spec.list_item_schemas(f"/{path}/") if m]:
        body = api.get(f"/2.3.0/{path}/?format=json&limit=100&mode={mode}").json()
        assert [item["id"] for item in body["results"]] == listed
        assert {item["response_mode"] for item in body["results"]} == {mode}
    detail = api.get(f"/2.3.0/{path}/{listed[0]}/?format=json")
    assert detail.status_code == 200
    assert detail.json()["response_mode"] == "detailed"


def utc(*args):
    return dt.datetime(*args, tzinfo=dt.UTC)


def pytest_report_header(config):
    return f"openll database: {connection.vendor} ({connection.settings_dict['NAME']})"


@dataclass
class Seed:
    """A saved browsable-API page: docs header, request line, headers, JSON body."""

    path: Path
    header: str
    request: str
    headers: dict[str, str]
    body: object

    @classmethod
    def load(cls, name: str) -> Seed:
        path = next(SEEDS.glob(f"{name}_*.txt"))
        text = path.read_text()
        header, rest = text.split("\nGET ", 1)
        request, rest = rest.split("\n", 1)
        head, body = rest.split("\n\n", 1)
        headers = dict(line.split(": ", 1) for line in head.splitlines()[1:])
        return cls(path, header, request, headers, json.loads(body))


@pytest.fixture
def seed():
    return Seed.load


@pytest.fixture
def load(db):
    """Import files into the test database, as `openll import` does."""

    def load(*paths: Path):
        return import_files([Path(p) for p in paths])

    return load


@pytest.fixture
def api(db):
    return Client(HTTP_HOST="ll.thespacedevs.com")


_HOST = re.compile(r"https?://[a-z.]*thespacedevs\.com|http://ll\.thespacedevs\.com|http://testserver")
_FORMAT = re.compile(r"format=(api|json)&?")


def normalise(value):
    """Hosts and the echoed `format` parameter aside, LL2 and openll must answer the same."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str):
        return _FORMAT.sub("", _HOST.sub("HOST", value)).removesuffix("?")
    return value


def first_difference(got, want, path="$"):
    """Where two JSON values differ (keys and key order included), or None."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{path}: got {type(got).__name__}"
        if list(got) != list(want):
            return f"{path}: keys {list(got)} != {list(want)}"
        for key in want:
            found = first_difference(got[key], want[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return f"{path}: got {got!r:.80} want {want!r:.80}"
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            found = first_difference(g, w, f"{path}[{i}]")
            if found:
                return found
        return None
    # Numbers compare with their JSON form: `12742000` and `12742000.0` are different answers.
    if got != want or type(got) is not type(want):
        return f"{path}: got {got!r:.80} want {want!r:.80}"
    return None


@pytest.fixture(scope="module")
def full_catalog(django_db_setup, django_db_blocker, tmp_path_factory):
    """The bundled real data plus complete example objects for every route, loaded once per test
    module (and emptied after it): loading it takes seconds, the tests only read it."""
    from catalog import write_examples

    examples = write_examples(tmp_path_factory.mktemp("examples"))
    with django_db_blocker.unblock():
        import_files([*LL2_FILES, *sorted(SEEDS.glob("*.txt")), *examples])
        yield
        empty_catalog()


def empty_catalog() -> None:
    """Empty the catalog only (a full flush would also rebuild Django's content types, which
    tests with serialized_rollback restore), then put back what its migrations put in; forget
    the files imported, so that the next module imports them again."""
    from django.apps import apps
    from django.core.management.color import no_style

    from openll.ingest.models import ImportedFile

    models = apps.get_app_config("catalog").get_models(include_auto_created=True)
    tables = [model._meta.db_table for model in models]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=True))
    importlib.import_module("openll.catalog.migrations.0003_launch_statuses").add_statuses(apps, None)
    ImportedFile.objects.all().delete()
