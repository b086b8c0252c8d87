"""bench/mirror_freshness.py: the watcher's planner and budget over simulated hours keep to the
budget, copy every launch edit within about one news cycle, and find every deleted launch."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_mirror_budget import most_in_any_window

from openll.api.rates import parse_rate
from openll.ingest.watch import interval

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import mirror_freshness  # noqa: E402


@pytest.mark.parametrize("budget", ["15/hour", "210/hour"])
def test_a_simulated_day_keeps_the_budget_and_the_news_fresh(budget):
    rate = parse_rate(budget)
    result = mirror_freshness.simulate(budget, launches=1500, hours=12, seed=3)
    sent = result["sent"]
    assert most_in_any_window(sent, rate.seconds) <= rate.requests
    assert len(sent) >= 11 * rate.requests  # the whole budget, nearly, is spent
    launches = result["figures"]["launches"]
    cycle = interval(rate, 7)
    assert launches["edits"] > 10 and launches["waiting"] <= 2  # edits of the last minutes, at most
    assert launches["slowest"] <= 1.5 * cycle
    # Every launch deleted upstream more than a cycle and a half before the end is deleted here.
    assert result["deleted"] >= 1
    assert len(result["deletions"]) >= result["deleted_before"](result["end"] - 1.5 * cycle)
    assert all(delay <= 1.5 * cycle for delay in result["deletions"])
    # The walk refreshes the catalog: every page of every list on 210/hour, some on 15/hour.
    walked = [
        f for path, f in result["figures"].items() if path not in ("launches", "events") and f["objects"]
    ]
    if rate.requests >= 200:
        assert max(f["oldest"] for f in walked) < 12 * 3600 / 2
    else:
        assert min(f["oldest"] for f in walked) < 12 * 3600
    lines = mirror_freshness.report(result, budget, 1500, 12)
    assert lines[0].startswith(f"{budget}, 1500 launches upstream, 12 h simulated: {len(sent)} calls")
