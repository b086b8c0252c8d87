"""Render catalog objects as the LL2 serializer variants of the spec.

A variant (e.g. `SpacecraftFlightNormal`) is compiled once per model into a `Plan`: one getter per
field, in the spec's field order (which is LL2's key order), and the joins and prefetches that
load every nested object of a page in a fixed number of queries, whatever the page size.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import isodate
from django.apps import apps
from django.db import models
from django.db.models import Prefetch
from django.utils.duration import duration_string

from openll import spec
from openll.catalog.contract import (
    ENDPOINT_OF,
    FIELD_PATHS,
    TIMEDELTA_TEXT_FIELDS,
    entity_of,
)


@dataclass(frozen=True)
class Links:
    """How hyperlinks are written in one response: LL2 builds them from the request's host and
    keeps the `format` query parameter (`.../spacecraft/577/?format=api`)."""

    base: str  # e.g. "https://ll.thespacedevs.com/2.3.0/"
    query: str = ""  # e.g. "?format=api"

    def to(self, endpoint: str, pk: object) -> str:
        return f"{self.base}{endpoint}/{pk}/{self.query}"


Getter = Callable[[models.Model, Links], object]

# Most tables one query joins; wider nestings are prefetched (a few more queries, still bounded).
JOIN_BUDGET = 24


@dataclass
class Plan:
    schema: str
    model: type[models.Model]
    getters: list[tuple[str, Getter]] = field(default_factory=list)
    select: list[str] = field(default_factory=list)  # select_related paths
    prefetch: list[Prefetch] = field(default_factory=list)

    def render(self, obj: models.Model, links: Links) -> dict:
        return {name: get(obj, links) for name, get in self.getters}

    def render_many(self, objs: Iterable[models.Model], links: Links) -> list[dict]:
        getters = self.getters
        return [{name: get(obj, links) for name, get in getters} for obj in objs]

    def query_bound(self) -> int:
        """Most queries a page of this variant takes, whatever its size: the page itself plus one
        per prefetched relation (fewer when a relation is empty on the page)."""
        return 1 + sum(_prefetch_bound(p.queryset) for p in self.prefetch)

    def queryset(self, base: models.QuerySet | None = None) -> models.QuerySet:
        qs = self.model._default_manager.all() if base is None else base
        if self.select:
            qs = qs.select_related(*self.select)
        if self.prefetch:
            qs = qs.prefetch_related(*self.prefetch)
        return qs


def _prefetch_bound(qs: models.QuerySet) -> int:
    return 1 + sum(
        _prefetch_bound(p.queryset) for p in qs._prefetch_related_lookups if isinstance(p, Prefetch)
    )


def model_of(schema_name: str) -> type[models.Model]:
    entity = entity_of(schema_name)
    if entity is None:
        raise KeyError(f"{schema_name} is not a catalog entity")
    return apps.get_model("catalog", entity)


def format_datetime(value: dt.datetime) -> str:
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def format_duration(value: dt.timedelta) -> str:
    return isodate.duration_isoformat(value)


def _scalar_getter(attr: str, model_field: models.Field) -> Getter:
    def plain(obj, links):
        return getattr(obj, attr)

    def convert(fn):
        def get(obj, links):
            value = getattr(obj, attr)
            return None if value is None else fn(value)

        return get

    if isinstance(model_field, models.DateTimeField):
        return convert(format_datetime)
    if isinstance(model_field, models.DateField):
        return convert(dt.date.isoformat)
    if isinstance(model_field, models.DurationField):
        return convert(duration_string if attr in TIMEDELTA_TEXT_FIELDS else format_duration)
    if isinstance(model_field, models.UUIDField):
        return convert(str)
    return plain


def _related_model(relation) -> type[models.Model]:
    return relation.related_model


def _ordered_queryset(relation, target: type[models.Model]) -> models.QuerySet:
    """The queryset a to-many relation is prefetched with, in the order LL2 gave the list."""
    qs = target._default_manager.all()
    if relation.many_to_many:
        m2m = relation if isinstance(relation, models.ManyToManyField) else relation.remote_field
        through = m2m.remote_field.through
        # Order by the link row's position: the through table is joined once, by the prefetch's
        # own filter, and the ordering reuses that join.
        target_fk = m2m.m2m_reverse_field_name() if target is m2m.related_model else m2m.m2m_field_name()
        query_name = through._meta.get_field(target_fk).related_query_name()
        return qs.order_by(f"{query_name}__position", f"{query_name}__id")
    if target._meta.ordering:
        return qs
    return qs.order_by("pk")


@functools.cache
def plan(schema_name: str) -> Plan:
    model = model_of(schema_name)
    schema = spec.schema(schema_name)
    entity = entity_of(schema_name)
    result = Plan(schema_name, model)
    for prop in schema.properties:
        result.getters.append((prop.name, _getter(result, entity, prop)))
    return result


def _getter(result: Plan, entity: str, prop: spec.Property) -> Getter:
    name = prop.name
    model = result.model
    if name == "response_mode":
        mode = prop.default
        return lambda obj, links: mode
    if name == "url" and entity in ENDPOINT_OF:
        endpoint = ENDPOINT_OF[entity]
        return lambda obj, links: links.to(endpoint, obj.pk)
    path = FIELD_PATHS.get((entity, name))
    if path is not None:
        return _path_getter(result, path, prop)
    relation = model._meta.get_field(name)
    if not relation.is_relation:
        return _scalar_getter(relation.attname, relation)
    target = _related_model(relation)
    sub = plan(prop.target)
    if relation.many_to_many or relation.one_to_many:
        qs = sub.queryset(_ordered_queryset(relation, target))
        # Prefetched into a plain list: Django then builds no manager and no queryset per object.
        attr = f"_list_{name}"
        result.prefetch.append(Prefetch(name, queryset=qs, to_attr=attr))
        render_many = sub.render_many

        def get_many(obj, links):
            items = getattr(obj, attr, None)
            return render_many(getattr(obj, name).all() if items is None else items, links)

        return get_many
    if len(result.select) + 1 + len(sub.select) > JOIN_BUDGET:
        # Too wide to join (SQLite stops at 64 tables): one more query for this object.
        result.prefetch.append(Prefetch(name, queryset=sub.queryset()))
        return _one_getter(name, sub, relation)
    # A single nested object, forward or reverse: joined into the parent row, its own
    # to-many relations prefetched through the join.
    result.select.append(name)
    result.select.extend(f"{name}__{p}" for p in sub.select)
    result.prefetch.extend(
        Prefetch(f"{name}__{p.prefetch_through}", queryset=p.queryset, to_attr=p.to_attr) for p in sub.prefetch
    )
    return _one_getter(name, sub, relation)


def _one_getter(name: str, sub: Plan, relation) -> Getter:
    render_one = sub.render
    missing = (relation.related_model.DoesNotExist,) if relation.one_to_one and not relation.concrete else ()

    def get_one(obj, links):
        try:
            nested = getattr(obj, name)
        except missing:
            return None
        return None if nested is None else render_one(nested, links)

    return get_one


def _path_getter(result: Plan, path: str, prop: spec.Property) -> Getter:
    """A to-many list reached through a single related object (see contract.FIELD_PATHS)."""
    hop, rest = path.split("__", 1)
    hop_model = result.model._meta.get_field(hop).related_model
    relation = hop_model._meta.get_field(rest)
    sub = plan(prop.target)
    qs = sub.queryset(_ordered_queryset(relation, relation.related_model))
    attr = f"_list_{rest}"
    result.select.append(hop)
    result.prefetch.append(Prefetch(path, queryset=qs, to_attr=attr))
    render_many = sub.render_many

    def get(obj, links):
        via = getattr(obj, hop)
        if via is None:
            return []
        items = getattr(via, attr, None)
        return render_many(getattr(via, rest).all() if items is None else items, links)

    return get
