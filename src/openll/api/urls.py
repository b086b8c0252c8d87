"""Routes of /2.3.0/: every declared endpoint, its `{id}/` twin, the API root, and the routes
that endpoint modules add themselves (`routes`, for endpoints that are not paginated lists)."""

from rest_framework.routers import DefaultRouter

from openll.api import endpoints
from openll.api.declaration import REGISTRY
from openll.api.views import viewset_for


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
# Longest paths first, so that "launches/upcoming" is routed before "launches/{id}".
for path, endpoint in sorted(REGISTRY.items(), key=lambda item: -item[0].count("/")):
    router.register(path, viewset_for(endpoint), basename=path.replace("/", "-"))

urlpatterns = [route for module in endpoints.modules() for route in getattr(module, "routes", [])]
urlpatterns += router.urls
