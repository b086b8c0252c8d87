"""The API versions openll serves, in one place: `/` lists them, and each is routed under its own
prefix (`/2.3.0/`). A version added to openll (e.g. 2.2.0, as a version mapping of the same
declarations) is added to `VERSIONS` too, and `/` lists it."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

# Version -> the URLconf module of its routes (mounted at `/<version>/`), newest first.
VERSIONS: dict[str, str] = {
    "2.3.0": "openll.api.urls",
    # 2.2.0 from the same catalog (openll.versions): the clients that never moved to 2.3.0.
    "2.2.0": "openll.api.versioned",
}


def api_root(request: HttpRequest) -> JsonResponse:
    """`/`: where a newcomer (or a client probing the host) finds the API versions."""
    return JsonResponse(
        {
            "name": "openll",
            "description": "An open-source server for the Launch Library 2 API.",
            "versions": [
                {"version": version, "url": request.build_absolute_uri(f"/{version}/")}
                for version in VERSIONS
            ],
            "docs": request.build_absolute_uri("/docs/"),
            "schema": request.build_absolute_uri(f"/{next(iter(VERSIONS))}/schema/"),
        }
    )
