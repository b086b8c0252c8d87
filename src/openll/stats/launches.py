"""Per-launch figures: the `*_launch_attempt_count` ordinals (and their `_year` variants) and
`pad_turnaround`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import groupby
from typing import Any

from openll.catalog.models import Launch

from .common import LaunchRow, Snapshot, store, year_of

ORDINALS: dict[str, Callable[[LaunchRow], Any]] = {
    "orbital_launch_attempt_count": lambda launch: None if launch.suborbital else "all",
    "location_launch_attempt_count": lambda launch: launch.location,
    "pad_launch_attempt_count": lambda launch: launch.pad,
    "agency_launch_attempt_count": lambda launch: launch.provider,
}


def _ordinals(launches: list[LaunchRow], key: Callable[[LaunchRow], Any]) -> dict[Any, int]:
    """Within each group of `key`, the number of launches whose NET is at or before this one's."""
    groups: dict[Any, list[LaunchRow]] = defaultdict(list)
    for launch in launches:
        group = key(launch)
        if group is not None and launch.net is not None:
            groups[group].append(launch)
    found: dict[Any, int] = {}
    for members in groups.values():
        members.sort(key=LaunchRow.order_key)
        seen = 0
        for _net, same_net in groupby(members, key=lambda launch: launch.net):
            same_net = list(same_net)
            seen += len(same_net)
            for launch in same_net:
                found[launch.id] = seen
        # launches with equal NET all get the highest ordinal of their group
    return found


def _in_year(key: Callable[[LaunchRow], Any], launch: LaunchRow) -> Any:
    group = key(launch)
    return None if group is None or launch.net is None else (group, year_of(launch.net))


def attempt_ordinals(snapshot: Snapshot | None = None) -> int:
    """`orbital_`, `location_`, `pad_` and `agency_launch_attempt_count` of each launch, and their
    `_year` variants.

    The count of a launch is the number of launches in its group - every launch for `orbital_`
    (sub-orbital launches excluded), its pad's location for `location_`, its pad for `pad_`, its
    launch service provider for `agency_` - whose NET is at or before its NET, **whatever their
    status**: an upcoming launch is numbered after the launches scheduled before it. Launches with
    equal NET share the same, highest number. `_year` counts only launches whose NET falls in the
    same calendar year (UTC).

    A launch without NET, or outside the group (no pad, no location, no provider), gets null; so
    does a sub-orbital launch for the two `orbital_` figures.

    Evidence: LL2 2.3.0 numbers three launches all at 2024-10-31T00:00Z `orbital_launch_attempt_count`
    6785 each, and a TBC launch on SLC-40 (pad total 263) `pad_launch_attempt_count` 264, the next
    one 265 (data/ll2-2.3.0/launches.normal.json); the Space Launch Now server counted
    `net__lte=self.net`.
    """
    snapshot = snapshot or Snapshot()
    launches = list(snapshot.launches.values())
    values: dict[Any, dict[str, int | None]] = defaultdict(dict)
    for name, key in ORDINALS.items():
        for suffix, grouping in (
            ("", key),
            ("_year", lambda launch, key=key: _in_year(key, launch)),
        ):
            for pk, count in _ordinals(launches, grouping).items():
                values[pk][name + suffix] = count
    fields = [name + suffix for name in ORDINALS for suffix in ("", "_year")]
    return store(Launch, values, fields)


def pad_turnaround(snapshot: Snapshot | None = None) -> int:
    """`pad_turnaround` of each launch: its NET minus the NET of the latest launch from the same pad
    with an earlier NET, whatever its status (the same launches the pad ordinal counts). Launches
    with equal NET are not each other's previous launch. Null for a pad's first launch, or without
    pad or NET."""
    snapshot = snapshot or Snapshot()
    by_pad: dict[Any, list[LaunchRow]] = defaultdict(list)
    for launch in snapshot.launches_in_order:
        if launch.pad is not None and launch.net is not None:
            by_pad[launch.pad].append(launch)
    values: dict[Any, dict[str, Any]] = {}
    for launches in by_pad.values():
        previous_net = None
        for _net, same_net in groupby(launches, key=lambda launch: launch.net):
            same_net = list(same_net)
            for launch in same_net:
                if previous_net is not None:
                    values[launch.id] = {"pad_turnaround": launch.net - previous_net}
            previous_net = same_net[0].net
    return store(Launch, values, ["pad_turnaround"])
