"""Launches: `/launches/`, `/launches/upcoming/`, `/launches/previous/` (and their `{id}/`).

What the three lists mean, as LL2 documents it (tsd-docs/faq_LL2.md, "Why do past items appear in
the upcoming endpoints?"): `upcoming` is every launch whose NET is at most 24 hours old, so that a
launch stays there while its outcome is settled; `?hide_recent_previous=true` drops that look-back.
`previous` is every launch whose NET has passed, newest first (the order of Space Launch Now's
`PreviousLaunchViewSet`, LL2's open-source ancestor: `-net`, then `id`).

openll's ORM paths differ from LL2's in one place: LL2 reaches spacecraft flights through the
rocket (`rocket__spacecraftflight__...`), openll links them to the launch (`spacecraft_flights__...`).
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q

from openll.api.declaration import Endpoint
from openll.api.filters import (
    BooleanFilter,
    CharInFilter,
    NumberInFilter,
    TimeWindow,
    UUIDInFilter,
    date_parts,
    filterset_for,
    labelled,
)
from openll.catalog.models import Agency, Launch, SpacecraftFlightLaunchCrew

WINDOW = TimeWindow("net")

# LL2's orbit for sub-orbital launches is id 15, "Suborbital" / "Sub" (real LL2 responses, e.g.
# the Starship test flights and Virgin Galactic flights); "Sub-Orbital" is accepted as well.
SUBORBITAL = (
    Q(mission__orbit__name__iexact="Suborbital")
    | Q(mission__orbit__name__iexact="Sub-Orbital")
    | Q(mission__orbit__abbrev__iexact="Sub")
)


def suborbital_included(qs, name, value):
    return qs if value else qs.exclude(SUBORBITAL)


def crewed(qs, name, value):
    """Launches with crew aboard: a spacecraft flight of the launch has a launch crew."""
    has_crew = Exists(SpacecraftFlightLaunchCrew.objects.filter(spacecraftflight__launch=OuterRef("pk")))
    return qs.filter(has_crew if value else ~has_crew)


def related_by_id(qs, name, value):
    """The launch service provider is one of the agencies, or a child of one (its `parent` is the
    agency's name, as LL2 renders it)."""
    names = Agency.objects.filter(id__in=value).values("name")
    return qs.filter(Q(launch_service_provider__id__in=value) | Q(launch_service_provider__parent__in=names))


def related_by_name(qs, name, value):
    return qs.filter(
        Q(launch_service_provider__name__in=value) | Q(launch_service_provider__parent__in=value)
    )


def _counts(*names: str) -> dict[str, list[str]]:
    return {name: ["exact", "gt", "gte", "lt", "lte"] for name in names}


LaunchFilterSet = filterset_for(
    Launch,
    {
        **_counts(
            "agency_launch_attempt_count",
            "agency_launch_attempt_count_year",
            "location_launch_attempt_count",
            "location_launch_attempt_count_year",
            "orbital_launch_attempt_count",
            "orbital_launch_attempt_count_year",
            "pad_launch_attempt_count",
            "pad_launch_attempt_count_year",
        ),
        "last_updated": ["gte", "lte"],
        "mission__orbit__celestial_body__id": ["exact"],
        "mission__orbit__name": ["exact", "icontains"],
        "name": ["exact"],
        "net": ["gt", "gte", "lt", "lte"],
        "pad": ["exact"],
        "pad__location": ["exact"],
        "pad__location__celestial_body__id": ["exact"],
        "program": ["exact"],
        "rocket__configuration__full_name": ["exact", "icontains"],
        "rocket__configuration__id": ["exact"],
        "rocket__configuration__manufacturer__name": ["exact", "icontains"],
        "rocket__configuration__name": ["exact"],
        "slug": ["exact"],
        "status": ["exact"],
        "window_end": ["gt", "gte", "lt", "lte"],
        "window_start": ["gt", "gte", "lt", "lte"],
    },
    **date_parts("net"),
    id=UUIDInFilter(field_name="id", lookup_expr="in"),
    include_suborbital=BooleanFilter(method=suborbital_included),
    is_crewed=BooleanFilter(method=crewed),
    launch_designator=CharInFilter(field_name="launch_designator", lookup_expr="in"),
    launcher_config__id=NumberInFilter(field_name="rocket__configuration__id", lookup_expr="in"),
    location__ids=NumberInFilter(field_name="pad__location__id", lookup_expr="in"),
    lsp__id=NumberInFilter(field_name="launch_service_provider__id", lookup_expr="in"),
    lsp__name=CharInFilter(field_name="launch_service_provider__name", lookup_expr="in"),
    related_lsp__id=NumberInFilter(method=related_by_id),
    related_lsp__name=CharInFilter(method=related_by_name),
    rocket__spacecraftflight__spacecraft__id=django_filters.NumberFilter(
        field_name="spacecraft_flights__spacecraft__id", distinct=True
    ),
    rocket__spacecraftflight__spacecraft__name=django_filters.CharFilter(
        field_name="spacecraft_flights__spacecraft__name", distinct=True
    ),
    rocket__spacecraftflight__spacecraft__name__icontains=django_filters.CharFilter(
        field_name="spacecraft_flights__spacecraft__name", lookup_expr="icontains", distinct=True
    ),
    serial_number=CharInFilter(
        field_name="rocket__launcher_stage__launcher__serial_number", lookup_expr="in", distinct=True
    ),
    spacecraft_config__ids=NumberInFilter(
        field_name="spacecraft_flights__spacecraft__spacecraft_config__id", lookup_expr="in", distinct=True
    ),
    status__ids=NumberInFilter(field_name="status__id", lookup_expr="in"),
    video_url=CharInFilter(field_name="vid_urls__url", lookup_expr="in", distinct=True),
)

UpcomingLaunchFilterSet = type(
    "UpcomingLaunchFilterSet",
    (LaunchFilterSet,),
    {"hide_recent_previous": BooleanFilter(method=WINDOW.hide_recent_previous)},
)


SEARCH = (
    "launch_designator",
    "launch_service_provider__name",
    "mission__name",
    "name",
    "pad__location__name",
    "pad__name",
    "rocket__configuration__manufacturer__abbrev",
    "rocket__configuration__manufacturer__name",
    "rocket__configuration__name",
    "rocket__spacecraftflight__spacecraft__name",
)
SEARCH_PATHS = {"rocket__spacecraftflight__spacecraft__name": "spacecraft_flights__spacecraft__name"}
ORDERING = ("id", "last_updated", "name", "net")
EXAMPLES = {"filter": "pad__location=13", "search": "Starlink", "ordering": "-last_updated"}

Endpoint(
    "launches",
    filterset=labelled(LaunchFilterSet, "/launches/"),
    search=SEARCH,
    search_paths=SEARCH_PATHS,
    ordering=ORDERING,
    default_ordering=("net", "id"),
    examples=EXAMPLES,
)

Endpoint(
    "launches/upcoming",
    filterset=labelled(UpcomingLaunchFilterSet, "/launches/upcoming/"),
    search=tuple(name for name in SEARCH if name != "launch_designator"),
    search_paths=SEARCH_PATHS,
    ordering=ORDERING,
    default_ordering=("net", "id"),
    examples={**EXAMPLES, "filter": "hide_recent_previous=True"},
    scope=WINDOW.upcoming,
)

Endpoint(
    "launches/previous",
    filterset=LaunchFilterSet,
    search=SEARCH,
    search_paths=SEARCH_PATHS,
    ordering=ORDERING,
    default_ordering=("-net", "id"),
    examples=EXAMPLES,
    scope=WINDOW.previous,
)
