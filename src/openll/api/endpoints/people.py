"""Astronauts and spacewalks."""

from django.db.models import Q
from django_filters import CharFilter

from openll.api.declaration import Endpoint
from openll.api.filters import BooleanFilter, NumberInFilter, UUIDInFilter, date_parts, filterset_for
from openll.catalog.models import Astronaut, Spacewalk

RANGE = ["exact", "gt", "gte", "lt", "lte"]

# The astronaut type LL2 gives to animals, mannequins and robots (`/config/astronaut_types/` 6).
NON_HUMAN = "Non-Human"


def astronauts_who_have_flown(queryset, name, value):
    """`has_flown`: the astronaut has at least one flight (a flight count above zero, or a first
    flight date)."""
    flown = Q(flights_count__gt=0) | Q(first_flight__isnull=False)
    return queryset.filter(flown) if value else queryset.exclude(flown)


def astronauts_who_are_human(queryset, name, value):
    """`is_human`: every astronaut but those of the Non-Human type (an unknown type counts as
    human)."""
    non_human = Q(type__name__iexact=NON_HUMAN)
    return queryset.exclude(non_human) if value else queryset.filter(non_human)


Endpoint(
    "astronauts",
    filterset=filterset_for(
        Astronaut,
        {
            "age": RANGE,
            "date_of_birth": RANGE,
            "date_of_death": RANGE,
            "first_flight": RANGE,
            "flights_count": RANGE,
            "in_space": ["exact"],
            "landings_count": RANGE,
            "last_flight": RANGE,
            "type__id": ["exact"],
        },
        agency_ids=NumberInFilter(
            field_name="agency__id", lookup_expr="in", label="Comma-separated agency IDs."
        ),
        status_ids=NumberInFilter(
            field_name="status__id", lookup_expr="in", label="Comma-separated astronaut status IDs."
        ),
        has_flown=BooleanFilter(method=astronauts_who_have_flown, label="Has flown"),
        is_human=BooleanFilter(method=astronauts_who_are_human, label="Is human"),
        # One of the astronaut's nationalities, by its nationality name ("American"), any case.
        nationality=CharFilter(
            field_name="nationality__nationality_name",
            lookup_expr="iexact",
            distinct=True,
            label="Nationality",
        ),
    ),
    search=("agency__abbrev", "agency__name", "name", "nationality__nationality_name"),
    ordering=(
        "age",
        "date_of_birth",
        "eva_time",
        "flights_count",
        "id",
        "landings_count",
        "last_flight",
        "name",
        "spacewalks_count",
        "status",
        "time_in_space",
    ),
    ordering_paths={"status": "status__id"},
    examples={"filter": "has_flown=true", "search": "Pesquet", "ordering": "-time_in_space"},
)


def _ids(field_name: str) -> NumberInFilter:
    return NumberInFilter(field_name=field_name, lookup_expr="in", distinct=True)


Endpoint(
    "spacewalks",
    filterset=filterset_for(
        Spacewalk,
        {
            "end": RANGE,
            "id": ["exact"],
            "name": ["exact", "contains"],
            "start": ["gt", "gte", "lt", "lte"],
        },
        # A spacewalk can belong to several programs: each spacewalk is listed once.
        program__name=CharFilter(field_name="program__name", distinct=True),
        program__name__contains=CharFilter(field_name="program__name", lookup_expr="contains", distinct=True),
        astronaut__ids=_ids("crew__astronaut__id"),
        event__ids=_ids("event__id"),
        ids=_ids("id"),
        # The launch of the spacecraft flight the spacewalk was made from.
        launch__ids=UUIDInFilter(field_name="spacecraft_flight__launch__id", lookup_expr="in", distinct=True),
        # The agencies owning the space station the spacewalk was made at, as `owner__ids` of
        # /space_stations/.
        owner__ids=_ids("spacestation__owners__id"),
        program__ids=_ids("program__id"),
        spacestation__ids=_ids("spacestation__id"),
        **date_parts("start"),
    ),
    search=("crew__astronaut__name", "location", "name", "program__name"),
    ordering=("duration", "end", "id", "name", "start"),
    examples={"filter": "program__name=Apollo", "search": "Hubble", "ordering": "-duration"},
)
