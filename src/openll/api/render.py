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

import contextlib
import datetime as dt
import functools
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import isodate
from django.apps import apps
from django.db import connection, connections, models
from django.utils.duration import duration_string

from openll import spec
from openll.api.fragments import SharedObject, fragments
from openll.catalog.base import Measured
from openll.catalog.contract import (
    ENDPOINT_OF,
    FIELD_PATHS,
    RENDER_ORDER,
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
    # An older API version's names of endpoints (e.g. "launches" -> "launch" under /2.2.0/).
    paths: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def to(self, endpoint: str, pk: object) -> str:
        return f"{self.base}{self.paths.get(endpoint, endpoint)}/{pk}/{self.query}"


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
    sort: tuple[str, ...] = ()  # a list built at render time: its order (contract.RENDER_ORDER)


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
        pks = [str(pk) if isinstance(pk, uuid.UUID) else pk for pk in pks]  # ids as fetch() gives them
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
    """Loads and renders rows for one response, each (variant, id) once.

    Loading goes breadth-first over the whole response, in rounds: each round reads the missing
    rows of every table something is missing from, all the variants wanted from that table at
    once (one query per table, not per variant and place it is nested at), then the lists and
    reverse links those rows lead to (one query per link table). Rendering then builds each
    object once, nested objects first."""

    def __init__(self, links: Links):
        self.links = links
        self.rows: dict[str, dict[object, Row]] = defaultdict(dict)  # variant -> id -> row
        self.lists: dict[int, dict[object, list]] = defaultdict(dict)  # id(edge) -> key -> ids
        # variant -> id -> object: shared with the process's other requests while the data
        # generation holds (fragments.py), and then read-only; otherwise this response's own.
        shared = fragments.store_for(links)
        self.shared = shared is not None
        self.done: dict[str, dict[object, dict]] = shared if self.shared else defaultdict(dict)

    def load(self, plan: Plan, pks: Iterable[object]) -> dict[object, dict]:
        pks = list(pks)
        self.read({plan.schema: (plan, pks)})
        return self.render(plan, pks)

    # -- reading -------------------------------------------------------------------------------

    def read(self, wanted: dict[str, tuple[Plan, list]]) -> None:
        read_with_links: list[tuple[Plan, list[Row]]] = []  # rows a reverse link gave whole
        while wanted or read_with_links:
            # A table that rows still to be read lead to waits for them (images are nested at
            # every depth): it is then read once, not once per depth.
            ready = {
                schema: request
                for schema, request in wanted.items()
                if not any(
                    request[0].model in reachable(other[0].schema)
                    for other_schema, other in wanted.items()
                    if other_schema != schema
                )
            } or wanted
            new, read_with_links = self.read_edges(self.read_rows(ready) + read_with_links)
            wanted = {schema: request for schema, request in wanted.items() if schema not in ready}
            for schema, (plan, pks) in new.items():
                wanted.setdefault(schema, (plan, []))[1].extend(pks)

    def read_rows(self, wanted: dict[str, tuple[Plan, list]]) -> list[tuple[Plan, list[Row]]]:
        """The missing rows of the wanted variants, one query per table."""
        by_model: dict[type[models.Model], list[tuple[Plan, list]]] = defaultdict(list)
        for schema, (plan, pks) in wanted.items():
            known, done = self.rows[schema], self.done[schema]
            missing = [
                pk for pk in dict.fromkeys(pks) if pk is not None and pk not in known and pk not in done
            ]
            if missing:
                by_model[plan.model].append((plan, missing))
        queries, groups = [], []
        for model, requests in by_model.items():
            columns = tuple(sorted(set().union(*(plan.columns for plan, _ in requests))))
            pks = list(dict.fromkeys(pk for _, missing in requests for pk in missing))
            queries.append(Query(model, columns, "pk", pks))
            groups.append((requests, columns))
        results = fetch_all(queries)
        new_rows = []
        for (requests, columns), result in zip(groups, results, strict=True):
            found = {}
            for values in result:
                row = dict(zip(columns, values, strict=True))
                found[row["pk"]] = row
            for plan, missing in requests:
                rows = [found[pk] for pk in missing if pk in found]
                self.rows[plan.schema].update((row["pk"], row) for row in rows)
                new_rows.append((plan, rows))
        return new_rows

    def read_edges(
        self, new_rows: list[tuple[Plan, list[Row]]]
    ) -> tuple[dict[str, tuple[Plan, list]], list[tuple[Plan, list[Row]]]]:
        """What the new rows lead to: the ids of nested objects to read next, reading the lists
        they need, one query per link table. A reverse link (the nested rows hold the key) reads
        the nested rows themselves in that query, whole: those come back as rows already read,
        whose own links are followed next."""
        wanted: dict[str, tuple[Plan, list]] = {}

        def want(plan: Plan, pks: Iterable[object]) -> None:
            wanted.setdefault(plan.schema, (plan, []))[1].extend(pks)

        links: dict[tuple, list[tuple[Edge, list]]] = defaultdict(list)
        for plan, rows in new_rows:
            for edge in plan.edges:
                keys = [row[edge.key] for row in rows if row[edge.key] is not None]
                if edge.through is None and edge.child_column is None:  # forward: the key is the id
                    want(edge.plan, keys)
                    continue
                resolved = self.lists[id(edge)]
                keys = [key for key in dict.fromkeys(keys) if key not in resolved]
                if not keys:
                    continue
                if edge.through is not None:
                    group = (edge.through, edge.through_from, edge.through_to, edge.order)
                else:
                    group = (edge.plan.model, edge.child_column, None, edge.order)
                links[group].append((edge, keys))
        queries = []
        for (model, from_column, to_column, order), requests in links.items():
            keys = list(dict.fromkeys(key for _, keys in requests for key in keys))
            if to_column is not None:  # a link table: the nested ids, read next
                columns = (from_column, to_column)
            else:  # the nested rows, whole, for every variant that wants them
                columns = tuple(
                    dict.fromkeys((from_column, *sorted(set().union(*(e.plan.columns for e, _ in requests)))))
                )
            queries.append(Query(model, columns, from_column, keys, order))
        read: list[tuple[Plan, list[Row]]] = []
        for ((_, from_column, to_column, _), requests), query, result in zip(
            links.items(), queries, fetch_all(queries), strict=True
        ):
            targets = defaultdict(list)
            if to_column is not None:
                for key, target in result:
                    targets[key].append(target)
            else:
                found: dict[object, Row] = {}
                for values in result:
                    row = dict(zip(query.columns, values, strict=True))
                    targets[row[from_column]].append(row["pk"])
                    found[row["pk"]] = row
                for edge, edge_keys in requests:
                    known, done = self.rows[edge.plan.schema], self.done[edge.plan.schema]
                    mine = set(edge_keys)
                    rows = [
                        row
                        for pk, row in found.items()
                        if row[from_column] in mine and pk not in known and pk not in done
                    ]
                    known.update((row["pk"], row) for row in rows)
                    read.append((edge.plan, rows))
            for edge, keys in requests:
                resolved = self.lists[id(edge)]
                for key in keys:
                    resolved[key] = targets.get(key, [])
                if to_column is not None:
                    want(edge.plan, (target for key in keys for target in resolved[key]))
        return wanted, read

    # -- rendering -----------------------------------------------------------------------------

    def render(self, plan: Plan, pks: Iterable[object]) -> dict[object, dict]:
        done = self.done[plan.schema]
        rows = self.rows[plan.schema]
        todo = [rows[pk] for pk in dict.fromkeys(pks) if pk in rows and pk not in done]
        if todo:
            nested = {edge.name: self.nested(edge, todo) for edge in plan.edges}
            links = self.links
            if self.shared:
                for row in todo:
                    obj = SharedObject({name: get(row, links, nested) for name, get in plan.getters})
                    done[row["pk"]] = obj
                fragments.added(len(todo))
            else:
                for row in todo:
                    done[row["pk"]] = {name: get(row, links, nested) for name, get in plan.getters}
        return done

    def nested(self, edge: Edge, rows: list[Row]) -> dict[object, object]:
        """Parent key -> rendered object (or list of them)."""
        keys = [row[edge.key] for row in rows if row[edge.key] is not None]
        if not keys:
            return {}
        if edge.through is None and edge.child_column is None:
            return self.render(edge.plan, keys)
        lists = self.lists[id(edge)]
        rendered = self.render(edge.plan, [target for key in keys for target in lists.get(key, ())])
        if not edge.many:  # a reverse one-to-one: the last link wins, as a dict of pairs would
            return {
                key: rendered[lists[key][-1]] for key in keys if lists.get(key) and lists[key][-1] in rendered
            }
        if edge.sort:  # ordered on the rendered objects' own fields (which may be shared ones)

            def order(obj: dict) -> tuple:
                return tuple((obj[name] is None, obj[name]) for name in edge.sort)

            return {
                key: sorted((rendered[t] for t in lists.get(key, ()) if t in rendered), key=order)
                for key in keys
            }
        return {key: [rendered[t] for t in lists.get(key, ()) if t in rendered] for key in keys}


@functools.cache
def reachable(schema: str) -> frozenset[type[models.Model]]:
    """The tables whose rows a variant's nested objects come from, at any depth."""
    found: set[type[models.Model]] = set()
    todo, seen = [plan(schema)], {schema}
    while todo:
        for edge in todo.pop().edges:
            found.add(edge.plan.model)
            if edge.plan.schema not in seen:
                seen.add(edge.plan.schema)
                todo.append(edge.plan)
    return frozenset(found)


def _chunks(values: list) -> Iterable[list]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


@dataclass(frozen=True)
class _Select:
    sql: str  # SELECT ... WHERE <column> IN ({}) ORDER BY ...; PostgreSQL: = ANY(%s[::type[]])
    converters: tuple  # per column: (converter, expression) pairs, database value -> row value
    prepare: Callable | None  # (key, connection) -> its database value; None: as it is (integers)
    array: bool = False  # the keys go as one array parameter (PostgreSQL)
    literal: bool = False  # ...written as the text of an array ("{1,2,3}"), cast in the SQL


def _uuid_text(value, expression, conn) -> str | None:
    """A UUID as LL2 writes it. Rows hold ids as text, not `uuid.UUID`: a response looks ids up
    thousands of times, and a str keeps its hash where a UUID computes it in Python each time."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) == 36:  # PostgreSQL's text of a uuid (read as ::text), canonical
            return value
        if len(value) == 32:  # SQLite's form
            return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(value))


def _uuid_key(key, conn) -> object:
    text = key if isinstance(key, str) else str(key)
    return text.replace("-", "") if conn.vendor == "sqlite" else text  # PostgreSQL: ::uuid[]


def _moment_converter(expression, connection) -> Callable:
    """Moments as LL2 writes them (`2024-10-01T12:00:00Z`), converted once here, not per getter.
    The drivers give datetimes (SQLite's naive ones in the connection's time zone); a naive one
    in UTC is written at once, without the ORM's make_aware, which gives the same text."""
    orm = tuple(connection.ops.get_db_converters(expression) + expression.get_db_converters(connection))

    def moment(value, expression, conn) -> str | None:
        if value is None:
            return None
        if type(value) is str and len(value) in (19, 26) and value[10] == " " and conn.timezone_name == "UTC":
            # The text of a UTC moment, as it is: SQLite's, or PostgreSQL's to_char (_compile),
            # which writes zero microseconds that isoformat leaves out.
            if value.endswith(".000000"):
                value = value[:19]
            return value.replace(" ", "T", 1) + "Z"
        if type(value) is dt.datetime and value.tzinfo is None and conn.timezone_name == "UTC":
            return value.isoformat() + "Z"
        for converter in orm:
            value = converter(value, expression, conn)
        return format_datetime(value)

    return moment


@dataclass(frozen=True)
class Query:
    """`columns` (attnames, or "pk") of the rows of `model` whose `where` column is one of `keys`,
    in `order`."""

    model: type[models.Model]
    columns: tuple[str, ...]
    where: str
    keys: list
    order: tuple[str, ...] = ()


def fetch_all(queries: list[Query]) -> list[list[tuple]]:
    """The rows of each query, in the order of `queries`, which are independent of each other.

    Plain SQL, compiled once per query shape: building a queryset costs more than running it.
    Values go through the ORM's converters, so every database gives the same Python values,
    except ids of UUID keys and moments, which come as the text LL2 writes (_uuid_text,
    _moment_converter).

    On PostgreSQL the queries go together in the driver's pipeline mode: all are sent before
    any result is read, so a round of the renderer waits for the server once, not once per
    query (a page of 100 detailed launches never asked before: 58 queries in 19 rounds). Over
    loopback a round trip is ~45 µs and this gains little; a server one network hop away
    (measured through a relay, 2.9 ms a round trip) answered such a page's queries in 81 ms
    instead of 152. SQLite runs in the process: nothing to wait for."""
    conn = connections[connection.alias]  # this thread's connection, looked up once, not per value
    selects = [_compile(query.model, query.columns, query.where, query.order) for query in queries]
    statements: list[tuple[int, str, list]] = []  # (index of its query, SQL, parameters)
    # Through Django's cursor when it counts the queries (tests, DEBUG) or nothing is connected
    # yet; otherwise the driver's cursor on Django's connection: Django's wrapper costs a third
    # of a small query (25 of 75 µs on SQLite), and a page of detailed launches runs fifty.
    counted = conn.connection is None or conn.queries_logged or bool(conn.execute_wrappers)
    placeholder = "%s" if counted or conn.vendor != "sqlite" else "?"
    for index, (query, select) in enumerate(zip(queries, selects, strict=True)):
        keys = query.keys if select.prepare is None else [select.prepare(key, conn) for key in query.keys]
        for chunk in _chunks(keys):
            if select.literal:
                statements.append((index, select.sql, ["{" + ",".join(map(str, chunk)) + "}"]))
            elif select.array:
                statements.append((index, select.sql, [chunk]))
            else:
                statements.append((index, select.sql.format(", ".join([placeholder] * len(chunk))), chunk))
    results: list[list[tuple]] = [[] for _ in queries]
    if not statements:
        return results
    conn.ensure_connection()
    pipelined = conn.vendor == "postgresql" and len(statements) > 1
    with conn.wrap_database_errors:
        sent = []
        with conn.connection.pipeline() if pipelined else contextlib.nullcontext():
            for index, sql, params in statements:
                cursor = conn.cursor() if counted else conn.connection.cursor()
                cursor.execute(sql, params)
                if pipelined:  # its rows are read once the pipeline has run them all
                    sent.append((index, cursor))
                else:
                    results[index] += cursor.fetchall()
                    cursor.close()
        for index, cursor in sent:
            results[index] += cursor.fetchall()
            cursor.close()
    for index, select in enumerate(selects):
        rows = results[index]
        if rows and any(select.converters):
            # Column by column: one loop per converter, not one call chain per value.
            values = [list(column) for column in zip(*rows, strict=True)]
            for column, converters in zip(values, select.converters, strict=True):
                for converter, expression in converters:
                    column[:] = [converter(value, expression, conn) for value in column]
            results[index] = list(zip(*values, strict=True))
    return results


@functools.cache
def _compile(model, columns: tuple[str, ...], where: str, order: tuple[str, ...]) -> _Select:
    opts = model._meta
    qn = connection.ops.quote_name
    postgresql = connection.vendor == "postgresql"
    table = qn(opts.db_table)

    def field_of(name):
        return (
            opts.pk
            if name == "pk"
            else next(f for f in opts.concrete_fields if f.attname == name or f.name == name)
        )

    def target_of(model_field):
        return model_field.target_field if model_field.is_relation else model_field

    converters = []
    for name in columns:
        model_field = field_of(name)
        # As the ORM's compiler does: a foreign key column converts like the key it holds.
        expression = model_field.get_col(opts.db_table)
        if isinstance(target_of(model_field), models.UUIDField):
            found = [_uuid_text]
        elif isinstance(target_of(model_field), models.DateTimeField):
            found = [_moment_converter(expression, connection)]
        else:
            found = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        converters.append(tuple((converter, expression) for converter in found))

    def selected(name):
        column = f"{table}.{qn(field_of(name).column)}"
        if isinstance(target_of(field_of(name)), models.DateTimeField):
            # Its text, not a datetime the driver parses and _moment_converter writes again.
            if connection.vendor == "sqlite":
                return f"CAST({column} AS TEXT)"
            if postgresql and connection.timezone_name == "UTC":
                return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
        if postgresql and isinstance(target_of(field_of(name)), models.UUIDField):
            return f"{column}::text"  # its text, not a uuid.UUID made to be written as text
        return column

    select = ", ".join(selected(name) for name in columns)
    where_field = field_of(where)
    ordering = ", ".join(
        f"{table}.{qn(field_of(name.lstrip('-')).column)}{' DESC' if name.startswith('-') else ''}"
        for name in order
    )
    target = target_of(where_field)
    uuid_key = isinstance(target, models.UUIDField)
    integer = isinstance(target, models.IntegerField | models.AutoField)
    where_column = f"{table}.{qn(where_field.column)}"
    # PostgreSQL: one array parameter, so the query's text is one per shape, not a hundred
    # placeholders parsed per query; for ids and integers, the text of the array, which the
    # driver sends as it is where it writes a list element by element (100 ids: 3 µs, not 350).
    literal = postgresql and (uuid_key or integer)
    if literal:
        array_type = f"{where_field.db_type(connection)}[]"
        sql = f"SELECT {select} FROM {table} WHERE {where_column} = ANY(%s::{array_type})"
    elif postgresql:
        sql = f"SELECT {select} FROM {table} WHERE {where_column} = ANY(%s)"
    else:
        sql = f"SELECT {select} FROM {table} WHERE {where_column} IN ({{}})"
    if ordering:
        sql += f" ORDER BY {ordering}"
    if uuid_key:
        return _Select(sql, tuple(converters), _uuid_key, postgresql, literal)
    return _Select(sql, tuple(converters), None if integer else target.get_db_prep_value, postgresql, literal)


def model_of(schema_name: str) -> type[models.Model]:
    entity = entity_of(schema_name)
    if entity is None:
        raise KeyError(f"{schema_name} is not a catalog entity")
    return apps.get_model("catalog", entity)


def format_datetime(value: dt.datetime) -> str:
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@functools.lru_cache(maxsize=8192)
def format_duration(value: dt.timedelta) -> str:
    # Kept per value: isodate writes one in about 9 us, and a page of detailed launches writes
    # hundreds (launch windows, mission and event durations), few of them different.
    return isodate.duration_isoformat(value)


def _converter(model_field: models.Field, name: str) -> Callable | None:
    """How a row value becomes JSON (ids and moments come as text already: fetch())."""
    if isinstance(model_field, models.DateTimeField | models.UUIDField):
        return None
    if isinstance(model_field, models.DateField):
        return dt.date.isoformat
    if isinstance(model_field, models.DurationField):
        return duration_string if name in TIMEDELTA_TEXT_FIELDS else format_duration
    return None


def measure(value: float | None, name: str, int_numbers: str | None) -> float | int | None:
    """A measure in the JSON form it was imported in (catalog.base.Measured): `12742000` if LL2
    gave an integer, `12742000.0` if it gave a float. A value edited to a fraction since is a
    float whatever its first form."""
    if value is not None and int_numbers and value.is_integer() and name in int_numbers.split(","):
        return int(value)
    return value


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
        edge = _edge(name, prop, relation, key=hop_field.attname, entity=entity)
    else:
        model_field = model._meta.get_field(name)
        if not model_field.is_relation:
            result.columns.add(model_field.attname)
            attname, convert = model_field.attname, _converter(model_field, name)
            if isinstance(model_field, models.FloatField) and issubclass(model, Measured):
                result.columns.add("int_numbers")
                return lambda row, links, nested: measure(row[attname], name, row["int_numbers"])
            if convert is None:
                return lambda row, links, nested: row[attname]
            return lambda row, links, nested: None if row[attname] is None else convert(row[attname])
        edge = _edge(name, prop, model_field, key="pk", entity=entity)
    result.columns.add(edge.key)
    result.edges.append(edge)
    empty = [] if edge.many else None

    def get(row, links, nested):
        return nested[name].get(row[edge.key], empty)

    return get


def _edge(name: str, prop: spec.Property, relation, key: str, entity: str) -> Edge:
    sub = plan(prop.target)
    target = relation.related_model
    # A reverse relation: ordered as LL2 orders it, on fields the nested variant renders.
    sort = RENDER_ORDER.get((entity, name), ())
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
            sort=sort,
        )
    if relation.concrete:  # forward foreign key or one-to-one
        return Edge(name, sub, False, relation.attname)
    # Reverse foreign key (a list) or reverse one-to-one (a single object).
    child_column = relation.field.attname
    return Edge(
        name, sub, relation.one_to_many, key, child_column=child_column, order=_ordering(target), sort=sort
    )


def stored_order(edge: Edge) -> bool:
    """Whether a list renders in an order openll stored (the position it was imported at)."""
    return edge.order[:1] == ("position",)
