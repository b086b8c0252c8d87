"""Complete LL2 objects built from the spec, for entities that have no real sample in data/.

`example("SpacewalkEndpointDetailed")` is a JSON object with every field of that variant filled
with a value of the declared type, nested variants included, ids from 900001 up. Imported through
the importer like real data, they give every route something to serve in every mode.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from openll import spec
from openll.catalog.contract import DURATION_FIELDS, ENDPOINT_OF, TIMEDELTA_TEXT_FIELDS, entity_of

FIRST_ID = 900001
OWNED = {"Rocket"}
FUTURE = "2030-01-02T03:04:05Z"
PAST = "2001-02-03T04:05:06Z"


def example_id(entity: str, n: int = 0) -> object:
    if entity == "Launch":
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"openll-example-launch-{n}"))
    return FIRST_ID + n


def _scalar(name: str, prop: spec.Property, when: str = FUTURE) -> object:
    if name in DURATION_FIELDS:
        return "P1DT2H3M4S"
    if name in TIMEDELTA_TEXT_FIELDS:
        return "1 00:00:00"
    if prop.json_type == "integer":
        return 7
    if prop.json_type == "number":
        return 1.5
    if prop.json_type == "boolean":
        return True
    if prop.format == "date-time":
        return when
    if prop.format == "date":
        return when[:10]
    if prop.format == "uri":
        return f"https://example.com/{name}"
    return f"Example {name}"


def _constrained(schema_name: str, name: str, value: object) -> object:
    """The spec's own limits on a string (country codes are 2 or 3 letters, slugs a pattern)."""
    raw = spec.document()["components"]["schemas"][schema_name]["properties"][name]
    if not isinstance(value, str):
        return value
    if "pattern" in raw:
        value = "example-" + name.replace("_", "-")
    if "maxLength" in raw:
        value = value.replace("Example ", "")[: raw["maxLength"]]
    return value


def example(
    schema_name: str, n: int = 0, overrides: dict | None = None, depth: int = 0, when: str = FUTURE
) -> dict:
    """A complete object of `schema_name`; `n` picks the top-level id, `when` its dates (nested
    objects always get id n=0 and future dates, so that they are shared across examples)."""
    schema = spec.schema(schema_name)
    entity = entity_of(schema_name)
    obj = {}
    for prop in schema.properties:
        name = prop.name
        if name == "id":
            obj[name] = example_id(entity, n)
        elif name == "response_mode":
            obj[name] = prop.default
        elif name == "url" and entity in ENDPOINT_OF:
            obj[name] = f"https://ll.thespacedevs.com/2.3.0/{ENDPOINT_OF[entity]}/{example_id(entity, n)}/"
        elif prop.kind == "object":
            # A launch's rocket is its own (one-to-one): each example launch gets one.
            own = n if entity_of(prop.target) in OWNED else 0
            obj[name] = example(prop.target, n=own, depth=depth + 1) if depth < 12 else None
        elif prop.kind == "array":
            if prop.target:
                obj[name] = [example(prop.target, depth=depth + 1)] if depth < 12 else []
            else:
                obj[name] = [_scalar(name, prop, when)]
        else:
            obj[name] = _constrained(schema_name, name, _scalar(name, prop, when))
    obj.update(overrides or {})
    return obj


def write(path: Path, objects: list[dict]) -> Path:
    path.write_text(json.dumps(objects))
    return path
