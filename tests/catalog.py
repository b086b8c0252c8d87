"""A catalog where every route has something to serve: the bundled real data plus, for every
list route of the spec, complete objects built from the spec (tests/examples.py), one dated in
the future and one in the past, written as LL2 page envelopes and imported like real data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from examples import FUTURE, PAST, example

from openll import spec

API = "https://ll.thespacedevs.com/2.3.0"


def paginated_list_paths() -> list[str]:
    return [
        path
        for path, op in spec.operations().items()
        if not path.endswith("{id}/") and op.response_schema and op.response_schema.startswith("Paginated")
    ]


def write_examples(directory: Path) -> list[Path]:
    files = []
    for path in paginated_list_paths():
        variants = spec.list_item_schemas(path)
        detail = spec.operations().get(path + "{id}/")
        schemas = list(dict.fromkeys([*variants.values(), *([detail.response_schema] if detail else [])]))
        results = [example(schema) for schema in schemas] + [example(schemas[-1], n=1, when=PAST)]
        # The `next` link tells the importer which route the objects come from (lookups have no url).
        envelope = {
            "count": len(results),
            "next": f"{API}{path}?limit=1&offset=1",
            "previous": None,
            "results": results,
        }
        target = directory / (path.strip("/").replace("/", "_") + ".json")
        target.write_text(json.dumps(envelope))
        files.append(target)
    return files + [write_edge_cases(directory)]


def write_edge_cases(directory: Path) -> Path:
    """What LL2's time and orbit semantics need to show: a launch and an event two hours ago
    (in both `upcoming/`, LL2's 24-hour look-back, and `previous/`), and a sub-orbital launch
    (LL2's orbit 15, "Suborbital", abbrev "Sub")."""
    recent = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    suborbital = {
        "id": 15,
        "name": "Suborbital",
        "abbrev": "Sub",
        "celestial_body": example("CelestialBodyMini"),
    }
    launches = [example("LaunchDetailed", n=2, when=recent)]
    for n, when in ((3, FUTURE), (4, PAST)):
        mission = example("Mission", n=n, overrides={"orbit": suborbital})
        launches.append(example("LaunchDetailed", n=n, when=when, overrides={"mission": mission}))
    events = [example("EventEndpointDetailed", n=2, when=recent)]
    target = directory / "edge_cases.json"
    target.write_text(json.dumps(launches + events))
    return target
