"""`/dashboard/starship/`: everything about SpaceX's Starship on one page.

One object, not a page: `{response_mode, updates, live_streams, road_closures, notices, vehicles,
orbiters, upcoming: {launches, events}, previous: {launches, events}}` in the variant `?mode=`
names (`list`, `normal` by default, `detailed`; only `upcoming` and `previous` differ between them).
The spec types the response as an *array* of that object, but LL2 answers with the object itself
and clients read it so: pylaunches (the library behind Home Assistant's Launch Library
integration) reads `response["previous"]["launches"]`.

What counts as Starship:
- a program whose name contains "Starship" (LL2's program 1 is "SpaceX Starship");
- launches of such a program, or whose rocket's configuration is named "Starship..." or belongs to
  the launcher family "Starship";
- events of such a program or of such a launch; updates on any of these or on the program;
- vehicles: boosters (launchers) of such a launcher configuration; orbiters: spacecraft whose
  configuration is named "Starship..." or belongs to the spacecraft family "Starship";
- live streams, road closures and notices exist for this dashboard only, so all of them: the
  road closures that are not over yet (soonest first) and the notices newest first.

Upcoming and previous split as `/launches/upcoming/` and `/launches/previous/` do (NET no older
than 24 hours / NET passed; events likewise on `date`). `?limit=` (default 10, at most 100, as on
every LL2 list) caps each list; the ones that grow with time are ordered so that the cap keeps the
most relevant: updates newest first, upcoming soonest first, previous latest first.
"""

from __future__ import annotations

from django.db.models import Min, Q
from django.urls import path
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from openll import spec
from openll.api.filters import RECENT, TimeWindow
from openll.api.pagination import Pagination
from openll.api.render import Links, plan
from openll.api.views import links_for
from openll.catalog.base import listed
from openll.catalog.models import (
    Event,
    Launch,
    Launcher,
    LauncherConfig,
    LiveStream,
    Notice,
    Program,
    RoadClosure,
    Spacecraft,
    Update,
)
from openll.serving import clock

PATH = "/dashboard/starship/"
VARIANTS = spec.polymorphic_variants("PolymorphicStarshipDashboardEndpoint")  # mode -> schema
STARSHIP = "Starship"


def starship_programs():
    return Program.objects.filter(name__icontains=STARSHIP).values("pk")


def starship_launches():
    return Launch.objects.filter(
        Q(program__in=starship_programs())
        | Q(rocket__configuration__name__istartswith=STARSHIP)
        | Q(rocket__configuration__families__name__iexact=STARSHIP)
    ).values("pk")


def starship_events():
    return Event.objects.filter(
        Q(program__in=starship_programs()) | Q(launches__in=starship_launches())
    ).values("pk")


def sources(now) -> dict[str, tuple]:
    """Each list of the dashboard: its queryset and order."""
    configs = LauncherConfig.objects.filter(
        Q(name__istartswith=STARSHIP)
        | Q(families__name__iexact=STARSHIP)
        | Q(program__in=starship_programs())
    ).values("pk")
    return {
        "updates": (
            Update.objects.filter(
                Q(program__in=starship_programs())
                | Q(launch__in=starship_launches())
                | Q(event__in=starship_events())
            ),
            ("-created_on", "-id"),
        ),
        "live_streams": (LiveStream.objects.all(), ("position", "id")),
        "road_closures": (
            RoadClosure.objects.filter(Q(window_end__gte=now) | Q(window_end__isnull=True)),
            ("window_start", "id"),
        ),
        "notices": (Notice.objects.all(), ("-date", "-id")),
        "vehicles": (listed(Launcher.objects.filter(launcher_config__in=configs)), ("-id",)),
        "orbiters": (
            listed(
                Spacecraft.objects.filter(
                    Q(spacecraft_config__name__istartswith=STARSHIP)
                    | Q(spacecraft_config__family__name__iexact=STARSHIP)
                )
            ),
            ("-id",),
        ),
    }


def timeline(now) -> dict[str, dict[str, tuple]]:
    """The `upcoming` and `previous` halves: launches and events, each with its order."""
    # Listed at the top level of the dashboard: not launches and events known only nested.
    ship_launches = listed(Launch.objects.filter(pk__in=starship_launches()))
    ship_events = listed(Event.objects.filter(pk__in=starship_events()))
    return {
        "upcoming": {
            "launches": (ship_launches.filter(net__gte=now - RECENT), ("net", "id")),
            "events": (ship_events.filter(date__gte=now - RECENT), ("date", "id")),
        },
        "previous": {
            "launches": (ship_launches.filter(net__lt=now), ("-net", "id")),
            "events": (ship_events.filter(date__lt=now), ("-date", "id")),
        },
    }


def next_change(now) -> object:
    """The first moment the clock-bound parts of the dashboard move: a launch or event crosses
    into `previous` or out of `upcoming`, or an open road closure ends."""
    moments = [
        TimeWindow("net").next_change(Launch, now),
        TimeWindow("date").next_change(Event, now),
        RoadClosure.objects.filter(window_end__gte=now).aggregate(end=Min("window_end"))["end"],
    ]
    return min((m for m in moments if m is not None), default=None)


def render_list(schema: str, source: tuple, links: Links, limit: int) -> list[dict]:
    qs, order = source
    variant = plan(schema)
    return variant.render_many(variant.queryset(qs.distinct().order_by(*order))[:limit], links)


def dashboard(schema_name: str, links: Links, limit: int) -> dict:
    """The dashboard in one variant (StarshipDashboardList/Normal/Detailed), in its key order."""
    now = timezone.now()
    clock.changes_at(lambda: next_change(now), "Starship dashboard windows and road closures")
    lists = sources(now)
    halves = timeline(now)
    body = {}
    for prop in spec.schema(schema_name).properties:
        if prop.name == "response_mode":
            body[prop.name] = prop.default
        elif prop.kind == "array":
            body[prop.name] = render_list(prop.target, lists[prop.name], links, limit)
        else:  # upcoming / previous: a LaunchAndEvents variant
            body[prop.name] = {
                half.name: render_list(half.target, halves[prop.name][half.name], links, limit)
                for half in spec.schema(prop.target).properties
            }
    return body


class StarshipDashboardView(APIView):
    @property
    def allowed_methods(self):
        return ["GET"]

    def get_view_name(self):
        return "Starship Dashboard"

    def get_view_description(self, html=False):
        from rest_framework.utils.formatting import markup_description

        text = spec.operations()[PATH].description
        return markup_description(text) if html else text

    def get(self, request):
        mode = request.query_params.get("mode") or "normal"
        if mode not in VARIANTS:
            raise ValidationError({"mode": [f"Select one of: {', '.join(VARIANTS)}."]})
        # As on every list: at most 100, and the default (10) for a missing or unreadable limit.
        limit = Pagination().get_limit(request)
        return Response(dashboard(VARIANTS[mode], links_for(request), limit))


routes = [path("dashboard/starship/", StarshipDashboardView.as_view(), name="dashboard-starship")]
