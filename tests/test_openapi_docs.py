"""openll's own OpenAPI document (/2.3.0/schema/) and its Swagger UI (/docs/), served offline."""

from __future__ import annotations

import re

import pytest
import yaml
from django.test import Client
from django.urls import Resolver404, resolve
from drf_spectacular.validation import validate_schema
from rest_framework.views import APIView

from openll import spec
from openll.api import endpoints
from openll.api.declaration import REGISTRY
from openll.api.schema import SchemaGenerator

COMPONENTS = "#/components/schemas/"
# Values that match an integer and a UUID lookup, to tell whether openll routes a `{id}/` path.
SAMPLE_IDS = ("1", "e3df2ecd-c239-472f-95e4-2b89b4f75800")


@pytest.fixture(scope="module")
def document() -> dict:
    response = Client().get("/2.3.0/schema/?format=json")
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def view_class(path: str) -> type | None:
    """The view class openll's URLconf routes `path` to (an OpenAPI path, `{id}` for the lookup)."""
    for sample in SAMPLE_IDS:
        try:
            match = resolve(path.replace("{id}", sample))
        except Resolver404:
            continue
        return getattr(match.func, "cls", None) or getattr(match.func, "view_class", None)
    return None


def routed(path: str) -> bool:
    return view_class(path) is not None


def documentable(path: str) -> bool:
    """Routed, and not kept out of the document by its view (DRF's `schema = None`)."""
    cls = view_class(path)
    return cls is not None and getattr(cls, "schema", True) is not None


def walk(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from walk(item, f"{path}/{i}")


def component(document: dict, reference: dict) -> dict:
    return document["components"]["schemas"][reference["$ref"].removeprefix(COMPONENTS)]


def parameters(document: dict, path: str) -> dict[str, dict]:
    return {p["name"]: p for p in document["paths"][path]["get"].get("parameters", [])}


def variants(document: dict, list_schema: dict) -> set[str]:
    """The item variants of a paginated list response."""
    envelope = component(document, list_schema) if "$ref" in list_schema else list_schema
    items = envelope["properties"]["results"]["items"]
    if "$ref" in items and "oneOf" not in component(document, items):
        return {items["$ref"].removeprefix(COMPONENTS)}  # one variant: no modes
    union = component(document, items) if "$ref" in items else items
    assert union["discriminator"]["propertyName"] == "response_mode"
    assert set(union["discriminator"]["mapping"].values()) == {ref["$ref"] for ref in union["oneOf"]}
    return {ref["$ref"].removeprefix(COMPONENTS) for ref in union["oneOf"]}


def test_schema_is_yaml_by_default_and_json_on_request(document):
    response = Client().get("/2.3.0/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert "json" not in response["Content-Type"]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 5x faster on this 0.5 MB
    assert yaml.load(response.content, Loader=loader) == document


def test_schema_is_a_valid_openapi_3_document(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "2.3.0"
    validate_schema(document)  # drf-spectacular's bundled OpenAPI 3 JSON Schema
    for path, item in document["paths"].items():
        assert set(item) == {"get"}, path
        assert "200" in item["get"]["responses"], path


def test_every_ref_resolves(document):
    schemas = document["components"]["schemas"]
    refs = [(where, value) for where, key, value in walk(document) if key == "$ref"]
    assert refs
    for where, ref in refs:
        assert ref.startswith(COMPONENTS), (where, ref)
        assert ref.removeprefix(COMPONENTS) in schemas, (where, ref)
    for where, key, value in walk(document):
        if key == "discriminator":
            for ref in value["mapping"].values():
                assert ref.removeprefix(COMPONENTS) in schemas, (where, ref)


def test_components_are_the_official_ones(document):
    official = spec.document()["components"]["schemas"]
    for name, schema in document["components"]["schemas"].items():
        assert schema == official[name], name


def test_every_official_path_that_openll_serves_is_documented(document):
    served = [path for path in spec.document()["paths"] if documentable(path)]
    assert "/2.3.0/spacecraft/" in served and "/2.3.0/spacecraft/{id}/" in served
    missing = [path for path in served if path not in document["paths"]]
    assert not missing


def test_all_116_official_routes_are_documented_the_dashboard_included(document):
    """/docs/ listed 115 routes while the README says 116: the Starship dashboard was kept out."""
    official = set(spec.document()["paths"])
    assert len(official) == 116
    assert {path for path in document["paths"] if path.startswith("/2.3.0/")} == official
    dashboard = document["paths"]["/2.3.0/dashboard/starship/"]["get"]
    assert (
        dashboard["responses"]["200"]
        == spec.document()["paths"]["/2.3.0/dashboard/starship/"]["get"]["responses"]["200"]
    )


def test_every_route_is_documented_and_every_documented_path_is_routed(document):
    expected = set()
    for endpoint in REGISTRY.values():  # the router gives each a list route and an `{id}/` route
        expected |= {f"/2.3.0{endpoint.list_path}", f"/2.3.0/{endpoint.path}/{{id}}/"}
    for module in endpoints.modules():  # the routes endpoint modules add themselves
        for route in getattr(module, "routes", []):
            pattern = str(route.pattern).lstrip("^").rstrip("$")
            expected.add("/2.3.0/" + re.sub(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", r"{\1\2}", pattern))
    assert {path for path in expected if documentable(path)} <= set(document["paths"])
    assert all(routed(path) for path in document["paths"])


def test_spacecraft_list_parameters(document):
    params = parameters(document, "/2.3.0/spacecraft/")
    filters = {"in_space", "is_placeholder", "name", "spacecraft_config", "status"}
    assert filters | {"limit", "offset", "search", "ordering", "mode"} <= set(params)
    assert all(params[name]["in"] == "query" for name in params)
    assert params["in_space"]["schema"]["type"] == "boolean"
    assert set(params["mode"]["schema"]["enum"]) == {"normal", "detailed"}
    assert params["mode"]["schema"]["default"] == "normal"
    assert "`spacecraft_config__name`" in params["search"]["description"]
    assert "`flights_count`" in params["ordering"]["description"]
    # the `{id}/` route takes only the id (and format)
    detail = parameters(document, "/2.3.0/spacecraft/{id}/")
    assert detail["id"]["in"] == "path" and detail["id"]["schema"]["type"] == "integer"
    assert "mode" not in detail and "limit" not in detail


@pytest.mark.parametrize("path", sorted(REGISTRY))
def test_endpoint_parameters_and_responses(document, path):
    endpoint = REGISTRY[path]
    list_op = document["paths"][f"/2.3.0{endpoint.list_path}"]["get"]
    params = parameters(document, f"/2.3.0{endpoint.list_path}")
    assert set(endpoint.filter_names) | {"limit", "offset", "search", "ordering"} <= set(params)
    modes = [mode for mode in endpoint.modes if mode is not None]
    if modes:
        assert set(params["mode"]["schema"]["enum"]) == set(modes)
    else:
        assert "mode" not in params
    # As in the official spec: a paginated envelope of the mode variants, told by `response_mode`.
    schema = list_op["responses"]["200"]["content"]["application/json"]["schema"]
    assert variants(document, schema) == set(endpoint.modes.values())
    detail = document["paths"][f"/2.3.0/{endpoint.path}/{{id}}/"]["get"]
    schema = detail["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": COMPONENTS + endpoint.detail_schema}


def test_spacecraft_responses_reference_the_official_components(document):
    list_schema = document["paths"]["/2.3.0/spacecraft/"]["get"]["responses"]["200"]["content"]
    envelope = component(document, list_schema["application/json"]["schema"])
    assert {"count", "next", "previous", "results"} <= set(envelope["properties"])
    items = component(document, envelope["properties"]["results"]["items"])
    assert items["discriminator"]["propertyName"] == "response_mode"
    assert set(items["discriminator"]["mapping"]) == {"normal", "detailed"}


def test_a_plain_view_on_an_official_path_gets_the_official_response():
    """The generic fallback for views that are not declared endpoints (a module's `routes`)."""
    from django.urls import path

    class Throttle(APIView):
        def get(self, request):
            return None

    generator = SchemaGenerator(patterns=[path("2.3.0/api-throttle/", Throttle.as_view())])
    document = generator.get_schema(request=None, public=True)
    operation = document["paths"]["/2.3.0/api-throttle/"]["get"]
    official = spec.document()["paths"]["/2.3.0/api-throttle/"]["get"]
    assert operation["responses"] == official["responses"]
    assert "APIThrottle" in document["components"]["schemas"]


def test_swagger_ui_is_served_with_local_assets():
    response = Client().get("/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "/2.3.0/schema/" in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(urls) >= 4  # favicon, css, bundle, standalone preset
    assert not [url for url in urls if not url.startswith("/static/")]
    assert "//cdn" not in html and "unpkg.com" not in html and "jsdelivr" not in html
    for url in urls:
        asset = Client().get(url)
        assert asset.status_code == 200, url
        assert b"".join(asset.streaming_content if asset.streaming else [asset.content]), url
