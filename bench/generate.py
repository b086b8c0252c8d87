"""Build LL2-scale data as LL2 2.3.0 JSON, deterministically, from the real objects bundled in data/.

    .venv/bin/python bench/generate.py OUT_DIR [--launches 8000] [--one-file 3000] [--seed 7]
                                              [--today 2026-01-01]

Writes, all importable with `openll import`:
    OUT_DIR/pages/       page envelopes {count, next, previous, results} of 100 objects: first the
                         catalog (locations, pads, agencies, launcher configurations, launchers,
                         spacecraft, astronauts, space stations), then `launches-NNNN.json`
                         (detailed launches), then events that name some of the launches
    OUT_DIR/one-file/launches.json
                         one page of --one-file more detailed launches (ids not in pages/), for
                         the readers-during-import benchmark

Where the objects come from: every launch is a copy of one of 110 real launches, the 10 LL2 2.3.0
launches of data/ll2-2.3.0 and the 100 detailed LL2 2.2.0 launches of data/ll2-2.2.0 (first stages,
landings, spacecraft flights and crews, updates, timelines, video links), the latter projected onto
the 2.3.0 fields (`project`: a 2.3.0 field is kept when the real object has it, under its 2.3.0
name, with the 2.3.0 JSON type; MAPPING.md in the contract material lists the differences). Pads,
locations and stations are the real 2.3.0 ones; agencies, astronauts, events and launchers add the
real 2.1.0 lists of data/ll2-2.1.0. A copy gets fresh ids for what a launch owns (its rocket,
mission, first stages, landings, spacecraft flights, crew seats, updates), a fresh name and slug
(the real name and its number), a NET and a status; the objects it shares with other launches (pad,
provider, rocket configuration, booster, spacecraft, astronauts) are drawn from pools.

Proportions (COUNTS): a pool holds `real count x launches / REAL_LAUNCHES` objects, the real count
being the `count` of a real LL2 list response (or the number of objects in a complete real list);
the real objects first, then copies of them ("<real name> <n>", ids from 1,000,000). Launches pick
pads, providers and configurations in proportion to their real `total_launch_count` (copies count
as one launch), so the real launch sites and providers dominate as they do in LL2. NETs: launches
are spread evenly from Sputnik (1957-10-04) to --today, and UPCOMING_SHARE of them (LL2's share of
upcoming launches) over the three years after it; a past launch failed with the failure share of
the real agencies' counters. Same arguments, same bytes: randomness comes from one seeded
random.Random, NETs from --today (default: today, UTC, so that upcoming launches stay upcoming).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import importlib
import itertools
import random
import re
import sys
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from openll import spec
from openll.catalog.contract import ENDPOINT_OF, entity_of

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
API = "https://ll.thespacedevs.com/2.3.0"

# LL2's launches when data/ll2-2.3.0 was captured (October 2024): the sum of the 68 locations'
# `total_launch_count` in locations.detailed.json (every launch has one location).
REAL_LAUNCHES = 7583
# Real counts of the pooled entities, each from a real LL2 response (the 2021 lists undercount
# today's LL2, so these proportions are on the low side).
COUNTS = {
    "Location": 68,  # ll2-2.3.0/locations.detailed.json: every location, Oct 2024
    "Pad": 248,  # ll2-2.3.0/pads.normal.json: every pad
    "SpaceStation": 15,  # ll2-2.3.0/space_stations.normal.page.json: count
    "Spacecraft": 596,  # seeds/003_*.txt (/2.3.0/spacecraft/): count
    "Agency": 268,  # ll2-2.1.0/agencies.2021.json: count
    "Astronaut": 623,  # ll2-2.1.0/astronauts.2021.json: count
    "Event": 193,  # ll2-2.1.0/events.2021.json: count
    "Launcher": 89,  # ll2-2.1.0/launchers.2021.json: count (boosters that fly more than once)
    "LauncherConfig": 551,  # the highest launcher configuration id in the real data (ids count up)
}
# ll2-2.2.0/launches-upcoming.detailed.page.json: `count` of /launch/upcoming/ = 364.
UPCOMING_SHARE = 364 / REAL_LAUNCHES
FIRST_LAUNCH = dt.datetime(1957, 10, 4, 19, 28, tzinfo=dt.UTC)
CLONE_IDS = 1_000_000  # copies of real objects get ids from here (real LL2 ids are far lower)
OWNED_IDS = 10_000_000  # ids of what each generated launch owns
PAGE = 100

# What a launch owns (fresh per copy); every other nested object with an id is shared.
OWNED = frozenset(
    {"Rocket", "Mission", "FirstStage", "Landing", "SpacecraftFlight", "AstronautFlight", "Update"}
    | {"PayloadFlight", "Payload", "DockingEvent"}
)
# 2.2.0 field names that 2.3.0 renamed (MAPPING.md), per 2.3.0 schema: 2.3.0 name -> 2.2.0 name.
RENAMED = {
    "LaunchDetailed": {"info_urls": "infoURLs", "vid_urls": "vidURLs"},
    "Landing": {"landing_location": "location"},
}
# Fields holding a copy's own name; a copy appends its number.
NAME_FIELDS = {
    "Agency": ("name",),
    "Astronaut": ("name",),
    "Event": ("name", "slug"),
    "Launcher": ("serial_number",),
    "LauncherConfig": ("name", "full_name"),
    "Location": ("name",),
    "Pad": ("name",),
    "SpaceStation": ("name",),
    "Spacecraft": ("name", "serial_number"),
}
# Lists of objects that belong to one parent: a copy would take them from the real object.
NOT_COPIED = ("social_media_links", "active_expeditions", "docked_vehicles", "active_docking_events")

_JSON_TYPES = {"integer": (int,), "number": (int, float), "boolean": (bool,), "string": (str,)}


def load(relative: str) -> list[dict]:
    """The result objects of a bundled real response (a bare list or a page envelope)."""
    text = (DATA / relative).read_text(encoding="utf-8")
    if not text.lstrip().startswith(("[", "{")):  # a saved browsable-API page: JSON after the headers
        text = text[re.search(r"^[\[{]", text, re.MULTILINE).start() :]
    data = orjson.loads(text)
    if isinstance(data, dict):
        return data.get("results", [data])
    return data


def launch_id(n: int) -> str:
    """The id of generated launch number n."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"openll-bench-launch-{n}"))


def url_of(entity: str, pk: object) -> str:
    return f"{API}/{ENDPOINT_OF[entity]}/{pk}/"


def project(value: dict, schema_name: str) -> dict | None:
    """The fields of a real LL2 object (any API version) that 2.3.0's `schema_name` has, under
    their 2.3.0 names, with 2.3.0's JSON types; a field whose type changed is left out. None for
    an object without the id that its 2.3.0 variant needs."""
    schema = spec.schema(schema_name)
    entity = entity_of(schema_name)
    if "id" in schema.by_name and value.get("id") is None:
        return None
    renamed = RENAMED.get(schema_name, {})
    out: dict = {}
    for prop in schema.properties:
        name = prop.name
        source = renamed.get(name, name)
        if name == "response_mode" and prop.default:
            out[name] = prop.default
            continue
        if name == "url" and entity in ENDPOINT_OF:
            out[name] = url_of(entity, value["id"])
            continue
        if source not in value:
            continue
        raw = value[source]
        if raw is None:
            out[name] = None
        elif prop.kind == "scalar":
            allowed = _JSON_TYPES.get(prop.json_type or "", (object,))
            if isinstance(raw, allowed) and (prop.json_type == "boolean" or not isinstance(raw, bool)):
                out[name] = raw
        elif prop.kind == "object" and isinstance(raw, dict):
            out[name] = project(raw, prop.target)
        elif prop.kind == "array" and prop.target and isinstance(raw, list | dict):
            items = raw if isinstance(raw, list) else [raw]  # 2.2.0: one spacecraft_stage object
            out[name] = [p for p in (project(i, prop.target) for i in items if isinstance(i, dict)) if p]
        elif prop.kind == "array" and isinstance(raw, list):
            out[name] = raw
    return out


def walk(value: dict, schema_name: str) -> Iterator[tuple[str, dict]]:
    """(schema name, object) for an object and every object nested in it, parents first."""
    yield schema_name, value
    schema = spec.schema(schema_name)
    for name, raw in value.items():
        prop = schema.by_name[name]
        if prop.kind == "object" and isinstance(raw, dict):
            yield from walk(raw, prop.target)
        elif prop.kind == "array" and prop.target and isinstance(raw, list):
            for item in raw:
                yield from walk(item, prop.target)


class Known:
    """Every real object that launches share (not what a launch owns), once per entity and id, its
    fields merged from every response it appears in (later sources win). `canonical` renders each
    nested shared object as that one merged object, so that no two files of the data set say
    different things about one object (importing the data set twice then changes nothing)."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[object, dict]] = defaultdict(dict)
        self._rendered: dict[tuple[str, object, str], dict] = {}

    @staticmethod
    def shared(entity: str | None, value: dict) -> bool:
        return (
            entity is not None and entity not in OWNED and entity != "Launch" and value.get("id") is not None
        )

    def add(self, value: dict, schema_name: str) -> None:
        for nested_schema, nested in walk(value, schema_name):
            entity = entity_of(nested_schema)
            if self.shared(entity, nested):
                known = self.objects[entity].setdefault(nested["id"], {})
                for name, field_value in nested.items():
                    if field_value is not None or name not in known:
                        known[name] = field_value

    def canonical(self, value: dict, schema_name: str) -> dict:
        """`value` in variant `schema_name`, with every shared object in it as the merged one. The
        shared objects returned are shared between calls: replace them, never change them."""
        entity = entity_of(schema_name)
        if not self.shared(entity, value):
            return self._nested(project(value, schema_name) or value, schema_name)
        key = (entity, value["id"], schema_name)
        if key not in self._rendered:
            merged = self.objects[entity].get(value["id"], value)
            self._rendered[key] = self._nested(project(merged, schema_name), schema_name)
        return self._rendered[key]

    def _nested(self, value: dict, schema_name: str) -> dict:
        schema = spec.schema(schema_name)
        for name, raw in value.items():
            prop = schema.by_name[name]
            if prop.kind == "object" and isinstance(raw, dict):
                value[name] = self.canonical(raw, prop.target)
            elif prop.kind == "array" and prop.target and isinstance(raw, list):
                value[name] = [self.canonical(item, prop.target) for item in raw]
        return value


class Pool:
    """The objects of one entity that launches share: the real ones, then numbered copies of
    them, with a weight per object."""

    def __init__(self, entity: str, known: Known):
        self.entity = entity
        self.known = known
        self.objects: list[dict] = []
        self.weights: list[float] = []

    def fill(self, size: int, rebind=None) -> None:
        """Real objects (by id), then copies of them (round robin) up to `size` objects."""
        real_by_id = self.known.objects[self.entity]
        real = [real_by_id[pk] for pk in sorted(real_by_id)]
        self.objects = list(real)
        self.weights = [1.0 + (obj.get("total_launch_count") or 0) for obj in real]
        for n in range(max(0, size - len(real))):
            source = real[n % len(real)]
            clone = {k: v for k, v in source.items() if k not in NOT_COPIED}
            clone["id"] = CLONE_IDS + n
            for name in NAME_FIELDS.get(self.entity, ()):
                if isinstance(clone.get(name), str):
                    clone[name] = f"{clone[name]} {n + 1}"
            if "total_launch_count" in clone:
                clone["total_launch_count"] = 0
            if rebind:
                rebind(clone, n)
            self.objects.append(clone)
            self.weights.append(1.0)

    def pick(self, rng: random.Random, weighted: bool = True) -> int:
        if weighted:
            return rng.choices(range(len(self.objects)), weights=self.weights)[0]
        return rng.randrange(len(self.objects))

    def as_variant(self, index: int, schema_name: str) -> dict:
        return self.known.canonical(self.objects[index], schema_name)


class Generator:
    def __init__(self, launches: int, seed: int, today: dt.datetime):
        self.launches = launches
        self.rng = random.Random(seed)
        self.today = today
        self.ids = itertools.count(OWNED_IDS)
        self.statuses = {
            pk: {"id": pk, "name": name, "abbrev": abbrev, "description": description}
            for pk, name, abbrev, description in importlib.import_module(
                "openll.catalog.migrations.0003_launch_statuses"
            ).LAUNCH_STATUSES
        }
        self.known = Known()
        self.pools = {entity: Pool(entity, self.known) for entity in COUNTS if entity != "Event"}
        self.templates = [project(obj, "LaunchDetailed") for obj in load("ll2-2.3.0/launches.normal.json")]
        self.templates += [
            project(obj, "LaunchDetailed")
            for obj in load("ll2-2.2.0/launches-upcoming.detailed.2026-08.json")
        ]
        self._collect()
        self.failure_share = self._failure_share()
        # Locations first: copied pads stand at copied locations.
        for entity, pool in sorted(self.pools.items(), key=lambda item: item[0] != "Location"):
            pool.fill(self.size(entity), self._rebind_pad if entity == "Pad" else None)
        self.core_history: dict[object, dict] = {}

    # -- real objects into pools ----------------------------------------------------------------

    def _collect(self) -> None:
        """Every shared real object into `known`: the 2021 lists first, then the 2.3.0 responses
        (2024-2025), then the launches (the 2.2.0 ones were captured last, in 2026)."""
        older = [
            ("AgencyNormal", "ll2-2.1.0/agencies.2021.json"),
            ("AstronautEndpointNormal", "ll2-2.1.0/astronauts.2021.json"),
            ("LauncherDetailed", "ll2-2.1.0/launchers.2021.json"),
        ]
        sources: list[tuple[str, Iterable[dict]]] = [
            (schema_name, [project(obj, schema_name) for obj in load(relative)])
            for schema_name, relative in older
        ]
        sources += [
            ("Pad", load("ll2-2.3.0/pads.normal.json")),
            ("LocationSerializerWithPads", load("ll2-2.3.0/locations.detailed.json")),
            ("SpaceStationDetailedEndpoint", load("ll2-2.3.0/space_stations.detailed.json")),
            ("SpacecraftConfigDetailed", load("ll2-2.3.0/spacecraft_configurations.detailed.json")),
            ("DockingEventEndpointDetailed", load("seeds/002_ca01d8e057d47eaf.txt")),
            ("SpacecraftNormal", load("seeds/003_e6ea9a821b2d58ca.txt")),
            ("LaunchDetailed", self.templates),
        ]
        for schema_name, objects in sources:
            for obj in objects:
                self.known.add(obj, schema_name)
        self.templates = [self.known.canonical(template, "LaunchDetailed") for template in self.templates]
        self.real_events = [
            project(obj, "EventEndpointDetailed") for obj in load("ll2-2.1.0/events.2021.json")
        ]

    def size(self, entity: str) -> int:
        """How many objects of an entity LL2 has for as many launches as generated."""
        return max(1, round(COUNTS[entity] * self.launches / REAL_LAUNCHES))

    def _failure_share(self) -> float:
        agencies = self.known.objects["Agency"].values()
        failed = sum(a.get("failed_launches") or 0 for a in agencies)
        succeeded = sum(a.get("successful_launches") or 0 for a in agencies)
        return failed / max(1, failed + succeeded)

    def _rebind_pad(self, pad: dict, n: int) -> None:
        """A copied pad stands at a copied location when there are any, so that they have pads."""
        locations = self.pools["Location"].objects
        copies = [loc for loc in locations if loc["id"] >= CLONE_IDS]
        if copies:
            pad["location"] = copies[n % len(copies)]

    # -- launches ---------------------------------------------------------------------------------

    def net(self) -> tuple[dt.datetime, bool]:
        rng = self.rng
        if rng.random() < UPCOMING_SHARE:
            moment = self.today + dt.timedelta(days=3 * 365 * rng.random() ** 2 - 1)
            return moment.replace(second=0, microsecond=0), True
        span = (self.today - FIRST_LAUNCH).total_seconds()
        moment = FIRST_LAUNCH + dt.timedelta(seconds=span * rng.random())
        return moment.replace(second=0, microsecond=0), False

    def launch(self, n: int) -> dict:
        rng = self.rng
        template = self.templates[rng.randrange(len(self.templates))]
        launch = copy.deepcopy(template)
        for schema_name, obj in walk(launch, "LaunchDetailed"):
            if entity_of(schema_name) in OWNED and "id" in obj:
                obj["id"] = next(self.ids)
                if "url" in obj:
                    obj["url"] = url_of(entity_of(schema_name), obj["id"])
        launch["id"] = launch_id(n)
        launch["url"] = url_of("Launch", launch["id"])
        rocket_name, _, mission_name = template["name"].partition(" | ")
        mission_name = f"{mission_name or rocket_name} {n + 1}"
        launch["name"] = f"{rocket_name} | {mission_name}"
        launch["slug"] = re.sub(r"[^a-z0-9]+", "-", launch["name"].lower()).strip("-")
        if launch.get("mission"):
            launch["mission"]["name"] = mission_name

        net, upcoming = self.net()
        window = _window(template)
        launch["net"] = launch["window_start"] = _iso(net)
        launch["window_end"] = _iso(net + window)
        launch["last_updated"] = _iso(min(net + dt.timedelta(days=rng.randint(0, 30)), self.today))
        if upcoming:
            status_id = (template.get("status") or {}).get("id")
            status = self.statuses[status_id if status_id in (1, 2, 5, 8) else 2]
        else:
            status = self.statuses[4 if rng.random() < self.failure_share else 3]
        launch["status"] = self.known.canonical(status, "LaunchStatus")

        pools = self.pools
        launch["pad"] = pools["Pad"].as_variant(pools["Pad"].pick(rng), "Pad")
        lsp = pools["Agency"].pick(rng)
        launch["launch_service_provider"] = pools["Agency"].as_variant(lsp, "AgencyDetailed")
        rocket = launch.get("rocket") or {"id": next(self.ids)}
        launch["rocket"] = rocket
        config = pools["LauncherConfig"].pick(rng)
        rocket["configuration"] = pools["LauncherConfig"].as_variant(config, "LauncherConfigDetailed")
        for stage in rocket.get("launcher_stage") or []:
            core = pools["Launcher"].pick(rng, weighted=False)
            stage["launcher"] = pools["Launcher"].as_variant(core, "LauncherNormal")
            previous = self.core_history.get(core)
            stage["previous_flight"] = previous and {k: previous[k] for k in ("id", "url", "name")}
            stage["previous_flight_date"] = previous and previous["net"]
            stage["turn_around_time"] = None
            stage["launcher_flight_number"] = (previous or {}).get("flight", 0) + 1
            self.core_history[core] = {**launch, "flight": stage["launcher_flight_number"]}
        for flight in rocket.get("spacecraft_stage") or []:
            flight["spacecraft"] = pools["Spacecraft"].as_variant(
                pools["Spacecraft"].pick(rng, weighted=False), "SpacecraftDetailed"
            )
            seats = [
                seat
                for key in ("launch_crew", "onboard_crew", "landing_crew")
                for seat in flight.get(key) or []
            ]
            crew = rng.sample(range(len(pools["Astronaut"].objects)), len(seats))
            for seat, astronaut in zip(seats, crew, strict=True):
                seat["astronaut"] = pools["Astronaut"].as_variant(astronaut, "AstronautDetailed")
        return launch

    # -- other lists --------------------------------------------------------------------------------

    def events(self, launches: list[dict]) -> list[dict]:
        """The real events and copies of them, each naming up to two of the generated launches."""
        events = []
        real = self.real_events
        for n in range(self.size("Event")):
            event = copy.deepcopy(real[n % len(real)])
            if n >= len(real):
                event["id"] = CLONE_IDS + n - len(real)
                event["url"] = url_of("Event", event["id"])
                event["name"] = f"{event['name']} {n - len(real) + 1}"
                event["slug"] = f"{event.get('slug', 'event')}-{n - len(real) + 1}"
            net, _ = self.net()
            event["date"] = _iso(net)
            event["launches"] = [
                {k: launch[k] for k in ("id", "url", "name", "slug")} | {"response_mode": "list"}
                for launch in self.rng.sample(launches, min(len(launches), self.rng.randint(0, 2)))
            ]
            event["expeditions"], event["spacestations"] = [], []  # 2021 shapes, too thin to project
            events.append(self.known.canonical(event, "EventEndpointDetailed"))
        return events

    def catalog(self) -> list[tuple[str, str, list[dict]]]:
        """(file stem, list path, objects in their fullest variant) for each shared entity."""
        lists = [
            ("locations", "Location", "Location"),
            ("pads", "Pad", "Pad"),
            ("agencies", "Agency", "AgencyEndpointDetailed"),
            ("launcher_configurations", "LauncherConfig", "LauncherConfigDetailed"),
            ("launchers", "Launcher", "LauncherDetailed"),
            ("spacecraft", "Spacecraft", "SpacecraftEndpointDetailed"),
            ("astronauts", "Astronaut", "AstronautEndpointNormal"),
            ("space_stations", "SpaceStation", "SpaceStationEndpoint"),
        ]
        out = []
        for stem, entity, schema_name in lists:
            pool = self.pools[entity]
            out.append(
                (stem, schema_name, [pool.as_variant(i, schema_name) for i in range(len(pool.objects))])
            )
        return out


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _window(template: dict) -> dt.timedelta:
    try:
        start = dt.datetime.fromisoformat(template["window_start"].replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(template["window_end"].replace("Z", "+00:00"))
        return max(dt.timedelta(0), end - start)
    except (KeyError, AttributeError, ValueError):
        return dt.timedelta(0)


def write_page(
    path: Path, endpoint: str, mode: str | None, results: list[dict], offset: int, total: int
) -> None:
    """One page envelope, as LL2 answers `?limit=100&offset=...`."""
    link = f"{API}/{endpoint}/?limit={PAGE}" + (f"&mode={mode}" if mode else "") + "&offset="
    body = {
        "count": total,
        "next": f"{link}{offset + PAGE}" if offset + PAGE < total else None,
        "previous": f"{link}{max(0, offset - PAGE)}" if offset else None,
        "results": results,
    }
    path.write_bytes(orjson.dumps(body))


def write_pages(directory: Path, stem: str, endpoint: str, mode: str | None, objects: list[dict]) -> None:
    for page, offset in enumerate(range(0, len(objects), PAGE), 1):
        write_page(
            directory / f"{stem}-{page:04d}.json",
            endpoint,
            mode,
            objects[offset : offset + PAGE],
            offset,
            len(objects),
        )


def generate(
    out: Path, launches: int = 8000, one_file: int = 3000, seed: int = 7, today: dt.date | None = None
) -> dict:
    """Write the data set under `out`; returns what was written (counts and paths)."""
    today = today or dt.datetime.now(dt.UTC).date()
    generator = Generator(launches, seed, dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC))
    pages = out / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    summary: dict = {"pages": pages, "counts": {}}
    for order, (stem, schema_name, objects) in enumerate(generator.catalog()):
        mode = spec.schema(schema_name).response_mode
        write_pages(pages, f"0{order}-{stem}", ENDPOINT_OF[entity_of(schema_name)], mode, objects)
        summary["counts"][stem] = len(objects)
    generated = []
    for offset in range(0, launches, PAGE):  # page by page: 100,000 launches need not fit in memory
        batch = [generator.launch(n) for n in range(offset, min(offset + PAGE, launches))]
        generated.extend({k: launch[k] for k in ("id", "url", "name", "slug")} for launch in batch)
        write_page(
            pages / f"1-launches-{offset // PAGE + 1:04d}.json",
            "launches",
            "detailed",
            batch,
            offset,
            launches,
        )
    summary["counts"]["launches"] = launches
    events = generator.events(generated)
    write_pages(pages, "2-events", "events", "detailed", events)
    summary["counts"]["events"] = len(events)
    if one_file:
        single = out / "one-file"
        single.mkdir(parents=True, exist_ok=True)
        extra = [generator.launch(n) for n in range(launches, launches + one_file)]
        path = single / "launches.json"
        write_page(path, "launches", "detailed", extra, 0, len(extra))
        summary["one_file"] = path
        summary["counts"]["one_file_launches"] = one_file
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory to write (created)")
    parser.add_argument("--launches", type=int, default=8000, help="detailed launches (default 8000)")
    parser.add_argument(
        "--one-file", type=int, default=3000, help="launches of the single file (default 3000)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
    )
    args = parser.parse_args(argv)
    summary = generate(args.out, args.launches, args.one_file, args.seed, args.today)
    for name, count in summary["counts"].items():
        print(f"{name}: {count}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
