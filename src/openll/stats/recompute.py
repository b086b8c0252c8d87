"""Run every figure, in dependency order, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from . import launches, people, spacecraft, stations, tallies, vehicles
from .common import Snapshot

# (name shown by `openll stats`, function); spacecraft before spacecraft_configs (fastest turnaround)
FIGURES: list[tuple[str, Callable[[Snapshot], int]]] = [
    ("launch attempt ordinals", launches.attempt_ordinals),
    ("launch pad turnaround", launches.pad_turnaround),
    ("agency launches", tallies.agency_launches),
    ("agency landings", tallies.agency_landings),
    ("launcher configuration launches", tallies.launcher_config_launches),
    ("launcher configuration landings", tallies.launcher_config_landings),
    ("launcher family launches", tallies.launcher_family_launches),
    ("launcher family landings", tallies.launcher_family_landings),
    ("pad launches", tallies.pad_launches),
    ("location launches", tallies.location_launches),
    ("location landings", tallies.location_landings),
    ("landing location landings", tallies.landing_location_landings),
    ("celestial body launches", tallies.celestial_body_launches),
    ("celestial body landings", tallies.celestial_body_landings),
    ("first stages", vehicles.first_stages),
    ("launchers", vehicles.launchers),
    ("launcher configuration turnaround", vehicles.launcher_config_turnaround),
    ("pad turnaround", vehicles.pad_turnaround),
    ("spacecraft flight durations", spacecraft.flight_durations),
    ("spacecraft flight turnarounds", spacecraft.flight_turnarounds),
    ("spacecraft", spacecraft.spacecraft),
    ("spacecraft configurations", spacecraft.spacecraft_configs),
    ("spacecraft families", spacecraft.spacecraft_families),
    ("spacewalk durations", people.spacewalk_durations),
    ("astronauts", people.astronauts),
    ("station expeditions", stations.expeditions),
    ("station dockings", stations.docking),
]


def recompute_all(
    snapshot: Snapshot | None = None, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Recompute every derived figure from local data, in one transaction; returns, per figure,
    how many rows it changed. `progress(name, changed)` is called after each figure."""
    snapshot = snapshot or Snapshot()
    changed: dict[str, int] = {}
    with transaction.atomic():
        for name, figure in FIGURES:
            changed[name] = figure(snapshot)
            if progress:
                progress(name, changed[name])
    return changed
