"""Importing everything in data/ in any order gives the same database (issue 9): each object ends
as its newest snapshot said, whatever the order the files came in."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

from conftest import DATA
from django.apps import apps
from django.db import transaction

from openll import spec
from openll.catalog.contract import entity_of
from openll.cli import expand_paths
from openll.ingest import documents
from openll.ingest.importer import import_files

ALL = expand_paths([DATA / "seeds", DATA / "ll2-2.3.0", DATA / "ll2-2.2.0", DATA / "ll2-2.1.0"])


def by_version(*dirs: str) -> list[Path]:
    return [path for name in dirs for path in ALL if path.parent.name == name]


ORDERS = {
    "by name": sorted(ALL),
    "reversed": sorted(ALL, reverse=True),
    "shuffled": random.Random(9).sample(ALL, len(ALL)),
    "2.1.0 first": by_version("ll2-2.1.0", "ll2-2.2.0", "seeds", "ll2-2.3.0"),
    "2.3.0 first": by_version("ll2-2.3.0", "seeds", "ll2-2.2.0", "ll2-2.1.0"),
}


def value_objects() -> set[str]:
    """The entities LL2 gives without an id (info and video URLs, timeline events, live streams)."""
    found = set()
    for name in spec.document()["components"]["schemas"]:
        try:
            entity = entity_of(name)
        except KeyError:  # pages, enums
            continue
        if entity and "id" not in spec.schema(name).by_name:
            found.add(entity)
    return found


def catalog_rows() -> dict[str, dict]:
    """Every row of every catalog table, every column (the snapshot ranks in `as_of` and the
    `known_as` bookkeeping included), by table and key. Link tables (m2m lists) are keyed by
    the pair they link, value objects (which LL2 gives without an id) by their owner and position:
    the ids openll gives those rows count up in the order they were written, which is no part of
    what the catalog says."""
    rows: dict[str, dict] = {}
    models = list(apps.get_app_config("catalog").get_models(include_auto_created=True))
    through = {f.remote_field.through for model in models for f in model._meta.local_many_to_many}
    without_id = value_objects()
    for model in models:
        table: dict = {}
        fields = [f.attname for f in model._meta.concrete_fields]
        links = [f.attname for f in model._meta.concrete_fields if f.is_relation]
        for row in model._default_manager.values(*fields):
            if model in through:
                table[tuple(row[name] for name in links)] = {k: v for k, v in row.items() if k != "id"}
            elif model.__name__ in without_id:
                owner = tuple((name, row[name]) for name in links if row[name] is not None)
                table[(owner, row["position"])] = {k: v for k, v in row.items() if k != "id"}
            else:
                table[row[model._meta.pk.attname]] = row
        rows[model._meta.db_table] = table
    return rows


def differences(one: dict[str, dict], other: dict[str, dict]) -> dict[str, list]:
    """Per table and column, the keys whose values differ (or the rows only one side has)."""
    found: dict[str, list] = defaultdict(list)
    for table, rows in one.items():
        theirs = other[table]
        for key in rows.keys() ^ theirs.keys():
            found[f"{table} (row only on one side)"].append(key)
        for key in rows.keys() & theirs.keys():
            for column, value in rows[key].items():
                if theirs[key][column] != value:
                    found[f"{table}.{column}"].append((key, value, theirs[key][column]))
    return dict(found)


def test_every_order_of_the_bundled_files_gives_the_same_catalog(db):
    """The bundled files are snapshots of 2021 to 2026 that name the same agencies, pads,
    statuses, images...: imported by name, in reverse, shuffled, oldest version first or newest
    first, they must leave the same rows."""
    catalogs = {}
    for name, order in ORDERS.items():
        assert sorted(order) == sorted(ALL)
        with transaction.atomic():  # each order into the empty catalog
            import_files(order)
            catalogs[name] = catalog_rows()
            transaction.set_rollback(True)
    first, *others = catalogs
    report = []
    for name in others:
        for where, keys in sorted(differences(catalogs[first], catalogs[name]).items()):
            report.append(f"{first} vs {name}: {where}: {len(keys)} e.g. {keys[0]!r:.200}")
    assert not report, "\n".join(report)


LAUNCHES_2024 = DATA / "ll2-2.3.0" / "launches.normal.json"  # 2.3.0, last updated 2024-09-30
LAUNCHES_2026 = DATA / "ll2-2.2.0" / "launches-upcoming.detailed.2026-08.json"  # 2.2.0, 2026-08-22


def nested_pads(path: Path) -> dict[int, dict]:
    return {launch["pad"]["id"]: launch["pad"] for launch in documents.read(path).objects}


def test_an_older_snapshot_of_a_nested_object_never_rolls_back_a_newer_one(load):
    """Pads nested in launches carry no `last_updated`: the pads of the 2026 2.2.0 launches
    (Space Launch Complex 40: 399 launches) are newer than those of the 2024 2.3.0 launches (263),
    and stay so whichever file is imported last; what only the older copy says fills in."""
    from openll.catalog.models import Pad

    older, newer = nested_pads(LAUNCHES_2024), nested_pads(LAUNCHES_2026)
    assert documents.read(LAUNCHES_2024).as_of < documents.read(LAUNCHES_2026).as_of
    counts = "total_launch_count"
    both = [pk for pk in older.keys() & newer.keys() if older[pk][counts] != newer[pk][counts]]
    assert len(both) >= 5
    for order in ([LAUNCHES_2024, LAUNCHES_2026], [LAUNCHES_2026, LAUNCHES_2024]):
        with transaction.atomic():  # each order into the empty catalog
            load(*order)
            pads = Pad.objects.in_bulk(both)
            transaction.set_rollback(True)
        assert {pk: pads[pk].total_launch_count for pk in both} == {pk: newer[pk][counts] for pk in both}
        # The 2.3.0 pad's `country` (2.2.0 pads have a `country_code` string instead) fills in.
        assert all(pads[pk].country_id == older[pk]["country"]["id"] for pk in both), order
