"""Walk LL2 JSON with its spec schema in hand, yielding every nested object and its variant."""

from __future__ import annotations

import functools
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


def entity_at(obj: dict, schema_name: str, path: str) -> str | None:
    """The entity of the object at a JSON path of `obj` ("$.mission.vid_urls[0]": "VidURL")."""
    for here, schema, _ in nested_objects(obj, schema_name):
        if here == path:
            return entity_of(schema)
    return None


def identified(obj: dict, schema_name: str) -> Iterator[tuple[str, str, str, dict]]:
    """(json path, entity, schema, object) for every object with an id."""
    for path, schema_name_, item in nested_objects(obj, schema_name):
        entity = entity_of(schema_name_)
        if entity and "id" in item:
            yield path, entity, schema_name_, item


@functools.cache
def requires_value(schema_name: str, name: str) -> bool:
    """Whether the spec says a field is never null: a scalar or list not `nullable`, a nested
    object given as a bare `$ref` or an `allOf` not `nullable` (spec.Property takes every nested
    object as nullable: real responses have null ones, which the spec cannot say)."""
    raw = spec.document()["components"]["schemas"][schema_name.split("@", 1)[0]]["properties"].get(name)
    return raw is not None and name != "response_mode" and not raw.get("nullable")


def required_nulls(obj: dict, schema_name: str, path: str = "$", above: tuple[tuple[str, str], ...] = ()):
    """(json path, entity, field, within) for every field of `obj` and of the objects nested in
    it that the spec requires a value for (a non-nullable scalar or nested object) and that is
    null; `within`: (entity, id) of the object holding the field and of the objects around it."""
    schema = spec.schema(schema_name)
    if "id" in obj:
        above = (*above, (entity_of(schema_name), str(obj["id"])))
    for name, value in obj.items():
        prop = schema.by_name[name]
        if value is None and requires_value(schema_name, name):
            yield f"{path}.{name}", entity_of(schema_name), name, above
        elif prop.kind == "object" and isinstance(value, dict):
            yield from required_nulls(value, prop.target, f"{path}.{name}", above)
        elif prop.kind == "array" and prop.target and isinstance(value, list):
            for item in value:
                yield from required_nulls(item, prop.target, f"{path}.{name}[]", above)
