"""Rates as DRF and LL2 write them: `15/hour`, `100/m`, `1000/day` (requests per second, minute,
hour or day). Used by OPENLL_THROTTLE and API tokens."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.exceptions import ValidationError

UNITS = {
    **dict.fromkeys(("s", "sec", "second"), 1),
    **dict.fromkeys(("m", "min", "minute"), 60),
    **dict.fromkeys(("h", "hour"), 3600),
    **dict.fromkeys(("d", "day"), 86400),
}
LONGEST_PERIOD = max(UNITS.values())
# Spellings of "no limit".
OFF = ("", "0", "off", "none")


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int
    text: str


@functools.lru_cache(maxsize=256)
def parse_rate(text: str) -> Rate | None:
    """The Rate written as `text`; None for "off". ValueError names what is wrong."""
    text = text.strip()
    if text.lower() in OFF:
        return None
    number, _, unit = text.partition("/")
    unit = unit.lower()
    unit = unit.removesuffix("s") if len(unit) > 2 else unit  # "hours", not "ms"
    if not (number.isascii() and number.isdigit() and 0 < int(number) < 2**31 and unit in UNITS):
        raise ValueError(f"{text!r}: expected requests/period, e.g. 15/hour, 100/minute, 1000/day, or off")
    return Rate(int(number), UNITS[unit], text)


def validate_rate(text: str) -> None:
    """Django validator (the admin's token form)."""
    try:
        parse_rate(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
