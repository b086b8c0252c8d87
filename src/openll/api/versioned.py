"""The routes of an older API version (/2.2.0/), built from the 2.3.0 declarations and the
version's mapping (openll.versions): the same querysets, filters, search, ordering, paging and
views; only the modes, the shapes of the objects and the hyperlinks are the version's."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from openll import spec
from openll.api import docs
from openll.api.declaration import Endpoint, endpoints
from openll.api.endpoints import dashboard
from openll.api.endpoints.throttle import ApiThrottleView
from openll.api.pagination import Pagination
from openll.api.render import Links, plan
from openll.api.views import EndpointViewSet, viewset_for
from openll.serving import clock
from openll.versions.mapping import Route, Variant, Version
from openll.versions.v2_2_0 import VERSION as V2_2_0
from openll.versions.v2_2_0.endpoints import ROUTES as ROUTES_2_2_0


def links_for(request, version: Version) -> Links:
    base = request.build_absolute_uri(f"/{version.name}/")
    fmt = request.query_params.get("format")
    return Links(base, f"?format={fmt}" if fmt else "", paths=version.paths)


@dataclass(frozen=True)
class _Docs:
    """What the docs header (api.docs) reads of a route: the version's path, modes and filters
    (shown_filters), the 2.3.0 declaration's search and ordering (the route uses them as they are),
    and the declaration's examples, or the route's own where it declares them."""

    path: str
    modes: dict
    filter_names: list
    examples: dict
    search: tuple
    ordering: tuple


class VersionedSerializer(serializers.BaseSerializer):
    version: Version
    variant: Variant

    def to_representation(self, instance):
        links = links_for(self.context["request"], self.version)
        return self.version.render_pks(self.variant, [instance.pk], links)[0]


class VersionedViewSet(EndpointViewSet):
    schema = None  # documented by the version's own official document (/2.2.0/schema/)
    version: Version
    route: Route

    def get_view_name(self):
        return self.route.path.replace("_", " ").replace("/", " ").title()

    @property
    def filterset_class(self):
        return filterset_of(self.route, self.endpoint)

    def get_view_description(self, html=False):
        from rest_framework.utils.formatting import markup_description

        endpoint, route = self.endpoint, self.route
        text = docs.description(
            _Docs(
                route.path,
                route.modes,
                shown_filters(self.version, route, self.filterset_class),
                {**endpoint.examples, **route.examples},
                endpoint.search,
                endpoint.ordering,
            )
        )
        return markup_description(text) if html else text

    def variant(self) -> Variant:
        if self.action == "retrieve":
            return self.version.variants[self.route.detail]
        modes = self.route.modes
        mode = self.request.query_params.get("mode")
        if mode is None or None in modes:
            return self.version.variants[modes[self.route.default_mode]]
        if mode not in modes:
            raise ValidationError({"mode": [f"Select one of: {', '.join(m for m in modes if m)}."]})
        return self.version.variants[modes[mode]]

    def mode_schema(self) -> str:
        return self.version.source_schema(self.variant())

    def get_serializer_class(self):
        return type(
            "VersionedSerializer",
            (VersionedSerializer,),
            {"version": self.version, "variant": self.variant()},
        )

    def get_queryset(self):
        qs = super().get_queryset()
        if self.route.hidden is not None:
            qs = qs.exclude(self.route.hidden)
        return qs

    def list(self, request, *args, **kwargs):
        ids = self.filter_queryset(self.get_queryset()).values_list("pk", flat=True)
        page = self.paginate_queryset(ids)
        links = links_for(request, self.version)
        return self.get_paginated_response(self.version.render_pks(self.variant(), page, links))


_filtersets: dict[tuple[str, str], type | None] = {}


def filterset_of(route: Route, endpoint: Endpoint) -> type | None:
    """The 2.3.0 declaration's filters, plus those the version names otherwise."""
    key = (route.path, endpoint.path)
    if key not in _filtersets:
        base = endpoint.filterset
        if route.filters and base is not None:
            base = type(f"{base.__name__}_{route.path.replace('/', '_')}", (base,), dict(route.filters))
        _filtersets[key] = base
    return _filtersets[key]


def shown_filters(version: Version, route: Route, filterset: type | None) -> list[str]:
    """The filters the docs header lists for a route: those it accepts that the version's official
    document names for its path. The route accepts the 2.3.0 declaration's other filters too, but
    the version never had them. A path the document lacks (2.2.0's 2023 additions: the later
    schema that lists them is not bundled) lists every filter it accepts."""
    accepted = sorted(filterset.base_filters) if filterset is not None else []
    documented = spec.filters_of(version.name, f"/{route.path}/")
    return accepted if documented is None else [name for name in accepted if name in documented]


def versioned_viewset(version: Version, route: Route, endpoint: Endpoint) -> type[VersionedViewSet]:
    base = viewset_for(endpoint)
    return type(
        f"{base.__name__}_{version.name.replace('.', '_')}",
        (VersionedViewSet, base),
        {"version": version, "route": route},
    )


# -- the Starship dashboard ---------------------------------------------------------------------

# 2.2.0's dashboard: a real 2.1.0 one (2021), and the 2023 2.2.0 additions `updates` and
# `orbiters`, the latter shaped as the 2023 2.2.0 schema's `Orbiter` (= SpacecraftInStage; see
# versions/v2_2_0/variants.py for that schema). No real 2.2.0 dashboard response was found. The
# 2023 schema also orders the keys otherwise (updates, upcoming, previous, road_closures, notices,
# live_streams, vehicles, orbiters) and types vehicles as `LauncherDetail`, but it types road
# closures and notices as their status and type lookups, a generator's guess: it does not
# describe what the view returns, so the real 2.1.0 order and shapes are kept.
DASHBOARD_2_2_0 = (
    ("upcoming", None),
    ("previous", None),
    ("live_streams", "VidURLs"),
    ("road_closures", "RoadClosure"),
    ("notices", "Notice"),
    ("vehicles", "Launcher"),
    ("updates", "Update"),
    ("orbiters", "SpacecraftInStage"),
)
DASHBOARD_HALVES = (("launches", "LaunchNormal"), ("events", "Event"))


class VersionedDashboardView(APIView):
    schema = None
    version: Version = V2_2_0

    @property
    def allowed_methods(self):
        return ["GET"]

    def get_view_name(self):
        return "Starship Dashboard"

    def get_view_description(self, html=False):
        from rest_framework.utils.formatting import markup_description

        text = spec.operations()[dashboard.PATH].description
        return markup_description(text) if html else text

    def render(self, name: str, qs, order, links: Links, limit: int) -> list[dict]:
        pks = list(qs.distinct().order_by(*order).values_list("pk", flat=True)[:limit])
        if name in self.version.variants:
            return self.version.render_pks(self.version.variants[name], pks, links)
        return plan(name).render_pks(pks, links)

    def get(self, request):
        limit = Pagination().get_limit(request)
        links = links_for(request, self.version)
        now = timezone.now()
        clock.changes_at(lambda: dashboard.next_change(now), "Starship dashboard windows and road closures")
        lists = dashboard.sources(now)
        halves = dashboard.timeline(now)
        body = {}
        for key, variant in DASHBOARD_2_2_0:
            if variant is None:
                body[key] = {
                    half: self.render(name, *halves[key][half], links, limit)
                    for half, name in DASHBOARD_HALVES
                }
            else:
                body[key] = self.render(variant, *lists[key], links, limit)
        return Response(body)


class VersionedApiThrottleView(ApiThrottleView):
    schema = None


def schema_2_2_0(request):
    """The official 2.2.0 OpenAPI document, as openll serves it (JSON)."""
    return JsonResponse(spec.document_of("2.2.0"), json_dumps_params={"ensure_ascii": False})


class Router(DefaultRouter):
    include_format_suffixes = False


def urlpatterns_for(version: Version, routes: list[Route]) -> list:
    router = Router()
    declared = endpoints()
    for route in sorted(routes, key=lambda r: -r.path.count("/")):
        viewset = versioned_viewset(version, route, declared[route.endpoint])
        if route.detail is None:
            viewset.retrieve = None
        router.register(route.path, viewset, basename=f"{version.name}-{route.path.replace('/', '-')}")
    return [
        path(
            "dashboard/starship/", VersionedDashboardView.as_view(), name=f"{version.name}-dashboard-starship"
        ),
        path("api-throttle/", VersionedApiThrottleView.as_view(), name=f"{version.name}-api-throttle"),
        path("schema/", schema_2_2_0, name=f"{version.name}-schema"),
        *router.urls,
    ]


urlpatterns = urlpatterns_for(V2_2_0, ROUTES_2_2_0)
