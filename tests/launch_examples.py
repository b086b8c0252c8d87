"""LL2 objects for the launch, event, update and dashboard tests: complete spec examples
(tests/examples.py) with the fields a test is about set by hand, and dates relative to now, so that
"upcoming" and "previous" mean the same whenever the tests run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from examples import example

API = "https://ll.thespacedevs.com/2.3.0"

LEO = {"id": 8, "name": "Low Earth Orbit", "abbrev": "LEO"}
# LL2's own orbit for sub-orbital flights (Starship test flights, New Shepard, Virgin Galactic).
SUBORBITAL = {"id": 15, "name": "Suborbital", "abbrev": "Sub"}


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def agency(pk: int, name: str, parent: str | None = None) -> dict:
    """An agency as `/agencies/?mode=normal` gives it (the variant that has `parent`)."""
    return example(
        "AgencyNormal", overrides={"id": pk, "url": f"{API}/agencies/{pk}/", "name": name, "parent": parent}
    )


def lsp(pk: int, name: str) -> dict:
    """An agency as a launch nests it (AgencyMini)."""
    return {
        "response_mode": "list",
        "id": pk,
        "url": f"{API}/agencies/{pk}/",
        "name": name,
        "abbrev": name[:4],
    }


def launcher_config(pk: int, name: str, family: str | None = None) -> dict:
    families = [{"response_mode": "list", "id": pk + 1000, "name": family}] if family else []
    return {
        "response_mode": "list",
        "id": pk,
        "url": f"{API}/launcher_configurations/{pk}/",
        "name": name,
        "families": families,
        "full_name": name,
        "variant": "",
    }


def program(pk: int, name: str) -> dict:
    return {"response_mode": "normal", "id": pk, "url": f"{API}/programs/{pk}/", "name": name}


def launch(
    n: int,
    net: dt.datetime,
    *,
    provider: dict,
    orbit: dict | None = LEO,
    config: dict | None = None,
    schema: str = "LaunchNormal",
    **fields,
) -> dict:
    """Launch number `n` (its id is examples.example_id("Launch", n)) at `net`."""
    overrides = {
        "name": f"Rocket | Mission {n}",
        "slug": f"rocket-mission-{n}",
        "net": iso(net),
        "window_start": iso(net),
        "window_end": iso(net),
        "launch_service_provider": provider,
        "rocket": {"id": 700000 + n, "configuration": config or launcher_config(800001, "Example Rocket")},
        "mission": None if orbit is None else {"id": 700000 + n, "name": f"Mission {n}", "orbit": orbit},
        "program": [],
        "launch_designator": None,
    }
    if schema == "LaunchDetailed":
        overrides |= {"updates": [], "info_urls": [], "vid_urls": [], "timeline": [], "mission_patches": []}
    return example(schema, n, overrides | fields)


def event(n: int, date: dt.datetime, **fields) -> dict:
    overrides = {
        "name": f"Event {n}",
        "slug": f"event-{n}",
        "date": iso(date),
        "updates": [],
        "info_urls": [],
        "vid_urls": [],
        "agencies": [],
        "launches": [],
        "expeditions": [],
        "spacestations": [],
        "program": [],
        "astronauts": [],
    }
    return example("EventEndpointDetailed", n, overrides | fields)


def update(pk: int, created_on: dt.datetime, comment: str) -> dict:
    return {
        "id": pk,
        "profile_image": f"https://example.com/librarian-{pk}.png",
        "comment": comment,
        "info_url": f"https://example.com/news/{pk}",
        "created_by": "Librarian",
        "created_on": iso(created_on),
    }


def write(path: Path, objects: list[dict]) -> Path:
    path.write_text(json.dumps(objects))
    return path
