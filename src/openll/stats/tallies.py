"""All-time launch and landing tallies of agencies, launcher configurations and their families,
pads, locations, landing locations and celestial bodies, with consecutive-success streaks.

Statuses as in `openll.stats.common`: a launch counts in `total_launch_count` once launched
(Success, Failure, In Flight, Partial Failure, Payload Deployed: 3, 4, 6, 7, 9); successful = 3;
failed = 4 and 7; pending = 1, 2, 5, 8.

A landing counts when its `attempt` is true and its launch has been launched; it is successful when
`success` is true, failed when `success` is false (an attempt with unknown success counts only as
attempted).

Streaks (`consecutive_successful_*`) run over launches (or landings) in NET order, launches with
equal NET ordered by id, and count the successes since the last failure; launches still In Flight
or Payload Deployed, and landings of unknown outcome, neither extend nor break a streak.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from openll.catalog.models import (
    Agency,
    CelestialBody,
    LandingLocation,
    LauncherConfig,
    LauncherConfigFamily,
    Location,
    Pad,
)

from .common import FAILURE, PENDING, SUCCESS, LandingRow, LaunchRow, Snapshot, consecutive, store

LAUNCH_FIELDS = [
    "total_launch_count",
    "successful_launches",
    "failed_launches",
    "pending_launches",
    "consecutive_successful_launches",
]
LANDING_FIELDS = [
    "attempted_landings",
    "successful_landings",
    "failed_landings",
    "consecutive_successful_landings",
]


def launch_tallies(
    launches: Iterable[LaunchRow], owners_of: Callable[[LaunchRow], Iterable[Any]]
) -> dict[Any, dict[str, int]]:
    """For each owner: launched, successful, failed and pending launches, and the success streak.
    `launches` must be in NET order; a launch counts once per owner however often it is listed."""
    found: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LAUNCH_FIELDS, 0))
    outcomes: dict[Any, list[bool | None]] = defaultdict(list)
    for launch in launches:
        for owner in set(owners_of(launch)) - {None}:
            tally = found[owner]
            tally["total_launch_count"] += launch.launched
            tally["successful_launches"] += launch.status in SUCCESS
            tally["failed_launches"] += launch.status in FAILURE
            tally["pending_launches"] += launch.status in PENDING
            if launch.launched:
                outcomes[owner].append(
                    True if launch.status in SUCCESS else False if launch.status in FAILURE else None
                )
    for owner, seen in outcomes.items():
        found[owner]["consecutive_successful_launches"] = consecutive(seen)
    return found


def landing_tallies(
    landings: Iterable[LandingRow], owners_of: Callable[[LandingRow], Iterable[Any]]
) -> dict[Any, dict[str, int]]:
    """For each owner: attempted, successful and failed landings, and the success streak.
    `landings` must be in launch NET order."""
    found: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LANDING_FIELDS, 0))
    outcomes: dict[Any, list[bool | None]] = defaultdict(list)
    for landing in landings:
        if not landing.counted:
            continue
        for owner in set(owners_of(landing)) - {None}:
            tally = found[owner]
            tally["attempted_landings"] += 1
            tally["successful_landings"] += landing.success is True
            tally["failed_landings"] += landing.success is False
            outcomes[owner].append(landing.success)
    for owner, seen in outcomes.items():
        found[owner]["consecutive_successful_landings"] = consecutive(seen)
    return found


def _zero(fields: Iterable[str]) -> dict[str, int]:
    return dict.fromkeys(fields, 0)


def _store_as(model, tallies: dict, columns: dict[str, str]) -> int:
    """Store tallies in columns named otherwise (column -> tally key); rows without any get 0."""
    values = {pk: {column: t[key] for column, key in columns.items()} for pk, t in tallies.items()}
    return store(model, values, list(columns), _zero(columns))


def _families(snapshot: Snapshot, config: int | None) -> list[int]:
    return snapshot.config_families.get(config, []) if config is not None else []


# --------------------------------------------------------------------------- launches


def agency_launches(snapshot: Snapshot | None = None) -> int:
    """Agency `total_launch_count`, `successful_launches`, `failed_launches`, `pending_launches`,
    `consecutive_successful_launches`: launches whose **launch service provider** is the agency
    (statuses as in the module docstring; LL2's ancestor counted by rocket manufacturer, openll by
    provider, the relation a launch carries)."""
    snapshot = snapshot or Snapshot()
    values = launch_tallies(snapshot.launches_in_order, lambda launch: [launch.provider])
    return store(Agency, values, LAUNCH_FIELDS, _zero(LAUNCH_FIELDS))


def launcher_config_launches(snapshot: Snapshot | None = None) -> int:
    """LauncherConfig `total_launch_count`, `successful_launches`, `failed_launches`,
    `pending_launches`, `consecutive_successful_launches`: launches whose rocket has this
    configuration."""
    snapshot = snapshot or Snapshot()
    values = launch_tallies(snapshot.launches_in_order, lambda launch: [launch.config])
    return store(LauncherConfig, values, LAUNCH_FIELDS, _zero(LAUNCH_FIELDS))


def launcher_family_launches(snapshot: Snapshot | None = None) -> int:
    """LauncherConfigFamily launch tallies (same five fields): launches whose rocket configuration
    lists the family among its `families`, each launch counted once per family. Parent families are
    not rolled up."""
    snapshot = snapshot or Snapshot()
    values = launch_tallies(snapshot.launches_in_order, lambda launch: _families(snapshot, launch.config))
    return store(LauncherConfigFamily, values, LAUNCH_FIELDS, _zero(LAUNCH_FIELDS))


def pad_launches(snapshot: Snapshot | None = None) -> int:
    """Pad `total_launch_count` (launched launches from the pad) and `orbital_launch_attempt_count`
    (the same, sub-orbital launches excluded). LL2 2.3.0 gives pad 87 185 and 184."""
    snapshot = snapshot or Snapshot()
    values: dict[Any, dict[str, int]] = defaultdict(
        lambda: _zero(["total_launch_count", "orbital_launch_attempt_count"])
    )
    for launch in snapshot.launches.values():
        if launch.pad is not None and launch.launched:
            values[launch.pad]["total_launch_count"] += 1
            values[launch.pad]["orbital_launch_attempt_count"] += not launch.suborbital
    fields = ["total_launch_count", "orbital_launch_attempt_count"]
    return store(Pad, values, fields, _zero(fields))


def location_launches(snapshot: Snapshot | None = None) -> int:
    """Location `total_launch_count`: launched launches from any pad of the location."""
    snapshot = snapshot or Snapshot()
    values: dict[Any, dict[str, int]] = defaultdict(lambda: {"total_launch_count": 0})
    for launch in snapshot.launches.values():
        if launch.location is not None and launch.launched:
            values[launch.location]["total_launch_count"] += 1
    return store(Location, values, ["total_launch_count"], {"total_launch_count": 0})


def celestial_body_launches(snapshot: Snapshot | None = None) -> int:
    """CelestialBody `total_attempted_launches` (launched launches from pads whose location is on
    the body), `successful_launches` and `failed_launches`."""
    snapshot = snapshot or Snapshot()
    tallies = launch_tallies(snapshot.launches_in_order, lambda launch: [launch.body])
    return _store_as(
        CelestialBody,
        tallies,
        {
            "total_attempted_launches": "total_launch_count",
            "successful_launches": "successful_launches",
            "failed_launches": "failed_launches",
        },
    )


# --------------------------------------------------------------------------- landings


def agency_landings(snapshot: Snapshot | None = None) -> int:
    """Agency landing tallies, by the launch service provider of the landing's launch:
    `attempted_landings`, `successful_landings`, `failed_landings`, `consecutive_successful_landings`
    over first-stage (booster) landings; `*_landings_spacecraft` over spacecraft-flight landings;
    `*_landings_payload` over payload-flight landings."""
    snapshot = snapshot or Snapshot()
    provider = lambda landing: [landing.launch.provider]  # noqa: E731
    values: dict[Any, dict[str, int]] = defaultdict(dict)
    for kind, suffix in (("stage", ""), ("spacecraft", "_spacecraft"), ("payload", "_payload")):
        rows = [landing for landing in snapshot.landings if landing.kind == kind]
        for agency, tally in landing_tallies(rows, provider).items():
            for name, count in tally.items():
                if suffix and name.startswith("consecutive"):
                    continue
                values[agency][f"{name}{suffix}"] = count
    fields = [*LANDING_FIELDS] + [
        f"{name}{suffix}" for suffix in ("_spacecraft", "_payload") for name in LANDING_FIELDS[:3]
    ]
    return store(Agency, values, fields, _zero(fields))


def launcher_config_landings(snapshot: Snapshot | None = None) -> int:
    """LauncherConfig `attempted_landings`, `successful_landings`, `failed_landings`,
    `consecutive_successful_landings`: first-stage landings of launches with this configuration."""
    snapshot = snapshot or Snapshot()
    rows = [landing for landing in snapshot.landings if landing.kind == "stage"]
    values = landing_tallies(rows, lambda landing: [landing.launch.config])
    return store(LauncherConfig, values, LANDING_FIELDS, _zero(LANDING_FIELDS))


def launcher_family_landings(snapshot: Snapshot | None = None) -> int:
    """LauncherConfigFamily landing tallies (same four fields): first-stage landings of launches
    whose configuration belongs to the family."""
    snapshot = snapshot or Snapshot()
    rows = [landing for landing in snapshot.landings if landing.kind == "stage"]
    values = landing_tallies(rows, lambda landing: _families(snapshot, landing.launch.config))
    return store(LauncherConfigFamily, values, LANDING_FIELDS, _zero(LANDING_FIELDS))


def landing_location_landings(snapshot: Snapshot | None = None) -> int:
    """LandingLocation `attempted_landings`, `successful_landings`, `failed_landings`: every kind
    of landing (first stage, spacecraft, payload) at the landing location."""
    snapshot = snapshot or Snapshot()
    values = landing_tallies(snapshot.landings, lambda landing: [landing.landing_location])
    fields = LANDING_FIELDS[:3]
    return store(LandingLocation, values, fields, _zero(fields))


def location_landings(snapshot: Snapshot | None = None) -> int:
    """Location `total_landing_count`: attempted landings of every kind at landing locations that
    belong to the location."""
    snapshot = snapshot or Snapshot()
    tallies = landing_tallies(snapshot.landings, lambda landing: [landing.location])
    return _store_as(Location, tallies, {"total_landing_count": "attempted_landings"})


def celestial_body_landings(snapshot: Snapshot | None = None) -> int:
    """CelestialBody `total_attempted_landings`, `successful_landings`, `failed_landings`: landings
    of every kind at landing locations on the body."""
    snapshot = snapshot or Snapshot()
    tallies = landing_tallies(snapshot.landings, lambda landing: [landing.body])
    return _store_as(
        CelestialBody,
        tallies,
        {
            "total_attempted_landings": "attempted_landings",
            "successful_landings": "successful_landings",
            "failed_landings": "failed_landings",
        },
    )
