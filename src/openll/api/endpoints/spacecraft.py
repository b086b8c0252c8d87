from openll.api.declaration import Endpoint
from openll.api.filters import filterset_for
from openll.catalog.models import Spacecraft

Endpoint(
    "spacecraft",
    filterset=filterset_for(
        Spacecraft,
        {
            "in_space": ["exact"],
            "is_placeholder": ["exact"],
            "name": ["exact"],
            "spacecraft_config": ["exact"],
            "status": ["exact"],
        },
    ),
    search=("name", "spacecraft_config__name"),
    ordering=("flights_count", "id", "mission_ends_count", "time_docked", "time_in_space"),
    default_ordering=("id",),
    examples={"filter": "is_placeholder=True", "search": "Endeavour", "ordering": "-flights_count"},
)
