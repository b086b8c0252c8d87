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

from openll import spec
from openll.catalog.contract import ENDPOINT_OF
from openll.cli import expand_paths
from openll.ingest.importer import import_files

ROOT = DATA.parent


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
