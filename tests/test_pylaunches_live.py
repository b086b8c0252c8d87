"""pylaunches 2.0.0 (the client behind Home Assistant's `launch_library` integration), unmodified
but for its host, against a live `openll serve` loaded with the bundled real data of every
version: each of its methods returns data, and every field Home Assistant's sensors read is
there, typed as LL2 sends it.

The server's clock is set to 2021-01-20 (tests/fake_clock_settings.py): the real events (2.1.0
pages of early 2021) are then on both sides of now, the Starship dashboard has past test flights,
and the launches of 2024-2026 are upcoming."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from conftest import DATA
from live import database_url, openll, server_env, serving

pytest.importorskip("pylaunches")
from pylaunches import PyLaunches  # noqa: E402

TESTS = Path(__file__).resolve().parent
NOW = "2021-01-20T00:00:00+00:00"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The server has a database of its own (live.database_url); the test database is not used."""
    home = tmp_path_factory.mktemp("pylaunches")
    with database_url(home) as db_url:
        env = server_env(
            home,
            db_url,
            DJANGO_SETTINGS_MODULE="fake_clock_settings",
            PYTHONPATH=str(TESTS),
            OPENLL_FAKE_NOW=NOW,
        )
        openll(env, "migrate")
        openll(
            env,
            "import",
            str(DATA / "seeds"),
            *(str(DATA / v) for v in ("ll2-2.3.0", "ll2-2.2.0", "ll2-2.1.0")),
        )
        with serving(env, home) as base:
            yield base


def call(base: str, method: str):
    async def run():
        async with PyLaunches() as client:
            client._base_url = f"{base}/2.2.0"  # pylaunches has no option for its host
            return await getattr(client, method)()

    return asyncio.run(run())


def typed(value, *types) -> bool:
    return isinstance(value, types) and not (isinstance(value, bool) and bool not in types)


def test_upcoming_launches_carry_every_field_home_assistant_reads(server):
    launches = call(server, "launch_upcoming")
    assert launches
    for launch in launches:
        assert typed(launch["name"], str)
        assert typed(launch["launch_service_provider"]["name"], str)
        assert typed(launch["pad"]["name"], str)
        assert typed(launch["pad"]["location"]["name"], str)
        assert typed(launch["pad"]["location"]["country_code"], str)
        for key in ("net", "window_start", "window_end"):
            assert typed(launch[key], str) and launch[key].endswith("Z")
        assert launch["probability"] is None or typed(launch["probability"], int)
        assert typed(launch["status"]["name"], str)
        assert launch["type"] == "normal"
        assert launch["net"] >= "2021-01-19"
    with_mission = [launch for launch in launches if launch["mission"]]
    assert with_mission
    for launch in with_mission:
        assert typed(launch["mission"]["name"], str)
        assert typed(launch["mission"]["type"], str)
        orbit = launch["mission"]["orbit"]
        assert orbit is None or typed(orbit["name"], str)


@pytest.mark.parametrize("method", ["event", "event_upcoming", "event_previous"])
def test_events_carry_every_field_home_assistant_reads(server, method):
    events = call(server, method)
    assert events
    for event in events:
        assert typed(event["date"], str)
        assert typed(event["name"], str)
        assert typed(event["location"], str, type(None))
        assert typed(event["video_url"], str, type(None))
        assert typed(event["description"], str)
    if method == "event_upcoming":
        assert all(event["date"] >= "2021-01-19" for event in events)
    if method == "event_previous":
        assert all(event["date"] < "2021-01-20" for event in events)


def test_the_starship_dashboard_has_past_flights(server):
    dashboard = call(server, "dashboard_starship")
    previous = dashboard["previous"]["launches"]
    assert previous and all(launch["net"] < "2021-01-20" for launch in previous)
    assert all(launch["url"].startswith(f"{server}/2.2.0/launch/") for launch in previous)
    assert list(dashboard) == [
        "upcoming",
        "previous",
        "live_streams",
        "road_closures",
        "notices",
        "vehicles",
        "updates",
        "orbiters",
    ]
