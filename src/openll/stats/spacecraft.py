"""Spacecraft flights, serial spacecraft, spacecraft configurations and their families.
Statuses as in `openll.stats.common`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from openll.catalog.models import (
    DockingEvent,
    Spacecraft,
    SpacecraftConfig,
    SpacecraftConfigFamily,
    SpacecraftFlight,
)

from .common import FAILURE, LAUNCHED, SUCCESS, LaunchRow, Snapshot, store
from .tallies import landing_tallies

# a flight whose launch had one of these reached space (a Failure did not)
REACHED_SPACE = frozenset({3, 6, 7, 9})


def _flights_by_spacecraft(snapshot: Snapshot) -> dict[Any, list[tuple[int, LaunchRow, dt.datetime | None]]]:
    """Each spacecraft's (flight id, launch, mission_end), in launch NET order; flights without
    launch NET left out."""
    found: dict[Any, list[tuple[int, LaunchRow, dt.datetime | None]]] = defaultdict(list)
    for flight, craft, launch, end in snapshot.flights:
        if craft is not None and launch is not None and launch.net is not None:
            found[craft].append((flight, launch, end))
    for flights in found.values():
        flights.sort(key=lambda row: (*row[1].order_key(), row[0]))
    return found


def flight_durations(snapshot: Snapshot | None = None) -> int:
    """SpacecraftFlight `duration`: `mission_end` minus the launch NET. Null while either is unknown
    (a flight still in space has no duration yet)."""
    snapshot = snapshot or Snapshot()
    values = {
        flight: {"duration": end - launch.net}
        for flight, _craft, launch, end in snapshot.flights
        if launch is not None and launch.net is not None and end is not None
    }
    return store(SpacecraftFlight, values, ["duration"])


def flight_turnarounds(snapshot: Snapshot | None = None) -> int:
    """SpacecraftFlight `turn_around_time`: the launch NET of this flight minus the `mission_end` of
    the same spacecraft's previous flight (the one with the latest earlier launch NET, whatever its
    status). Null for a spacecraft's first flight, or when the previous flight has no mission_end."""
    snapshot = snapshot or Snapshot()
    values: dict[Any, dict[str, Any]] = {}
    for flights in _flights_by_spacecraft(snapshot).values():
        for index, (flight, launch, _end) in enumerate(flights):
            earlier = [row for row in flights[:index] if row[1].net < launch.net]
            if earlier and earlier[-1][2] is not None:
                values[flight] = {"turn_around_time": launch.net - earlier[-1][2]}
    return store(SpacecraftFlight, values, ["turn_around_time"])


def spacecraft(snapshot: Snapshot | None = None) -> int:
    """Spacecraft `flights_count`, `mission_ends_count`, `in_space`, `time_in_space`, `time_docked`,
    `fastest_turnaround`.

    - `flights_count`: flights whose launch was launched (statuses 3, 4, 6, 7, 9).
    - `mission_ends_count`: flights whose `mission_end` is known and not in the future.
    - `in_space`, `time_in_space`: a flight whose launch reached space (3, 6, 7, 9) and whose NET is
      past is in space from its NET until its `mission_end`, or until now when `mission_end` is
      unknown or in the future (then the spacecraft is `in_space`); `time_in_space` is the sum.
    - `time_docked`: over docking events whose chaser is a flight of the spacecraft, from `docking`
      to `departure` (now when still docked), docking in the past; summed.
    - `fastest_turnaround`: the shortest `turn_around_time` among its flights (see
      `flight_turnarounds`), computed here from the same rule."""
    snapshot = snapshot or Snapshot()
    now = snapshot.now
    zero = dt.timedelta(0)
    values: dict[Any, dict[str, Any]] = defaultdict(
        lambda: {
            "flights_count": 0,
            "mission_ends_count": 0,
            "in_space": False,
            "time_in_space": zero,
            "time_docked": zero,
        }
    )
    for craft, flights in _flights_by_spacecraft(snapshot).items():
        figures = values[craft]
        previous_end = None
        previous_net = None
        turnarounds = []
        for _flight, launch, end in flights:
            figures["flights_count"] += launch.status in LAUNCHED
            figures["mission_ends_count"] += end is not None and end <= now
            if launch.status in REACHED_SPACE and launch.net <= now:
                if end is None or end > now:
                    figures["in_space"] = True
                    end_in_space = now
                else:
                    end_in_space = end
                figures["time_in_space"] += max(end_in_space - launch.net, zero)
            if previous_net is not None and launch.net > previous_net and previous_end is not None:
                turnarounds.append(launch.net - previous_end)
            if previous_net is None or launch.net > previous_net:
                previous_net, previous_end = launch.net, end
        figures["fastest_turnaround"] = min(turnarounds, default=None)
    craft_of = {flight: craft for flight, craft, _launch, _end in snapshot.flights}
    for chaser, docking, departure in DockingEvent.objects.filter(
        flight_vehicle_chaser__isnull=False, docking__isnull=False
    ).values_list("flight_vehicle_chaser_id", "docking", "departure"):
        craft = craft_of.get(chaser)
        if craft is None or docking > now:
            continue
        until = departure if departure is not None and departure <= now else now
        values[craft]["time_docked"] += max(until - docking, zero)
    fields = [
        "flights_count",
        "mission_ends_count",
        "in_space",
        "time_in_space",
        "time_docked",
        "fastest_turnaround",
    ]
    default = {
        "flights_count": 0,
        "mission_ends_count": 0,
        "in_space": False,
        "time_in_space": zero,
        "time_docked": zero,
    }
    return store(Spacecraft, values, fields, default)


CONFIG_FIELDS = [
    "spacecraft_flown",
    "total_launch_count",
    "successful_launches",
    "failed_launches",
    "attempted_landings",
    "successful_landings",
    "failed_landings",
]


def _config_tallies(snapshot: Snapshot, owners_of) -> dict[Any, dict[str, int]]:
    """Tallies of spacecraft flights grouped by `owners_of(spacecraft config id)`."""
    values: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CONFIG_FIELDS, 0))
    flown: dict[Any, set] = defaultdict(set)
    launches: dict[Any, dict[Any, LaunchRow]] = defaultdict(dict)
    for _flight, craft, launch, _end in snapshot.flights:
        if launch is None or launch.status not in LAUNCHED:
            continue
        for owner in owners_of(snapshot.spacecraft_configs.get(craft)):
            flown[owner].add(craft)
            launches[owner][launch.id] = launch
    for owner, seen in launches.items():
        values[owner]["spacecraft_flown"] = len(flown[owner] - {None})
        values[owner]["total_launch_count"] = len(seen)
        values[owner]["successful_launches"] = sum(launch.status in SUCCESS for launch in seen.values())
        values[owner]["failed_launches"] = sum(launch.status in FAILURE for launch in seen.values())
    rows = [landing for landing in snapshot.landings if landing.kind == "spacecraft"]
    for owner, tally in landing_tallies(rows, lambda landing: owners_of(landing.spacecraft_config)).items():
        for name in ("attempted_landings", "successful_landings", "failed_landings"):
            values[owner][name] = tally[name]
    return values


def spacecraft_configs(snapshot: Snapshot | None = None) -> int:
    """SpacecraftConfig `spacecraft_flown` (distinct spacecraft of the configuration with a launched
    flight), `total_launch_count` (distinct launched launches carrying one of them),
    `successful_launches` (3), `failed_launches` (4, 7), and `attempted_landings`,
    `successful_landings`, `failed_landings` of their flights; `fastest_turnaround`: the shortest
    `fastest_turnaround` of its spacecraft (recomputed by `spacecraft`, which runs first).

    LL2 2.3.0 agrees with `total = successful + failed` when no flight is under way (Cygnus
    Standard 4 = 3 + 1, data/ll2-2.3.0/spacecraft_configurations.detailed.json)."""
    snapshot = snapshot or Snapshot()
    values = _config_tallies(snapshot, lambda config: [config] if config is not None else [])
    fastest: dict[Any, dt.timedelta] = {}
    for config, turnaround in Spacecraft.objects.filter(fastest_turnaround__isnull=False).values_list(
        "spacecraft_config_id", "fastest_turnaround"
    ):
        if config is not None:
            fastest[config] = min(turnaround, fastest.get(config, turnaround))
    for config, turnaround in fastest.items():
        values[config]["fastest_turnaround"] = turnaround
    default = dict.fromkeys(CONFIG_FIELDS, 0) | {"fastest_turnaround": None}
    return store(SpacecraftConfig, values, [*CONFIG_FIELDS, "fastest_turnaround"], default)


def spacecraft_families(snapshot: Snapshot | None = None) -> int:
    """SpacecraftConfigFamily: the same seven tallies as `spacecraft_configs`, over the spacecraft
    of every configuration listing the family (a launch counted once per family). Parent families
    are not rolled up."""
    snapshot = snapshot or Snapshot()
    values = _config_tallies(snapshot, lambda config: snapshot.spacecraft_config_families.get(config, []))
    return store(SpacecraftConfigFamily, values, CONFIG_FIELDS, dict.fromkeys(CONFIG_FIELDS, 0))
