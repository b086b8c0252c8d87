"""The official spec as the oracle: every one of its 116 GET routes is requested, in every mode
it declares, and each body is checked against the spec's schema for that route and mode."""

from __future__ import annotations

from catalog import write_examples
from conftest import LL2_FILES, SEEDS

from openll import spec
from openll.spec.validate import errors, schema_errors

# Routes that answer one object, as LL2 does and its clients read it, where the spec says array:
# route -> (schema per mode, modes).
SINGLE_OBJECT = {
    "/dashboard/starship/": ("StarshipDashboard{mode}", ("list", "normal", "detailed")),
    "/api-throttle/": ("APIThrottle", (None,)),
}


def request(api, path: str, **query):
    query = {"format": "json", **query}
    return api.get("/2.3.0" + path + "?" + "&".join(f"{k}={v}" for k, v in query.items()))


def walk(api, unknown_is_null: bool) -> tuple[dict[str, list[str]], set[str]]:
    """Problems per route (empty when it conforms), and the routes requested."""
    problems: dict[str, list[str]] = {}
    requested: set[str] = set()
    operations = spec.operations()
    first_ids: dict[str, object] = {}
    for path, op in operations.items():
        if path.endswith("{id}/"):
            continue
        found = problems.setdefault(path, [])
        paginated = op.response_schema and op.response_schema.startswith("Paginated")
        modes = spec.list_item_schemas(path) if paginated else {None: op.response_schema}
        if path in SINGLE_OBJECT:
            schema, single_modes = SINGLE_OBJECT[path]
            modes = {m: schema.format(mode=(m or "").title()) for m in single_modes}
        for mode, schema in modes.items():
            response = request(
                api, path, **({"mode": mode} if mode else {}), **({"limit": 100} if paginated else {})
            )
            requested.add(path)
            if response.status_code != 200:
                found.append(f"mode={mode}: HTTP {response.status_code}")
                continue
            body = response.json()
            if path in SINGLE_OBJECT:
                found += [
                    f"mode={mode}: {e}" for e in schema_errors(schema, body, unknown_is_null=unknown_is_null)
                ]
                continue
            found += [f"mode={mode}: {e}" for e in errors(path, body, unknown_is_null=unknown_is_null)]
            if paginated:
                if not body["results"]:
                    found.append(f"mode={mode}: no results to check")
                    continue
                fields = [p.name for p in spec.schema(schema).properties]
                for item in body["results"]:
                    if list(item) != fields:
                        found.append(f"mode={mode}: fields {list(item)} != {fields}")
                        break
                first_ids[path] = body["results"][0]["id"]
    for path in operations:
        if not path.endswith("{id}/"):
            continue
        found = problems.setdefault(path, [])
        list_path = path.removesuffix("{id}/")
        if list_path not in first_ids:
            found.append("no object to request")
            continue
        response = request(api, f"{list_path}{first_ids[list_path]}/")
        requested.add(path)
        if response.status_code != 200:
            found.append(f"HTTP {response.status_code}")
            continue
        found += errors(path, response.json(), unknown_is_null=unknown_is_null)
    return {path: found for path, found in problems.items() if found}, requested


def test_spec_walk_on_complete_objects_is_strict_on_all_116_routes(load, api, tmp_path):
    """Objects with every field known must match the spec exactly (nested objects may be null)."""
    load(*write_examples(tmp_path))
    problems, requested = walk(api, unknown_is_null=False)
    assert len(requested) == len(spec.operations()) == 116
    assert problems == {}


def test_spec_walk_on_real_data_and_examples(load, api, tmp_path):
    """With the real captures too, fields that no capture gave are null; all else must match."""
    load(*LL2_FILES, *sorted(SEEDS.glob("*.txt")), *write_examples(tmp_path))
    problems, requested = walk(api, unknown_is_null=True)
    assert len(requested) == 116
    assert problems == {}
