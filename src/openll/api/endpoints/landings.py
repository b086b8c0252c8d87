"""Landings of first stages, spacecraft and payloads.

A landing belongs to one first stage (`firststage`), one spacecraft flight (`spacecraftflight`) or
one payload flight; the filters reach the booster, its configuration and its launch through the
first stage, and the spacecraft and its launch through the spacecraft flight.
"""

from openll.api.declaration import Endpoint
from openll.api.filters import CharInFilter, NumberInFilter, UUIDInFilter, filterset_for
from openll.catalog.models import Landing


def ids(path: str, label: str, kind=NumberInFilter):
    """A comma-separated list (its help text, like LL2's: "Multiple values may be separated by commas.")."""
    return kind(field_name=path, lookup_expr="in", label=label)


Endpoint(
    "landings",
    filterset=filterset_for(
        Landing,
        {"attempt": ["exact"], "success": ["exact"]},
        firststage_launch__ids=ids("firststage__rocket__launch__id", "First stage launch ids", UUIDInFilter),
        landing_location__ids=ids("landing_location__id", "Landing location ids"),
        landing_type__ids=ids("type__id", "Landing type ids"),
        launcher__ids=ids("firststage__launcher__id", "Launcher ids"),
        launcher_config__ids=ids("firststage__launcher__launcher_config__id", "Launcher configuration ids"),
        launcher_serial_numbers=ids(
            "firststage__launcher__serial_number", "Launcher serial numbers", CharInFilter
        ),
        spacecraft__ids=ids("spacecraftflight__spacecraft__id", "Spacecraft ids"),
        spacecraft_config__ids=ids(
            "spacecraftflight__spacecraft__spacecraft_config__id", "Spacecraft configuration ids"
        ),
        spacecraft_launch__ids=ids("spacecraftflight__launch__id", "Spacecraft launch ids", UUIDInFilter),
    ),
    search=(
        "firststage__launcher__launcher_config__name",
        "firststage__launcher__serial_number",
        "firststage__rocket__launch__name",
        "landing_location__abbrev",
        "landing_location__name",
        "spacecraftflight__rocket__launch__name",
        "spacecraftflight__spacecraft__name",
        "spacecraftflight__spacecraft__serial_number",
        "spacecraftflight__spacecraft__spacecraft_config__name",
    ),
    search_paths={"spacecraftflight__rocket__launch__name": "spacecraftflight__launch__name"},
    ordering=("downrange_distance", "id"),
    default_ordering=("id",),
    examples={"filter": "spacecraft__ids=39,37", "search": "B1059", "ordering": "downrange_distance"},
)
