"""Everything in data/ (real LL2 responses) imports, and renders back as LL2 rendered it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import LL2_FILES, SEEDS, first_difference, normalise
from walk import identified

from openll import spec
from openll.api.render import Links, model_of, plan, stored_order
from openll.catalog.contract import RENDER_ORDER
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


def by_name(name: str) -> Path:
    return next(p for p in ALL_FILES if p.name == name)


def test_a_measure_renders_in_the_json_form_it_was_imported_in(load, api):
    """`"diameter": 12742000` came back `12742000.0`, `"mass": 84` came back `84.0`: LL2 writes
    some measures as integers and others as floats, by host and year."""
    load(by_name("launches.normal.json"))  # Earth as `"diameter": 12742000.0`
    earth = api.get("/2.3.0/celestial_bodies/1/?format=json").json()
    assert earth["diameter"] == 12742000 and isinstance(earth["diameter"], float)
    load(by_name("pads.normal.json"))  # Earth as `"diameter": 12742000`, the Moon as 3474800
    earth = api.get("/2.3.0/celestial_bodies/1/?format=json").json()
    assert earth["diameter"] == 12742000 and isinstance(earth["diameter"], int)
    assert isinstance(earth["mass"], float)  # 5.972168 in every file
    load(by_name("space_stations.detailed.json"))  # `"mass": 77` and `"mass": 18.5`
    stations = json.loads(by_name("space_stations.detailed.json").read_text())
    for station in stations:
        served = api.get(f"/2.3.0/space_stations/{station['id']}/?format=json").json()
        for name in ("mass", "height", "width"):
            assert type(served[name]) is type(station[name]), (station["name"], name)


@pytest.mark.parametrize("bound", [-80.5, 0, 28, 28.6, 38, 112])
def test_bounds_on_measures_compare_numbers_whatever_their_form(load, api, bound):
    path = by_name("pads.normal.json")
    load(path)
    pads = list({pad["id"]: pad for pad in json.loads(path.read_text())}.values())  # the last copy wins
    forms = {type(pad["longitude"]) for pad in pads} | {type(pad["latitude"]) for pad in pads}
    assert {int, float} <= forms  # the real file mixes both forms
    for name in ("latitude", "longitude"):
        for lookup, holds in (("gte", float.__ge__), ("lte", float.__le__), ("gt", float.__gt__)):
            got = api.get(f"/2.3.0/pads/?format=json&limit=100&{name}__{lookup}={bound}&mode=list")
            assert got.status_code == 200
            want = sum(1 for pad in pads if pad[name] is not None and holds(float(pad[name]), float(bound)))
            assert got.json()["count"] == want, (name, lookup, bound)


def render_time_lists() -> dict[tuple[str, str], object]:
    """Every list openll builds at render time (no stored order), over every variant."""
    found = {}
    for name in spec.document()["components"]["schemas"]:
        try:
            variant = plan(name)
        except KeyError:
            continue
        for edge in variant.edges:
            if edge.many and not stored_order(edge):
                found[(variant.model.__name__, edge.name)] = edge
    return found


def test_every_list_built_at_render_time_has_its_order_declared():
    """An agency's `launcher_list` came in id order where LL2 orders it by name: a list that no
    import stores the order of must say which order LL2 gives it (catalog.contract.RENDER_ORDER)."""
    lists = render_time_lists()
    assert set(lists) == set(RENDER_ORDER)
    for key, edge in lists.items():
        assert edge.sort and edge.sort[-1] == "id", key
        assert set(edge.sort) <= set(spec.schema(edge.plan.schema).by_name), key  # rendered fields


def test_an_agencys_spacecraft_list_is_ordered_by_name_then_id(load):
    load(by_name("spacecraft_configurations.detailed.json"))
    configs = json.loads(by_name("spacecraft_configurations.detailed.json").read_text())
    agencies = {config["agency"]["id"] for config in configs}
    checked = 0
    for agency in agencies:
        listed = [(c["name"], c["id"]) for c in configs if c["agency"]["id"] == agency]
        if len(listed) < 2:
            continue
        rendered = render("AgencyEndpointDetailed", agency)["spacecraft_list"]
        assert [(c["name"], c["id"]) for c in rendered] == sorted(listed)
        checked += sorted(listed) != sorted(listed, key=lambda item: item[1])  # id order differs
    assert checked >= 3  # the real data tells name order from id order


def test_an_object_known_only_nested_is_neither_listed_nor_served_but_renders_where_nested(load, api):
    """`/2.3.0/launches/` listed Crew-9, SPADEX, Soyuz MS-27 and Crew-10, known only by the
    `LaunchMini` a docking event nests (id, name, image): `net`, `status`, `slug`... null, where the
    spec requires values. They stay what the docking events say of them, and nothing more."""
    from openll.catalog.models import DockingEvent, Launch

    load(*sorted(SEEDS.glob("*.txt")), *LL2_FILES)
    hidden = list(Launch.objects.filter(known_as=""))
    names = " / ".join(launch.name for launch in hidden)
    assert "Crew-9" in names and "Soyuz MS-27" in names, names
    listed = {item["id"] for item in api.get("/2.3.0/launches/?format=json&limit=100").json()["results"]}
    assert listed and not listed & {str(launch.pk) for launch in hidden}
    unknown = api.get("/2.3.0/launches/00000000-0000-0000-0000-000000000000/?format=json")
    for launch in hidden:
        assert launch.net is None
        response = api.get(f"/2.3.0/launches/{launch.pk}/?format=json")
        assert (response.status_code, response.json()) == (404, unknown.json())  # as an unknown id
    for path in ("/2.3.0/launches/", "/2.3.0/launches/previous/", "/2.3.0/launches/upcoming/"):
        for mode in ("list", "normal", "detailed"):
            results = api.get(f"{path}?format=json&limit=100&mode={mode}").json()["results"]
            assert all(item["net"] is not None for item in results), (path, mode)
    # Where a fully known docking event nests one of them, what is known of it renders.
    chaser = DockingEvent.objects.filter(flight_vehicle_chaser__launch__in=hidden).first()
    assert chaser is not None
    nested = api.get(f"/2.3.0/docking_events/{chaser.pk}/?format=json").json()["flight_vehicle_chaser"][
        "launch"
    ]
    launch = chaser.flight_vehicle_chaser.launch
    assert (nested["id"], nested["name"], nested["net"]) == (str(launch.pk), launch.name, None)


def test_an_import_of_the_object_itself_makes_it_known(load, api, tmp_path):
    """A thin copy first (the fields a `mode=list` page or a nesting object gives), the object as
    its endpoint answers it next: then it is listed and served."""
    from openll.catalog.models import Launch

    launches = by_name("launches.normal.json")
    real = json.loads(launches.read_text())[0]
    thin = tmp_path / "thin.json"
    thin.write_text(
        json.dumps([{k: real[k] for k in ("id", "url", "name", "image")} | {"response_mode": "list"}])
    )
    load(thin)
    assert Launch.objects.get(pk=real["id"]).known_as == ""
    assert api.get(f"/2.3.0/launches/{real['id']}/?format=json").status_code == 404
    assert api.get("/2.3.0/launches/?format=json").json()["count"] == 0
    load(launches)
    assert Launch.objects.get(pk=real["id"]).known_as == "LaunchNormal"
    assert api.get(f"/2.3.0/launches/{real['id']}/?format=json").json()["net"] == real["net"]
