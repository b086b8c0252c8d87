"""`make run`'s demo data on every route: after its import, every list route of /2.3.0/ has
objects but those data/README.md lists (with the reason each stays empty), upcoming launches are
there, no listed launch lacks a NET, and objects known only nested appear only nested (at the
places listed here)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import time_machine
from conftest import DATA, empty_catalog
from django.apps import apps
from django.db.models import Max
from django.test import Client
from test_v2_2_0_as_2_3_0 import CANNOT_TELL
from walk import required_nulls

from openll import spec
from openll.catalog.contract import ENDPOINT_OF
from openll.cli import expand_paths
from openll.ingest import documents, older
from openll.ingest.importer import import_files
from openll.spec import validate

ROOT = DATA.parent
# Marked so that pytest-django sets up the test database when this module runs alone (its tests
# use the module's `demo` fixture, not `db`).
pytestmark = pytest.mark.django_db


def make_run_paths() -> list[Path]:
    """What `make run` imports: the arguments of `openll import` in the Makefile's run target."""
    makefile = (ROOT / "Makefile").read_text()
    target = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    line = next(line for line in target.splitlines() if "openll import" in line)
    return expand_paths([ROOT / arg for arg in shlex.split(line.split("openll import", 1)[1])])


def documented_empty_routes() -> set[str]:
    """The routes data/README.md says stay empty (its "Routes that stay empty" table)."""
    section = (DATA / "README.md").read_text().split("## Routes that stay empty", 1)[1].split("\n## ", 1)[0]
    return {match.removeprefix("/2.3.0") for match in re.findall(r"^\| `(/2\.3\.0/[^`]*)` \|", section, re.M)}


def list_routes() -> list[str]:
    return [
        path
        for path, operation in spec.operations().items()
        if not path.endswith("{id}/") and (operation.response_schema or "").startswith("Paginated")
    ]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The database `make run` serves, and the moment its data was current: when the newest
    launch was last updated (the bundled NETs pass as time goes by; LL2's upcoming list moves)."""
    with django_db_blocker.unblock():
        report = import_files(make_run_paths())
        assert report.files and not report.skipped
        Launch = apps.get_model("catalog", "Launch")
        now = Launch.objects.aggregate(newest=Max("last_updated"))["newest"]
        with time_machine.travel(now, tick=False):
            yield Client(HTTP_HOST="ll.thespacedevs.com")
        empty_catalog()


def get(client, path: str, **query) -> dict:
    response = client.get(f"/2.3.0{path}", {"format": "json", **query})
    assert response.status_code == 200, (path, query)
    return response.json()


def test_make_run_imports_every_bundled_file():
    assert {path.relative_to(DATA).parts[0] for path in make_run_paths()} == {
        "seeds",
        "ll2-2.3.0",
        "ll2-2.2.0",
        "ll2-2.1.0",
    }


def test_every_list_route_has_objects_but_those_the_data_readme_lists(demo):
    """21 of 59 list routes were empty after `make run`, upcoming launches among them."""
    routes = list_routes()
    assert len(routes) == 57  # with /dashboard/starship/ and /api-throttle/ (no pages): 59
    empty = {path for path in routes if get(demo, path, limit=1)["count"] == 0}
    assert empty == documented_empty_routes()


def test_upcoming_launches_are_there_and_every_listed_launch_has_a_net(demo):
    upcoming = get(demo, "/launches/upcoming/", limit=100)
    assert upcoming["count"] >= 50
    for path in ("/launches/", "/launches/upcoming/", "/launches/previous/"):
        offset = 0
        while True:
            page = get(demo, path, limit=100, offset=offset, mode="list")
            assert all(launch["net"] for launch in page["results"]), path
            offset += 100
            if page["next"] is None:
                break


# Where objects known only nested (catalog.base.Entity.known_as) appear in the first page
# (100 objects) of each list route, per mode: what is known of them renders there; the mirror,
# or an import of the object itself, completes them. They are never at the top of a list.
NESTED_ONLY_PLACES = {
    "/landings/ mode=detailed: $.spacecraftflight",
    "/landings/ mode=list: $.spacecraftflight",
    "/landings/ mode=normal: $.spacecraftflight",
    "/landings/ mode=detailed: $.firststage.previous_flight",
    "/landings/ mode=detailed: $.spacecraftflight.launch",
    "/landings/ mode=detailed: $.spacecraftflight.launch.rocket.configuration",
    "/landings/ mode=list: $.spacecraftflight.launch",
    "/landings/ mode=normal: $.firststage.previous_flight",
    "/landings/ mode=normal: $.spacecraftflight.launch",
    "/landings/ mode=normal: $.spacecraftflight.launch.rocket.configuration",
    "/launchers/ mode=detailed: $.launcher_config",
    "/launches/ mode=detailed: $.rocket.configuration",
    "/launches/ mode=detailed: $.rocket.launcher_stage[].previous_flight",
    "/launches/ mode=detailed: $.rocket.spacecraft_stage[]",
    "/launches/ mode=normal: $.rocket.configuration",
    "/launches/previous/ mode=detailed: $.rocket.configuration",
    "/launches/previous/ mode=detailed: $.rocket.launcher_stage[].previous_flight",
    "/launches/previous/ mode=detailed: $.rocket.spacecraft_stage[]",
    "/launches/upcoming/ mode=detailed: $.program[].agencies[]",
    "/launches/upcoming/ mode=detailed: $.rocket.launcher_stage[].previous_flight",
    "/launches/upcoming/ mode=normal: $.program[].agencies[]",
    "/launches/previous/ mode=normal: $.rocket.configuration",
    "/mission_patches/ mode=detailed: $.launches[].program[].agencies[]",
    "/payload_flights/ mode=detailed: $.docking_events[].payload_flight_target.launch",
    "/payload_flights/ mode=detailed: $.launch",
    "/payload_flights/ mode=list: $.launch",
    "/payload_flights/ mode=normal: $.launch",
    "/programs/ mode=normal: $.agencies[]",
    "/space_stations/ mode=detailed: $.docking_location[].currently_docked.flight_vehicle_chaser",
    "/space_stations/ mode=detailed: "
    "$.docking_location[].currently_docked.flight_vehicle_chaser.launch.rocket.configuration",
    "/docking_events/ mode=detailed: $.flight_vehicle_chaser",
    "/docking_events/ mode=normal: $.flight_vehicle_chaser",
    "/spacecraft/ mode=detailed: $.flights[]",
    "/spacecraft_flights/ mode=detailed: $.launch",
    "/spacecraft_flights/ mode=normal: $.launch",
    "/landings/ mode=detailed: $.firststage.launcher",
    "/landings/ mode=list: $.firststage.launcher",
    "/landings/ mode=normal: $.firststage.launcher",
    "/launches/ mode=detailed: $.rocket.launcher_stage[].launcher",
    "/launches/previous/ mode=detailed: $.rocket.launcher_stage[].launcher",
    "/launches/upcoming/ mode=detailed: $.rocket.launcher_stage[].launcher",
}

_LINK = re.compile(r"/2\.3\.0/([a-z_]+)/([^/?]+)/")


def test_objects_known_only_nested_appear_only_nested_at_the_listed_places(demo):
    nested_only = {
        (endpoint, str(pk))
        for entity, endpoint in ENDPOINT_OF.items()
        for pk in apps.get_model("catalog", entity).objects.filter(known_as="").values_list("pk", flat=True)
    }
    assert nested_only
    places = set()

    def walk(node, path: str, route: str) -> None:
        if isinstance(node, dict):
            link = _LINK.search(node["url"]) if isinstance(node.get("url"), str) else None
            if link and link.groups() in nested_only:
                assert path != "$", f"{route}: {node['url']} is listed"
                places.add(f"{route}: {path}")
            for key, value in node.items():
                walk(value, f"{path}.{key}", route)
        elif isinstance(node, list):
            for value in node:
                walk(value, f"{path}[]", route)

    for path in list_routes():
        for mode in spec.list_item_schemas(path):
            query = {"limit": 100, **({"mode": mode} if mode else {})}
            for item in get(demo, path, **query)["results"]:
                walk(item, "$", f"{path} mode={mode}")
    assert places == NESTED_ONLY_PLACES
    for endpoint, pk in sorted(nested_only)[:20]:
        assert demo.get(f"/2.3.0/{endpoint}/{pk}/?format=json").status_code == 404


def ll2_nulls() -> set[tuple[str, str]]:
    """(entity, field) that LL2's own responses in data/ (the seeds, 2.3.0, 2.2.0 and 2.1.0 files,
    the older ones read as the importer translates them) give as null where the 2.3.0 spec
    requires a value: a docking location's spacecraft when a station holds it, a first stage's
    previous flight on its first flight... The spec cannot say so; LL2 does."""
    found = set()
    for path in make_run_paths():
        doc = documents.read(path)
        for index, obj in enumerate(doc.objects):
            where = f"$[{index}]"
            as_2_3_0 = older.translate(doc, obj, where) or [(obj, documents.schema_for(doc, obj, where), "")]
            for data, schema, _ in as_2_3_0:
                found |= {(entity, field) for _, entity, field, _ in required_nulls(data, schema)}
    return found


# Other nulls where the spec requires a value: (entity, field) -> why.
OTHER_NULLS = {
    **{
        ("Landing", name): "a landing is of a first stage, a spacecraft flight or a payload flight: "
        "LL2 gives the other two as null (no /landings/ response is in data/ to show it)"
        for name in ("firststage", "spacecraftflight", "payloadflight")
    },
    # An object known only in a mode that does not show the field (an object is listed once
    # known in its endpoint's default mode):
    ("Launch", "pad_turnaround"): "launches known in normal mode only (data/ll2-2.3.0/launches.normal.json, "
    "2.1.0 and 2.2.0 normal launches): `pad_turnaround` is the detailed mode's",
    ("LauncherConfigFamily", "active"): "families known as LauncherConfigFamilyMini only (2.3.0 launcher "
    "configurations nest them so): `active` is the detailed mode's",
    ("LauncherConfigFamily", "description"): "families known as LauncherConfigFamilyMini only: "
    "`description` is the detailed mode's",
}


def test_no_null_where_the_spec_requires_a_value_but_what_an_older_version_cannot_tell(demo):
    """Every object of every list route, in every mode, on every page: a field the spec requires
    a value for is null only where LL2 itself gives null (ll2_nulls), where LL2 computes nothing
    (validate.NULLABLE_COMPUTED), inside an object known only nested (NESTED_ONLY_PLACES), for
    the reasons OTHER_NULLS gives, or where the
    older version it was imported from cannot tell (CANNOT_TELL). Before: a 2.1.0 docking event's
    flight vehicle was listed with `launch: null`, a station's expeditions with `spacestation:
    null`, its crew with `bio: null`, 2.1.0 and 2.2.0 agencies with `type: null`."""
    nested_only = {
        (entity, str(pk))
        for entity in ENDPOINT_OF
        for pk in apps.get_model("catalog", entity).objects.filter(known_as="").values_list("pk", flat=True)
    }
    explained = ll2_nulls() | CANNOT_TELL.keys() | OTHER_NULLS.keys()
    unexplained: dict[tuple[str, str], set[str]] = {}
    for path in list_routes():
        for mode, schema in spec.list_item_schemas(path).items():
            query = {"limit": 100, **({"mode": mode} if mode else {})}
            pages = [get(demo, path, **query)]
            while pages[-1]["next"]:
                pages.append(get(demo, path, offset=100 * len(pages), **query))
            for page in pages:
                for item in page["results"]:
                    for where, entity, field, within in required_nulls(item, schema):
                        if nested_only.intersection(within) or field in validate.NULLABLE_COMPUTED:
                            continue
                        if (entity, field) not in explained:
                            unexplained.setdefault((entity, field), set()).add(f"{path} mode={mode}: {where}")
    assert not unexplained, "\n".join(f"{key}: {sorted(at)[:3]}" for key, at in sorted(unexplained.items()))


def test_agency_types_older_versions_name_are_the_catalogs_rows(demo):
    """2.2.0 and 2.1.0 write an agency's type as its name ("Government"): the agency has the
    AgencyType row of that name where real 2.3.0 data gave the catalog one, and no type else."""
    AgencyType = apps.get_model("catalog", "AgencyType")
    names = {row.name: row.pk for row in AgencyType.objects.all()}
    typed = 0
    for agency in apps.get_model("catalog", "Agency").objects.exclude(legacy=None):
        named = agency.legacy.get("type")
        if isinstance(named, str):
            assert agency.type_id == names.get(named), (agency.pk, named)
            typed += agency.type_id is not None
    assert typed >= 200
