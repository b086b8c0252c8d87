"""`openll import`: shapes, idempotence, thin variants, and files rejected whole."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import DATA, LL2_FILES, SEEDS
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from walk import identified

from openll.cli import main
from openll.ingest import documents
from openll.ingest.errors import ImportRejected
from openll.ingest.importer import CREATED, UNCHANGED, UPDATED, import_files

STATIONS_PAGE = next(p for p in LL2_FILES if p.name == "space_stations.normal.page.json")
CONFIGS = next(p for p in LL2_FILES if p.name == "spacecraft_configurations.detailed.json")


def row_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in apps.get_app_config("catalog").get_models()}


def test_importing_the_same_file_twice_changes_nothing_and_says_so(load):
    # Oldest snapshot first: each has something to say (an older one after a newer one may not).
    for path in sorted([*LL2_FILES, *SEEDS.glob("*.txt")], key=lambda p: documents.read(p).as_of):
        assert load(path).changed, path.name
        again = import_files([path], force=True)  # read and compared again, not skipped
        assert again.files == [str(path)] and not again.skipped
        assert not again.changed, path.name
        assert "nothing changed" in again.summary_lines()[-1]
        assert sum(c[UNCHANGED] for c in again.counts.values()) > 0


MAKE_RUN_FILES = [*sorted(SEEDS.glob("*.txt")), *LL2_FILES]  # `make run`: data/seeds data/ll2-2.3.0


def distinct_objects(paths) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        doc = documents.read(path)
        for index, obj in enumerate(doc.objects):
            for _, entity, _, item in identified(obj, documents.schema_for(doc, obj, f"$[{index}]")):
                found[entity].add(str(item["id"]))
    return found


def test_a_first_import_counts_every_object_once_and_truly(load):
    """A first `make run` printed `Agency: 51 created, 85 updated, -5 unchanged`: each file
    counted the objects it named, and a list change moved an object from `unchanged` to `updated`
    even when it was counted as updated already."""
    before = row_counts()
    report = load(*MAKE_RUN_FILES)
    after = row_counts()
    expected = distinct_objects(MAKE_RUN_FILES)
    assert set(report.counts) == set(expected)
    for entity, counts in report.counts.items():
        assert min(counts.values()) >= 0, entity
        assert counts[CREATED] == after[entity] - before[entity], entity
        assert counts[CREATED] + counts[UPDATED] + counts[UNCHANGED] == len(expected[entity]), entity
        # Nothing was in the database but the launch statuses the migrations put there.
        assert counts[UPDATED] == 0, entity
        assert counts[UNCHANGED] <= before[entity], entity


def test_a_restart_skips_each_file_already_imported_in_one_line_and_reads_no_catalog_table(load):
    """Every `make run` re-imported the bundled files and said "68 updated": the files are
    snapshots of different dates and overwrote each other."""
    load(*MAKE_RUN_FILES)
    with CaptureQueriesContext(connection) as queries:
        again = load(*MAKE_RUN_FILES)
    assert again.skipped == [str(path) for path in MAKE_RUN_FILES]
    assert again.files == [] and not again.changed
    lines = again.summary_lines()
    assert lines[:-1] == [f"skipped {path}: already imported, same content" for path in MAKE_RUN_FILES]
    assert lines[-1].endswith("(nothing changed)")
    assert not [q["sql"] for q in queries.captured_queries if "catalog_" in q["sql"]]
    assert len(queries.captured_queries) <= 2 * len(MAKE_RUN_FILES) + 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_file_is_imported_again_once_the_catalog_changed_since(load):
    """Committed one after the other, as `openll import` and an admin edit are (PostgreSQL moves
    the data generation once per transaction)."""
    from openll.catalog.models import Launch

    launches = next(p for p in LL2_FILES if p.name == "launches.normal.json")
    load(launches)
    first = json.loads(launches.read_text())[0]
    Launch.objects.filter(pk=first["id"]).update(name="edited in the admin")
    again = load(launches)
    assert again.files == [str(launches)] and not again.skipped
    assert again.counts["Launch"][UPDATED] == 1
    assert Launch.objects.get(pk=first["id"]).name == first["name"]


def shifted(launch: dict, hours: int, name: str) -> dict:
    """The same launch as a snapshot taken `hours` later (earlier when negative)."""
    stamp = dt.datetime.fromisoformat(launch["last_updated"].replace("Z", "+00:00"))
    stamp += dt.timedelta(hours=hours)
    return {**launch, "name": name, "last_updated": stamp.isoformat().replace("+00:00", "Z")}


def test_an_older_snapshot_of_a_launch_never_overwrites_a_newer_one(load, tmp_path):
    from openll.catalog.models import Launch

    launches = next(p for p in LL2_FILES if p.name == "launches.normal.json")
    real = json.loads(launches.read_text())[0]
    older, newer = tmp_path / "older.json", tmp_path / "newer.json"
    older.write_text(json.dumps([shifted(real, -24, "older name")]))
    newer.write_text(json.dumps([shifted(real, +24, "newer name")]))

    load(launches)
    report = load(older)
    assert report.counts["Launch"] == {UNCHANGED: 1}
    assert Launch.objects.get(pk=real["id"]).name == real["name"]

    report = load(newer)
    assert report.counts["Launch"][UPDATED] == 1
    assert Launch.objects.get(pk=real["id"]).name == "newer name"

    report = import_files([launches], force=True)  # the real file is now the older snapshot
    assert report.counts["Launch"][UPDATED] == 0
    assert Launch.objects.get(pk=real["id"]).name == "newer name"


def test_every_shape_imports(load, tmp_path):
    envelope = json.loads(STATIONS_PAGE.read_text())
    single = tmp_path / "single.json"
    single.write_text(json.dumps(envelope["results"][0]))
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(envelope["results"]))
    from openll.catalog.models import SpaceStation

    load(single)
    assert SpaceStation.objects.count() == 1
    load(bare)
    assert SpaceStation.objects.count() == len(envelope["results"])
    assert not load(STATIONS_PAGE).changed  # the envelope holds the same objects
    load(next(SEEDS.glob("002_*.txt")))  # a browsable page
    assert apps.get_model("catalog", "DockingEvent").objects.filter(pk=529).exists()


def test_a_thin_variant_never_blanks_what_a_fuller_one_said(load):
    from openll.catalog.models import SpacecraftConfig

    load(CONFIGS)
    before = SpacecraftConfig.objects.get(pk=25)
    assert before.capability is not None and before.maiden_flight is not None
    load(next(SEEDS.glob("002_*.txt")))  # nests Tianzhou (25) as SpacecraftConfigNormal
    after = SpacecraftConfig.objects.get(pk=25)
    assert (after.capability, after.maiden_flight, after.human_rated) == (
        before.capability,
        before.maiden_flight,
        before.human_rated,
    )


@pytest.mark.parametrize(
    ("content", "place"),
    [
        ('{"count": 1, "next": null, "previous": null, "results": [{"id": 529, "url": "x', "line 1 column"),
        ("[1, 2]", "$[0]"),
    ],
)
def test_a_malformed_file_is_rejected_whole(load, tmp_path, content, place):
    load(next(SEEDS.glob("000_*.txt")))
    before = row_counts()
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(ImportRejected) as rejected:
        load(bad)
    assert str(bad) in str(rejected.value) and place in str(rejected.value)
    assert row_counts() == before


def test_a_wrong_value_deep_in_a_file_rolls_the_whole_file_back(load, tmp_path):
    body = json.loads(STATIONS_PAGE.read_text())
    body["results"][3]["owners"][0]["founding_year"] = "nineteen-sixty"
    bad = tmp_path / "stations.json"
    bad.write_text(json.dumps(body))
    before = row_counts()
    with pytest.raises(ImportRejected) as rejected:
        load(bad)
    assert "$.results[3].owners[0].founding_year" in str(rejected.value)
    assert row_counts() == before


def test_the_cli_exits_non_zero_naming_the_file(db, tmp_path, capsys):
    bad = tmp_path / "truncated.json"
    bad.write_text(STATIONS_PAGE.read_text()[:5000])
    before = row_counts()
    try:
        code = main(["import", str(bad)])
    except SystemExit as exited:
        code = exited.code
    assert code not in (0, None)
    assert "truncated.json" in capsys.readouterr().err
    assert row_counts() == before


def test_objects_created_after_an_import_get_fresh_ids(load):
    """LL2 ids are kept on import; PostgreSQL's sequences must move past them (LL2 also has an
    id 0, the NET precision "Second", which a naive sequence reset refuses)."""
    from openll.catalog.models import Image, NetPrecision

    load(next(SEEDS.glob("002_*.txt")))
    assert NetPrecision.objects.filter(pk=0).exists()
    highest = max(Image.objects.values_list("pk", flat=True))
    assert Image.objects.create(name="made in the admin").pk > highest
    assert NetPrecision.objects.create(name="Minute").pk > 0


def test_a_stations_active_expeditions_belong_to_that_station(load, api):
    """`ExpeditionMini` names no station; listed in a station's `active_expeditions`, it is on it."""
    stations = next(p for p in LL2_FILES if p.name == "space_stations.detailed.json")
    load(stations)
    listed = {
        (station["id"], expedition["id"])
        for station in json.loads(stations.read_text())
        for expedition in station["active_expeditions"]
    }
    assert listed
    for station_id, expedition_id in listed:
        found = api.get(f"/2.3.0/expeditions/?format=json&space_station={station_id}").json()["results"]
        assert expedition_id in [e["id"] for e in found]


@pytest.mark.parametrize("name", ["launches.normal.json", "space_stations.detailed.json"])
def test_the_queries_reading_a_file_do_not_grow_with_its_objects(load, tmp_path, name):
    """The importer reads what a file touches per model and per relation, not per object: a file
    of all the real objects asks no more SELECTs than a file of one of them, plus the kinds of
    nested objects and lists only the longer file has."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    objects = json.loads(next(p for p in LL2_FILES if p.name == name).read_text())

    def selects(part: list, label: str) -> tuple[int, int]:
        path = tmp_path / f"{label}.json"
        path.write_text(json.dumps(part))
        with CaptureQueriesContext(connection) as queries:
            report = load(path)
        created = sum(c["created"] for c in report.counts.values())
        return sum(q["sql"].lstrip().upper().startswith("SELECT") for q in queries), created

    one_reads, one_created = selects(objects[:1], "one")
    with transaction.atomic():  # the second file into the same, now fuller, database
        all_reads, all_created = selects(objects, "all")
    assert all_created > 5 * one_created
    assert all_reads < 2 * one_reads + 40, (one_reads, all_reads)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite plans without statistics")
def test_postgresql_plans_an_imported_file_with_its_statistics(load):
    launches = next(p for p in LL2_FILES if p.name == "launches.normal.json")
    load(launches)
    imported = apps.get_model("catalog", "Launch").objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'catalog_launch'")
        (estimate,) = cursor.fetchone()
    assert imported > 0 and estimate == imported  # ANALYZE ran after the import


DETAILED_LAUNCHES = DATA / "ll2-2.2.0" / "launches-upcoming.detailed.2026-08.json"


def writes_of(path: Path) -> tuple[list[str], set[str], int]:
    """The INSERT, UPDATE and DELETE statements importing `path` runs, the tables they write, and
    the number of objects the file names."""
    with CaptureQueriesContext(connection) as queries:
        report = import_files([path], force=True)
    writes = [q["sql"] for q in queries if q["sql"].lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE")]
    tables = {re.search(r'(?:INTO|UPDATE|FROM)\s+"(\w+)"', sql).group(1) for sql in writes}
    return writes, tables, sum(sum(c.values()) for c in report.counts.values())


def test_a_page_of_detailed_launches_is_written_a_few_statements_per_table(db, tmp_path):
    """Written object by object, 100 real detailed launches (~950 objects) cost 1,241 INSERTs,
    UPDATEs and DELETEs into an empty catalog, and the same page again as a newer snapshot 963
    UPDATEs, one per object it names, for the snapshot ranks (`as_of`) alone: the full 8,000-launch
    import fell from 183 to 118 launches/s (issue 7). A file's rows are written per table
    (ingest.writes): one INSERT per table and batch, one UPDATE per table and set of changed
    columns, one DELETE per list."""
    writes, tables, objects = writes_of(DETAILED_LAUNCHES)
    catalog = [table for table in tables if table.startswith("catalog_")]
    assert objects > 900 and len(catalog) > 30
    # On SQLite an INSERT holds at most 999 values: a table of 60 columns takes one per 16 rows.
    assert len(writes) <= 2 * len(tables), writes

    newer = tmp_path / f"z-{DETAILED_LAUNCHES.name}"  # the same snapshot, ranked after it by name
    newer.write_bytes(DETAILED_LAUNCHES.read_bytes())
    writes, tables, objects = writes_of(newer)
    assert objects > 900 and len(tables) > 30  # every object's ranks move
    assert len(writes) <= 2 * len(tables), writes


def test_rockets_moving_between_launches_end_as_the_newest_snapshot_says(load, tmp_path):
    """A rocket (one-to-one with its launch) that a newer snapshot names under another launch lets
    go of the old one, whether the old holder is read by the file or not, and whichever order the
    file moves them in (two rockets swapped, a rocket moved twice, a launch named twice)."""
    from openll.catalog.models import Rocket

    launches = next(p for p in LL2_FILES if p.name == "launches.normal.json")
    real = json.loads(launches.read_text())
    load(launches)
    launch_of = dict(Rocket.objects.values_list("id", "launch_id"))
    assert all(launch_of[item["rocket"]["id"]] == uuid.UUID(item["id"]) for item in real)

    def newer(index: int, rocket_of: int) -> dict:
        return {**shifted(real[index], 24, real[index]["name"]), "rocket": real[rocket_of]["rocket"]}

    moved = [
        newer(0, 1),  # swapped: the old holder of launch 0 (rocket 0) is not read by the file yet
        newer(1, 0),
        newer(2, 2),  # unchanged
        newer(3, 2),  # rocket 2 moves on within the file; rocket 3 (not in the file) lets go
        newer(5, 5),
        newer(5, 6),  # launch 5 named again (pages shift): its last copy's rocket holds it
    ]
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(moved))
    load(path)
    launch_of = dict(Rocket.objects.values_list("id", "launch_id"))
    rocket = [item["rocket"]["id"] for item in real]
    launch = [uuid.UUID(item["id"]) for item in real]
    assert launch_of[rocket[0]] == launch[1] and launch_of[rocket[1]] == launch[0]
    assert launch_of[rocket[2]] == launch[3] and launch_of[rocket[3]] is None
    assert launch_of[rocket[6]] == launch[5] and launch_of[rocket[5]] is None
    assert launch[2] not in launch_of.values() and launch[6] not in launch_of.values()


NORMAL_LAUNCHES = next(p for p in LL2_FILES if p.name == "launches.normal.json")


def full_upserts(monkeypatch) -> dict[tuple[str, object], int]:
    """How many times each object is upserted whole (its row written or compared), per file."""
    from openll.ingest.importer import FileImport

    counted: dict[tuple[str, object], int] = defaultdict(int)
    save = FileImport.save

    def counting(self, instance, changed):
        counted[(type(instance).__name__, instance.pk)] += 1
        return save(self, instance, changed)

    monkeypatch.setattr(FileImport, "save", counting)
    return counted


def test_a_copy_a_file_repeats_is_upserted_once(load, tmp_path, monkeypatch):
    """LL2 nests the same pad (its location, agencies, country, images) in every launch from it:
    in a page of detailed launches four upserts in five repeated a copy made before (issue 7)."""
    real = json.loads(NORMAL_LAUNCHES.read_text())
    from_pad = [launch for launch in real if launch["pad"]["id"] == 80]
    assert len(from_pad) == 3 and all(launch["pad"] == from_pad[0]["pad"] for launch in from_pad)
    path = tmp_path / "launches.json"
    path.write_text(json.dumps(from_pad))
    upserts = full_upserts(monkeypatch)
    load(path)
    assert upserts[("Pad", 80)] == 1 and upserts[("Location", from_pad[0]["pad"]["location"]["id"])] == 1
    assert [upserts[("Launch", uuid.UUID(launch["id"]))] for launch in from_pad] == [1, 1, 1]


def test_a_repeated_copy_is_upserted_again_once_another_copy_changed_what_it_holds(load, tmp_path):
    """The last copy of an object in a file wins: a pad repeated after another copy of one of its
    agencies (a launch's provider, named otherwise) writes its own copy of the agency again."""
    from openll.catalog.models import Agency

    real = json.loads(NORMAL_LAUNCHES.read_text())
    first, second = [launch for launch in real if launch["pad"]["id"] == 80][:2]
    provider = second["launch_service_provider"]
    in_pad = next(agency for agency in second["pad"]["agencies"] if agency["id"] == provider["id"])
    renamed = {**second, "launch_service_provider": {**provider, "name": "Renamed by a thinner copy"}}
    path = tmp_path / "launches.json"
    path.write_text(json.dumps([first, renamed]))
    load(path)
    # The provider came first in the second launch, its pad (the same copy as in the first) last.
    assert Agency.objects.get(pk=provider["id"]).name == in_pad["name"] != "Renamed by a thinner copy"
