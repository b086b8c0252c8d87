from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from openll.api.versions import VERSIONS, api_root
from openll.serving.health import health

urlpatterns = [
    path("", api_root, name="api-versions"),
    path("admin/", admin.site.urls),
    # For load balancers: database reachable, data generation and age; never cached or limited.
    path("health/", health, name="health"),
    # openll's own OpenAPI document (YAML; ?format=json for JSON) and its Swagger UI.
    path("2.3.0/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
urlpatterns += [path(f"{version}/", include(module)) for version, module in VERSIONS.items()]

# Error answers in JSON, as the API's own are.
handler400 = "openll.api.errors.bad_request"
handler403 = "openll.api.errors.forbidden"
handler404 = "openll.api.errors.not_found"
handler500 = "openll.api.errors.server_error"
