"""`openll mirror --watch`: keep the local copy of an upstream fresh within a call budget.

The budget (budget.py) is `--budget 15/hour`, or by default the upstream's own limit from its
/api-throttle/ (which LL2 does not count). No window ever holds more calls than the budget,
retries and rate-limit waits included.

Newest first. A *news cycle* reads what changes by the hour: launches and events changed since the
last cycle (`last_updated__gte`, minus a margin for clock skew; everything the first time) and the
upcoming launches and events, then asks by id for a few objects that left a list (below). Cycles
come every `interval()`: as often as half the budget allows, at most 60 a window (a minute apart on
an hourly budget), one a window when half the budget is less than one cycle. Between cycles the
budget left over goes page by page to the other endpoints (the *walk*), always to the page fetched
longest ago (never fetched first): round-robin over the pages of every list, so that each page is
fetched as often as any other, a list of 200 pages taking its share without holding up the small
ones. A walk call is made only if every cycle to come while it counts still has room for what the
last cycle cost.

Everything the watcher knows is in the database (models MirrorWatch, MirrorFeed, MirrorSeen,
MirrorCheck, MirrorCall): each page is imported, and its feed's cursor moved, in one transaction,
so a watcher killed at any moment restarts where it stopped and fetches at most the page it was
fetching again.

Deletions. The ids each pass of a list finds are noted (MirrorSeen). When a clean pass (no page
skipped) of the upcoming launches or events ends, local upcoming objects it did not list are asked
for by id; so are, at the end of a walk's clean pass, local objects of that endpoint it did not
list, but for those made here after the pass started (by news: LL2's ids count up, and an id
higher than any at the start was not there to be listed). A 404 deletes the local copy (logged);
any other answer keeps it (a 200 is imported). A pass that lists many objects fewer than the
local copy has asks nothing (MAX_GONE_SHARE): that is an upstream whose list hides objects, not
one that deleted them.

The planner (`next_action`) is pure: it reads a WatchState and a Budget and says what to do next;
the Watcher does it over HTTP and in the database, and bench/mirror_freshness.py replays it with a
fake clock to tell how fresh each kind of object stays.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import httpx
import orjson
from django.db import DatabaseError, transaction
from django.db.models import Max

from openll.api.declaration import endpoints
from openll.api.rates import Rate

from . import documents
from .budget import MARGIN_SECS, Budget, DatabaseLog, parse_budget, rate_of
from .errors import ImportRejected
from .importer import CREATED, UPDATED, FileImport, ImportReport, reset_sequences
from .mirror import (
    MODE_PREFERENCE,
    PAGE_SIZE,
    SINCE_FILTER,
    SINCE_MARGIN,
    TRIES,
    GaveUp,
    Upstream,
    _next_offset,
    fetch,
    limit_wait_secs,
    targets,
)

logger = logging.getLogger(__name__)

NEWS_SINCE = ("launches", "events")  # asked what changed since the last cycle
NEWS_LISTS = ("launches/upcoming", "events/upcoming")  # read whole every cycle
NEWS_SHARE = 0.5  # of the budget, for news cycles
CYCLES_PER_WINDOW = 60  # news cycles in the budget's period, at most (a minute apart per hour)
CHECKS_PER_CYCLE = 5  # objects asked for by id in one cycle, at most
CHECK_TRIES = 3  # answers other than 200 or 404 before a check is dropped
MAX_GONE_SHARE = 0.2  # a pass missing more than this share of the local objects deletes nothing
# The budget when the upstream has no limit and none is given: LL2's free tier.
DEFAULT_BUDGET = "15/hour"

NEWS, WALK = "news", "walk"


# --------------------------------------------------------------------------- what is read


@dataclass(frozen=True)
class FeedSpec:
    key: str  # "news:launches", "news:launches/upcoming", "walk:agencies"
    path: str  # the list, e.g. "launches/upcoming"
    mode: str | None
    kind: str  # "since" (last_updated__gte), "list" (a news list) or "walk"
    order: int

    @property
    def group(self) -> str:
        return WALK if self.kind == "walk" else NEWS

    @property
    def object_path(self) -> str:
        """The endpoint whose `{id}/` answers for the objects of this list."""
        return self.path.split("/")[0] if self.path in NEWS_LISTS else self.path


def _fullest_mode(path: str) -> str | None:
    modes = endpoints()[path].modes
    return next((m for m in MODE_PREFERENCE if m in modes), None)


@cache
def feed_specs() -> tuple[FeedSpec, ...]:
    news = [FeedSpec(f"news:{p}", p, _fullest_mode(p), "since", 0) for p in NEWS_SINCE]
    news += [FeedSpec(f"news:{p}", p, _fullest_mode(p), "list", 0) for p in NEWS_LISTS]
    walk = [t for t in targets() if t.path not in NEWS_SINCE]
    specs = [FeedSpec(s.key, s.path, s.mode, s.kind, i) for i, s in enumerate(news)]
    specs += [FeedSpec(f"walk:{t.path}", t.path, t.mode, "walk", len(news) + i) for i, t in enumerate(walk)]
    return tuple(specs)


# --------------------------------------------------------------------------- state and planning


@dataclass
class FeedState:
    spec: FeedSpec
    offset: int = 0
    count: int | None = None
    since: float | None = None
    pass_started_at: float | None = None
    pass_clean: bool = True
    done_cycle: float | None = None
    last_fetch_at: float | None = None
    last_pass_at: float | None = None
    last_error: str = ""
    last_error_at: float | None = None
    pages: int = 0
    deleted: int = 0
    page_times: list[float] = field(default_factory=list)  # when each page was last fetched
    pass_max_id: int | None = None  # the highest local id when the pass started

    def cursor_fetched_at(self) -> float | None:
        """When the page at the cursor was last fetched (None: never)."""
        index = self.offset // PAGE_SIZE
        return self.page_times[index] if index < len(self.page_times) else None

    def fetched_page(self, now: float) -> None:
        """The page at the cursor was fetched now."""
        index = self.offset // PAGE_SIZE
        times = list(self.page_times) + [None] * max(0, index + 1 - len(self.page_times))
        times[index] = now
        self.page_times = times

    FIELDS = (
        "offset",
        "count",
        "since",
        "pass_started_at",
        "pass_clean",
        "done_cycle",
        "last_fetch_at",
        "last_pass_at",
        "last_error",
        "last_error_at",
        "pages",
        "deleted",
        "page_times",
        "pass_max_id",
    )


@dataclass
class WatchState:
    feeds: dict[str, FeedState]
    cycle_started_at: float | None = None
    next_news_at: float = 0.0
    news_cost: int = 0
    news_secs: float = 0.0  # how long the last news cycle took
    cycles: int = 0
    checks_in_cycle: int = 0
    checks: list[tuple[str, str]] = field(default_factory=list)  # (endpoint, id), oldest first

    @classmethod
    def fresh(cls) -> WatchState:
        return cls({spec.key: FeedState(spec) for spec in feed_specs()})

    def news(self) -> list[FeedState]:
        return [f for f in self.feeds.values() if f.spec.group == NEWS]

    def walk(self) -> list[FeedState]:
        return [f for f in self.feeds.values() if f.spec.group == WALK]

    def reserve(self) -> int:
        """Calls the next news cycle is expected to take."""
        return max(self.news_cost, len(self.news()))


def interval(rate: Rate, news_cost: int) -> float:
    """Seconds from one news cycle's start to the next: k cycles a window, k as large as half the
    budget allows (one at least), the margin added so that a cycle's calls have left the window
    when the cycle one window later starts."""
    per_window = max(1, math.floor(rate.requests * NEWS_SHARE / max(news_cost, len(NEWS_SINCE + NEWS_LISTS))))
    return rate.seconds / min(per_window, CYCLES_PER_WINDOW) + MARGIN_SECS


@dataclass(frozen=True)
class Action:
    what: str  # "start" (a news cycle), "page", "check", "finish" (the cycle), "sleep"
    feed: FeedState | None = None
    check: tuple[str, str] | None = None
    seconds: float = 0.0
    then: Action | None = None  # what a sleep waits for

    def describe(self) -> str:
        if self.what == "sleep":
            return self.then.describe() if self.then else "nothing"
        if self.what == "start":
            return "a news cycle: " + ", ".join(s.path for s in feed_specs() if s.group == NEWS)
        if self.what == "page":
            spec = self.feed.spec
            since = " changed since the last cycle" if spec.kind == "since" and self.feed.since else ""
            return f"{spec.path}{since} offset {self.feed.offset} ({spec.group})"
        if self.what == "check":
            return f"{self.check[0]}/{self.check[1]}/ (left its list: still there?)"
        return "the end of the news cycle"


def next_action(state: WatchState, budget: Budget, now: float) -> Action:
    """What the watcher does next (pure: reads the state and the budget, changes nothing)."""
    if state.cycle_started_at is None and now >= state.next_news_at:
        return Action("start")
    if state.cycle_started_at is not None:
        feed = next((f for f in state.news() if f.done_cycle != state.cycle_started_at), None)
        if feed is not None:
            wanted = Action("page", feed)
        elif state.checks and state.checks_in_cycle < CHECKS_PER_CYCLE:
            wanted = Action("check", check=state.checks[0])
        else:
            return Action("finish")
        wait = budget.wait(now)
        return wanted if wait <= 0 else Action("sleep", seconds=wait, then=wanted)
    # Between cycles: the walk, if the next cycle keeps room for what it will cost.
    feed = min(state.walk(), key=lambda f: (f.cursor_fetched_at() or 0.0, f.spec.order))
    due = state.next_news_at
    allowed, wake = budget.keeps_room(
        now, due, interval(budget.rate, state.news_cost), state.reserve(), state.news_secs
    )
    if allowed:
        return Action("page", feed)
    then = Action("page", feed) if wake < due else Action("start")
    return Action("sleep", seconds=max(wake - now, 0.001), then=then)


# --------------------------------------------------------------------------- clocks


class RealClock:
    """time.time, and sleeps that stop() cuts short."""

    def __init__(self) -> None:
        self.stopped = threading.Event()

    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        self.stopped.wait(max(0.0, seconds))

    def stop(self) -> None:
        self.stopped.set()


class FakeClock:
    """A clock that sleeping moves (tests, the simulation)."""

    def __init__(self, start: float = 0.0):
        self.time = start
        self.slept: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.time += max(0.0, seconds)

    def stop(self) -> None:
        pass


def when(moment: float | None) -> str:
    if moment is None:
        return "never"
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _iso(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- the database side


def load_state(base: str, write: bool = True) -> WatchState:
    """The watcher's state for this upstream, as the database holds it (rows made on first use,
    unless `write` is False: then the upstream must have a MirrorWatch row)."""
    from .models import MirrorCheck, MirrorFeed, MirrorWatch

    watch = (
        MirrorWatch.objects.get_or_create(upstream=base)[0]
        if write
        else MirrorWatch.objects.get(upstream=base)
    )
    state = WatchState.fresh()
    rows = {row.key: row for row in MirrorFeed.objects.filter(upstream=base)}
    if write:
        missing = [MirrorFeed(upstream=base, key=key) for key in state.feeds if key not in rows]
        MirrorFeed.objects.bulk_create(missing, ignore_conflicts=True)
    for key, feed in state.feeds.items():
        row = rows.get(key)
        if row is not None:
            for name in FeedState.FIELDS:
                setattr(feed, name, getattr(row, name))
    state.cycle_started_at = watch.cycle_started_at
    state.next_news_at = watch.next_news_at
    state.news_cost = watch.news_cost
    state.news_secs = watch.news_secs
    state.cycles = watch.cycles
    state.checks_in_cycle = watch.checks_in_cycle
    state.checks = list(MirrorCheck.objects.filter(upstream=base).values_list("path", "object_id"))
    return state


def save_feed(base: str, feed: FeedState) -> None:
    from .models import MirrorFeed

    MirrorFeed.objects.filter(upstream=base, key=feed.spec.key).update(
        **{name: getattr(feed, name) for name in FeedState.FIELDS}
    )


def save_watch(base: str, state: WatchState, now: float, budget: str | None = None) -> None:
    from .models import MirrorWatch

    fields = {
        "cycle_started_at": state.cycle_started_at,
        "next_news_at": state.next_news_at,
        "news_cost": state.news_cost,
        "news_secs": state.news_secs,
        "cycles": state.cycles,
        "checks_in_cycle": state.checks_in_cycle,
        "seen_at": now,
    }
    if budget is not None:
        fields["budget"] = budget
    MirrorWatch.objects.filter(upstream=base).update(**fields)


def highest_id(spec: FeedSpec) -> int | None:
    """The highest id of the list's local objects, when ids are integers (LL2 counts them up: an
    object made after this is not expected in a pass that started before)."""
    model = endpoints()[spec.path].model
    if model._meta.pk.get_internal_type() not in ("AutoField", "BigAutoField", "IntegerField"):
        return None
    return model._default_manager.aggregate(top=Max("pk"))["top"]


def local_ids(spec: FeedSpec) -> set[str]:
    """The ids of the local objects this list should show (the upcoming ones for an upcoming
    list: the same scope the local API applies)."""
    endpoint = endpoints()[spec.path]
    queryset = endpoint.model._default_manager.all()
    if spec.kind == "list":  # the upcoming window (other scopes only order a list)
        queryset = endpoint.scope(queryset, None)
    return {str(pk) for pk in queryset.values_list("pk", flat=True)}


# --------------------------------------------------------------------------- the watcher


class Stopped(Exception):
    """Asked to stop before the next call."""


@dataclass
class CycleTally:
    calls: int = 0
    created: int = 0


class Watcher:
    """Runs the plan against an upstream: HTTP through the budget, pages through the importer."""

    def __init__(
        self,
        from_url: str,
        token: str | None = None,
        budget: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: RealClock | FakeClock | None = None,
    ):
        self.base = from_url.rstrip("/")
        self.clock = clock or RealClock()
        self.upstream = Upstream(self.base, token, transport, self.clock.sleep)
        self.given_budget = parse_budget(budget) if budget else None
        self.budget: Budget | None = None
        self.state: WatchState | None = None
        self.stopping = False
        self.tally = CycleTally()
        self.calls = 0  # sent by this watcher (retries included)
        self.refused = 0  # 429s received

    # -- control

    def stop(self) -> None:
        """End after the page under way (safe from a signal handler)."""
        self.stopping = True
        self.clock.stop()

    def close(self) -> None:
        self.upstream.close()

    def run(self, until: Callable[[Watcher], bool] | None = None) -> None:
        """Keep the copy fresh until stop() (or `until(self)` is true between two steps)."""
        self.start()
        try:
            while not self.stopping and not (until and until(self)):
                self.step()
        except Stopped:
            pass
        finally:
            if self.tally.created:
                reset_sequences()
                self.tally.created = 0

    def start(self) -> None:
        if self.state is not None:
            return
        self.state = load_state(self.base)
        rate = self.given_budget or self.upstream_rate(self.upstream.throttle())
        self.budget = Budget(rate, DatabaseLog(self.base))
        save_watch(self.base, self.state, self.clock.now(), rate.text)
        logger.info(
            "watching %s within %s (%d call(s) in the current window)",
            self.base,
            rate.text,
            self.budget.used(self.clock.now()),
        )

    def upstream_rate(self, status: dict | None) -> Rate:
        limit = (status or {}).get("your_request_limit")
        period = (status or {}).get("limit_frequency_secs")
        if isinstance(limit, int) and isinstance(period, int) and limit > 0 and period > 0:
            return rate_of(limit, period)
        logger.info("the upstream reports no limit: using %s (set one with --budget)", DEFAULT_BUDGET)
        return parse_budget(DEFAULT_BUDGET)

    def step(self) -> None:
        action = next_action(self.state, self.budget, self.clock.now())
        if action.what == "sleep":
            self.clock.sleep(action.seconds)
        elif action.what == "start":
            self.start_cycle()
        elif action.what == "finish":
            self.finish_cycle()
        elif action.what == "page":
            self.page(action.feed)
        elif action.what == "check":
            self.check(*action.check)

    # -- news cycles

    def start_cycle(self) -> None:
        now = self.clock.now()
        status = self.upstream.throttle()  # free
        if self.given_budget is None and status is not None:
            rate = self.upstream_rate(status)
            if rate != self.budget.rate:
                logger.info("the upstream's limit is now %s", rate.text)
                self.budget.rate = rate
        self.budget.observe(status, now)
        if self.budget.others:
            logger.info("the upstream counts %d call(s) not ours in its window", self.budget.others)
        self.state.cycle_started_at = now
        self.state.checks_in_cycle = 0
        self.tally.calls = 0
        save_watch(self.base, self.state, now, self.budget.rate.text)

    def finish_cycle(self) -> None:
        state, now = self.state, self.clock.now()
        state.news_cost = self.tally.calls
        state.news_secs = now - state.cycle_started_at
        state.next_news_at = state.cycle_started_at + interval(self.budget.rate, state.news_cost)
        logger.info(
            "news cycle %d: %d call(s) in %.0f s; next at %s",
            state.cycles + 1,
            self.tally.calls,
            now - state.cycle_started_at,
            when(state.next_news_at),
        )
        state.cycle_started_at = None
        state.cycles += 1
        save_watch(self.base, state, now)
        if self.tally.created:
            reset_sequences()
            self.tally.created = 0

    # -- HTTP within the budget

    def call(self, url: str, params: dict) -> tuple[httpx.Response | None, str]:
        """GET through the budget, with the mirror's retries: (response, "") or (None, why)."""
        try:
            response = fetch(
                lambda: self.send(url, params),
                url,
                sleep=self.clock.sleep,
                wait_for_limit=self.wait_for_limit,
            )
        except GaveUp as exc:
            return None, exc.why
        if response.status_code >= 500:  # fetch tried it TRIES times
            return None, f"HTTP {response.status_code} ({TRIES} tries)"
        return response, ""

    def send(self, url: str, params: dict) -> httpx.Response:
        """One try, once the budget has room: every try is a call."""
        while True:
            if self.stopping:
                raise Stopped
            wait = self.budget.wait(self.clock.now())
            if wait <= 0:
                break
            self.clock.sleep(wait)
        call = self.budget.spend(self.clock.now())
        self.calls += 1
        self.tally.calls += 1
        try:
            response = self.upstream.http.get(url, params=params)
        finally:  # a network error ends the call as an answer does
            self.budget.answered(call, self.clock.now())
        if response.status_code == 429:
            self.refused += 1
        return response

    def wait_for_limit(self, response: httpx.Response) -> None:
        """Someone else spent the upstream's limit: learn how much and wait for it."""
        status = self.upstream.throttle()
        self.budget.observe(status, self.clock.now())
        seconds = limit_wait_secs(response, status)
        logger.warning("the upstream refused a call (429): waiting %.0f s", seconds)
        self.clock.sleep(seconds)

    # -- pages

    def page(self, feed: FeedState) -> None:
        spec, now = feed.spec, self.clock.now()
        params: dict = {"limit": PAGE_SIZE, "offset": feed.offset}
        if spec.mode:
            params["mode"] = spec.mode
        if spec.kind == "since" and feed.since is not None:
            params[SINCE_FILTER] = _iso(feed.since)
        if feed.pass_started_at is None:
            feed.pass_started_at = now
            feed.pass_max_id = highest_id(spec) if spec.kind == "walk" else None
        response, error = self.call(f"{self.base}/{spec.path}/", params)
        source = f"{self.base}/{spec.path}/ offset {feed.offset}"
        if response is not None:
            source = str(response.url)
        data = None
        if response is not None and response.status_code != 200:
            error = f"HTTP {response.status_code}"
        elif response is not None:
            try:
                data = orjson.loads(response.content)
            except orjson.JSONDecodeError as exc:
                error = f"invalid JSON ({exc})"
        now = self.clock.now()
        report = ImportReport()
        ids: list[str] = []
        with transaction.atomic():
            if not error:
                try:
                    with transaction.atomic():  # a rejected page leaves nothing behind
                        doc = documents.from_page(data, source, f"/{spec.path}/", spec.mode)
                        FileImport(doc, report).run()
                    ids = [str(obj["id"]) for obj in doc.objects if isinstance(obj, dict) and "id" in obj]
                except (ImportRejected, DatabaseError) as exc:  # the page's savepoint is rolled back
                    error = str(exc)
                    report = ImportReport()
            if isinstance(data, dict) and isinstance(data.get("count"), int):
                feed.count = data["count"]  # also of a page skipped for a value it holds
            feed.last_fetch_at = now
            feed.fetched_page(now)
            feed.pages += 1
            if error:
                logger.warning("%s: skipped: %s", source, error)
                feed.last_error, feed.last_error_at, feed.pass_clean = error, now, False
                following = feed.offset + PAGE_SIZE
                if feed.count is None or following >= feed.count:
                    following = None
            else:
                following = _next_offset(data.get("next"))
                if spec.kind != "since":
                    self.note_seen(spec, ids)
            totals = Counter()
            for counts in report.counts.values():
                totals.update(counts)
            self.tally.created += totals[CREATED]
            if totals[CREATED] or totals[UPDATED]:
                logger.info(
                    "%s offset %d: %d object(s), %d created, %d updated",
                    spec.path,
                    feed.offset,
                    len(ids),
                    totals[CREATED],
                    totals[UPDATED],
                )
            if following is None:
                self.end_pass(feed, now)
            else:
                feed.offset = following
            save_feed(self.base, feed)

    def note_seen(self, spec: FeedSpec, ids: list[str]) -> None:
        from .models import MirrorSeen

        MirrorSeen.objects.bulk_create(
            [MirrorSeen(upstream=self.base, key=spec.key, object_id=i) for i in ids], ignore_conflicts=True
        )

    def end_pass(self, feed: FeedState, now: float) -> None:
        """The list's last page is in: note what it left out, start the next pass."""
        from .models import MirrorSeen

        spec = feed.spec
        if spec.kind == "since":
            if feed.pass_clean:
                feed.since = feed.pass_started_at - SINCE_MARGIN.total_seconds()
        elif feed.pass_clean:
            listed = MirrorSeen.objects.filter(upstream=self.base, key=spec.key)
            seen = set(listed.values_list("object_id", flat=True))
            local = local_ids(spec)
            gone = sorted(local - seen)
            if feed.pass_max_id is not None:  # made here during the pass (news): not listed yet
                gone = [i for i in gone if not i.isdigit() or int(i) <= feed.pass_max_id]
            if gone and len(gone) > max(2, MAX_GONE_SHARE * len(local)):
                logger.warning(
                    "%s: %d of %d local object(s) not listed upstream: too many to be deletions, not asked",
                    spec.path,
                    len(gone),
                    len(local),
                )
            elif gone:
                self.add_checks(spec, gone)
        MirrorSeen.objects.filter(upstream=self.base, key=spec.key).delete()
        feed.page_times = feed.page_times[: feed.offset // PAGE_SIZE + 1]  # the list may have shrunk
        if spec.group == NEWS:
            feed.done_cycle = self.state.cycle_started_at
        feed.offset = 0
        feed.pass_started_at = None
        feed.pass_clean = True
        feed.last_pass_at = now

    def add_checks(self, spec: FeedSpec, gone: list[str]) -> None:
        from .models import MirrorCheck

        path = spec.object_path
        logger.info("%s: %d local object(s) not listed upstream, to ask for by id", spec.path, len(gone))
        MirrorCheck.objects.bulk_create(
            [MirrorCheck(upstream=self.base, path=path, object_id=i, reason=spec.key) for i in gone],
            ignore_conflicts=True,
        )
        self.state.checks = list(
            MirrorCheck.objects.filter(upstream=self.base).values_list("path", "object_id")
        )

    # -- deletions

    def check(self, path: str, object_id: str) -> None:
        """Ask for one object that left a list: a 404 deletes the local copy, a 200 refreshes it."""
        from .models import MirrorCheck

        response, error = self.call(f"{self.base}/{path}/{object_id}/", {})
        now = self.clock.now()
        endpoint = endpoints()[path]
        rows = MirrorCheck.objects.filter(upstream=self.base, path=path, object_id=object_id)
        row = rows.first()
        feed = self.state.feeds.get(row.reason) if row is not None else None
        with transaction.atomic():
            done = True
            if response is not None and response.status_code == 404:
                found = endpoint.model._default_manager.filter(pk=object_id)
                names = [str(obj) for obj in found]
                found.delete()
                if names:
                    logger.warning("deleted %s %s (%s): the upstream answers 404", path, object_id, names[0])
                    if feed is not None:
                        feed.deleted += 1
            elif response is not None and response.status_code == 200:
                try:
                    with transaction.atomic():
                        data = orjson.loads(response.content)
                        doc = documents.Document(str(response.url), [data], f"/{path}/", True, None, None)
                        report = ImportReport()
                        FileImport(doc, report).run()
                except (ImportRejected, DatabaseError, orjson.JSONDecodeError) as exc:
                    error = str(exc)
            else:
                error = error or f"HTTP {response.status_code}"
            if error:
                tries = (row.tries if row is not None else 0) + 1
                done = tries >= CHECK_TRIES
                logger.warning("%s/%s/: %s%s", path, object_id, error, " (dropped)" if done else "")
                rows.update(tries=tries)
                if feed is not None:
                    feed.last_error, feed.last_error_at = f"{path}/{object_id}/: {error}", now
            if done:
                rows.delete()
            if feed is not None:
                save_feed(self.base, feed)
            self.state.checks = [c for c in self.state.checks if c != (path, object_id)] + (
                [] if done else [(path, object_id)]
            )
            self.state.checks_in_cycle += 1
            save_watch(self.base, self.state, now)


def watch(
    from_url: str,
    token: str | None = None,
    budget: str | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
    clock: RealClock | FakeClock | None = None,
    until: Callable[[Watcher], bool] | None = None,
) -> Watcher:
    """Run a watcher until it is stopped (or `until(watcher)`); returns it (its counters)."""
    watcher = Watcher(from_url, token, budget, transport=transport, clock=clock)
    try:
        watcher.run(until)
    finally:
        watcher.close()
    return watcher


# --------------------------------------------------------------------------- visible state


def ago(moment: float | None, now: float) -> str:
    if moment is None:
        return "never"
    seconds = now - moment
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 120:
        text = f"{seconds:.0f} s"
    elif seconds < 7200:
        text = f"{seconds / 60:.0f} min"
    elif seconds < 172800:
        text = f"{seconds / 3600:.1f} h"
    else:
        text = f"{seconds / 86400:.1f} days"
    return f"in {text}" if future else f"{text} ago"


def watch_status(base: str, now: float | None = None) -> dict:
    """What the watcher of `base` did last and will do next, as data (the health endpoint's field
    and `openll mirror --status`)."""
    from .models import MirrorWatch

    now = time.time() if now is None else now
    row = MirrorWatch.objects.get(upstream=base)
    state = load_state(base, write=False)
    rate = parse_budget(row.budget or DEFAULT_BUDGET)
    budget = Budget(rate, DatabaseLog(base))
    action = next_action(state, budget, now)
    return {
        "upstream": base,
        "budget": rate.text,
        "calls_in_window": budget.used(now),
        "last_active": _iso(row.seen_at) if row.seen_at else None,
        "news_cycles": state.cycles,
        "news_cycle_started": _iso(state.cycle_started_at) if state.cycle_started_at else None,
        "next_news_cycle": _iso(state.next_news_at),
        "next_call": action.describe(),
        "next_call_at": _iso(now + (action.seconds if action.what == "sleep" else 0.0)),
        "pending_checks": len(state.checks),
        "endpoints": {
            feed.spec.key: {
                "last_fetch": _iso(feed.last_fetch_at) if feed.last_fetch_at else None,
                "offset": feed.offset,
                "count": feed.count,
                "deleted": feed.deleted,
                "last_error": feed.last_error or None,
            }
            for feed in state.feeds.values()
        },
    }


def mirror_health() -> list[dict] | None:
    """The health endpoint's `mirror` field: each watched upstream's state (None: no watcher has
    run here). Reads only."""
    from .models import MirrorWatch

    bases = list(MirrorWatch.objects.order_by("id").values_list("upstream", flat=True))
    return [watch_status(base) for base in bases] or None


HEADER = f"{'endpoint':<44} {'last fetch':>13} {'cursor':>11} {'last pass':>13} {'deleted':>7}  last error"


def status_lines(base: str | None = None, now: float | None = None) -> list[str]:
    """`openll mirror --status`: per watched upstream (or the one named), the budget, the next
    call, and per endpoint the last fetch, the cursor, deletions and the last error."""
    from .models import MirrorWatch

    now = time.time() if now is None else now
    rows = MirrorWatch.objects.order_by("id")
    if base is not None:
        rows = rows.filter(upstream=base.rstrip("/"))
    if not rows:
        return [f"no watcher has run{f' for {base}' if base else ''}: start one with `openll mirror --watch`"]
    lines: list[str] = []
    for row in rows:
        state = load_state(row.upstream)
        rate = parse_budget(row.budget or DEFAULT_BUDGET)
        budget = Budget(rate, DatabaseLog(row.upstream))
        action = next_action(state, budget, now)
        at = now + (action.seconds if action.what == "sleep" else 0.0)
        cycle = (
            f"news cycle under way since {when(state.cycle_started_at)}"
            if state.cycle_started_at
            else f"next news cycle {ago(state.next_news_at, now)} ({when(state.next_news_at)})"
        )
        lines += [
            f"watch of {row.upstream}",
            f"  budget {rate.text}: {budget.used(now)} call(s) in the current window, "
            f"{budget.room(now)} left; last active {ago(row.seen_at, now)}",
            f"  {state.cycles} news cycle(s) done; {cycle}; every {interval(rate, state.news_cost):.0f} s",
            f"  next call: {action.describe()}, {ago(at, now) if at > now + 1 else 'now'}",
            f"  objects to ask for by id: {len(state.checks)}",
            "  " + HEADER,
        ]
        for feed in state.feeds.values():
            cursor = f"{feed.offset}/{feed.count if feed.count is not None else '?'}"
            error = f"{feed.last_error} ({ago(feed.last_error_at, now)})" if feed.last_error else ""
            lines.append(
                f"  {feed.spec.key:<44} {ago(feed.last_fetch_at, now):>13} {cursor:>11} "
                f"{ago(feed.last_pass_at, now):>13} {feed.deleted:>7}  {error}"
            )
    return lines
