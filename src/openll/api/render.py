"""Render catalog objects as the LL2 serializer variants of the spec.

A variant (e.g. `SpacecraftFlightNormal`) is compiled once into a `Plan`: the columns it reads,
one getter per field in the spec's field order (which is LL2's key order), and one `Edge` per
nested object or list. Rendering a page loads it breadth-first: one `values()` query for the
page's rows, then one query per edge for all the nested rows of the whole page (two for ordered
many-to-many lists: the links, then the objects), whatever the page size. Rows are plain dicts,
not model instances, and an object nested many times in one response (the same agency in every
launch) is rendered once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import isodate
from django.apps import apps
from django.db import connection, models
from django.utils.duration import duration_string

from openll import spec
from openll.catalog.contract import (
    ENDPOINT_OF,
    FIELD_PATHS,
    TIMEDELTA_TEXT_FIELDS,
    entity_of,
)

# Ids per query: below every database's limit on bound parameters.
CHUNK = 900


@dataclass(frozen=True)
class Links:
    """How hyperlinks are written in one response: LL2 builds them from the request's host and
    keeps the `format` query parameter (`.../spacecraft/577/?format=api`)."""

    base: str  # e.g. "https://ll.thespacedevs.com/2.3.0/"
    query: str = ""  # e.g. "?format=api"

    def to(self, endpoint: str, pk: object) -> str:
        return f"{self.base}{endpoint}/{pk}/{self.query}"


Row = dict
Getter = Callable[[Row, Links, dict], object]


@dataclass
class Edge:
    """A nested object or list of one variant, and how its rows are found from the parent's."""

    name: str
    plan: Plan
    many: bool
    key: str  # the parent row's column whose value finds the nested rows
    child_column: str | None = None  # nested rows whose column equals the key (reverse relations)
    through: type[models.Model] | None = None  # many-to-many: the link table...
    through_from: str = ""  # ...its column holding the key
    through_to: str = ""  # ...its column holding the nested object's id
    order: tuple[str, ...] = ()


@dataclass
class Plan:
    schema: str
    model: type[models.Model]
    columns: set[str] = field(default_factory=set)
    getters: list[tuple[str, Getter]] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    # -- public API --------------------------------------------------------------------------

    def render_pks(self, pks: Iterable[object], links: Links) -> list[dict]:
        """The objects with these ids, rendered, in the order of `pks` (unknown ids skipped)."""
        pks = list(pks)
        rendered = Loader(links).load(self, pks)
        return [rendered[pk] for pk in pks if pk in rendered]

    def render_many(self, objs: Iterable[models.Model], links: Links) -> list[dict]:
        return self.render_pks([obj.pk for obj in objs], links)

    def render(self, obj: models.Model, links: Links) -> dict:
        return self.render_pks([obj.pk], links)[0]

    def queryset(self, base: models.QuerySet | None = None) -> models.QuerySet:
        """The objects to render; nested rows are loaded at render time, not here."""
        return self.model._default_manager.all() if base is None else base

    def query_bound(self) -> int:
        """Most queries rendering any number of objects takes (fewer when lists are empty)."""
        # A list or reverse link reads the nested ids first (in order), then the objects.
        return 1 + sum(
            edge.plan.query_bound() + (edge.through is not None or edge.child_column is not None)
            for edge in self.edges
        )


class Loader:
    """Loads and renders rows for one response, each (variant, id) once."""

    def __init__(self, links: Links):
        self.links = links
        self.done: dict[str, dict[object, dict]] = defaultdict(dict)

    def load(self, plan: Plan, pks: Iterable[object]) -> dict[object, dict]:
        done = self.done[plan.schema]
        missing = [pk for pk in dict.fromkeys(pks) if pk is not None and pk not in done]
        if missing:
            columns = tuple(sorted(plan.columns))
            rows = [
                dict(zip(columns, values, strict=True))
                for values in fetch(plan.model, columns, "pk", missing)
            ]
            self.render_rows(plan, rows, done)
        return done

    def render_rows(self, plan: Plan, rows: list[Row], into: dict[object, dict]) -> None:
        nested = {edge.name: self.load_edge(edge, rows) for edge in plan.edges}
        links = self.links
        for row in rows:
            into[row["pk"]] = {name: get(row, links, nested) for name, get in plan.getters}

    def load_edge(self, edge: Edge, rows: list[Row]) -> dict[object, object]:
        """Parent key -> rendered object (or list of them)."""
        keys = [row[edge.key] for row in rows if row[edge.key] is not None]
        if not keys:
            return {}
        keys = list(dict.fromkeys(keys))
        if edge.through is not None:
            pairs = fetch(
                edge.through, (edge.through_from, edge.through_to), edge.through_from, keys, edge.order
            )
            rendered = self.load(edge.plan, [target for _, target in pairs])
            result = defaultdict(list)
            for key, target in pairs:
                if target in rendered:
                    result[key].append(rendered[target])
            return result
        if edge.child_column is None:  # forward: the key is the nested object's id
            return self.load(edge.plan, keys)
        # Reverse: nested rows point at the parent. Their ids are read first so that an object
        # already rendered for this response is not loaded again.
        pairs = fetch(edge.plan.model, (edge.child_column, "pk"), edge.child_column, keys, edge.order)
        rendered = self.load(edge.plan, [pk for _, pk in pairs])
        if not edge.many:
            return {key: rendered[pk] for key, pk in pairs if pk in rendered}
        result = defaultdict(list)
        for key, pk in pairs:
            if pk in rendered:
                result[key].append(rendered[pk])
        return result


def _chunks(values: list) -> Iterable[list]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


@dataclass(frozen=True)
class _Select:
    sql: str  # SELECT ... WHERE <column> IN ({}) ORDER BY ...
    converters: tuple  # per column: Django's converters from database values to Python
    prepare: Callable  # a key to its database value


def fetch(
    model, columns: tuple[str, ...], where: str, keys: list, order: tuple[str, ...] = ()
) -> list[tuple]:
    """`columns` (attnames, or "pk") of the rows whose `where` column is one of `keys`.

    Plain SQL, compiled once per query shape: building a queryset costs more than running it.
    Values go through the same converters the ORM applies, so every database gives the same
    Python values."""
    select = _compile(model, columns, where, order)
    rows = []
    with connection.cursor() as cursor:
        for chunk in _chunks(keys):
            cursor.execute(
                select.sql.format(", ".join(["%s"] * len(chunk))), [select.prepare(k) for k in chunk]
            )
            rows += cursor.fetchall()
    if any(select.converters):
        rows = [
            tuple(_convert(value, convs) for value, convs in zip(row, select.converters, strict=True))
            for row in rows
        ]
    return rows


def _convert(value, converters):
    for converter, expression in converters:
        value = converter(value, expression, connection)
    return value


@functools.cache
def _compile(model, columns: tuple[str, ...], where: str, order: tuple[str, ...]) -> _Select:
    opts = model._meta
    qn = connection.ops.quote_name
    table = qn(opts.db_table)

    def field_of(name):
        return (
            opts.pk
            if name == "pk"
            else next(f for f in opts.concrete_fields if f.attname == name or f.name == name)
        )

    converters = []
    for name in columns:
        model_field = field_of(name)
        # As the ORM's compiler does: a foreign key column converts like the key it holds.
        expression = model_field.get_col(opts.db_table)
        found = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        converters.append(tuple((converter, expression) for converter in found))
    select = ", ".join(f"{table}.{qn(field_of(name).column)}" for name in columns)
    where_field = field_of(where)
    ordering = ", ".join(
        f"{table}.{qn(field_of(name.lstrip('-')).column)}{' DESC' if name.startswith('-') else ''}"
        for name in order
    )
    sql = f"SELECT {select} FROM {table} WHERE {table}.{qn(where_field.column)} IN ({{}})"
    if ordering:
        sql += f" ORDER BY {ordering}"
    target = where_field.target_field if where_field.is_relation else where_field
    return _Select(sql, tuple(converters), lambda value: target.get_db_prep_value(value, connection))


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


def _converter(model_field: models.Field, name: str) -> Callable | None:
    if isinstance(model_field, models.DateTimeField):
        return format_datetime
    if isinstance(model_field, models.DateField):
        return dt.date.isoformat
    if isinstance(model_field, models.DurationField):
        return duration_string if name in TIMEDELTA_TEXT_FIELDS else format_duration
    if isinstance(model_field, models.UUIDField):
        return str
    return None


def _ordering(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(model._meta.ordering) or ("pk",)


@functools.cache
def plan(schema_name: str) -> Plan:
    model = model_of(schema_name)
    entity = entity_of(schema_name)
    result = Plan(schema_name, model, columns={"pk"})
    for prop in spec.schema(schema_name).properties:
        result.getters.append((prop.name, _getter(result, entity, prop)))
    return result


def _getter(result: Plan, entity: str, prop: spec.Property) -> Getter:
    name = prop.name
    model = result.model
    if name == "response_mode":
        mode = prop.default
        return lambda row, links, nested: mode
    if name == "url" and entity in ENDPOINT_OF:
        endpoint = ENDPOINT_OF[entity]
        return lambda row, links, nested: links.to(endpoint, row["pk"])
    path = FIELD_PATHS.get((entity, name))
    if path is not None:
        # A list reached through a single related object (contract.FIELD_PATHS): the nested rows
        # point at the same object as this row's column does.
        hop, rest = path.split("__", 1)
        hop_field = model._meta.get_field(hop)
        relation = hop_field.related_model._meta.get_field(rest)
        edge = _edge(name, prop, relation, key=hop_field.attname)
    else:
        model_field = model._meta.get_field(name)
        if not model_field.is_relation:
            result.columns.add(model_field.attname)
            attname, convert = model_field.attname, _converter(model_field, name)
            if convert is None:
                return lambda row, links, nested: row[attname]
            return lambda row, links, nested: None if row[attname] is None else convert(row[attname])
        edge = _edge(name, prop, model_field, key="pk")
    result.columns.add(edge.key)
    result.edges.append(edge)
    empty = [] if edge.many else None

    def get(row, links, nested):
        return nested[name].get(row[edge.key], empty)

    return get


def _edge(name: str, prop: spec.Property, relation, key: str) -> Edge:
    sub = plan(prop.target)
    target = relation.related_model
    if relation.many_to_many:
        m2m = relation if relation.concrete else relation.remote_field
        own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        if not relation.concrete:
            own, other = other, own
        through = m2m.remote_field.through
        order = ("position", "pk") if relation.concrete else ("pk",)
        return Edge(
            name,
            sub,
            True,
            key,
            through=through,
            through_from=f"{own}_id",
            through_to=f"{other}_id",
            order=order,
        )
    if relation.concrete:  # forward foreign key or one-to-one
        return Edge(name, sub, False, relation.attname)
    # Reverse foreign key (a list) or reverse one-to-one (a single object).
    child_column = relation.field.attname
    return Edge(name, sub, relation.one_to_many, key, child_column=child_column, order=_ordering(target))
