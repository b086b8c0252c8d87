"""`/health/`: whether this instance can serve, for load balancers and orchestrators.

    {"status": "ok", "database": {"reachable": true, "vendor": "postgresql"},
     "data": {"generation": 1234, "changed_at": "2026-...Z", "age_seconds": 42.1}}

200 when the database answers and is migrated, else 503 with `status` saying why. Never cached
(`Cache-Control: no-store`; the response cache keeps only API routes) and never rate-limited
(a plain Django view, outside DRF's throttles).

More fields: append a function to SECTIONS. It returns the name and value of one field, and may
mark the instance unhealthy by returning `healthy=False`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from openll.serving import generation


@dataclass(frozen=True)
class Section:
    name: str
    value: Any
    healthy: bool = True
    reason: str = ""  # why not healthy, for `status`


def database() -> Section:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        reason = f"database unreachable: {type(exc).__name__}"
        return Section("database", {"reachable": False, "vendor": connection.vendor}, False, reason)
    return Section("database", {"reachable": True, "vendor": connection.vendor})


def data() -> Section:
    """The data generation (openll.serving.generation): moved by every committed catalog change."""
    state = generation.current()
    if state is None:
        return Section("data", None, False, "database not migrated")
    changed = state.changed_at
    return Section(
        "data",
        {
            "generation": state.number,
            "changed_at": changed.isoformat().replace("+00:00", "Z") if changed else None,
            "age_seconds": round(time.time() - state.changed_at_epoch, 1) if changed else None,
        },
    )


def mirror() -> Section:
    """What `openll mirror --watch` did last and does next (openll.ingest.watch); null when no
    watcher has run on this database. Never unhealthy: serving does not depend on it."""
    from openll.ingest.watch import mirror_health

    return Section("mirror", mirror_health())


# Each is called per request, in order; a section after an unreachable database is skipped.
SECTIONS: list[Callable[[], Section]] = [database, data, mirror]


@csrf_exempt
@require_safe
def health(request) -> JsonResponse:
    body: dict[str, Any] = {"status": "ok"}
    for section in SECTIONS:
        found = section()
        body[found.name] = found.value
        if not found.healthy:
            body["status"] = found.reason or f"{found.name} unhealthy"
            break
    response = JsonResponse(body, status=200 if body["status"] == "ok" else 503)
    response["Cache-Control"] = "no-store"
    return response
