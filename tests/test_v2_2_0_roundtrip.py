"""Every object of every real 2.2.0 file renders back identically through /2.2.0/ after that file
alone is imported: same keys in the same order, same values and number types (hosts and the
echoed `format` parameter aside); launches in the mode their `type` names."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, first_difference, normalise

FILES = sorted((DATA / "ll2-2.2.0").glob("*.json"))

# The route each file came from (data/README.md), and the mode asked for.
ROUTE = {
    "astronauts-in-space.page.2021.json": ("astronaut", "normal"),
    "config-spacecraft.detailed.2024.json": ("config/spacecraft", "detailed"),
    "launches-upcoming.detailed.2026-08.json": ("launch", "detailed"),
    "launches-upcoming.detailed.page.json": ("launch", "detailed"),
    "launches-upcoming.list.page.json": ("launch", "list"),
    "pads.2024.json": ("pad", None),
    "spacestations.detailed.2024.json": ("spacestation", "detailed"),
    "updates.page.2021.json": ("updates", None),
}


def objects(path):
    data = json.loads(path.read_text())
    return data["results"] if isinstance(data, dict) and "results" in data else data


def listed(api, route: str, mode: str | None) -> dict:
    """Every object of a 2.2.0 list route in one mode, by id (all pages)."""
    found = {}
    url = f"/2.2.0/{route}/?format=json&limit=100" + (f"&mode={mode}" if mode else "")
    while url:
        response = api.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        page = response.json()
        found.update((item["id"], item) for item in page["results"])
        url = page["next"] and page["next"].split("testserver", 1)[-1].split("ll.thespacedevs.com", 1)[-1]
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_object_renders_back_identically(path, load, api):
    load(path)
    route, mode = ROUTE[path.name]
    pages = {}
    problems = []
    for obj in objects(path):
        wanted = obj.get("type") if route == "launch" else mode
        if wanted not in pages:
            pages[wanted] = listed(api, route, wanted)
        got = pages[wanted].get(obj["id"])
        if got is None:
            problems.append(f"{obj['id']}: not listed")
            continue
        found = first_difference(normalise(got), normalise(obj))
        if found:
            problems.append(f"{obj['id']}: {found}")
    assert not problems, f"{len(problems)} objects differ, e.g.\n" + "\n".join(problems[:15])
