"""Answers that depend on the clock, and until when they hold.

An upcoming list changes when a launch turns 24 hours old, a previous list when a launch's NET
passes, without any write to the data. Code that filters by the current time says so here, with a
function giving the next moment its answer can change; the response cache (which alone tracks it)
keeps such an answer no longer than that. Without a cache tracking the request, nothing is
computed: the functions cost nothing on an uncached request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

NEVER = None  # "this answer does not change with time"


@dataclass
class Horizon:
    depends_on_clock: bool = False
    until: dt.datetime | None = None  # the first moment the answer may differ; None: unbounded
    reasons: list[str] = field(default_factory=list)

    def lower(self, moment: dt.datetime | None, reason: str) -> None:
        self.depends_on_clock = True
        self.reasons.append(reason)
        if moment is not None and (self.until is None or moment < self.until):
            self.until = moment


_current: ContextVar[Horizon | None] = ContextVar("openll_clock_horizon", default=None)


@contextmanager
def tracking() -> Iterator[Horizon]:
    """Collect, for the request handled inside, until when its answer holds."""
    horizon = Horizon()
    token = _current.set(horizon)
    try:
        yield horizon
    finally:
        _current.reset(token)


def changes_at(next_change: Callable[[], dt.datetime | None], reason: str) -> None:
    """The answer being made depends on the clock; `next_change()` is the first moment at which it
    may change (None: never), called only when a cache tracks this request."""
    horizon = _current.get()
    if horizon is not None:
        horizon.lower(next_change(), reason)
