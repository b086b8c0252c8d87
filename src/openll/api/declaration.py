"""One declaration per endpoint; routing, modes, docs and views are derived from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

from openll import spec
from openll.api.render import model_of

# Every endpoint registers itself here when its module is imported (see endpoints/__init__.py).
REGISTRY: dict[str, Endpoint] = {}


def endpoints() -> dict[str, Endpoint]:
    """Every declared endpoint, by path."""
    import openll.api.endpoints  # noqa: F401 - the declarations register themselves

    return REGISTRY


@dataclass
class Endpoint:
    """An LL2 list endpoint and its `{id}/` twin.

    path:        the route under /2.3.0/, e.g. "docking_events" or "launches/upcoming"
    filterset:   a FilterSet class (see filters.filterset_for), or None
    search:      LL2's search field names (shown in the docs); `search_paths` maps a name to
                 openll's ORM path where the two differ
    ordering:    the fields `?ordering=` accepts; `ordering_paths` maps a name to openll's ORM
                 path where the two differ
    default_ordering: the order of an unsorted list (ties broken by id)
    examples:    the example query of each docs section ("filter", "search", "ordering")
    scope:       narrows the base queryset (e.g. upcoming launches), given the request
    """

    path: str
    filterset: type | None = None
    search: tuple[str, ...] = ()
    search_paths: dict[str, str] = field(default_factory=dict)
    ordering: tuple[str, ...] = ()
    ordering_paths: dict[str, str] = field(default_factory=dict)
    default_ordering: tuple[str, ...] = ("id",)
    examples: dict[str, str] = field(default_factory=dict)
    scope: Callable | None = None

    def __post_init__(self) -> None:
        REGISTRY[self.path] = self

    @property
    def list_path(self) -> str:
        return f"/{self.path}/"

    @property
    def detail_path(self) -> str | None:
        path = f"/{self.path}/{{id}}/"
        return path if path in spec.operations() else None

    @property
    def modes(self) -> dict[str | None, str]:
        """Mode -> serializer variant of list items, as the spec declares them (None: no modes)."""
        return spec.list_item_schemas(self.list_path)

    @property
    def default_mode(self) -> str | None:
        modes = self.modes
        if None in modes:
            return None
        return "normal" if "normal" in modes else next(iter(modes))

    @property
    def detail_schema(self) -> str:
        if self.detail_path:
            return spec.operations()[self.detail_path].response_schema
        return self.modes[self.default_mode]

    @property
    def model(self) -> type[models.Model]:
        return model_of(self.detail_schema)

    @property
    def filter_names(self) -> list[str]:
        return sorted(self.filterset.base_filters) if self.filterset else []
