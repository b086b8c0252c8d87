"""What every figure shares: which launch statuses mean what, one read of the rows the figures are
computed from (`Snapshot`), and the writer that stores only the values that changed (`store`).

Status rules (LL2's `/config/launch_statuses/` ids), used by every module of this package:

- **launched** (an *attempt*): Success 3, Failure 4, In Flight 6, Partial Failure 7, Payload
  Deployed 9 - the vehicle left the pad. In Flight and Payload Deployed count as attempts because
  the launch happened; its outcome is not known yet.
- **successful**: Success 3. **failed**: Failure 4 and Partial Failure 7 (as LL2's open-source
  ancestor, the Space Launch Now server, counts them).
- **pending**: Go 1, TBD 2, Hold 5, TBC 8 - not launched yet.
- A launch is **sub-orbital** when its mission's orbit is named "Suborbital" / "Sub-Orbital" or
  abbreviated "Sub"; a launch without a mission or orbit counts as orbital.

All dates are compared in UTC; a "year" is the calendar year of the NET in UTC.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import models
from django.utils import timezone

SUCCESS = frozenset({3})
FAILURE = frozenset({4, 7})
LAUNCHED = frozenset({3, 4, 6, 7, 9})
PENDING = frozenset({1, 2, 5, 8})
SUBORBITAL_NAMES = frozenset({"suborbital", "sub-orbital", "sub"})

BATCH = 500


def is_suborbital(orbit_name: str | None, orbit_abbrev: str | None) -> bool:
    return any((value or "").strip().lower() in SUBORBITAL_NAMES for value in (orbit_name, orbit_abbrev))


def year_of(moment: dt.datetime) -> int:
    return moment.astimezone(dt.UTC).year


@dataclass(frozen=True)
class LaunchRow:
    id: Any
    net: dt.datetime | None
    status: int | None
    provider: int | None
    pad: int | None
    location: int | None
    body: int | None
    config: int | None
    suborbital: bool

    @property
    def launched(self) -> bool:
        return self.status in LAUNCHED

    def order_key(self) -> tuple:
        """Launches are ordered by NET, and launches with equal NET by id (stable, arbitrary)."""
        return (self.net or dt.datetime.max.replace(tzinfo=dt.UTC), str(self.id))


@dataclass(frozen=True)
class LandingRow:
    """A landing (of a first stage, a spacecraft flight or a payload flight) with its launch."""

    id: int
    kind: str  # "stage", "spacecraft" or "payload"
    owner: int  # the FirstStage / SpacecraftFlight / PayloadFlight id
    attempt: bool | None
    success: bool | None
    landing_location: int | None
    location: int | None
    body: int | None
    launch: LaunchRow | None
    launcher: int | None = None  # first stages: the booster
    spacecraft_config: int | None = None  # spacecraft flights: the spacecraft's configuration

    @property
    def counted(self) -> bool:
        """An attempted landing counts once its launch has happened."""
        return bool(self.attempt) and self.launch is not None and self.launch.launched

    def order_key(self) -> tuple:
        launch_key = self.launch.order_key() if self.launch else (dt.datetime.max.replace(tzinfo=dt.UTC), "")
        return (*launch_key, self.owner, self.id)


@dataclass
class Snapshot:
    """The rows the figures are computed from, each read once (lazily) per run."""

    now: dt.datetime = field(default_factory=timezone.now)

    @cached_property
    def launches(self) -> dict[Any, LaunchRow]:
        from openll.catalog.models import Launch

        rows = Launch.objects.values_list(
            "id",
            "net",
            "status_id",
            "launch_service_provider_id",
            "pad_id",
            "pad__location_id",
            "pad__location__celestial_body_id",
            "rocket__configuration_id",
            "mission__orbit__name",
            "mission__orbit__abbrev",
        )
        return {
            pk: LaunchRow(pk, net, status, lsp, pad, loc, body, config, is_suborbital(orbit, abbrev))
            for pk, net, status, lsp, pad, loc, body, config, orbit, abbrev in rows.iterator(chunk_size=2000)
        }

    @cached_property
    def launches_in_order(self) -> list[LaunchRow]:
        return sorted(self.launches.values(), key=LaunchRow.order_key)

    @cached_property
    def config_families(self) -> dict[int, list[int]]:
        from openll.catalog.models import LauncherConfigFamilies

        return _grouped(LauncherConfigFamilies, "launcherconfig_id", "launcherconfigfamily_id")

    @cached_property
    def spacecraft_config_families(self) -> dict[int, list[int]]:
        from openll.catalog.models import SpacecraftConfigFamilies

        return _grouped(SpacecraftConfigFamilies, "spacecraftconfig_id", "spacecraftconfigfamily_id")

    @cached_property
    def stages(self) -> list[tuple[int, int | None, LaunchRow | None]]:
        """(first stage id, launcher id, launch) for every first stage."""
        from openll.catalog.models import FirstStage

        rows = FirstStage.objects.values_list("id", "launcher_id", "rocket__launch_id")
        return [(pk, launcher, self.launches.get(launch)) for pk, launcher, launch in rows]

    @cached_property
    def flights(self) -> list[tuple[int, int | None, LaunchRow | None, dt.datetime | None]]:
        """(spacecraft flight id, spacecraft id, launch, mission_end) for every spacecraft flight."""
        from openll.catalog.models import SpacecraftFlight

        rows = SpacecraftFlight.objects.values_list("id", "spacecraft_id", "launch_id", "mission_end")
        return [(pk, craft, self.launches.get(launch), end) for pk, craft, launch, end in rows]

    @cached_property
    def spacecraft_configs(self) -> dict[int, int | None]:
        from openll.catalog.models import Spacecraft

        return dict(Spacecraft.objects.values_list("id", "spacecraft_config_id"))

    @cached_property
    def landings(self) -> list[LandingRow]:
        from openll.catalog.models import Landing

        common = ("id", "attempt", "success", "landing_location_id", "landing_location__location_id")
        body = "landing_location__celestial_body_id"
        found: list[LandingRow] = []
        for pk, attempt, success, ll, loc, cb, owner, launch, launcher in Landing.objects.filter(
            firststage__isnull=False
        ).values_list(
            *common, body, "firststage__id", "firststage__rocket__launch_id", "firststage__launcher_id"
        ):
            found.append(
                LandingRow(
                    pk,
                    "stage",
                    owner,
                    attempt,
                    success,
                    ll,
                    loc,
                    cb,
                    self.launches.get(launch),
                    launcher=launcher,
                )
            )
        for pk, attempt, success, ll, loc, cb, owner, launch, craft in Landing.objects.filter(
            spacecraftflight__isnull=False
        ).values_list(
            *common,
            body,
            "spacecraftflight__id",
            "spacecraftflight__launch_id",
            "spacecraftflight__spacecraft_id",
        ):
            found.append(
                LandingRow(
                    pk,
                    "spacecraft",
                    owner,
                    attempt,
                    success,
                    ll,
                    loc,
                    cb,
                    self.launches.get(launch),
                    spacecraft_config=self.spacecraft_configs.get(craft),
                )
            )
        for pk, attempt, success, ll, loc, cb, owner, launch in Landing.objects.filter(
            payloadflight__isnull=False
        ).values_list(*common, body, "payloadflight__id", "payloadflight__launch_id"):
            found.append(
                LandingRow(pk, "payload", owner, attempt, success, ll, loc, cb, self.launches.get(launch))
            )
        found.sort(key=LandingRow.order_key)
        return found


def consecutive(outcomes: Iterable[bool | None]) -> int:
    """Length of the streak of successes at the end of `outcomes` (oldest first): True is a success,
    False a failure, None (outcome not known yet) is skipped."""
    streak = 0
    for outcome in outcomes:
        if outcome is True:
            streak += 1
        elif outcome is False:
            streak = 0
    return streak


def store(
    model: type[models.Model],
    values: Mapping[Any, Mapping[str, Any]],
    fields: Sequence[str],
    default: Mapping[str, Any] | None = None,
) -> int:
    """Give every row of `model` its computed `fields` (rows missing from `values` get `default`,
    None for each field unless given) and save the rows that changed, in batches. Returns how many
    rows changed."""
    default = {name: None for name in fields} | dict(default or {})
    changed = []
    for pk, *current in model.objects.values_list("pk", *fields).iterator(chunk_size=2000):
        wanted = values.get(pk, default)
        new = [wanted.get(name, default[name]) for name in fields]
        if new != current:
            changed.append(model(pk=pk, **dict(zip(fields, new, strict=True))))
    if changed:
        model.objects.bulk_update(changed, list(fields), batch_size=BATCH)
    return len(changed)


def store_links(
    through: type[models.Model],
    owner: str,
    target: str,
    links: Mapping[Any, Sequence[Any]],
    owners: Iterable[Any],
) -> int:
    """Make the ordered many-to-many list of each of `owners` equal to `links[owner]` (empty if
    missing), through the OrderedLink model `through`. Returns how many owners' lists changed."""
    current: dict[Any, list[Any]] = defaultdict(list)
    for own, tgt in through.objects.order_by("position", "pk").values_list(f"{owner}_id", f"{target}_id"):
        current[own].append(tgt)
    changed = [pk for pk in owners if list(links.get(pk, ())) != current.get(pk, [])]
    if changed:
        through.objects.filter(**{f"{owner}_id__in": changed}).delete()
        through.objects.bulk_create(
            [
                through(**{f"{owner}_id": pk, f"{target}_id": tgt, "position": position})
                for pk in changed
                for position, tgt in enumerate(links.get(pk, ()))
            ],
            batch_size=BATCH,
        )
    return len(changed)


def _grouped(link_model, key: str, value: str) -> dict[int, list[int]]:
    """key id -> the value ids linked to it, from a link table (e.g. a configuration's families)."""
    grouped: dict[int, list[int]] = defaultdict(list)
    for k, v in link_model.objects.values_list(key, value):
        grouped[k].append(v)
    return grouped
