"""Check a JSON response against the spec's schema for its route.

OpenAPI 3.0 is translated to JSON Schema: `nullable` becomes a null type, objects accept no
undeclared field, a polymorphic list item is checked against the variant its `response_mode`
names. Nested objects may be null (`nullable_refs`): LL2's spec cannot say so for a bare `$ref`,
but real responses have them (a docking event has one chaser of three kinds).
"""

from __future__ import annotations

import copy
import functools
import re

import jsonschema

from . import document, document_of, operations

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://\S+$")
# Computed strings the spec types as non-null that LL2 renders null when there is nothing to
# compute (no previous flight, no landing yet).
NULLABLE_COMPUTED = frozenset({"turn_around_time", "duration"})

_checker = jsonschema.FormatChecker()
_checker.checks("date-time")(lambda v: not isinstance(v, str) or bool(_DATE_TIME.match(v)))
_checker.checks("date")(lambda v: not isinstance(v, str) or bool(_DATE.match(v)))
# LL2 stores links as blank-able URL fields: real responses carry "" where the spec says uri.
_checker.checks("uri")(lambda v: not isinstance(v, str) or v == "" or bool(_URI.match(v)))


def _nullable(schema: dict) -> dict:
    return {"anyOf": [{"type": "null"}, schema]}


def _translate(node, nullable_refs: bool, unknown_is_null: bool = False):
    if isinstance(node, list):
        return [_translate(n, nullable_refs, unknown_is_null) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: v for k, v in node.items() if k not in ("readOnly", "writeOnly", "example", "discriminator")}
    if "$ref" in node:
        ref = {"$ref": node["$ref"].replace("#/components/schemas/", "#/definitions/")}
        return _nullable(ref) if nullable_refs else ref
    nullable = node.pop("nullable", False)
    if "allOf" in node:
        inner = {"allOf": _translate(node["allOf"], False)}
        return _nullable(inner) if nullable or nullable_refs else inner
    if "oneOf" in node:
        return {"oneOf": _translate(node["oneOf"], False)}
    result = {k: _translate(v, nullable_refs, unknown_is_null) for k, v in node.items() if k != "properties"}
    if "properties" in node:
        result["properties"] = {}
        for name, prop in node["properties"].items():
            translated = _translate(prop, nullable_refs, unknown_is_null)
            if (name in NULLABLE_COMPUTED and nullable_refs) or (unknown_is_null and name != "response_mode"):
                translated = _nullable(translated)
            result["properties"][name] = translated
        result["additionalProperties"] = False
        if "default" in node["properties"].get("response_mode", {}):
            result["properties"]["response_mode"] = {"const": node["properties"]["response_mode"]["default"]}
    if nullable:
        return _nullable(result)
    return result


@functools.cache
def _definitions(nullable_refs: bool, unknown_is_null: bool, version: str = "2.3.0") -> dict:
    source = document() if version == "2.3.0" else document_of(version)
    schemas = copy.deepcopy(source["components"]["schemas"])
    return {name: _translate(s, nullable_refs, unknown_is_null) for name, s in schemas.items()}


def schema_errors(
    schema_name: str,
    body: object,
    nullable_refs: bool = True,
    unknown_is_null: bool = False,
    version: str = "2.3.0",
) -> list[str]:
    """Every mismatch between `body` and one component schema of the spec (or of the official
    document of an older version openll serves, e.g. "2.2.0")."""
    return _check({"$ref": f"#/definitions/{schema_name}"}, body, nullable_refs, unknown_is_null, version)


def errors(path: str, body: object, nullable_refs: bool = True, unknown_is_null: bool = False) -> list[str]:
    """Every mismatch between `body` and the spec's response schema of `path` (e.g.
    "/spacecraft/{id}/"), as "json.path: message" lines; empty when the body conforms.

    unknown_is_null: accept null for any field. An object imported only in a thin variant (a
    launch seen as `LaunchMini`) renders the fields no capture gave as null; field names, order,
    the types of known values and the nested variants are still checked."""
    schema_name = operations()[path].response_schema
    root = document()["paths"]["/2.3.0" + path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    if root.get("type") == "array":
        target = {"type": "array", "items": {"$ref": f"#/definitions/{schema_name}"}}
    else:
        target = {"$ref": f"#/definitions/{schema_name}"}
    return _check(target, body, nullable_refs, unknown_is_null)


def _check(
    target: dict, body: object, nullable_refs: bool, unknown_is_null: bool, version: str = "2.3.0"
) -> list[str]:
    definitions = _definitions(nullable_refs, unknown_is_null, version)
    validator = jsonschema.Draft7Validator({**target, "definitions": definitions}, format_checker=_checker)
    found = []
    for error in validator.iter_errors(body):
        found.extend(_leaf_errors(error))
    return sorted(set(found))


def _leaf_errors(error) -> list[str]:
    # For anyOf/oneOf, report what the most specific branch said, not "is not valid under any".
    if error.context:
        candidates = [e for e in error.context if e.validator != "type" or e.validator_value != "null"]
        result = []
        for sub in candidates or error.context:
            result.extend(_leaf_errors(sub))
        return result
    return [f"{error.json_path}: {error.message}"]
