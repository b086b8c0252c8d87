"""A catalog where every route has something to serve: the bundled real data plus, for every
list route of the spec, complete objects built from the spec (tests/examples.py), one dated in
the future and one in the past, written as LL2 page envelopes and imported like real data."""

from __future__ import annotations

import json
from pathlib import Path

from examples import PAST, example

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
    return files
