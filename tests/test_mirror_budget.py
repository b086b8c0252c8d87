"""The watcher's call budget and planner on a fake clock: never more calls in a window than the
budget, retries and restarts included; news cycles first, the walk with what is left."""

from __future__ import annotations

import random

import pytest

from openll.api.rates import parse_rate
from openll.ingest.budget import MARGIN_SECS, Budget, DatabaseLog, MemoryLog, parse_budget, rate_of
from openll.ingest.watch import WatchState, interval, next_action


def most_in_any_window(times: list[float], seconds: float) -> int:
    """The largest number of calls in any window (t - seconds, t], as the upstream counts."""
    times = sorted(times)
    best = start = 0
    for end, t in enumerate(times):
        while times[start] <= t - seconds:
            start += 1
        best = max(best, end - start + 1)
    return best


@pytest.mark.parametrize("text", ["15/hour", "210/hour", "3/minute"])
def test_calls_as_fast_as_allowed_never_overflow_a_window(text):
    rate = parse_rate(text)
    budget = Budget(rate, MemoryLog())
    rng = random.Random(text)
    now, sent = 1_000_000.0, []
    while now < 1_000_000 + 3 * rate.seconds:
        wait = budget.wait(now)
        if wait:
            assert budget.room(now) == 0
            assert budget.room(now + wait) >= 1  # the wait is long enough...
            assert budget.room(now + wait - 0.01) == 0  # ...and no longer
            now += wait
        call = budget.spend(now)
        sent.append(now)
        latency = rng.uniform(0, 3)
        budget.answered(call, now + latency)  # the answer's time is what stays in the log
        now += latency + rng.choice([0] * 4 + [rng.uniform(0, 2 * rate.seconds / rate.requests)])
    assert most_in_any_window(sent, rate.seconds) == rate.requests
    # Calls were spent as soon as the window had room: a full budget in each period, about.
    assert len(sent) >= 2 * rate.requests


def test_a_full_budget_refuses_to_spend():
    budget = Budget(parse_rate("2/minute"), MemoryLog())
    budget.spend(0)
    budget.spend(1)
    with pytest.raises(RuntimeError):
        budget.spend(2)
    assert budget.wait(2) == pytest.approx(60 + MARGIN_SECS - 2)


def test_calls_not_ours_that_the_upstream_counts_are_kept_off_the_room():
    budget = Budget(parse_rate("15/hour"), MemoryLog())
    for t in range(5):
        budget.spend(float(t))
    # /api-throttle/ says 12 calls are in the window: 7 are someone else's.
    budget.observe({"current_use": 12, "next_use_secs": 0}, 10.0)
    assert budget.others == 7
    assert budget.room(10.0) == 15 - 12
    for t in range(3):
        budget.spend(11.0 + t)
    assert budget.room(20.0) == 0
    # Ours leave at 3600 + margin after they were sent; the others are assumed to stay a window.
    assert budget.wait(20.0) > 3600 - 20
    # The upstream says it is free again: only ours count.
    budget.observe({"current_use": 8, "next_use_secs": 0}, 30.0)
    assert budget.others == 0 and budget.room(30.0) == 7


def test_budget_texts():
    assert parse_budget("15/hour") == parse_rate("15/hour")
    assert parse_budget("210/3600s").requests == 210 and parse_budget("210/3600s").seconds == 3600
    assert rate_of(15, 3600).text == "15/hour" and rate_of(7, 90).text == "7/90s"
    for bad in ("off", "0", "15", "fast"):
        with pytest.raises(ValueError):
            parse_budget(bad)


@pytest.mark.django_db
def test_the_log_of_calls_survives_a_restart():
    rate = parse_rate("15/hour")
    first = Budget(rate, DatabaseLog("https://ll.example/2.3.0"))
    for t in range(15):
        first.answered(first.spend(100.0 + t), 100.5 + t)
    assert first.room(200.0) == 0
    again = Budget(rate, DatabaseLog("https://ll.example/2.3.0"))  # a new process
    assert again.room(200.0) == 0
    assert again.wait(200.0) == pytest.approx(100.5 + 3600 + MARGIN_SECS - 200.0)
    assert Budget(rate, DatabaseLog("https://other.example/2.3.0")).room(200.0) == 15


def test_news_cycles_take_about_half_the_budget_and_the_walk_the_rest():
    """The planner alone, every call answered at once: news cycles at their interval, the walk
    between them, and not one window over the budget."""
    cycle_cost = 5
    for text in ("15/hour", "210/hour", "15/minute"):
        rate = parse_rate(text)
        budget = Budget(rate, MemoryLog())
        state = WatchState.fresh()
        now = start = 1_000_000.0
        sent: list[tuple[float, str]] = []
        starts = []
        while now < start + 6 * rate.seconds:
            action = next_action(state, budget, now)
            if action.what == "sleep":
                assert action.seconds > 0
                now += action.seconds
            elif action.what == "start":
                state.cycle_started_at = now
                starts.append(now)
                calls = 0
            elif action.what == "finish":
                state.news_cost = calls
                state.next_news_at = state.cycle_started_at + interval(rate, calls)
                state.cycle_started_at = None
            else:
                budget.spend(now)
                sent.append((now, action.feed.spec.group))
                if action.feed.spec.group == "news":
                    calls += 1
                    # Each news list is one page, but launches take two.
                    if action.feed.spec.key != "news:launches" or calls > 1:
                        action.feed.done_cycle = state.cycle_started_at
                else:
                    action.feed.last_fetch_at = now
        assert most_in_any_window([t for t, _ in sent], rate.seconds) <= rate.requests
        gaps = {round(b - a) for a, b in zip(starts[1:], starts[2:], strict=False)}
        assert gaps == {round(interval(rate, cycle_cost))}, (text, gaps)
        news = sum(1 for _, group in sent if group == "news")
        walk = len(sent) - news
        # Over six windows, the budget is nearly all spent, news taking no more than about half.
        assert len(sent) >= 5 * rate.requests, (text, len(sent))
        assert news <= 0.5 * len(sent) + 2 * cycle_cost, (text, news, walk)
