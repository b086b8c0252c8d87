"""Updates: `/updates/` and `/updates/{id}/`, the librarians' notes on launches, events and
programs. Newest first by default, as a feed reads (`?ordering=created_on` for oldest first)."""

from __future__ import annotations

from openll.api.declaration import Endpoint
from openll.api.filters import filterset_for, labelled
from openll.catalog.models import Update

Endpoint(
    "updates",
    filterset=labelled(
        filterset_for(
            Update,
            {
                "created_on": ["exact"],
                "launch": ["exact"],
                "launch__launch_service_provider": ["exact"],
                "program": ["exact"],
            },
        ),
        "/updates/",
    ),
    ordering=("created_on",),
    default_ordering=("-created_on", "-id"),
    examples={"filter": "launch__launch_service_provider=121", "ordering": "-created_on"},
)
