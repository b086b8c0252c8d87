from openll.api.declaration import Endpoint
from openll.api.filters import filterset_for
from openll.catalog.models import DockingEvent

Endpoint(
    "docking_events",
    filterset=filterset_for(
        DockingEvent,
        {
            "docking": ["gt", "gte", "lt", "lte"],
            "docking_location__id": ["exact"],
            "flight_vehicle_chaser__id": ["exact"],
            "space_station_target__id": ["exact"],
        },
    ),
    search=(
        "docking_location__name",
        "flight_vehicle_chaser__spacecraft__name",
        "flight_vehicle_target__spacecraft__name",
        "payload_flight_chaser__payload__name",
        "payload_flight_target__payload__name",
        "space_station_chaser__name",
        "space_station_target__name",
    ),
    ordering=("departure", "docking"),
    default_ordering=("docking", "id"),
    examples={"filter": "space_station_target__id=6", "search": "Salyut", "ordering": "-docking"},
)
