"""Agencies, programs and mission patches."""

from django.db.models import Exists, OuterRef, Q
from django_filters import NumberFilter

from openll.api.declaration import Endpoint
from openll.api.filters import BooleanFilter, CharInFilter, NumberInFilter, filterset_for
from openll.catalog.models import Agency, MissionPatch, SpacecraftConfig

COUNTS = ["exact", "gt", "gte", "lt", "lte"]


def agencies_with_parent(queryset, name, value):
    """`parent__id`: LL2's Agency.parent is a link to another agency, rendered as its name; openll
    keeps the name, so the children of agency N are the agencies whose parent is N's name."""
    return queryset.filter(parent__in=Agency.objects.filter(pk=value).values("name"))


def agencies_with_spacecraft(queryset, name, value):
    """`spacecraft`: the agency has spacecraft, named in its `spacecraft` text or as spacecraft
    configurations of its own (`spacecraft_list`)."""
    has = Q(Exists(SpacecraftConfig.objects.filter(agency=OuterRef("pk")))) | Q(spacecraft__gt="")
    return queryset.filter(has) if value else queryset.exclude(has)


Endpoint(
    "agencies",
    filterset=filterset_for(
        Agency,
        {
            "abbrev": ["exact", "contains"],
            "attempted_landings": COUNTS,
            "consecutive_successful_landings": COUNTS,
            "consecutive_successful_launches": COUNTS,
            "description": ["exact", "contains"],
            "failed_landings": COUNTS,
            "failed_launches": COUNTS,
            "featured": ["exact"],
            "founding_year": COUNTS,
            "id": ["exact"],
            "name": ["exact", "contains"],
            "pending_launches": COUNTS,
            "successful_landings": COUNTS,
            "successful_launches": COUNTS,
            "total_launch_count": COUNTS,
            "type__id": ["exact"],
        },
        # LL2 country codes are ISO 3166-1 alpha-3, several separated by commas (FAQ); an agency
        # matches when any of its countries is listed.
        country_code=CharInFilter(
            field_name="country__alpha_3_code", lookup_expr="in", distinct=True, label="Country code"
        ),
        parent__id=NumberFilter(method=agencies_with_parent, label="Parent agency id"),
        spacecraft=BooleanFilter(method=agencies_with_spacecraft, label="Has spacecraft"),
    ),
    search=("abbrev", "name"),
    ordering=(
        "attempted_landings",
        "consecutive_successful_landings",
        "consecutive_successful_launches",
        "failed_landings",
        "failed_launches",
        "featured",
        "id",
        "name",
        "pending_launches",
        "successful_landings",
        "successful_launches",
        "total_launch_count",
    ),
    examples={"filter": "abbrev=NASA", "search": "SpaceX", "ordering": "-total_launch_count"},
)

# LL2 documents no filter, search or ordering field for programs.
Endpoint("programs")

Endpoint(
    "mission_patches",
    filterset=filterset_for(
        MissionPatch,
        {
            "agency__id": ["exact"],
            "agency__name": ["exact", "contains"],
            "id": ["exact"],
            "name": ["exact", "contains"],
        },
        ids=NumberInFilter(field_name="id", lookup_expr="in", label="Comma-separated mission patch IDs."),
    ),
    search=("agency__name", "name"),
    ordering=("agency__name", "id", "name", "priority"),
    examples={"filter": "agency__id=147", "search": "Ariane", "ordering": "priority"},
)
