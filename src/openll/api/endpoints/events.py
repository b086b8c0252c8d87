"""Events: `/events/`, `/events/upcoming/`, `/events/previous/` (and their `{id}/`).

Upcoming and previous split on `date` as launches split on NET (see endpoints/launches.py):
upcoming keeps events of the last 24 hours unless `?hide_recent_previous=true`; previous is newest
first (Space Launch Now's `UpcomingEventViewSet` / `PreviousEventViewSet`: `date, id` and
`-date, id`). LL2 names its "Date is less than" filter `date__gt__lt` (sic) and has no `date__lt`.
"""

from __future__ import annotations

import django_filters

from openll.api.declaration import Endpoint
from openll.api.filters import (
    BooleanFilter,
    CharInFilter,
    NumberInFilter,
    TimeWindow,
    date_parts,
    filterset_for,
    labelled,
)
from openll.catalog.models import Event

WINDOW = TimeWindow("date")

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
    {"hide_recent_previous": BooleanFilter(method=WINDOW.hide_recent_previous)},
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
    scope=WINDOW.upcoming,
)

Endpoint(
    "events/previous",
    filterset=EventFilterSet,
    search=("name",),
    ordering=("date", "last_updated"),
    default_ordering=("-date", "id"),
    examples=EXAMPLES,
    scope=WINDOW.previous,
)
