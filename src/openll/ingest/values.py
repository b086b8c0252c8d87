"""What a column can hold, checked before a value is written.

The database would refuse these values in the middle of an import, with a traceback (and the
mirror would stop at the same page on every run), or store what no LL2 object holds. The importer
asks `problem(field, value)` for every scalar it reads, before converting it; a problem rejects
the file, naming the file and the JSON path.

- text: no NUL character (PostgreSQL refuses it), no lone surrogate (it cannot be UTF-8), at most
  the column's `max_length`, and for openll's unbounded text columns at most MAX_TEXT characters
  (LL2's longest real text, a mission description, is under 4,000);
- integers: within the column's range, the same on every database (PostgreSQL's: 32 bits for an
  integer column, 64 for a big one, none below 0 for a positive one);
- numbers: finite; latitudes and longitudes within the globe.
"""

from __future__ import annotations

import math

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

MAX_TEXT = 20_000

# Ranges of coordinates, by field name.
COORDINATES = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}

_INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


def problem(field: models.Field, value: object) -> str | None:
    """Why `value` (as read from JSON) cannot be stored in `field`, or None when it can."""
    if isinstance(value, str):
        return text_problem(field, value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(field, models.FloatField):
        return number_problem(field, value)
    if isinstance(field, models.IntegerField) and isinstance(value, int):
        low, high = _INTEGER_RANGES.get(field.get_internal_type(), (-(2**63), 2**63 - 1))
        if not low <= value <= high:
            return f"{_short(value)} is outside the range of the column ({low} to {high})"
    return None


def text_problem(field: models.Field, value: str) -> str | None:
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (not valid Unicode)"
    limit = getattr(field, "max_length", None) or MAX_TEXT
    if isinstance(field, models.CharField | models.TextField) and len(value) > limit:
        return f"{len(value)} characters, more than the {limit} the column holds"
    return None


def number_problem(field: models.Field, value: int | float) -> str | None:
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        return f"{_short(value)} is not a finite number"
    bounds = COORDINATES.get(field.name)
    if bounds is not None and not bounds[0] <= number <= bounds[1]:
        return f"{_short(value)} is outside the {field.name} range ({bounds[0]:g} to {bounds[1]:g})"
    return None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}...({len(text)} digits)"
