"""Celestial bodies, launch locations and pads."""

from django_filters import CharFilter

from openll.api.declaration import Endpoint
from openll.api.filters import NumberInFilter, filterset_for
from openll.catalog.models import Location, Pad

COUNTS = ["exact", "gt", "gte", "lt", "lte"]
BOUNDS = ["gt", "gte", "lt", "lte"]

Endpoint(
    "celestial_bodies",
    search=("name", "type__name"),
    ordering=("id", "name"),
    examples={"search": "Mars", "ordering": "-name"},
)

Endpoint(
    "locations",
    filterset=filterset_for(
        Location,
        {
            "id": ["exact"],
            "name": ["exact", "contains"],
            "total_landing_count": COUNTS,
            "total_launch_count": COUNTS,
        },
        # One ISO 3166-1 alpha-3 code (the spec types it as a single string, unlike agencies').
        country_code=CharFilter(field_name="country__alpha_3_code", label="Country Code"),
    ),
    search=("country__alpha_3_code", "name"),
    ordering=("total_landing_count", "total_launch_count"),
    examples={"filter": "country_code=NZL", "search": "Cape Canaveral", "ordering": "-total_launch_count"},
)

Endpoint(
    "pads",
    filterset=filterset_for(
        Pad,
        {
            "id": ["exact", "contains"],
            "latitude": BOUNDS,
            "location__id": ["exact"],
            "location__name": ["exact", "contains"],
            "longitude": BOUNDS,
            "name": ["exact", "contains"],
            "orbital_launch_attempt_count": COUNTS,
            "total_launch_count": COUNTS,
        },
        # Pads used by any of these agencies.
        agencies_ids=NumberInFilter(field_name="agencies__id", lookup_expr="in", distinct=True),
    ),
    search=("location__name", "name", "orbital_launch_attempt_count", "total_launch_count"),
    ordering=(
        "id",
        "location__id",
        "location__name",
        "name",
        "orbital_launch_attempt_count",
        "total_launch_count",
    ),
    examples={"filter": "location__id=11", "search": "39A", "ordering": "-orbital_launch_attempt_count"},
)
