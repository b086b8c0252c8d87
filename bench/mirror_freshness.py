"""How fresh `openll mirror --watch` keeps each kind of object: one simulated day, fake clock.

    .venv/bin/python bench/mirror_freshness.py [--budget 15/hour] [--launches 8000] [--hours 24]
                                               [--seed 1]

The watcher's own planner and call budget (openll.ingest.watch.next_action, interval;
openll.ingest.budget.Budget) decide every call; what the calls return comes from an upstream held
in memory: the lists the watcher reads, of the sizes that bench/generate.py's LL2-scale data has
(SIZES), paged by 100 as LL2 pages them, answering `last_updated__gte` and the upcoming window.
Every call takes LATENCY seconds. The local copy starts equal to the upstream; during the day the
upstream changes (CHANGES: how often upcoming launches and events are edited, a few past launches,
a little of every catalog list; launches added and deleted), at random moments (--seed).

Printed per kind of object: how many there are, the pages a full pass takes, the upstream edits of
the day and how long each took to reach the local copy (median, slowest, still waiting at the end),
and the oldest local copy at the end of the day (the time since that object was last fetched).
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PAGE = 100
LATENCY = 1.0  # seconds a call takes
DAY = 86400.0
START = 1_800_000_000.0  # the simulated clock's start (any moment will do)
# Objects a list shows in bench/generate.py's data imported into openll, with 100 and with 300
# launches (seed 7): counts of launches' own objects (landings, updates...) grow with the launches,
# the pools (agencies, astronauts, pads...) start at LL2's real counts. Sizes for other launch
# counts are drawn through these two points.
SIZES = {
    "launches": (100, 300),
    "events": (3, 8),
    "config/agency_types": (4, 4),
    "config/astronaut_roles": (3, 3),
    "config/astronaut_statuses": (9, 9),
    "config/astronaut_types": (6, 6),
    "config/celestial_body_types": (2, 2),
    "config/countries": (41, 41),
    "config/docking_locations": (0, 0),
    "config/event_types": (1, 3),
    "config/first_stage_types": (0, 0),
    "config/image_licenses": (25, 25),
    "config/image_variant_types": (2, 2),
    "config/infourl_types": (0, 0),
    "config/landing_locations": (0, 0),
    "config/landing_types": (5, 6),
    "config/languages": (0, 0),
    "config/launch_statuses": (9, 9),
    "config/launcher_statuses": (0, 0),
    "config/mission_types": (0, 0),
    "config/net_precisions": (8, 9),
    "config/notice_types": (0, 0),
    "config/orbits": (13, 13),
    "config/payload_types": (0, 0),
    "config/program_types": (5, 5),
    "config/road_closure_statuses": (0, 0),
    "config/space_station_statuses": (3, 3),
    "config/spacecraft_configuration_types": (3, 3),
    "config/spacecraft_statuses": (3, 3),
    "config/timeline_event_types": (38, 38),
    "config/vidurl_types": (0, 0),
    "spacecraft_configuration_families": (5, 5),
    "launcher_configuration_families": (10, 10),
    "docking_events": (0, 0),
    "landings": (33, 87),
    "agencies": (293, 293),
    "programs": (12, 12),
    "mission_patches": (5, 9),
    "payloads": (0, 0),
    "payload_flights": (0, 0),
    "astronauts": (520, 520),
    "spacewalks": (0, 0),
    "celestial_bodies": (2, 2),
    "locations": (68, 68),
    "pads": (248, 248),
    "spacecraft": (24, 24),
    "spacecraft_configurations": (15, 15),
    "spacecraft_flights": (6, 14),
    "space_stations": (15, 15),
    "expeditions": (2, 2),
    "updates": (235, 802),
    "launchers": (21, 21),
    "launcher_configurations": (38, 38),
}
UPCOMING_SHARE = 364 / 7583  # LL2's upcoming launches among all (bench/generate.py)
# Upstream changes a day: each upcoming launch and event edited about once, 0.2 % of past launches,
# 0.5 % of every catalog list; two launches added, one upcoming launch deleted.
CHANGES = {"upcoming": 1.0, "past": 0.002, "catalog": 0.005, "added": 2, "deleted": 1}


def sizes(launches: int) -> dict[str, int]:
    return {
        path: max(0, round(small + (large - small) * (launches - 100) / 200))
        for path, (small, large) in SIZES.items()
    }


@dataclass
class Thing:
    """An upstream object and its local copy."""

    updated: float = START - DAY  # last_updated upstream
    upcoming: bool = False
    gone_at: float | None = None  # deleted upstream
    fetched: float = START  # when the local copy was last fetched
    local: bool = True  # the local copy exists
    local_upcoming: bool = False
    waiting: list[float] = field(default_factory=list)  # upstream edits not yet fetched


class Upstream:
    def __init__(self, launches: int, hours: float, rng: random.Random):
        counts = sizes(launches)
        self.things: dict[str, dict[int, Thing]] = {path: {} for path in counts}
        for path, count in counts.items():
            for n in range(count):
                self.things[path][n] = Thing()
        for path in ("launches", "events"):
            group = self.things[path]
            for n in range(round(len(group) * UPCOMING_SHARE)):
                group[n].upcoming = group[n].local_upcoming = True
        self.changes: list[tuple[float, str, str, int]] = []  # (when, what, path, id)
        end = START + hours * 3600
        for path, group in self.things.items():
            for thing_id, thing in group.items():
                if path in ("launches", "events"):
                    rate = CHANGES["upcoming"] if thing.upcoming else CHANGES["past"]
                else:
                    rate = CHANGES["catalog"]
                for when in _poisson(rng, rate * hours / 24, START, end):
                    self.changes.append((when, "edit", path, thing_id))
        upcoming = [n for n, t in self.things["launches"].items() if t.upcoming]
        for when in _poisson(rng, CHANGES["deleted"] * hours / 24, START, end):
            self.changes.append((when, "delete", "launches", rng.choice(upcoming)))
        for k, when in enumerate(_poisson(rng, CHANGES["added"] * hours / 24, START, end)):
            self.changes.append((when, "add", "launches", len(self.things["launches"]) + k))
        self.changes.sort()
        self.applied = 0
        self.deletion_delays: list[float] = []

    def advance(self, now: float) -> None:
        while self.applied < len(self.changes) and self.changes[self.applied][0] <= now:
            when, what, path, thing_id = self.changes[self.applied]
            self.applied += 1
            group = self.things[path]
            if what == "add":
                group[thing_id] = Thing(updated=when, upcoming=True, local=False, waiting=[when])
            elif thing_id in group and group[thing_id].gone_at is None:
                thing = group[thing_id]
                if what == "delete":
                    thing.gone_at = when
                else:
                    thing.updated = when
                    thing.waiting.append(when)

    def listed(self, path: str, since: float | None) -> list[int]:
        base = path.removesuffix("/upcoming")
        ids = [n for n, t in self.things[base].items() if t.gone_at is None]
        if path.endswith("upcoming"):
            ids = [n for n in ids if self.things[base][n].upcoming]
        if since is not None:
            ids = [n for n in ids if self.things[base][n].updated >= since]
        return ids

    def fetch(self, path: str, thing_id: int, now: float) -> None:
        thing = self.things[path.removesuffix("/upcoming")][thing_id]
        thing.fetched, thing.local, thing.local_upcoming = now, True, thing.upcoming
        self.delays[path.removesuffix("/upcoming")].extend(now - w for w in thing.waiting)
        thing.waiting = []

    delays: dict[str, list[float]] = defaultdict(list)


def _poisson(rng: random.Random, mean: float, start: float, end: float) -> list[float]:
    """Moments of a Poisson process with `mean` events over [start, end)."""
    moments, now = [], start
    if mean <= 0:
        return moments
    while True:
        now += rng.expovariate(mean / (end - start))
        if now >= end:
            return moments
        moments.append(now)


def simulate(budget_text: str, launches: int, hours: float = 24, seed: int = 1) -> dict:
    """One simulated run; returns per list its figures, and the calls sent (their times)."""
    import django

    django.setup()
    from openll.ingest.budget import Budget, MemoryLog, parse_budget
    from openll.ingest.mirror import SINCE_MARGIN
    from openll.ingest.watch import CHECKS_PER_CYCLE, MAX_GONE_SHARE, WatchState, interval, next_action

    rate = parse_budget(budget_text)
    budget = Budget(rate, MemoryLog())
    state = WatchState.fresh()
    for feed in state.feeds.values():
        feed.since = START - SINCE_MARGIN.total_seconds()  # the copy was made at START
    upstream = Upstream(launches, hours, random.Random(seed))
    Upstream.delays = defaultdict(list)
    seen: dict[str, set[int]] = defaultdict(set)
    sent: list[float] = []
    now, end = START, START + hours * 3600
    cycle_calls = 0
    while now < end:
        upstream.advance(now)
        action = next_action(state, budget, now)
        if action.what == "sleep":
            now += action.seconds
            continue
        if action.what == "start":
            state.cycle_started_at, state.checks_in_cycle, cycle_calls = now, 0, 0
            continue
        if action.what == "finish":
            state.news_cost = cycle_calls
            state.news_secs = now - state.cycle_started_at
            state.next_news_at = state.cycle_started_at + interval(rate, cycle_calls)
            state.cycle_started_at = None
            state.cycles += 1
            continue
        call = budget.spend(now)
        sent.append(now)
        cycle_calls += state.cycle_started_at is not None
        now += LATENCY
        budget.answered(call, now)
        upstream.advance(now)
        if action.what == "check":
            path, thing_id = action.check
            thing = upstream.things[path][int(thing_id)]
            if thing.gone_at is not None:
                thing.local = False
                upstream.deletion_delays.append(now - thing.gone_at)
            else:
                upstream.fetch(path, int(thing_id), now)
            state.checks.remove(action.check)
            state.checks_in_cycle += 1
            assert state.checks_in_cycle <= CHECKS_PER_CYCLE
            continue
        feed = action.feed
        spec = feed.spec
        if feed.pass_started_at is None:
            feed.pass_started_at = now - LATENCY
        listed = upstream.listed(spec.path, feed.since if spec.kind == "since" else None)
        page = listed[feed.offset : feed.offset + PAGE]
        for thing_id in page:
            upstream.fetch(spec.path, thing_id, now)
        seen[spec.key].update(page)
        feed.last_fetch_at, feed.count = now, len(listed)
        feed.fetched_page(now)
        feed.pages += 1
        if feed.offset + PAGE < len(listed):
            feed.offset += PAGE
            continue
        # The pass ends (openll.ingest.watch.Watcher.end_pass).
        if spec.kind == "since":
            feed.since = feed.pass_started_at - SINCE_MARGIN.total_seconds()
        else:
            base = spec.path.removesuffix("/upcoming")
            local = {
                n
                for n, t in upstream.things[base].items()
                if t.local and (t.local_upcoming or spec.kind == "walk")
            }
            gone = sorted(local - seen[spec.key])
            if gone and len(gone) <= max(2, MAX_GONE_SHARE * len(local)):
                state.checks += [(base, str(n)) for n in gone if (base, str(n)) not in state.checks]
        seen[spec.key].clear()
        feed.page_times = feed.page_times[: feed.offset // PAGE + 1]
        if spec.group == "news":
            feed.done_cycle = state.cycle_started_at
        feed.offset, feed.pass_started_at, feed.last_pass_at = 0, None, now
    figures = {}
    for path, group in upstream.things.items():
        live = [t for t in group.values() if t.gone_at is None]
        waited = Upstream.delays[path]
        pending = [now - w for t in live for w in t.waiting]
        figures[path] = {
            "objects": len(live),
            "pages": max(1, math.ceil(len(live) / PAGE)),
            "edits": len(waited) + len(pending),
            "median": statistics.median(waited) if waited else None,
            "slowest": max(waited + pending) if waited or pending else None,
            "waiting": len(pending),
            "oldest": max((now - t.fetched for t in live), default=0.0),
        }
    return {
        "figures": figures,
        "sent": sent,
        "cycles": state.cycles,
        "interval": interval(rate, state.news_cost),
        "deletions": upstream.deletion_delays,
        "deleted": sum(1 for c in upstream.changes if c[1] == "delete"),
        "deleted_before": lambda moment: sum(
            1 for c in upstream.changes if c[1] == "delete" and c[0] < moment
        ),
        "end": now,
    }


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def report(result: dict, budget: str, launches: int, hours: float) -> list[str]:
    figures = result["figures"]
    lines = [
        f"{budget}, {launches} launches upstream, {hours:g} h simulated: {len(result['sent'])} calls, "
        f"{result['cycles']} news cycles (every {_duration(result['interval'])})",
        f"{'objects':<34} {'count':>6} {'pages':>5} {'edits':>5} {'edit→copy median':>16} "
        f"{'slowest':>8} {'waiting':>7} {'oldest copy':>11}",
    ]
    config = [f for path, f in figures.items() if path.startswith("config/")]
    rows = [(path, f) for path, f in figures.items() if not path.startswith("config/") and f["objects"]]
    rows.sort(key=lambda row: (row[0] not in ("launches", "events"), -row[1]["objects"]))
    if config:
        rows.append(
            (
                f"config/* ({len(config)} lists)",
                {
                    "objects": sum(f["objects"] for f in config),
                    "pages": sum(f["pages"] for f in config),
                    "edits": sum(f["edits"] for f in config),
                    "median": None,
                    "slowest": max((f["slowest"] for f in config if f["slowest"] is not None), default=None),
                    "waiting": sum(f["waiting"] for f in config),
                    "oldest": max(f["oldest"] for f in config),
                },
            )
        )
    for path, f in rows:
        lines.append(
            f"{path:<34} {f['objects']:>6} {f['pages']:>5} {f['edits']:>5} {_duration(f['median']):>16} "
            f"{_duration(f['slowest']):>8} {f['waiting']:>7} {_duration(f['oldest']):>11}"
        )
    deletions = result["deletions"]
    lines.append(
        f"upcoming launches deleted upstream: {result['deleted']}, deleted here: {len(deletions)}"
        + (f", after {', '.join(_duration(d) for d in deletions)}" if deletions else "")
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--budget", action="append", help="e.g. 15/hour (repeatable; default 15/hour and 210/hour)"
    )
    parser.add_argument("--launches", type=int, default=8000, help="launches upstream (default 8000)")
    parser.add_argument("--hours", type=float, default=24.0, help="simulated hours (default 24)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openll.settings")
    for budget in args.budget or ["15/hour", "210/hour"]:
        result = simulate(budget, args.launches, args.hours, args.seed)
        print("\n".join(report(result, budget, args.launches, args.hours)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
