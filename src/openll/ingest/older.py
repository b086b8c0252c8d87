"""LL2 JSON of older API versions (2.2.0, 2.1.0): which route and variant an object is, and the
object translated for the importer into the 2.3.0 schema its variant is rendered from, with the
values 2.3.0 has no field for kept aside (openll.versions.mapping.Version.translate).

The version and route come from the object's own hyperlink (`/2.2.0/launch/<id>/`) or else the
document's request line or page links; the variant from a launch's `type` ("list", "normal",
"detailed"), or else from the object's fields: the route's variant that has all of them and the
fewest others (2.1.0 objects lack a few 2.2.0 fields; what they have that 2.2.0 lacks is kept).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

import orjson
from django.apps import apps

from openll import spec
from openll.catalog.contract import ENDPOINT_OF, LOOKUPS, entity_of
from openll.versions.mapping import Const, Derived, Nest, Route, Same, Variant, Version
from openll.versions.v2_2_0 import VERSION as V2_2_0
from openll.versions.v2_2_0.endpoints import ROUTES

from .documents import Document

_PATH = re.compile(r"/(2\.[0-2]\.0)/([a-z_\-/]+?)/(?:([0-9a-fA-F-]+)/)?$")

# 2.1.0 and 2.0.0 objects are read with 2.2.0's table: their differences are fields 2.2.0 added
# (absent here, so left as they are) or dropped (kept aside as the object's older values).
VERSIONS: dict[str, Version] = {"2.2.0": V2_2_0, "2.1.0": V2_2_0, "2.0.0": V2_2_0}
_ROUTES = {route.path: route for route in ROUTES}


def _locate(url: object) -> tuple[str, Route, bool] | None:
    if not isinstance(url, str):
        return None
    match = _PATH.search(urlsplit(url).path)
    if not match or match.group(1) not in VERSIONS:
        return None
    route = _ROUTES.get(match.group(2))
    if route is None:
        return None
    return match.group(1), route, match.group(3) is not None


def variant_of(version: Version, route: Route, obj: dict, detail: bool) -> Variant:
    names = [name for name in (*route.modes.values(), route.detail) if name]
    kind = obj.get("type")
    if isinstance(kind, str) and kind in route.modes:
        return version.variants[route.modes[kind]]
    keys = set(obj)
    candidates = [version.variants[name] for name in dict.fromkeys(names)]
    covering = [v for v in candidates if keys <= set(v.by_name)]
    if covering:
        return min(covering, key=lambda v: len(v.by_name))
    return max(candidates, key=lambda v: (len(keys & set(v.by_name)), -len(v.by_name)))


# A Starship dashboard (one object, no hyperlink of its own): its lists, each of one variant
# (a 2.3.0 schema where 2.2.0 shows the same shape). Live streams have no id to keep them by.
DASHBOARD_LISTS = {
    "vehicles": "Launcher",
    "updates": "Update",
    "orbiters": "Spacecraft",
    "road_closures": "RoadClosure",
    "notices": "Notice",
}
DASHBOARD_HALVES = {"launches": "LaunchNormal", "events": "Event"}


def version_of(doc: Document) -> str:
    """The API version of an older document (see translate), for the rank of what it writes."""
    for obj in doc.objects[:1]:
        found = _locate(obj.get("url")) if isinstance(obj, dict) else None
        if found:
            return found[0]
    found = _locate(doc.link)
    if found:
        return found[0]
    match = re.search(rb"/(2\.[0-2]\.0)/", orjson.dumps(doc.objects[:1]))
    return match.group(1).decode() if match else "2.2.0"


def translate(doc: Document, obj: dict, where: str) -> list[tuple[dict, str, str]] | None:
    """[(an object as its source schema reads it, that schema, its JSON path)] for an object of
    an older version (several for a dashboard); None for a 2.3.0 object."""
    found = _locate(obj.get("url")) or _locate(doc.link)
    if found is None:
        if {"upcoming", "previous"} <= set(obj) and "response_mode" not in obj:
            return list(_dashboard(obj, where))
        return None
    name, route, detail = found
    version = VERSIONS[name]
    variant = variant_of(version, route, obj, detail)
    return [(version.translate(variant, obj), version.source_schema(variant), where)]


# -- what an older version says otherwise ---------------------------------------------------------


@functools.cache
def _named_lookups() -> tuple[tuple[str, str, str], ...]:
    """(entity, field, lookup): where an older version writes a lookup row by its name, kept
    among the object's older values (agency `type`, booster `status`)."""
    found = set()
    for variant in V2_2_0.variants.values():
        source = spec.schema(variant.source)
        for f in variant.fields:
            prop = source.by_name.get(f.name)
            if not isinstance(f, Derived) or f.back is not None or prop is None or prop.kind != "object":
                continue
            if entity_of(prop.target) in LOOKUPS:
                found.add((entity_of(variant.source), f.name, entity_of(prop.target)))
    return tuple(sorted(found))


def fill_named_lookups() -> None:
    """The lookups older versions write by name (an agency's `type` "Government", VERSIONS.md 2.2
    rule 5), kept among the object's older values: an object that has none gets the row of that
    name when the catalog has exactly one (from 2.3.0 data: no row or id is made up here). Only
    here, after each file (a few queries), not while the file is read: whichever comes first, the
    older object or the row, the catalog ends the same (rows and snapshot ranks alike)."""
    for entity, field, lookup in _named_lookups():
        by_name: dict[str, list[int]] = {}
        for pk, name in apps.get_model("catalog", lookup).objects.values_list("id", "name"):
            by_name.setdefault(str(name).casefold(), []).append(pk)
        model = apps.get_model("catalog", entity)
        for name, ids in by_name.items():
            if len(ids) == 1:
                unnamed = {f"{field}__isnull": True, f"legacy__{field}__iexact": name}
                model.objects.filter(**unnamed).update(**{f"{field}_id": ids[0]})


def thinner(entity: str, schema_name: str, default_schema: str) -> bool:
    """Whether an object of an older version is imported in a thinner variant than its own
    endpoint in that version shows (a 2.1.0 docking event's `flight_vehicle`, which has no
    `launch`; a station's expeditions, which have no `spacestation`): it lacks a field that the
    2.3.0 endpoint's default mode (`default_schema`) requires a value for and that the version
    does show there. Such an object is known only nested (catalog.base.Entity.known_as). What the
    version does not show at its endpoint either, it cannot tell: that renders as null."""
    if "@" not in schema_name:
        return False
    version_name, variant_name = schema_name.split("@", 1)[1].split(":", 1)
    version = VERSIONS[version_name]
    # (2.2.0's table reads 2.1.0 and 2.0.0 too: VERSIONS)
    route = next((r for r in _ROUTES.values() if r.endpoint == ENDPOINT_OF.get(entity)), None)
    variant = version.variants[variant_name]
    if route is None or variant_name in (route.modes[route.default_mode], route.detail):
        return False  # as its own endpoint shows it in that version
    if variant_name in route.modes.values() and any(isinstance(f, Const) for f in variant.fields):
        return False  # an answer of its endpoint that names its mode (a 2.2.0 launch's `"type": "list"`)
    # What the version shows at its endpoint, less what the 2.3.0 variant this one stands for
    # has no field for either (a launch's `spacecraft_stage` has no `launch`: the launch nesting
    # it is that; catalog.contract.FIELD_PATHS)
    shown = _tells(version.variants[route.modes[route.default_mode]])
    expected = _requires_value(default_schema) & shown & set(spec.schema(variant.source).by_name)
    return not expected <= _tells(variant)


def _tells(variant: Variant) -> frozenset[str]:
    """The 2.3.0 fields a variant gives a value for when imported."""
    return frozenset(
        f.source if isinstance(f, Same | Nest) else f.name
        for f in variant.fields
        if isinstance(f, Same | Nest) or (isinstance(f, Derived) and f.back is not None)
    )


@functools.cache
def _requires_value(schema_name: str) -> frozenset[str]:
    """A schema's fields that the spec says are never null: scalars not `nullable`, nested objects
    given as a bare `$ref` (lists aside: they are empty, not null)."""
    properties = spec.document()["components"]["schemas"][schema_name]["properties"]
    return frozenset(
        name
        for name, raw in properties.items()
        if not raw.get("nullable") and raw.get("type") != "array" and name not in ("response_mode", "url")
    )


def _dashboard(obj: dict, where: str):
    version = V2_2_0

    def one(item, name, here):
        if name in version.variants:
            variant = version.variants[name]
            return version.translate(variant, item), version.source_schema(variant), here
        return item, name, here

    for key, name in DASHBOARD_LISTS.items():
        for i, item in enumerate(obj.get(key) or ()):
            yield one(item, name, f"{where}.{key}[{i}]")
    for half in ("upcoming", "previous"):
        for key, name in DASHBOARD_HALVES.items():
            for i, item in enumerate((obj.get(half) or {}).get(key) or ()):
                yield one(item, name, f"{where}.{half}.{key}[{i}]")
