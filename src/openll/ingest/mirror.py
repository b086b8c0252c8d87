"""Copy an upstream LL2 2.3.0 server (ll.thespacedevs.com, or another openll) into the catalog.

The walk: every declared list endpoint in its fullest mode (detailed where it has one), 100
objects a page, following `next`, each page imported through the importer. The `upcoming` and
`previous` subsets of launches and events, the Starship dashboard and /api-throttle/ are not
walked (the first are in their full lists, the others are not lists).

Incremental: after a successful run, the next one asks endpoints that have a
`last_updated__gte` filter only for what changed since that run started (minus a margin for
clock skew); the others are walked whole and the importer leaves unchanged objects as they are.
`full=True` walks everything. Objects deleted upstream are not deleted here.

Resumable: the run and its checkpoint (the next page to import) are a MirrorRun row; each page
is imported, logged as a MirrorPage and the checkpoint moved in one transaction. A run killed
anywhere restarts at the first page not imported and ends as an uninterrupted run would.

Polite: reads /api-throttle/ first (free on LL2), waits out a 429 (`Retry-After`, or
`next_use_secs` from /api-throttle/), sends `Authorization: Token KEY` when given and names
itself in its User-Agent. Network errors and 5xx are retried with a bounded backoff.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from urllib.parse import parse_qs, urlsplit

import httpx
import orjson
from django.db import DatabaseError, transaction
from django.utils import timezone

from openll import spec
from openll.api.declaration import endpoints

from . import documents
from .errors import ImportRejected
from .importer import CREATED, UNCHANGED, UPDATED, FileImport, ImportReport, reset_sequences
from .models import MirrorPage, MirrorRun

logger = logging.getLogger(__name__)

DEFAULT_UPSTREAM = "https://ll.thespacedevs.com/2.3.0"
PAGE_SIZE = 100
# Subsets of a list walked anyway (launches, events).
SUBSETS = frozenset({"launches/upcoming", "launches/previous", "events/upcoming", "events/previous"})
MODE_PREFERENCE = ("detailed", "normal", "list")
# Walked right after the config tables. A family lists its spacecraft configurations, a list
# that openll keeps in the order its links were first made (the configurations' own `family`
# lists are the other side of it): importing the families first makes them in the upstream's order.
WALK_FIRST = ("spacecraft_configuration_families", "launcher_configuration_families")
SINCE_FILTER = "last_updated__gte"
SINCE_MARGIN = dt.timedelta(minutes=10)  # the upstream's clock may differ from ours
TRIES = 5  # per request, for network errors and 5xx
MAX_BACKOFF_SECS = 30.0
MAX_LIMIT_WAITS = 20  # 429s in a row for one request before giving up
FALLBACK_LIMIT_WAIT_SECS = 60.0  # a 429 that says nothing about when to come back


class MirrorError(Exception):
    """The run cannot go on (upstream unreachable, key refused). The checkpoint is kept: running
    the mirror again resumes where this one stopped."""


def user_agent() -> str:
    try:
        version = metadata.version("openll")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"openll-mirror/{version} (self-hosted)"


@dataclass(frozen=True)
class Target:
    """One list endpoint to walk, in one mode."""

    path: str  # e.g. "launches", "config/orbits"
    mode: str | None  # None: the endpoint has no modes
    incremental: bool  # it has a `last_updated__gte` filter

    @property
    def list_path(self) -> str:
        return f"/{self.path}/"


def targets() -> list[Target]:
    """Every list endpoint the mirror walks: the config tables, WALK_FIRST, then the others, in
    declaration order."""
    found = []
    operations = spec.operations()
    for path, endpoint in endpoints().items():
        if path in SUBSETS:
            continue
        modes = endpoint.modes
        mode = next((m for m in MODE_PREFERENCE if m in modes), None)
        params = {p["name"] for p in operations[endpoint.list_path].parameters}
        found.append(Target(path, mode, SINCE_FILTER in params))
    found.sort(key=lambda t: (not t.path.startswith("config/"), t.path not in WALK_FIRST))
    return found


@dataclass
class MirrorSummary:
    upstream: str
    resumed: bool
    full: bool
    since: dt.datetime | None
    pages: int = 0
    results: int = 0
    counts: Counter = field(default_factory=Counter)  # created / updated / unchanged
    bad_pages: list[str] = field(default_factory=list)  # "launches offset 300: why"
    waits: int = 0
    waited_secs: float = 0.0
    seconds: float = 0.0

    def summary_lines(self) -> list[str]:
        scope = "everything" if self.full else f"changed since {self.since:%Y-%m-%d %H:%M} UTC"
        lines = [
            f"mirror of {self.upstream} ({scope}{', resumed' if self.resumed else ''}): "
            f"{self.pages} page(s), {self.results} object(s) listed, {self.counts[CREATED]} created, "
            f"{self.counts[UPDATED]} updated, {self.counts[UNCHANGED]} unchanged, "
            f"{self.seconds:.1f} s, {self.waits} wait(s) for the upstream's limit "
            f"({self.waited_secs:.0f} s)"
        ]
        lines += [f"skipped page: {bad}" for bad in self.bad_pages]
        return lines


class Upstream:
    """HTTP to the upstream: retries, backoff and rate-limit waits."""

    def __init__(self, base: str, token: str | None, transport, sleep: Callable[[float], None]):
        headers = {"User-Agent": user_agent(), "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        self.base = base
        self.sleep = sleep
        self.http = httpx.Client(headers=headers, transport=transport, timeout=60.0, follow_redirects=True)
        self.waits = 0
        self.waited_secs = 0.0

    def close(self) -> None:
        self.http.close()

    def throttle(self) -> dict | None:
        """The upstream's /api-throttle/ answer for us, or None when it has none."""
        try:
            response = self.http.get(f"{self.base}/api-throttle/")
            data = response.json() if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None
        if isinstance(data, list) and data:  # the spec says an array; LL2 answers one object
            data = data[0]
        return data if isinstance(data, dict) else None

    def wait(self, seconds: float) -> None:
        self.waits += 1
        self.waited_secs += seconds
        self.sleep(seconds)

    def wait_for_limit(self, response: httpx.Response) -> None:
        seconds = limit_wait_secs(response, self.throttle())
        logger.info("upstream rate limit reached: waiting %.0f s", seconds)
        self.wait(seconds)

    def get(self, url: str, params: dict) -> httpx.Response:
        return fetch(
            lambda: self.http.get(url, params=params),
            url,
            sleep=self.sleep,
            wait_for_limit=self.wait_for_limit,
        )


class GaveUp(MirrorError):
    """A request that failed every try: network errors TRIES times, or a 429 after every wait."""

    def __init__(self, url: str, why: str):
        super().__init__(f"{url}: {why}")
        self.why = why


def fetch(
    send: Callable[[], httpx.Response],
    url: str,
    *,
    sleep: Callable[[float], None],
    wait_for_limit: Callable[[httpx.Response], None],
) -> httpx.Response:
    """GET `url` (one `send()` a try) with retries: network errors and 5xx are retried with a
    bounded backoff (TRIES tries in all), a 429 is waited out (`wait_for_limit`, at most
    MAX_LIMIT_WAITS times). The one-shot mirror and the watcher differ only in `send` (the watcher
    sends through its call budget, every try a call), `sleep` (the watcher's clock) and how long
    a 429 waits.

    Returns the answer, a 5xx one when every try got a 5xx. Raises GaveUp when no answer came
    (network errors, still rate-limited) and MirrorError on 401/403 (the key is refused: no retry
    helps)."""
    failures = limited = 0
    while True:
        try:
            response = send()
        except httpx.TransportError as exc:
            failures += 1
            why = f"{exc.__class__.__name__}: {exc}"
            if failures >= TRIES:
                raise GaveUp(url, f"{why} ({TRIES} tries)") from exc
            logger.warning("%s: %s; retrying", url, why)
            sleep(_backoff(failures))
            continue
        if response.status_code == 429:
            limited += 1
            if limited > MAX_LIMIT_WAITS:
                raise GaveUp(url, f"still rate-limited after {MAX_LIMIT_WAITS} waits")
            wait_for_limit(response)
            continue
        if response.status_code in (401, 403):
            raise MirrorError(f"{url}: HTTP {response.status_code}: the upstream refuses us (API key?)")
        if response.status_code >= 500:
            failures += 1
            if failures < TRIES:
                logger.warning("%s: HTTP %s; retrying", url, response.status_code)
                sleep(_backoff(failures))
                continue
        return response


def limit_wait_secs(response: httpx.Response, status: dict | None) -> float:
    """How long to wait after a 429: the longer of its `Retry-After` and the upstream's
    /api-throttle/ `next_use_secs` (FALLBACK_LIMIT_WAIT_SECS when neither says), a second at least."""
    next_use = (status or {}).get("next_use_secs")
    next_use = float(next_use) if isinstance(next_use, int | float) else None
    known = [s for s in (_retry_after(response.headers.get("Retry-After")), next_use) if s is not None]
    return max(max(known) if known else FALLBACK_LIMIT_WAIT_SECS, 1.0)


def _backoff(failures: int) -> float:
    return min(2.0 ** (failures - 1), MAX_BACKOFF_SECS)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - timezone.now()).total_seconds())


def _next_offset(link: object) -> int | None:
    if not isinstance(link, str):
        return None
    raw = parse_qs(urlsplit(link).query).get("offset", ["0"])[0]
    return int(raw) if raw.isdigit() else None


class _Progress:
    """A rich progress bar per endpoint, or nothing."""

    def __init__(self, console):
        self.bars = None
        if console is not None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bars = Progress(
                TextColumn("{task.description:<40}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
            )
        self.task = None

    def __enter__(self):
        if self.bars is not None:
            self.bars.start()
        return self

    def __exit__(self, *exc):
        if self.bars is not None:
            self.bars.stop()

    def start(self, target: Target, done: int) -> None:
        if self.bars is not None:
            label = target.path + (f" ({target.mode})" if target.mode else "")
            self.task = self.bars.add_task(label, total=None, completed=done)

    def advance(self, count: int | None, results: int) -> None:
        if self.bars is not None:
            self.bars.update(self.task, total=count, advance=results)

    def finish(self) -> None:
        if self.bars is not None:
            task = self.bars.tasks[self.task]
            self.bars.update(self.task, total=task.completed)


class Mirror:
    def __init__(self, run: MirrorRun, upstream: Upstream, console=None):
        self.run = run
        self.upstream = upstream
        self.console = console

    def walk(self) -> None:
        plan = targets()
        paths = [t.path for t in plan]
        run = self.run
        if run.endpoint == "":  # every page already imported; only the finishing is left
            return
        start = paths.index(run.endpoint) if run.endpoint in paths else 0
        offset = run.offset if run.endpoint in paths else 0
        with _Progress(self.console) as progress:
            for index in range(start, len(plan)):
                following = plan[index + 1] if index + 1 < len(plan) else None
                self.walk_endpoint(plan[index], offset, following, progress)
                offset = 0

    def walk_endpoint(self, target: Target, offset: int, following: Target | None, progress) -> None:
        progress.start(target, offset)
        count = None
        next_offset: int | None = offset
        while next_offset is not None:
            next_offset, count, results = self.page(target, next_offset, count, following)
            progress.advance(count, results)
        progress.finish()

    def page(
        self, target: Target, offset: int, count: int | None, following: Target | None
    ) -> tuple[int | None, int | None, int]:
        """Fetch, import and log one page; move the checkpoint past it. Returns the next offset
        (None: the endpoint is done), the endpoint's count and the page's number of objects."""
        url = f"{self.upstream.base}{target.list_path}"
        params = {"limit": PAGE_SIZE, "offset": offset}
        if target.mode:
            params["mode"] = target.mode
        if target.incremental and self.run.since is not None:
            params[SINCE_FILTER] = self.run.since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        response = self.upstream.get(url, params)
        source = str(response.url)
        error = ""
        data = None
        if response.status_code != 200:
            error = f"HTTP {response.status_code}"
        else:
            try:
                data = orjson.loads(response.content)
            except orjson.JSONDecodeError as exc:
                error = f"invalid JSON ({exc})"
        report = ImportReport()
        results = 0
        with transaction.atomic():
            if not error:
                try:
                    with transaction.atomic():  # a rejected page leaves nothing behind
                        doc = documents.from_page(data, source, target.list_path, target.mode)
                        results = len(doc.objects)
                        FileImport(doc, report).run()
                except (ImportRejected, DatabaseError) as exc:  # the page's savepoint is rolled back
                    error = str(exc)
                    report = ImportReport()
            if isinstance(data, dict) and isinstance(data.get("count"), int):
                count = data["count"]  # also of a page skipped for a value it holds: the walk goes on
            if error:
                logger.warning("%s: skipped: %s", source, error)
                next_offset = offset + PAGE_SIZE if count is not None and offset + PAGE_SIZE < count else None
            else:
                next_offset = _next_offset(data.get("next"))
            totals = Counter()
            for counts in report.counts.values():
                totals.update(counts)
            MirrorPage.objects.create(
                run=self.run,
                endpoint=target.path,
                mode=target.mode or "",
                offset=offset,
                results=results,
                created=totals[CREATED],
                updated=totals[UPDATED],
                unchanged=totals[UNCHANGED],
                error=error,
            )
            run = self.run
            if next_offset is not None:
                run.offset = next_offset
            else:
                run.endpoint = following.path if following else ""
                run.mode = (following.mode or "") if following else ""
                run.offset = 0
            run.waits += self.upstream.waits
            run.waited_secs += self.upstream.waited_secs
            self.upstream.waits, self.upstream.waited_secs = 0, 0.0
            run.save()
        return next_offset, count, results


def mirror(
    from_url: str = DEFAULT_UPSTREAM,
    token: str | None = None,
    full: bool = False,
    *,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
    console=None,
) -> MirrorSummary:
    """Copy the upstream at `from_url` (an LL2 2.3.0 base URL) into the database; resume the
    run a previous call left unfinished. `console` (rich) shows progress bars; `transport` and
    `sleep` let tests stand in for the network and the clock."""
    base = from_url.rstrip("/")
    clock = time.monotonic()
    run = MirrorRun.objects.filter(upstream=base, finished_at__isnull=True).order_by("-id").first()
    if run is not None and full and not run.full:
        run.delete()  # an interrupted incremental run is superseded by a full one
        run = None
    resumed = run is not None
    if run is None:
        last = MirrorRun.objects.filter(upstream=base, finished_at__isnull=False).order_by("-id").first()
        since = None if full or last is None else last.started_at - SINCE_MARGIN
        first = targets()[0]
        run = MirrorRun.objects.create(
            upstream=base,
            started_at=timezone.now(),
            full=since is None,
            since=since,
            endpoint=first.path,
            mode=first.mode or "",
        )
    summary = MirrorSummary(base, resumed, run.full, run.since)
    upstream = Upstream(base, token, transport, sleep)
    try:
        status = upstream.throttle()
        if status and status.get("your_request_limit"):
            logger.info(
                "upstream limit: %s requests per %s s, %s used",
                status["your_request_limit"],
                status.get("limit_frequency_secs"),
                status.get("current_use"),
            )
            if status.get("current_use", 0) >= status["your_request_limit"] and status.get("next_use_secs"):
                upstream.wait(float(status["next_use_secs"]))
        Mirror(run, upstream, console).walk()
    finally:
        upstream.close()
    run.finished_at = timezone.now()
    run.waits += upstream.waits
    run.waited_secs += upstream.waited_secs
    run.save()
    # Keep the log of this run only; older runs of this upstream are history.
    MirrorRun.objects.filter(upstream=base).exclude(pk=run.pk).delete()
    pages = list(run.pages.all())
    summary.pages = len(pages)
    summary.results = sum(p.results for p in pages)
    summary.counts = Counter(
        {
            CREATED: sum(p.created for p in pages),
            UPDATED: sum(p.updated for p in pages),
            UNCHANGED: sum(p.unchanged for p in pages),
        }
    )
    summary.bad_pages = [f"{p.endpoint} offset {p.offset}: {p.error}" for p in pages if p.error]
    summary.waits, summary.waited_secs = run.waits, run.waited_secs
    summary.seconds = time.monotonic() - clock
    if summary.counts[CREATED] or summary.counts[UPDATED]:
        reset_sequences()
    return summary
