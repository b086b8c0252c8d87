"""Astronauts and spacewalks. Statuses as in `openll.stats.common`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from openll.catalog.models import (
    Astronaut,
    AstronautFlights,
    AstronautLandings,
    AstronautSpacewalks,
    SpacecraftFlight,
    Spacewalk,
)

from .common import LAUNCHED, Snapshot, store
from .spacecraft import REACHED_SPACE


def spacewalk_durations(snapshot: Snapshot | None = None) -> int:
    """Spacewalk `duration`: `end` minus `start`; null while either is unknown."""
    values = {
        pk: {"duration": end - start}
        for pk, start, end in Spacewalk.objects.filter(start__isnull=False, end__isnull=False).values_list(
            "id", "start", "end"
        )
    }
    return store(Spacewalk, values, ["duration"])


def _age(born: dt.date | None, died: dt.date | None, today: dt.date) -> int | None:
    if born is None:
        return None
    until = died or today
    return until.year - born.year - ((until.month, until.day) < (born.month, born.day))


def astronauts(snapshot: Snapshot | None = None) -> int:
    """Astronaut `flights_count`, `first_flight`, `last_flight`, `landings_count`,
    `spacewalks_count`, `eva_time`, `time_in_space`, `in_space`, `age`.

    - A **flight** is a launched launch (statuses 3, 4, 6, 7, 9) on which the astronaut is in the
      `launch_crew` of a spacecraft flight, or which is listed in the astronaut's own `flights`;
      `flights_count` counts them, `first_flight` / `last_flight` are the first and last NETs.
    - A **landing** is a spacecraft flight with the astronaut in its `landing_crew` (or listed in the
      astronaut's `landings`) whose `mission_end` is not in the future (unknown counts); `landings_count`
      counts them.
    - A **spacewalk** lists the astronaut in its `crew` (or is in the astronaut's `spacewalks`) and
      has started; `spacewalks_count` counts them, `eva_time` sums their `end - start`.
    - `time_in_space`: each flight that reached space (3, 6, 7, 9) lasts from its NET to the first
      of the astronaut's landings (`mission_end`) after it and before the next flight; without such
      a landing, to the `mission_end` of the spacecraft flight launched on; without that, if it is
      the last flight, to now (and the astronaut is `in_space`), else it is left out.
    - `age`: whole years from `date_of_birth` to `date_of_death`, or to today (UTC).
    """
    snapshot = snapshot or Snapshot()
    now = snapshot.now
    zero = dt.timedelta(0)

    flights: dict[Any, dict[Any, Any]] = defaultdict(dict)  # astronaut -> launch id -> own mission_end
    for astronaut, launch, end in SpacecraftFlight.objects.filter(
        launch_crew__astronaut__isnull=False
    ).values_list("launch_crew__astronaut_id", "launch_id", "mission_end"):
        flights[astronaut][launch] = end
    for astronaut, launch in AstronautFlights.objects.values_list("astronaut_id", "launch_id"):
        flights[astronaut].setdefault(launch, None)

    landings: dict[Any, dict[Any, Any]] = defaultdict(dict)  # astronaut -> spacecraft flight -> mission_end
    for astronaut, flight, end in SpacecraftFlight.objects.filter(
        landing_crew__astronaut__isnull=False
    ).values_list("landing_crew__astronaut_id", "id", "mission_end"):
        landings[astronaut][flight] = end
    for astronaut, flight, end in AstronautLandings.objects.values_list(
        "astronaut_id", "spacecraftflight_id", "spacecraftflight__mission_end"
    ):
        landings[astronaut][flight] = end

    walks: dict[Any, dict[Any, tuple]] = defaultdict(dict)
    for astronaut, walk, start, end in Spacewalk.objects.filter(crew__astronaut__isnull=False).values_list(
        "crew__astronaut_id", "id", "start", "end"
    ):
        walks[astronaut][walk] = (start, end)
    for astronaut, walk, start, end in AstronautSpacewalks.objects.values_list(
        "astronaut_id", "spacewalk_id", "spacewalk__start", "spacewalk__end"
    ):
        walks[astronaut][walk] = (start, end)

    values: dict[Any, dict[str, Any]] = {}
    for pk, born, died in Astronaut.objects.values_list("id", "date_of_birth", "date_of_death"):
        flown = sorted(
            (
                (launch.net, launch.status, own_end)
                for launch_id, own_end in flights.get(pk, {}).items()
                if (launch := snapshot.launches.get(launch_id)) is not None
                and launch.status in LAUNCHED
                and launch.net is not None
            ),
            key=lambda row: row[0],
        )
        ends = sorted(end for end in landings.get(pk, {}).values() if end is not None and end <= now)
        time_in_space, in_space = zero, False
        for index, (net, status, own_end) in enumerate(flown):
            if status not in REACHED_SPACE or net > now:
                continue
            next_net = flown[index + 1][0] if index + 1 < len(flown) else None
            landed = next((end for end in ends if end >= net and (next_net is None or end <= next_net)), None)
            if landed is None and own_end is not None and own_end <= now:
                landed = own_end
            if landed is None and next_net is None:
                in_space, landed = True, now
            if landed is not None:
                time_in_space += max(landed - net, zero)
        started = [
            (start, end) for start, end in walks.get(pk, {}).values() if start is not None and start <= now
        ]
        values[pk] = {
            "flights_count": len(flown),
            "first_flight": flown[0][0] if flown else None,
            "last_flight": flown[-1][0] if flown else None,
            "landings_count": sum(1 for end in landings.get(pk, {}).values() if end is None or end <= now),
            "spacewalks_count": len(started),
            "eva_time": sum((end - start for start, end in started if end is not None), zero),
            "time_in_space": time_in_space,
            "in_space": in_space,
            "age": _age(born, died, now.astimezone(dt.UTC).date()),
        }
    fields = [
        "flights_count",
        "first_flight",
        "last_flight",
        "landings_count",
        "spacewalks_count",
        "eva_time",
        "time_in_space",
        "in_space",
        "age",
    ]
    return store(Astronaut, values, fields)
