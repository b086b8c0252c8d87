"""Payloads and their flights (a payload launched on a launch: `PayloadFlight`)."""

import datetime as dt

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from openll.api.declaration import Endpoint
from openll.api.filters import filterset_for
from openll.catalog.models import Payload, PayloadFlight

LAUNCH_NET = "payloadflight__rocket__launch__net"
# No launch date sorts as PostgreSQL (LL2's database) sorts NULL, after every date, on every database.
NEVER = Value(dt.datetime(9999, 12, 31, tzinfo=dt.UTC))


def order_by_launch_net(queryset, request):
    """`?ordering=(-)payloadflight__rocket__launch__net` lists each payload once (ordering by a
    reverse relation repeats a payload per flight): by its latest launch when descending, its first
    when ascending, which is where the payload first appears in LL2's rows ordered that way."""
    terms = [term.strip() for term in request.query_params.get("ordering", "").split(",")]
    if f"-{LAUNCH_NET}" in terms:
        first = "-net"
    elif LAUNCH_NET in terms:
        first = "net"
    else:
        return queryset
    flights = (
        PayloadFlight.objects.filter(payload=OuterRef("pk"))
        .annotate(net=Coalesce("launch__net", NEVER))
        .order_by(first)
        .values("net")[:1]
    )
    return queryset.annotate(launch_net=Coalesce(Subquery(flights), NEVER))


Endpoint(
    "payloads",
    filterset=filterset_for(
        Payload,
        {
            "manufacturer__id": ["exact"],
            "manufacturer__name": ["exact"],
            "name": ["exact"],
            "operator": ["exact"],
            "operator__id": ["exact"],
            "operator__name": ["exact"],
            "program__id": ["exact"],
        },
    ),
    search=(
        "manufacturer__name",
        "name",
        "operator__name",
        "payloadflight__destination",
        "payloadflight__rocket__launch__name",
    ),
    search_paths={"payloadflight__rocket__launch__name": "payloadflight__launch__name"},
    ordering=("id", "name", LAUNCH_NET),
    ordering_paths={LAUNCH_NET: "launch_net"},
    default_ordering=("id",),
    scope=order_by_launch_net,
    examples={"filter": "program__id=18", "search": "EarthCare", "ordering": f"-{LAUNCH_NET}"},
)

# LL2 documents no search or ordering field for payload flights.
Endpoint(
    "payload_flights",
    filterset=filterset_for(PayloadFlight, {"payload": ["exact"]}),
    default_ordering=("id",),
    examples={"filter": "payload=2"},
)
