"""Settings of a live `openll serve` whose clock starts at OPENLL_FAKE_NOW (ISO 8601) and runs on
from there: the real data's upcoming launches and events are upcoming whenever the test runs.
The server process imports this module in place of openll.settings (DJANGO_SETTINGS_MODULE),
with tests/ on its PYTHONPATH."""

import datetime as dt
import os

import time_machine

from openll.settings import *  # noqa: F403

_NOW = os.environ.get("OPENLL_FAKE_NOW")
if _NOW:
    time_machine.travel(dt.datetime.fromisoformat(_NOW), tick=True).start()
