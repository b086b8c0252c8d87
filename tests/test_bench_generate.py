"""bench/generate.py: LL2-scale data made from the bundled real objects, the same for the same seed,
and importable as it is (the benchmark times nothing if its data is rejected)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402

TODAY = dt.date(2026, 1, 1)


def digest(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*.json"))
    }


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    generate.generate(tmp_path / "a", launches=120, one_file=10, seed=3, today=TODAY)
    generate.generate(tmp_path / "b", launches=120, one_file=10, seed=3, today=TODAY)
    generate.generate(tmp_path / "c", launches=120, one_file=10, seed=4, today=TODAY)
    a, b, c = digest(tmp_path / "a"), digest(tmp_path / "b"), digest(tmp_path / "c")
    assert a == b
    assert a.keys() == c.keys()
    assert a != c
    assert len([name for name in a if name.startswith("pages/1-launches-")]) == 2  # pages of 100


def test_generated_data_imports_and_serves_every_launch(load, api, tmp_path):
    today = dt.datetime.now(dt.UTC).date()
    summary = generate.generate(tmp_path, launches=150, one_file=20, seed=7, today=today)
    load(*sorted(summary["pages"].glob("*.json")))
    listed = api.get("/2.3.0/launches/?format=json&mode=list&limit=1").json()
    assert listed["count"] == 150
    upcoming = api.get("/2.3.0/launches/upcoming/?format=json&mode=list&limit=1").json()
    assert 0 < upcoming["count"] < 150

    first = orjson.loads((summary["pages"] / "1-launches-0001.json").read_bytes())
    assert first["count"] == 150 and len(first["results"]) == 100 and first["next"].endswith("offset=100")
    launch = first["results"][0]
    assert launch["id"] == generate.launch_id(0)
    detail = api.get(f"/2.3.0/launches/{launch['id']}/?format=json").json()
    assert (detail["name"], detail["net"], detail["pad"]["id"]) == (
        launch["name"],
        launch["net"],
        launch["pad"]["id"],
    )

    load(summary["one_file"])
    assert api.get("/2.3.0/launches/?format=json&mode=list&limit=1").json()["count"] == 170
    # One object, one set of values across all files: importing the data set again changes nothing.
    assert not load(*sorted(summary["pages"].glob("*.json"))).changed
