"""Everything in data/ (real LL2 responses) imports, and renders back as LL2 rendered it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LL2_FILES, SEEDS, first_difference, normalise
from walk import identified

from openll.api.render import Links, model_of, plan
from openll.ingest import documents

ALL_FILES = LL2_FILES + sorted(SEEDS.glob("*.txt"))


def objects_of(path: Path):
    doc = documents.read(path)
    for index, obj in enumerate(doc.objects):
        yield from identified(obj, documents.schema_for(doc, obj, f"$[{index}]"))


def render(entity_schema: str, pk) -> dict:
    model = model_of(entity_schema)
    obj = plan(entity_schema).queryset(model._default_manager.filter(pk=pk)).get()
    return plan(entity_schema).render(obj, Links("https://ll.thespacedevs.com/2.3.0/", "?format=json"))


def test_all_bundled_data_imports_in_one_go(load):
    report = load(*ALL_FILES)
    assert report.changed


def shallow(obj: dict) -> dict:
    """An object's own content: its scalars, and the ids of the objects it nests (each nested
    object is compared on its own)."""

    def ref(value):
        if isinstance(value, dict):
            return ("object", value.get("id"), tuple(value)) if "id" in value else shallow(value)
        if isinstance(value, list):
            return [ref(v) for v in value]
        return value

    return {key: ref(value) for key, value in normalise(obj).items()}


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_object_in_a_file_renders_back_identically(load, path):
    load(path)
    # The same object is often nested several times in one file (an agency in every launch);
    # when captures disagree, the copy read last is the one kept, so that is the one compared.
    last = {}
    for json_path, entity, schema, obj in objects_of(path):
        last.pop((entity, str(obj["id"])), None)
        last[(entity, str(obj["id"]))] = (json_path, schema, obj)
    assert last
    for json_path, schema, obj in last.values():
        got = render(schema, obj["id"])
        assert first_difference(shallow(got), shallow(obj)) is None, f"{path.name} {json_path} ({schema})"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_docking_events_and_spacecraft_render_identically_through_their_endpoints(load, api, path):
    load(path)
    endpoint_variants = {
        "DockingEvent": (
            "docking_events",
            {"DockingEventEndpointNormal": "normal", "DockingEventEndpointDetailed": "detailed"},
        ),
        "Spacecraft": (
            "spacecraft",
            {"SpacecraftNormal": "normal", "SpacecraftEndpointDetailed": "detailed"},
        ),
    }
    checked = 0
    for json_path, entity, schema, obj in objects_of(path):
        if entity not in endpoint_variants:
            continue
        route, modes = endpoint_variants[entity]
        detail = api.get(f"/2.3.0/{route}/{obj['id']}/?format=json")
        assert detail.status_code == 200
        served = detail.json()
        if schema in modes:
            listed = api.get(f"/2.3.0/{route}/?format=json&mode={modes[schema]}&limit=100").json()["results"]
            served = next(item for item in listed if item["id"] == obj["id"])
            assert first_difference(normalise(served), normalise(obj)) is None, f"{path.name} {json_path}"
        else:  # another variant nests it: every field they share must agree
            for key, value in obj.items():
                if not isinstance(value, dict | list) and key != "response_mode":
                    assert normalise(served[key]) == normalise(value), f"{path.name} {json_path}.{key}"
        checked += 1
    if path.name.startswith(("000", "002", "003", "space_stations.detailed")):
        assert checked, "this file nests docking events or spacecraft"
