"""openll's own OpenAPI document (drf-spectacular), served at /2.3.0/schema/ and shown at /docs/.

The paths come from the URLconf, like any drf-spectacular document, so they cannot drift from the
routes openll serves. What openll adds (`AutoSchema`, used for every view by `SchemaGenerator`):

- a declared endpoint's parameters: its django-filter filters (drf-spectacular reads the view's
  `filterset_class`), `limit`/`offset`, `search` and `ordering` with the endpoint's fields, `mode`
  (an enum of the endpoint's modes) on list routes, and `format`;
- responses that reference the official LL2 components: on a list route the spec's paginated
  envelope, whose items are the `oneOf` of the mode variants discriminated by `response_mode`; on
  an `{id}/` route the detail variant;
- any other view (e.g. a module's own `routes`) keeps drf-spectacular's introspection, and where
  its path is one of the official spec's the official response (and description) stands in;
- `add_official_components` (a postprocessing hook) copies the official component schemas that
  the document references, transitively, so that every `$ref` resolves.
"""

from __future__ import annotations

import copy

from drf_spectacular import generators
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.schemas.utils import get_pk_description

from openll import spec
from openll.api import docs
from openll.api.views import EndpointViewSet, VariantSerializer

COMPONENTS = "#/components/schemas/"


def ref(name: str) -> dict:
    return {"$ref": COMPONENTS + name}


def _codes(names) -> str:
    return ", ".join(f"`{name}`" for name in names)


class AutoSchema(BaseAutoSchema):
    @property
    def endpoint(self):
        return self.view.endpoint if isinstance(self.view, EndpointViewSet) else None

    def _is_list_route(self) -> bool:
        return self.endpoint is not None and self.view.action == "list"

    def _is_list_view(self, serializer=None) -> bool:
        # drives the filter and pagination parameters; a declared endpoint knows without guessing
        if self.endpoint is not None:
            return self._is_list_route()
        return super()._is_list_view(serializer)

    def _official(self) -> dict | None:
        """The official spec's operation of this very path and method, if it has one."""
        return spec.document()["paths"].get(self.path, {}).get(self.method.lower())

    # Texts

    def get_operation_id(self) -> str:
        official = self._official() if self.endpoint is None else None
        return official["operationId"] if official else super().get_operation_id()

    def get_description(self) -> str:
        if self.endpoint is not None:
            return docs.description(self.endpoint)
        description = super().get_description()
        official = self._official()
        return description or (official or {}).get("description", "")

    def get_summary(self) -> str | None:
        if self.endpoint is not None:
            verb = "List" if self._is_list_route() else "Get"
            return f"{verb} {self.view.get_view_name()}"
        return super().get_summary() or (self._official() or {}).get("summary")

    # Parameters

    def get_override_parameters(self) -> list:
        endpoint = self.endpoint
        if endpoint is None:
            return super().get_override_parameters()
        params = [
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=["json", "api"],
                description="`json` (the default), or `api` for the browsable HTML page.",
            )
        ]
        if not self._is_list_route():
            return params
        modes = [mode for mode in endpoint.modes if mode is not None]
        if modes:
            params.append(
                OpenApiParameter(
                    "mode",
                    OpenApiTypes.STR,
                    enum=modes,
                    default=endpoint.default_mode,
                    description="Level of detail in the response.",
                )
            )
        search = f" Fields searched: {_codes(sorted(endpoint.search))}." if endpoint.search else ""
        params.append(OpenApiParameter("search", OpenApiTypes.STR, description="A search term." + search))
        ordering = (
            f" One or more (comma-separated) of {_codes(sorted(endpoint.ordering))}; "
            "`-` in front for descending order."
            if endpoint.ordering
            else ""
        )
        params.append(
            OpenApiParameter(
                "ordering",
                OpenApiTypes.STR,
                description="Which field to use when ordering the results." + ordering,
            )
        )
        paginator = self._get_paginator()
        if paginator is not None and getattr(paginator, "max_limit", None):
            params.append(
                OpenApiParameter(
                    "limit",
                    OpenApiTypes.INT,
                    description=f"Number of results to return per page (default {paginator.default_limit}, "
                    f"at most {paginator.max_limit}).",
                )
            )
        return params

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        if self.endpoint is not None:
            # `{id}` is the model's primary key (the URL pattern's regex says only "digits").
            model = self.endpoint.model
            pk = model._meta.pk
            for parameter in parameters:
                if parameter["name"] in ("id", "pk"):
                    schema = self._map_model_field(pk, direction=None)
                    schema.pop("readOnly", None)
                    parameter["schema"] = schema
                    parameter["description"] = get_pk_description(model, pk)
        return parameters

    # Responses

    def _json(self, schema: dict, description: str = "") -> dict:
        media_types = self.map_renderers("media_type") or ["application/json"]
        return {"content": {mt: {"schema": schema} for mt in media_types}, "description": description}

    def _list_schema(self) -> dict:
        """The paginated envelope of the list route: the official one, or one built the same way."""
        endpoint = self.endpoint
        operation = spec.operations().get(endpoint.list_path)
        if operation and operation.response_schema:
            return ref(operation.response_schema)
        modes = endpoint.modes
        if None in modes:
            items = ref(modes[None])
        else:
            items = {
                "oneOf": [ref(name) for name in modes.values()],
                "discriminator": {
                    "propertyName": "response_mode",
                    "mapping": {mode: COMPONENTS + name for mode, name in modes.items()},
                },
            }
        return self._get_paginator().get_paginated_response_schema({"type": "array", "items": items})

    def _responses_declared(self) -> bool:
        """Whether the view declares its responses itself (e.g. with @extend_schema)."""
        return type(self).get_response_serializers is not AutoSchema.get_response_serializers

    def get_response_serializers(self):
        if self.endpoint is not None or self._official() is not None:
            return None  # the response is the official one (_get_response_bodies): no introspection
        return super().get_response_serializers()

    def _get_response_bodies(self, direction="response") -> dict:
        if self.endpoint is not None:
            if self._is_list_route():
                return {
                    "200": self._json(self._list_schema()),
                    "400": {"description": "An invalid filter, `mode`, `limit` or `offset` value."},
                }
            return {
                "200": self._json(ref(self.endpoint.detail_schema)),
                "404": {"description": "No object with this id."},
            }
        if self._responses_declared():
            return super()._get_response_bodies(direction)
        official = self._official()
        if official is not None:
            return copy.deepcopy(official["responses"])
        serializer = self._variant_serializer()
        if serializer is not None:
            return {"200": self._json(ref(serializer.schema))}
        return super()._get_response_bodies(direction)

    def _variant_serializer(self) -> type[VariantSerializer] | None:
        get_class = getattr(self.view, "get_serializer_class", None)
        try:
            cls = get_class() if get_class else getattr(self.view, "serializer_class", None)
        except Exception:
            return None
        return cls if isinstance(cls, type) and issubclass(cls, VariantSerializer) else None


class SchemaGenerator(generators.SchemaGenerator):
    """drf-spectacular's generator, with openll's AutoSchema on every view (also on the views of
    endpoint modules' own `routes`; a view's own @extend_schema still takes precedence)."""

    def create_view(self, callback, method, request=None):
        view = super().create_view(callback, method, request)
        schema = view.schema
        if isinstance(schema, BaseAutoSchema) and not isinstance(schema, AutoSchema):
            cls = schema.__class__  # may be a weakref proxy: type() would not tell
            if cls is not BaseAutoSchema:
                cls = type(f"OpenLL{cls.__name__}", (cls, AutoSchema), {})
            else:
                cls = AutoSchema
            self._set_schema_to_view(view, cls())
        return view


def _refs(node, found: set[str]) -> None:
    """Collect the component names `node` references: `$ref`s and discriminator mappings."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(COMPONENTS):
                found.add(value.removeprefix(COMPONENTS))
            elif key == "discriminator" and isinstance(value, dict):
                found.update(ref.removeprefix(COMPONENTS) for ref in value.get("mapping", {}).values())
            else:
                _refs(value, found)
    elif isinstance(node, list):
        for item in node:
            _refs(item, found)


def add_official_components(result, generator, request, public):
    """Postprocessing hook: add the official component schemas the document references."""
    official = spec.document()["components"]["schemas"]
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    pending: set[str] = set()
    _refs(result, pending)
    while pending:
        name = pending.pop()
        if name in schemas or name not in official:
            continue
        schemas[name] = copy.deepcopy(official[name])
        _refs(schemas[name], pending)
    result["components"]["schemas"] = dict(sorted(schemas.items()))
    return result


def only_2_3_0_routes(endpoints, **kwargs):
    """Preprocessing hook: this document is 2.3.0's; /2.2.0/ has the official 2.2.0 document at
    /2.2.0/schema/ (without this, the 2.2.0 routes were listed here too, and drf-spectacular's
    deploy check warned about a view of theirs)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/2.3.0/")]
