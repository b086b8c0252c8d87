"""2.1.0 and 2.2.0 JSON import into the same catalog as 2.3.0: the real 2.1.0 pages fill the
endpoints the 2.3.0 files leave empty, and all the bundled data gives the same catalog in any
order (an older snapshot never rolls back a newer one)."""

from __future__ import annotations

import importlib
import json

from conftest import DATA, LL2_FILES, SEEDS
from django.apps import apps as django_apps
from django.db import transaction

from openll.catalog.models import (
    Agency,
    Astronaut,
    DockingEvent,
    Event,
    Expedition,
    Program,
    SpacecraftFlight,
)
from openll.ingest import documents
from openll.ingest.models import ImportedFile

OLDER_2_1_0 = sorted((DATA / "ll2-2.1.0").glob("*.json"))
OLDER_2_2_0 = sorted((DATA / "ll2-2.2.0").glob("*.json"))
NEWEST = [*sorted(SEEDS.glob("*.txt")), *LL2_FILES]
OLDER = [*OLDER_2_2_0, *OLDER_2_1_0]


def results(name: str) -> list[dict]:
    return json.loads((DATA / "ll2-2.1.0" / name).read_text())["results"]


def test_all_of_2_1_0_imports_and_fills_the_lists_2_3_0_data_leaves_empty(load, api):
    load(*OLDER_2_1_0)
    for model, name, route in (
        (Astronaut, "astronauts.2021.json", "astronaut"),
        (Event, "events.2021.json", "event"),
        (Expedition, "expeditions.2021.json", "expedition"),
        (DockingEvent, "docking.2021.json", "docking_event"),
        (Program, "programs.2021.json", "program"),
    ):
        wanted = {obj["id"] for obj in results(name)}
        assert wanted <= set(model.objects.values_list("pk", flat=True)), name
        some = sorted(wanted)[:5]
        for pk in some:
            body = api.get(f"/2.2.0/{route}/{pk}/?format=json")
            assert body.status_code == 200 and body.json()["id"] == pk, (route, pk)


def test_an_event_of_2_1_0_renders_back_as_2_2_0_shows_it(load, api):
    """2.1.0 events have 2.2.0's fields but `updates`: each renders back with its own values."""
    load(DATA / "ll2-2.1.0" / "events.2021.json")
    for obj in results("events.2021.json")[:20]:
        got = api.get(f"/2.2.0/event/{obj['id']}/?format=json").json()
        for key in (
            "name",
            "slug",
            "description",
            "location",
            "news_url",
            "video_url",
            "feature_image",
            "date",
        ):
            assert got[key] == obj[key], (obj["id"], key)
        assert [launch["id"] for launch in got["launches"]] == [launch["id"] for launch in obj["launches"]]


def filled_only(before, after, path="$") -> list[str]:
    """Where `after` differs from `before` other than by filling in what was unknown (null)."""
    if before is None:
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        found = [f"{path}: keys" for _ in [0] if list(before) != list(after)]
        for key in before:
            found += filled_only(before[key], after.get(key), f"{path}.{key}")
        return found
    if isinstance(before, list) and isinstance(after, list):
        if not before:
            return []
        if all(isinstance(item, dict) and "id" in item for item in before + after):
            # Objects the catalog did not know may join a list (a pad of a location); those it
            # knew stay, in their order.
            by_id = {item["id"]: item for item in after}
            kept = [item["id"] for item in after if item["id"] in {b["id"] for b in before}]
            if kept != [item["id"] for item in before]:
                return [f"{path}: {[b['id'] for b in before]} became {[a['id'] for a in after]}"]
            pairs = [(item, by_id[item["id"]]) for item in before]
        elif len(before) != len(after):
            return [f"{path}: {len(before)} items became {len(after)}"]
        else:
            pairs = list(zip(before, after, strict=True))
        return [found for i, (b, a) in enumerate(pairs) for found in filled_only(b, a, f"{path}[{i}]")]
    return [] if before == after else [f"{path}: {before!r:.60} became {after!r:.60}"]


ROUTES_2_3_0 = (
    "agencies",
    "astronauts",
    "launches",
    "pads",
    "locations",
    "space_stations",
    "spacecraft_configurations",
)


def taken(path) -> str:
    return documents.read(path).as_of


def test_older_snapshots_never_roll_back_what_2_3_0_data_said(load, api):
    """After the 2.3.0 data (2024-2026 snapshots), the 2.2.0 and 2.1.0 files taken before all of
    them (2021), of some of the same objects, only fill in what the catalog did not know: every
    2.3.0 answer keeps its values. (The 2.2.0 files of 2024-2026 are newer than some 2.3.0 files:
    where they disagree, the newer wins: test_import_order.py.)"""
    older = [path for path in OLDER if taken(path) < min(map(taken, NEWEST))]
    assert len(older) >= 10
    load(*NEWEST)
    routes = (
        "agencies",
        "astronauts",
        "launches",
        "pads",
        "locations",
        "space_stations",
        "spacecraft_configurations",
    )
    before = {}
    for route in routes:
        for item in api.get(f"/2.3.0/{route}/?format=json&limit=100&mode=detailed").json()["results"]:
            before[(route, item["id"])] = api.get(f"/2.3.0/{route}/{item['id']}/?format=json").json()
    assert len(before) > 250  # the objects listed: not those known only nested (README)
    load(*older)
    rolled_back = []
    for (route, pk), old in before.items():
        new = api.get(f"/2.3.0/{route}/{pk}/?format=json").json()
        rolled_back += [f"{route}/{pk} {where}" for where in filled_only(old, new)]
    assert not rolled_back, "\n".join(rolled_back[:20])


def test_an_agency_type_named_before_its_row_arrives_is_that_row(load):
    """2.1.0 writes an agency's type as its name ("Government"): imported before any 2.3.0 data,
    the agencies have no type (no row is made up); once the seeds bring the AgencyType rows,
    each agency has the row of its name, as when the seeds came first."""
    agencies, seeds = DATA / "ll2-2.1.0" / "agencies.2021.json", sorted(SEEDS.glob("*.txt"))

    def types(*paths) -> dict:
        savepoint = transaction.savepoint()
        load(*paths)
        if paths == (agencies,):
            assert not Agency.objects.filter(legacy__has_key="type").exclude(type=None).exists()
        found = dict(Agency.objects.values_list("pk", "type_id"))
        transaction.savepoint_rollback(savepoint)
        return found

    types(agencies)
    older_first = types(agencies, *seeds)
    assert older_first == types(*seeds, agencies)
    named = {obj["id"]: obj["type"] for obj in results("agencies.2021.json")}
    assert sum(older_first[pk] is not None for pk in named) >= 100


def test_a_database_imported_before_older_variants_were_told_apart_tells_after_its_migration(load):
    """A 2.1.0 docking event's flight (no launch) is known only nested; a database imported
    before listed it. Its migration takes the rows older files wrote as known only nested and
    forgets the files, so the next import tells them apart again."""
    docking = DATA / "ll2-2.1.0" / "docking.2021.json"
    event = results("docking.2021.json")[0]
    flight_id = event["flight_vehicle"]["id"]
    load(docking)
    assert SpacecraftFlight.objects.get(pk=flight_id).known_as == ""
    SpacecraftFlight.objects.filter(pk=flight_id).update(known_as="SpacecraftFlightNormal")  # as before
    # As the importer then wrote them: the version of the file among the older values (`~as_of`)
    for model, pk in ((SpacecraftFlight, flight_id), (DockingEvent, event["id"])):
        legacy = model.objects.get(pk=pk).legacy or {}
        model.objects.filter(pk=pk).update(legacy={**legacy, "~as_of": ["2.1.0", "2020-12-07T18:40:00Z"]})
    migration = importlib.import_module("openll.catalog.migrations.0008_older_variants_known_again")
    migration.older_objects_known_again(django_apps, None)
    assert not ImportedFile.objects.exists()
    assert DockingEvent.objects.get(pk=event["id"]).known_as == ""
    assert load(docking).files == [str(docking)]
    assert SpacecraftFlight.objects.get(pk=flight_id).known_as == ""
    assert DockingEvent.objects.get(pk=event["id"]).known_as == "DockingEventEndpointNormal"
