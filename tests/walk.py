"""Walk LL2 JSON with its spec schema in hand, yielding every nested object and its variant."""

from __future__ import annotations

from collections.abc import Iterator

from openll import spec
from openll.catalog.contract import entity_of


def nested_objects(obj: dict, schema_name: str, path: str = "$") -> Iterator[tuple[str, str, dict]]:
    """(json path, schema name, object) for `obj` and every object nested in it."""
    yield path, schema_name, obj
    schema = spec.schema(schema_name)
    for name, value in obj.items():
        prop = schema.by_name[name]
        if prop.kind == "object" and isinstance(value, dict):
            yield from nested_objects(value, prop.target, f"{path}.{name}")
        elif prop.kind == "array" and prop.target and isinstance(value, list):
            for i, item in enumerate(value):
                yield from nested_objects(item, prop.target, f"{path}.{name}[{i}]")


def identified(obj: dict, schema_name: str) -> Iterator[tuple[str, str, str, dict]]:
    """(json path, entity, schema, object) for every object with an id."""
    for path, schema_name_, item in nested_objects(obj, schema_name):
        entity = entity_of(schema_name_)
        if entity and "id" in item:
            yield path, entity, schema_name_, item
