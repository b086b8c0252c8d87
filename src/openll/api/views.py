"""The read-only view of a declared endpoint: mode choice, filters, search, ordering, paging."""

from __future__ import annotations

from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from openll.api import docs
from openll.api.declaration import Endpoint
from openll.api.filters import OrderingFilter, in_int64
from openll.api.render import Links, plan
from openll.api.search import SearchFilter
from openll.catalog.base import listed

UUID_PATTERN = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"


def links_for(request) -> Links:
    base = request.build_absolute_uri("/2.3.0/")
    fmt = request.query_params.get("format")
    return Links(base, f"?format={fmt}" if fmt else "")


class VariantSerializer(serializers.BaseSerializer):
    """Renders instances as one spec variant (the `schema` class attribute). Lists are rendered
    a page at a time by the views (render.Plan.render_pks); this serves single objects."""

    schema: str = ""

    def to_representation(self, instance):
        links = self.context.get("links")
        if links is None:
            links = self.context["links"] = links_for(self.context["request"])
        return plan(self.schema).render(instance, links)


_serializers: dict[str, type[VariantSerializer]] = {}


def serializer_for(schema: str) -> type[VariantSerializer]:
    if schema not in _serializers:
        _serializers[schema] = type(f"{schema}Serializer", (VariantSerializer,), {"schema": schema})
    return _serializers[schema]


class EndpointViewSet(viewsets.ReadOnlyModelViewSet):
    endpoint: Endpoint
    filter_backends = (DjangoFilterBackend, SearchFilter, OrderingFilter)

    # LL2 answers `Allow: GET`; HEAD and OPTIONS are served all the same.
    @property
    def allowed_methods(self):
        return ["GET"]

    def get_view_description(self, html=False):
        from rest_framework.utils.formatting import markup_description

        text = docs.description(self.endpoint)
        return markup_description(text) if html else text

    def get_view_name(self):
        return self.endpoint.path.replace("_", " ").replace("/", " ").title()

    @property
    def filterset_class(self):
        return self.endpoint.filterset

    def mode_schema(self) -> str:
        if self.action == "retrieve":
            return self.endpoint.detail_schema
        modes = self.endpoint.modes
        mode = self.request.query_params.get("mode")
        if mode is None or None in modes:
            return modes[self.endpoint.default_mode]
        if mode not in modes:
            raise ValidationError({"mode": [f"Select one of: {', '.join(m for m in modes if m)}."]})
        return modes[mode]

    def get_object(self):
        if not in_int64(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")):
            raise Http404  # an id no database row can have
        return super().get_object()

    def get_serializer_class(self):
        return serializer_for(self.mode_schema())

    def get_queryset(self):
        qs = listed(self.endpoint.model._default_manager.all())  # not objects known only nested
        if self.endpoint.scope is not None:
            qs = self.endpoint.scope(qs, self.request)
        return qs

    def list(self, request, *args, **kwargs):
        # The page is chosen on ids alone; its objects are then loaded and rendered in bulk.
        ids = self.filter_queryset(self.get_queryset()).values_list("pk", flat=True)
        page = self.paginate_queryset(ids)
        return self.get_paginated_response(plan(self.mode_schema()).render_pks(page, links_for(request)))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["links"] = links_for(self.request)
        return context


def viewset_for(endpoint: Endpoint) -> type[EndpointViewSet]:
    is_uuid = endpoint.model._meta.pk.get_internal_type() == "UUIDField"
    return type(
        f"{endpoint.model.__name__}ViewSet",
        (EndpointViewSet,),
        {
            "endpoint": endpoint,
            "lookup_value_regex": UUID_PATTERN if is_uuid else r"[0-9]+",
            "queryset": endpoint.model._default_manager.all(),
        },
    )
