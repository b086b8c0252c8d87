"""Boosters and turnarounds: first-stage flight numbers and previous flights, launcher (booster)
flights, dates and landings, and the `fastest_turnaround` of launchers, launcher configurations and
pads. Statuses as in `openll.stats.common`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from openll.catalog.models import FirstStage, Launcher, LauncherConfig, Pad

from .common import LaunchRow, Snapshot, store
from .tallies import landing_tallies


def _by_launcher(snapshot: Snapshot) -> dict[Any, list[tuple[LaunchRow, int]]]:
    """Each launcher's (launch, first stage id), in NET order, launches without NET left out."""
    flown: dict[Any, list[tuple[LaunchRow, int]]] = defaultdict(list)
    for stage, launcher, launch in snapshot.stages:
        if launcher is not None and launch is not None and launch.net is not None:
            flown[launcher].append((launch, stage))
    for flights in flown.values():
        flights.sort(key=lambda pair: (*pair[0].order_key(), pair[1]))
    return flown


def _fastest(nets: list[dt.datetime]) -> dt.timedelta | None:
    """The shortest gap between two successive distinct NETs (in order), or None."""
    gaps = [later - earlier for earlier, later in zip(nets, nets[1:], strict=False) if later > earlier]
    return min(gaps, default=None)


def first_stages(snapshot: Snapshot | None = None) -> int:
    """FirstStage `launcher_flight_number`, `previous_flight`, `previous_flight_date`,
    `turn_around_time`.

    The flight number is the number of launches of the same launcher (booster) whose NET is at or
    before this stage's launch NET, whatever their status (as the launch ordinals count); the
    previous flight is the launcher's latest launch with an earlier NET (any status), its date that
    launch's NET, and the turnaround this launch's NET minus that one. Null without launcher, launch
    or NET, and the previous-flight figures are null for a launcher's first flight."""
    snapshot = snapshot or Snapshot()
    values: dict[Any, dict[str, Any]] = {}
    for flights in _by_launcher(snapshot).values():
        for launch, stage in flights:
            earlier = [other for other, _ in flights if other.net < launch.net]
            number = sum(1 for other, _ in flights if other.net <= launch.net)
            previous = earlier[-1] if earlier else None
            values[stage] = {
                "launcher_flight_number": number,
                "previous_flight_id": previous.id if previous else None,
                "previous_flight_date": previous.net if previous else None,
                "turn_around_time": launch.net - previous.net if previous else None,
            }
    fields = ["launcher_flight_number", "previous_flight_id", "previous_flight_date", "turn_around_time"]
    return store(FirstStage, values, fields)


def launchers(snapshot: Snapshot | None = None) -> int:
    """Launcher (booster) `flights`, `first_launch_date`, `last_launch_date`, `fastest_turnaround`,
    `attempted_landings`, `successful_landings`.

    `flights` counts the launched launches (statuses 3, 4, 6, 7, 9) that used the launcher as a
    first stage; the dates are the NETs of the first and last of them; `fastest_turnaround` is the
    shortest time between the NETs of two successive of them. Landings are the launcher's first-stage
    landings (attempted, and of those successful)."""
    snapshot = snapshot or Snapshot()
    values: dict[Any, dict[str, Any]] = defaultdict(
        lambda: {"flights": 0, "attempted_landings": 0, "successful_landings": 0}
    )
    for launcher, flights in _by_launcher(snapshot).items():
        nets = sorted({launch.id: launch.net for launch, _ in flights if launch.launched}.values())
        values[launcher].update(
            flights=len(nets),
            first_launch_date=nets[0] if nets else None,
            last_launch_date=nets[-1] if nets else None,
            fastest_turnaround=_fastest(nets),
        )
    stage_landings = [landing for landing in snapshot.landings if landing.kind == "stage"]
    for launcher, tally in landing_tallies(stage_landings, lambda landing: [landing.launcher]).items():
        values[launcher]["attempted_landings"] = tally["attempted_landings"]
        values[launcher]["successful_landings"] = tally["successful_landings"]
    fields = [
        "flights",
        "first_launch_date",
        "last_launch_date",
        "fastest_turnaround",
        "attempted_landings",
        "successful_landings",
    ]
    return store(Launcher, values, fields, {"flights": 0, "attempted_landings": 0, "successful_landings": 0})


def launcher_config_turnaround(snapshot: Snapshot | None = None) -> int:
    """LauncherConfig `fastest_turnaround`: the shortest booster turnaround flown on this
    configuration - over every launcher, the time between the NETs of two of its successive
    launched flights, counted for the configuration of the later flight. Null when no booster of it
    flew twice."""
    snapshot = snapshot or Snapshot()
    fastest: dict[Any, dt.timedelta] = {}
    for flights in _by_launcher(snapshot).values():
        launched = list({launch.id: launch for launch, _ in flights if launch.launched}.values())
        for earlier, later in zip(launched, launched[1:], strict=False):
            gap = later.net - earlier.net
            if later.config is not None and gap > dt.timedelta(0):
                fastest[later.config] = min(gap, fastest.get(later.config, gap))
    values = {config: {"fastest_turnaround": gap} for config, gap in fastest.items()}
    return store(LauncherConfig, values, ["fastest_turnaround"])


def pad_turnaround(snapshot: Snapshot | None = None) -> int:
    """Pad `fastest_turnaround`: the shortest time between the NETs of two successive launched
    launches (statuses 3, 4, 6, 7, 9) from the pad; launches with equal NET are not successive.
    Null for a pad with fewer than two."""
    snapshot = snapshot or Snapshot()
    nets: dict[Any, list[dt.datetime]] = defaultdict(list)
    for launch in snapshot.launches_in_order:
        if launch.pad is not None and launch.net is not None and launch.launched:
            nets[launch.pad].append(launch.net)
    values = {pad: {"fastest_turnaround": _fastest(found)} for pad, found in nets.items()}
    return store(Pad, values, ["fastest_turnaround"])
