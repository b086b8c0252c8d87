"""Events: `/events/`, `/events/upcoming/`, `/events/previous/` (and their `{id}/`).

Upcoming and previous split on `date` as launches split on NET (see endpoints/launches.py):
upcoming keeps events of the last 24 hours unless `?hide_recent_previous=true`; previous is newest
first (Space Launch Now's `UpcomingEventViewSet` / `PreviousEventViewSet`: `date, id` and
`-date, id`). LL2 names its "Date is less than" filter `date__gt__lt` (sic) and has no `date__lt`.
"""

from __future__ import annotations

import django_filters
from django.utils import timezone

from openll.api.declaration import Endpoint
from openll.api.endpoints.launches import RECENT, labelled
from openll.api.filters import BooleanFilter, CharInFilter, NumberInFilter, date_parts, filterset_for
from openll.catalog.models import Event


def upcoming(qs, request):
    """Events dated in the future or at most 24 hours in the past."""
    return qs.filter(date__gte=timezone.now() - RECENT)


def previous(qs, request):
    """Events whose date has passed."""
    return qs.filter(date__lt=timezone.now())


def recent_previous_hidden(qs, name, value):
    return qs.filter(date__gte=timezone.now()) if value else qs


EventFilterSet = filterset_for(
    Event,
    {
        "date": ["gt", "gte", "lte"],
        "last_updated": ["gte", "lte"],
        "program": ["exact"],
        "slug": ["exact"],
        "type": ["exact"],
    },
    **date_parts("date"),
    agency__ids=NumberInFilter(field_name="agencies__id", lookup_expr="in", distinct=True),
    date__gt__lt=django_filters.IsoDateTimeFilter(field_name="date", lookup_expr="lt"),
    id=NumberInFilter(field_name="id", lookup_expr="in"),
    type__ids=NumberInFilter(field_name="type__id", lookup_expr="in"),
    video_url=CharInFilter(field_name="vid_urls__url", lookup_expr="in", distinct=True),
)

UpcomingEventFilterSet = type(
    "UpcomingEventFilterSet",
    (EventFilterSet,),
    {"hide_recent_previous": BooleanFilter(method=recent_previous_hidden)},
)

EXAMPLES = {"filter": "type__ids=2,8", "search": "Flyby", "ordering": "-last_updated"}

Endpoint(
    "events",
    filterset=labelled(EventFilterSet, "/events/"),
    search=("name",),
    ordering=("date", "last_updated"),
    default_ordering=("date", "id"),
    examples=EXAMPLES,
)

Endpoint(
    "events/upcoming",
    filterset=labelled(UpcomingEventFilterSet, "/events/upcoming/"),
    search=("name",),
    ordering=("date", "last_updated"),
    default_ordering=("date", "id"),
    examples=EXAMPLES,
    scope=upcoming,
)

Endpoint(
    "events/previous",
    filterset=EventFilterSet,
    search=("name",),
    ordering=("date", "last_updated"),
    default_ordering=("-date", "id"),
    examples=EXAMPLES,
    scope=previous,
)
