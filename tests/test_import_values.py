"""Values checked before they are written (openll.ingest.values): a value the database cannot
hold, or no LL2 object holds, rejects the file, naming the file and the JSON path; the database
is left as it was; `openll mirror` skips such a page, lists it and goes on. Never a traceback.

Finding 7: `openll mirror` stopped for good on a NUL in a string (PostgreSQL) or an integer
>= 2^63 (SQLite), failing at the same checkpoint on every rerun; `openll import` showed a
traceback. Finding 8: the importer stored latitude 1e308 and a 100,000-character name."""

from __future__ import annotations

import copy
import json

import httpx
import pytest
from conftest import LL2_FILES
from django.apps import apps

from openll.cli import main
from openll.ingest.errors import ImportRejected
from openll.ingest.mirror import mirror
from openll.ingest.values import MAX_TEXT

PADS = next(p for p in LL2_FILES if p.name == "pads.normal.json")


def row_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in apps.get_app_config("catalog").get_models()}


def pads_page() -> dict:
    """The real pads, as a page of LL2's list (the file holds the bare list)."""
    results = json.loads(PADS.read_text())
    return {"count": len(results), "next": None, "previous": None, "results": results}


def with_value(path: str, value) -> dict:
    """The real pads page with one value replaced, at a JSON path like `results[0].name`."""
    page = pads_page()
    *parents, last = path.replace("[", ".").replace("]", "").split(".")
    node = page
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return page


CASES = {
    "NUL in a string": ("results[1].name", "LC-39A\x00", "contains a NUL character"),
    "NUL deep in a nested object": ("results[0].location.name", "x\x00y", "contains a NUL character"),
    "an integer of 64 bits and more": ("results[0].total_launch_count", 2**63, "outside the range"),
    "an integer past the column's 32 bits": ("results[0].total_launch_count", 2**31, "outside the range"),
    "a latitude of 1e308": ("results[2].latitude", 1e308, "outside the latitude range"),
    "a longitude past 180": ("results[2].longitude", -180.5, "outside the longitude range"),
    "a 100,000-character name": ("results[0].name", "x" * 100_000, f"more than the {MAX_TEXT}"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_value_the_column_cannot_hold_rejects_the_file_naming_file_and_path(load, tmp_path, case):
    path, value, message = CASES[case]
    bad = tmp_path / "pads.json"
    bad.write_text(json.dumps(with_value(path, value)))
    before = row_counts()
    with pytest.raises(ImportRejected) as rejected:
        load(bad)
    assert str(rejected.value).startswith(f"{bad}: $.{path}: ")
    assert message in str(rejected.value)
    assert len(str(rejected.value)) < 300  # the value is not echoed whole
    assert row_counts() == before


@pytest.mark.parametrize("text", ["1e400", "NaN", "-Infinity"])
def test_a_number_that_is_not_finite_rejects_the_file(load, tmp_path, text):
    bad = tmp_path / "pads.json"
    bad.write_text(json.dumps(pads_page()).replace('"latitude": 21.982029', f'"latitude": {text}', 1))
    assert text in bad.read_text()
    with pytest.raises(ImportRejected, match=r"pads\.json: line 1 column \d+: invalid JSON"):
        load(bad)
    assert row_counts()["Pad"] == 0


def test_values_at_the_limits_are_stored(load, tmp_path):
    page = with_value("results[0].total_launch_count", 2**31 - 1)
    page["results"][1]["latitude"], page["results"][1]["longitude"] = -90, 180.0
    page["results"][0]["description"] = "é" * MAX_TEXT
    good = tmp_path / "pads.json"
    good.write_text(json.dumps(page))
    load(good)
    from openll.catalog.models import Pad

    assert Pad.objects.get(pk=page["results"][0]["id"]).total_launch_count == 2**31 - 1
    assert len(Pad.objects.get(pk=page["results"][0]["id"]).description) == MAX_TEXT


def test_openll_import_says_which_file_and_value_in_one_line(db, tmp_path, capsys):
    bad = tmp_path / "pads.json"
    bad.write_text(json.dumps(with_value("results[0].total_launch_count", 2**63)))
    assert main(["import", "--quiet", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{bad}: $.results[0].total_launch_count" in " ".join(err.split())
    assert row_counts()["Pad"] == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_mirror_skips_and_lists_a_page_it_cannot_store_and_goes_on():
    """A fake upstream serving the real pads in two pages: the first holds a NUL and an integer
    past 64 bits, the second is sound. Every other list is empty."""
    real = pads_page()["results"]
    first = copy.deepcopy(real[:2])
    first[0]["name"] = "bad\x00name"
    first[1]["total_launch_count"] = 2**63
    pages = {0: first, 100: real[2:4]}

    def upstream(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/api-throttle/"):
            return httpx.Response(200, json={"your_request_limit": 0, "current_use": 0, "next_use_secs": 0})
        offset = int(request.url.params.get("offset", 0))
        results = pages.get(offset, []) if request.url.path.endswith("/2.3.0/pads/") else []
        count = 102 if request.url.path.endswith("/2.3.0/pads/") else 0
        nxt = f"{request.url.copy_with(query=None)}?limit=100&offset=100" if count and offset == 0 else None
        return httpx.Response(200, json={"count": count, "next": nxt, "previous": None, "results": results})

    def no_sleep(seconds):
        raise AssertionError(f"the mirror waited {seconds} s")

    base = "https://upstream.example/2.3.0"
    summary = mirror(from_url=base, transport=httpx.MockTransport(upstream), sleep=no_sleep)
    assert len(summary.bad_pages) == 1
    assert summary.bad_pages[0].startswith("pads offset 0: ")
    assert "$.results[0].name: contains a NUL character" in summary.bad_pages[0]
    from openll.catalog.models import Pad

    assert sorted(Pad.objects.values_list("pk", flat=True)) == sorted(p["id"] for p in real[2:4])
    # The next run does not stop at the same place either.
    again = mirror(from_url=base, transport=httpx.MockTransport(upstream), sleep=no_sleep)
    assert again.pages > 0 and all(page.startswith("pads offset 0: ") for page in again.bad_pages)
