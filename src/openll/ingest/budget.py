"""The watcher's call budget: at most N calls to the upstream in any window of its period.

LL2 counts calls in a sliding window (DRF's SimpleRateThrottle, and openll's own limit the same
way): `15/hour` means no hour holds more than 15 calls. The budget keeps its own log of the calls
it sent (retries included) and allows a call only when the window ending now has room. The log is
a table (MirrorCall), so a watcher that restarts knows what the window already holds; tests and
the simulation use MemoryLog.

A call is logged before it is sent (a watcher killed mid-call has still spent it) and its time is
moved to when its answer arrived: the upstream counts it when the request reaches it, which is in
between. MARGIN_SECS more keeps a call in the window a little longer than the upstream does.

Calls the upstream counts but that are not ours (another program on the same address or key) are
learnt from /api-throttle/ (`current_use`, which LL2 does not count) and kept off the room until
the upstream says they have left its window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from openll.api.rates import Rate, parse_rate

MARGIN_SECS = 2.0


class CallLog(Protocol):
    def times(self, after: float) -> list[float]:
        """Times of the logged calls later than `after`, oldest first."""

    def add(self, at: float) -> int:
        """Log a call; returns its id."""

    def move(self, call: int, at: float) -> None:
        """The call's answer arrived at `at`."""

    def forget(self, before: float) -> None:
        """Drop calls at or before `before` (out of every window)."""


@dataclass
class MemoryLog:
    calls: dict[int, float] = field(default_factory=dict)

    def times(self, after: float) -> list[float]:
        return sorted(t for t in self.calls.values() if t > after)

    def add(self, at: float) -> int:
        call = len(self.calls) + 1
        while call in self.calls:
            call += 1
        self.calls[call] = at
        return call

    def move(self, call: int, at: float) -> None:
        self.calls[call] = max(self.calls[call], at)

    def forget(self, before: float) -> None:
        self.calls = {k: t for k, t in self.calls.items() if t > before}


class DatabaseLog:
    """The MirrorCall table, for one upstream. Each write commits on its own (autocommit)."""

    def __init__(self, upstream: str):
        self.upstream = upstream

    def _rows(self):
        from .models import MirrorCall

        return MirrorCall.objects.filter(upstream=self.upstream)

    def times(self, after: float) -> list[float]:
        return list(self._rows().filter(at__gt=after).order_by("at").values_list("at", flat=True))

    def add(self, at: float) -> int:
        from .models import MirrorCall

        return MirrorCall.objects.create(upstream=self.upstream, at=at).pk

    def move(self, call: int, at: float) -> None:
        self._rows().filter(pk=call, at__lt=at).update(at=at)

    def forget(self, before: float) -> None:
        self._rows().filter(at__lte=before).delete()


_UNIT_NAMES = {1: "second", 60: "minute", 3600: "hour", 86400: "day"}


def rate_of(requests: int, seconds: int) -> Rate:
    """The rate an upstream reports (`your_request_limit` per `limit_frequency_secs`)."""
    unit = _UNIT_NAMES.get(seconds)
    return Rate(requests, seconds, f"{requests}/{unit}" if unit else f"{requests}/{seconds}s")


def parse_budget(text: str) -> Rate:
    """`15/hour`, `210/hour`, `100/minute`, `15/3600s`...: ValueError when it is not a rate (or
    is "off")."""
    number, _, seconds = text.strip().partition("/")
    if seconds.endswith("s") and seconds[:-1].isdigit() and number.isdigit() and int(seconds[:-1]) > 0:
        return rate_of(int(number), int(seconds[:-1]))
    rate = parse_rate(text)
    if rate is None:
        raise ValueError(f"{text!r}: a budget must be a rate, e.g. 15/hour")
    return rate


class Budget:
    def __init__(self, rate: Rate, log: CallLog, margin: float = MARGIN_SECS):
        self.rate = rate
        self.log = log
        self.margin = margin
        self.others = 0  # calls in the upstream's window that are not ours
        self.others_until = 0.0  # when they have surely left it

    @property
    def window(self) -> float:
        """How long a call stays in our count."""
        return self.rate.seconds + self.margin

    def _calls(self, at: float) -> list[float]:
        return self.log.times(at - self.window)

    def used(self, now: float) -> int:
        """Our calls in the window ending now."""
        return len(self._calls(now))

    def _others(self, at: float) -> int:
        return self.others if at < self.others_until else 0

    def room(self, now: float) -> int:
        """Calls that may be sent now."""
        return max(0, self.rate.requests - self.used(now) - self._others(now))

    def room_at(self, when: float, now: float, extra: int = 0) -> int:
        """Calls the window ending at `when` (later than now) will have room for, if `extra` calls
        are sent now and nothing else before then."""
        calls = len(self._calls(when))
        if now > when - self.window:
            calls += extra
        return self.rate.requests - calls - self._others(when)

    def wait(self, now: float) -> float:
        """Seconds until a call may be sent (0: now)."""
        if self.room(now) > 0:
            return 0.0
        calls = self._calls(now)

        def after_leaving(count: int) -> float:
            """When `count` of our calls have left the window."""
            if count <= 0:
                return now
            return calls[count - 1] + self.window if count <= len(calls) else float("inf")

        others = self._others(now)
        moment = after_leaving(len(calls) + others - self.rate.requests + 1)
        if others:  # or the others leave first
            moment = min(moment, max(self.others_until, after_leaving(len(calls) - self.rate.requests + 1)))
        return max(0.0, moment - now)

    def keeps_room(
        self, now: float, due: float, every: float, reserve: int, span: float = 0.0
    ) -> tuple[bool, float]:
        """Whether a call sent now leaves room for `reserve` calls at `due`, `due + every`, ...
        (the news cycles to come, each taking `span` seconds: counted at its end, when the calls
        of the cycle before it have left the window) in every window it will be counted in; and
        if not, when to ask again (when one of our calls leaves the window, or at `due`)."""
        calls = self._calls(now)
        wake = min(due, calls[0] + self.window) if calls else due
        if len(calls) + self._others(now) + 1 > self.rate.requests:
            return False, wake
        cycle, moment = 0, due + span
        while moment < now + self.window:  # a call sent now still counts at that moment
            counted = sum(1 for t in calls if t > moment - self.window) + 1 + self._others(moment)
            if counted + (cycle + 1) * reserve > self.rate.requests:
                return False, wake
            cycle += 1
            moment += max(every, 1.0)
        return True, now

    def spend(self, now: float) -> int:
        """Log a call about to be sent; the caller has checked room(now)."""
        if self.room(now) < 1:
            raise RuntimeError("the call budget has no room")  # a bug in the caller
        self.log.forget(now - self.window - max(self.rate.seconds, 1))
        return self.log.add(now)

    def answered(self, call: int, now: float) -> None:
        self.log.move(call, now)

    def observe(self, status: dict | None, now: float) -> None:
        """Take in the upstream's /api-throttle/ answer: calls it counts that we did not send."""
        if not status:
            return
        current = status.get("current_use")
        if not isinstance(current, int):
            return
        ours = len(self.log.times(now - self.rate.seconds))
        self.others = max(0, current - ours)
        next_use = status.get("next_use_secs")
        known = isinstance(next_use, int | float) and next_use > 0
        self.others_until = now + (float(next_use) + self.margin if known else self.window)
        if self.others == 0:
            self.others_until = 0.0
