"""Space stations now: active expeditions and crew on board, docking events under way and docked
vehicles, and what each docking port holds."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from openll.catalog.models import DockingEvent, DockingLocation, Expedition, SpaceStation

from .common import Snapshot, store, store_links


def _active(start, end, now) -> bool:
    return start is not None and start <= now and (end is None or end > now)


def expeditions(snapshot: Snapshot | None = None) -> int:
    """SpaceStation `active_expeditions` and `onboard_crew`.

    An expedition is active when it has started and has not ended (`start <= now`, `end` unknown or
    in the future). `active_expeditions` lists the station's active expeditions by start (then id);
    `onboard_crew` counts the distinct astronauts in their crews. Returns the changes made (a station
    whose count and list both changed counts twice)."""
    snapshot = snapshot or Snapshot()
    now = snapshot.now
    active: dict[Any, list[Any]] = defaultdict(list)
    for pk, station, start, end in (
        Expedition.objects.filter(spacestation__isnull=False)
        .order_by("start", "id")
        .values_list("id", "spacestation_id", "start", "end")
    ):
        if _active(start, end, now):
            active[station].append(pk)
    active_ids = {pk for pks in active.values() for pk in pks}
    crew: dict[Any, set] = defaultdict(set)
    for station, astronaut in Expedition.objects.filter(
        id__in=active_ids, crew__astronaut__isnull=False
    ).values_list("spacestation_id", "crew__astronaut_id"):
        crew[station].add(astronaut)
    stations = list(SpaceStation.objects.values_list("id", flat=True))
    counted = store(
        SpaceStation,
        {pk: {"onboard_crew": len(found)} for pk, found in crew.items()},
        ["onboard_crew"],
        {"onboard_crew": 0},
    )
    linked = store_links(
        SpaceStation.active_expeditions.through, "spacestation", "expedition", active, stations
    )
    return counted + linked


def docking(snapshot: Snapshot | None = None) -> int:
    """SpaceStation `docked_vehicles` and `active_docking_events`, DockingLocation
    `currently_docked`.

    A docking event is under way when its `docking` is past and its `departure` unknown or in the
    future. For a station (the event's `space_station_target`): `active_docking_events` lists those
    events by docking time (then id) and `docked_vehicles` counts them. A docking location's
    `currently_docked` is its latest event under way (null when none). Returns the changes made
    (a station whose count and list both changed counts twice)."""
    snapshot = snapshot or Snapshot()
    now = snapshot.now
    events: dict[Any, list[Any]] = defaultdict(list)
    at_port: dict[Any, Any] = {}
    for pk, station, port, docked, departed in DockingEvent.objects.order_by("docking", "id").values_list(
        "id", "space_station_target_id", "docking_location_id", "docking", "departure"
    ):
        if not _active(docked, departed, now):
            continue
        if station is not None:
            events[station].append(pk)
        if port is not None:
            at_port[port] = pk
    stations = list(SpaceStation.objects.values_list("id", flat=True))
    counted = store(
        SpaceStation,
        {pk: {"docked_vehicles": len(found)} for pk, found in events.items()},
        ["docked_vehicles"],
        {"docked_vehicles": 0},
    )
    linked = store_links(
        SpaceStation.active_docking_events.through, "spacestation", "dockingevent", events, stations
    )
    ports = store(
        DockingLocation,
        {pk: {"currently_docked_id": event} for pk, event in at_port.items()},
        ["currently_docked_id"],
    )
    return counted + linked + ports
