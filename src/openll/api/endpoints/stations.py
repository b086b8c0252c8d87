"""Space stations and their expeditions."""

from django_filters import NumberFilter

from openll.api.declaration import Endpoint
from openll.api.filters import NumberInFilter, filterset_for
from openll.catalog.models import Expedition, Orbit, SpaceStation

COUNTS = ["exact", "gt", "gte", "lt", "lte"]


def stations_in_orbit(queryset, name, value):
    """`orbit`: LL2's SpaceStation.orbit is a link to an Orbit, rendered as its name; openll keeps
    the name, so the stations in orbit N are those whose orbit is N's name."""
    return queryset.filter(orbit__in=Orbit.objects.filter(pk=value).values("name"))


Endpoint(
    "space_stations",
    filterset=filterset_for(
        SpaceStation,
        {
            "docked_vehicles": COUNTS,
            "id": ["exact"],
            "name": ["exact", "contains"],
            "onboard_crew": COUNTS,
            # Foreign keys and a many-to-many list, as django-filter makes them: `owners` may be
            # repeated (`owners=1&owners=2`: owned by either) and an unknown id is a 400.
            "owners": ["exact"],
            "status": ["exact"],
            "type": ["exact"],
        },
        orbit=NumberFilter(method=stations_in_orbit, label="Orbit"),
        owner__ids=NumberInFilter(
            field_name="owners__id", lookup_expr="in", distinct=True, label="Comma-separated agency IDs."
        ),
        status__ids=NumberInFilter(
            field_name="status__id", lookup_expr="in", label="Comma-separated spacestation status IDs."
        ),
    ),
    search=("name", "owners__abbrev", "owners__name"),
    ordering=("docked_vehicles", "founded", "id", "name", "onboard_crew", "status", "type", "volume"),
    ordering_paths={"status": "status__id", "type": "type__id"},
    examples={"filter": "onboard_crew__gte=1", "search": "Salyut", "ordering": "founded"},
)

Endpoint(
    "expeditions",
    filterset=filterset_for(
        Expedition,
        {
            "end": ["gt", "gte", "lt", "lte"],
            "name": ["exact"],
            "start": ["gt", "gte", "lt", "lte"],
        },
        # An astronaut of the crew, and the agency of one of them (each expedition listed once).
        crew__astronaut=NumberFilter(field_name="crew__astronaut__id", distinct=True, label="Crew astronaut"),
        crew__astronaut__agency=NumberFilter(
            field_name="crew__astronaut__agency__id", distinct=True, label="Crew astronaut agency"
        ),
        space_station=NumberFilter(field_name="spacestation__id", label="Space station"),
    ),
    search=(
        "crew__astronaut__agency__abbrev",
        "crew__astronaut__agency__name",
        "crew__astronaut__name",
        "crew__astronaut__nationality__nationality_name",
        "name",
    ),
    ordering=("end", "id", "start"),
    examples={"filter": "space_station=18", "search": "Kelly", "ordering": "-start"},
)
