"""The official LL2 2.3.0 OpenAPI document, read as the contract.

The document (copied verbatim from ll.thespacedevs.com) says, for every serializer variant, which
fields it has, in which order, of which JSON type, and which variant it nests where. Both the
renderer and the importer are driven by it, so openll's field sets cannot drift from LL2's.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

SPEC_PATH = Path(__file__).with_name("ll2-2.3.0-openapi.json")
API_PREFIX = "/2.3.0"


@dataclass(frozen=True)
class Property:
    """One field of a serializer variant."""

    name: str
    kind: str  # "scalar", "object" (nested schema) or "array" (of nested schema or of scalars)
    json_type: str | None = None  # scalar JSON type: string, integer, number, boolean
    format: str | None = None  # date-time, date, uri, uuid...
    target: str | None = None  # nested schema name for object/array kinds
    nullable: bool = False
    default: object = None


@dataclass(frozen=True)
class Schema:
    name: str
    properties: tuple[Property, ...]

    @functools.cached_property
    def by_name(self) -> dict[str, Property]:
        return {p.name: p for p in self.properties}

    @property
    def response_mode(self) -> str | None:
        prop = self.by_name.get("response_mode")
        return prop.default if prop else None


@functools.cache
def document() -> dict:
    return json.loads(SPEC_PATH.read_text())


# The official documents of the older versions openll serves, bundled beside 2.3.0's (the 2.2.0
# one converted from LL2's YAML to JSON, otherwise untouched).
OLDER = {"2.2.0": SPEC_PATH.with_name("ll2-2.2.0-openapi.json")}


@functools.cache
def document_of(version: str) -> dict:
    return json.loads(OLDER[version].read_text())


# A name in quotes ('lsp__ids'), also where the closing quote is missing (`'lsp__ids,'pad__ids'`)
# or the name is followed by a remark (`'id(s)'`).
_QUOTED_NAME = re.compile(r"'([a-z][a-z0-9_]*)")


def filters_of(version: str, list_path: str) -> frozenset[str] | None:
    """The filters an older version's document gives a list path (e.g. "/launch/"): its query
    parameters, and the names its description quotes under FILTERS (LL2 parsed those by hand in
    get_queryset, so its OpenAPI generator did not list them as parameters). None: the document
    has no such path."""
    operation = document_of(version)["paths"].get(f"/{version}{list_path}", {}).get("get")
    if operation is None:
        return None
    names = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
    in_filters = False
    for line in operation.get("description", "").splitlines():
        if line.startswith("FILTERS"):
            in_filters = True
        elif in_filters and not line.strip():
            break
        elif in_filters:
            names.update(_QUOTED_NAME.findall(line))
    return frozenset(names)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _property(name: str, raw: dict) -> Property:
    nullable = bool(raw.get("nullable"))
    if "$ref" in raw:
        return Property(name, "object", target=_ref_name(raw["$ref"]), nullable=True)
    if "allOf" in raw:
        return Property(name, "object", target=_ref_name(raw["allOf"][0]["$ref"]), nullable=True)
    if raw.get("type") == "array":
        items = raw["items"]
        if "$ref" in items or "allOf" in items:
            inner = _property(name, items)
            return Property(name, "array", target=inner.target, nullable=nullable)
        return Property(
            name, "array", json_type=items.get("type"), format=items.get("format"), nullable=nullable
        )
    return Property(
        name,
        "scalar",
        json_type=raw.get("type"),
        format=raw.get("format"),
        nullable=nullable,
        default=raw.get("default"),
    )


# Schemas made by openll itself, not read from the document: variants of a spec schema that an
# older API version renders from (openll.versions.mapping), keyed by their own names.
_MADE: dict[str, Schema] = {}


def register(made: Schema) -> Schema:
    """Make a schema that is not in the document known to schema() (and so to the renderer and
    the importer)."""
    _MADE[made.name] = made
    return made


def schema(name: str) -> Schema:
    made = _MADE.get(name)
    return made if made is not None else _document_schema(name)


@functools.cache
def _document_schema(name: str) -> Schema:
    raw = document()["components"]["schemas"][name]
    props = tuple(_property(n, p) for n, p in raw.get("properties", {}).items())
    return Schema(name, props)


def polymorphic_variants(name: str) -> dict[str, str]:
    """`response_mode` -> schema name, for a `Polymorphic...` union."""
    raw = document()["components"]["schemas"][name]
    mapping = raw["discriminator"]["mapping"]
    return {mode: _ref_name(ref) for mode, ref in mapping.items()}


@dataclass(frozen=True)
class Operation:
    path: str  # without the /2.3.0 prefix, e.g. /spacecraft/{id}/
    operation_id: str
    description: str
    parameters: tuple[dict, ...]
    response_schema: str | None  # component name of the 200 body (list: the Paginated envelope)


@functools.cache
def operations() -> dict[str, Operation]:
    ops = {}
    for full_path, item in document()["paths"].items():
        op = item["get"]
        body = op["responses"]["200"]["content"]["application/json"]["schema"]
        if body.get("type") == "array":
            body = body["items"]
        path = full_path.removeprefix(API_PREFIX)
        ops[path] = Operation(
            path=path,
            operation_id=op["operationId"],
            description=op.get("description", ""),
            parameters=tuple(op.get("parameters", [])),
            response_schema=_ref_name(body["$ref"]) if "$ref" in body else None,
        )
    return ops


def list_item_schemas(path: str) -> dict[str | None, str]:
    """For a list path: mode -> item schema (key None when the endpoint has no modes)."""
    envelope = operations()[path].response_schema
    items = document()["components"]["schemas"][envelope]["properties"]["results"]["items"]
    item = _ref_name(items["$ref"])
    if item.startswith("Polymorphic"):
        return dict(polymorphic_variants(item))
    return {None: item}
