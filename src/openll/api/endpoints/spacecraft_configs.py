"""Spacecraft configurations, their families, and spacecraft flights (the serial spacecraft
themselves are in spacecraft.py)."""

from openll.api.declaration import Endpoint
from openll.api.filters import filterset_for
from openll.catalog.models import SpacecraftConfig, SpacecraftConfigFamily, SpacecraftFlight

Endpoint(
    "spacecraft_configurations",
    filterset=filterset_for(
        SpacecraftConfig,
        {"agency": ["exact"], "human_rated": ["exact"], "in_use": ["exact"], "name": ["exact"]},
    ),
    search=("agency__abbrev", "agency__name", "name"),
    ordering=("name",),
    # LL2 lists spacecraft configurations by name (data/ll2-2.3.0/spacecraft_configurations.detailed.json).
    default_ordering=("name", "id"),
    examples={"filter": "human_rated=True", "search": "Dragon", "ordering": "name"},
)

Endpoint(
    "spacecraft_configuration_families",
    filterset=filterset_for(SpacecraftConfigFamily, {"manufacturer": ["exact"], "name": ["exact"]}),
    search=("manufacturer__abbrev", "manufacturer__name", "name"),
    ordering=("name",),
    default_ordering=("id",),
    examples={"filter": "manufacturer=121", "search": "Northrop", "ordering": "name"},
)

# LL2 documents no search or ordering field for spacecraft flights.
Endpoint(
    "spacecraft_flights",
    filterset=filterset_for(SpacecraftFlight, {"spacecraft": ["exact"]}),
    default_ordering=("id",),
    examples={"filter": "spacecraft=289"},
)
