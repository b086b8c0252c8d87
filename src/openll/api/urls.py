"""Routes of /2.3.0/: every declared endpoint, its `{id}/` twin, and the API root."""

from rest_framework.routers import DefaultRouter

from openll.api import endpoints  # noqa: F401 - registers the declarations
from openll.api.declaration import REGISTRY
from openll.api.views import viewset_for


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
for path, endpoint in REGISTRY.items():
    router.register(path, viewset_for(endpoint), basename=path.replace("/", "-"))

urlpatterns = router.urls
