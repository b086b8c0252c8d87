"""What a file writes, held in memory while the file is read and written a few statements per
model at its end (issue 7).

Written object by object, 1,000 detailed launches cost ~15,000 statements: one INSERT per new
object, one UPDATE per object a file names again (each file moves the snapshot ranks, `as_of`, of
every object it names: the shared agencies, pads, configurations), a DELETE and an INSERT per list.
Django spends more time building each statement than the database spends running it, and on
PostgreSQL each is a round trip and a run of the statement trigger that moves the generation.
Held here, they become one INSERT per model, one UPDATE per model and set of changed fields
(a CASE on the id, written by `_update`), one DELETE and one INSERT per list relation.

The importer keeps the objects themselves (its identity map) and reads nothing from the database
that a held write would change, or writes first (`flush`): the database is read only for the
state before the file (the prefetch), for rows no held write touches, and after a flush.

Order of writing: one-to-one columns that change are emptied first, then updates, then inserts:
a unique one-to-one value (a landing's flight) may move from one row to another in the file, and
PostgreSQL and SQLite check uniqueness row by row. Foreign keys are checked at commit
(Django declares them DEFERRABLE INITIALLY DEFERRED), so models go in any order.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from django.db import connections, models, router

Model = models.Model


@functools.cache
def one_to_one_fields(model: type[Model]) -> tuple[models.Field, ...]:
    """The one-to-one columns of `model` that are not its key (a landing's flight)."""
    return tuple(f for f in model._meta.concrete_fields if f.one_to_one and not f.primary_key)


class PendingWrites:
    def __init__(self) -> None:
        # model -> pk -> the new object, inserted whole with the values it holds at the flush.
        self.inserts: dict[type[Model], dict[object, Model]] = defaultdict(dict)
        # model -> pk -> (the object, the columns (attnames) changed since the file read it).
        self.updates: dict[type[Model], dict[object, tuple[Model, set[str]]]] = defaultdict(dict)
        # (model, foreign key attname) -> owner -> the rows that replace its list.
        self.lists: dict[tuple[type[Model], str], dict[object, list[Model]]] = defaultdict(dict)
        # Owners whose old rows are deleted before their list is written again.
        self.list_deletes: dict[tuple[type[Model], str], set] = defaultdict(set)
        # Lists this file already wrote to the database (an earlier flush): replaced again, their
        # rows are deleted first.
        self.written_lists: set[tuple[type[Model], str, object]] = set()

    def __bool__(self) -> bool:
        return any(self.inserts.values()) or any(self.updates.values()) or any(self.lists.values())

    def insert(self, instance: Model) -> None:
        self.inserts[type(instance)][instance.pk] = instance

    def update(self, instance: Model, attnames: set[str] | list[str]) -> None:
        model = type(instance)
        if instance.pk in self.inserts[model]:
            return  # not in the database yet: inserted whole, with these values
        held = self.updates[model].get(instance.pk)
        if held is None:
            self.updates[model][instance.pk] = (instance, set(attnames))
        else:
            held[1].update(attnames)

    def replace_list(
        self, model: type[Model], fk_attname: str, owner: object, rows: list[Model], delete: bool
    ) -> None:
        """The rows of `model` whose `fk_attname` is `owner` become `rows`; `delete`: the database
        may hold rows of that owner (not when the owner is new in this file)."""
        key = (model, fk_attname)
        self.lists[key][owner] = rows
        if delete or (model, fk_attname, owner) in self.written_lists:
            self.list_deletes[key].add(owner)

    def flush(self) -> None:
        for model, held in self.updates.items():
            self._empty_one_to_one(model, held.values())
        for model, held in self.updates.items():
            self._update(model, held.values())
        for model, new in self.inserts.items():
            if new:
                model._base_manager.bulk_create(new.values())
        for (model, fk_attname), owners in self.list_deletes.items():
            if owners:
                model._base_manager.filter(**{f"{fk_attname}__in": owners}).delete()
        for (model, fk_attname), by_owner in self.lists.items():
            rows = [row for owner_rows in by_owner.values() for row in owner_rows]
            if rows:
                model._base_manager.bulk_create(rows)
            self.written_lists.update((model, fk_attname, owner) for owner in by_owner)
        self.inserts.clear()
        self.updates.clear()
        self.lists.clear()
        self.list_deletes.clear()

    @staticmethod
    def _empty_one_to_one(model: type[Model], held) -> None:
        for field in one_to_one_fields(model):
            moved = [obj.pk for obj, changed in held if field.attname in changed]
            if moved:
                model._base_manager.filter(pk__in=moved).update(**{field.attname: None})

    @staticmethod
    def _update(model: type[Model], held) -> None:
        """One UPDATE per set of changed columns and batch: `SET column = CASE id WHEN ... END`.
        Written here rather than by `bulk_update`, whose expressions (a When and a Value per
        object and column, each resolved and compiled) cost more than the statements it saves."""
        groups: dict[tuple[str, ...], list[Model]] = defaultdict(list)
        for obj, changed in held:
            groups[tuple(sorted(changed))].append(obj)
        connection = connections[router.db_for_write(model)]
        pk = model._meta.pk
        quote = connection.ops.quote_name
        # PostgreSQL types a CASE by its branches, and a parameter has no type of its own.
        cast = connection.vendor == "postgresql"
        limit = connection.features.max_query_params or 10_000
        for attnames, objs in groups.items():
            fields = [model._meta.get_field(name) for name in attnames]
            size = max(1, limit // (2 * len(fields) + 1))
            for start in range(0, len(objs), size):
                batch = objs[start : start + size]
                keys = [pk.get_db_prep_value(obj.pk, connection) for obj in batch]
                assignments, params = [], []
                for field in fields:
                    branches = []
                    value_sql = f"CAST(%s AS {field.db_type(connection)})" if cast else "%s"
                    for key, obj in zip(keys, batch, strict=True):
                        # None too goes as a parameter: a CASE of NULLs alone is text to PostgreSQL
                        # (JSONField's None is SQL NULL here, as in save(); bulk_update's is JSON null).
                        branches.append(f"WHEN %s THEN {value_sql}")
                        params += [key, field.get_db_prep_save(getattr(obj, field.attname), connection)]
                    column = quote(field.column)
                    assignments.append(f"{column} = CASE {quote(pk.column)} {' '.join(branches)} END")
                params += keys
                sql = (
                    f"UPDATE {quote(model._meta.db_table)} SET {', '.join(assignments)} "
                    f"WHERE {quote(pk.column)} IN ({', '.join(['%s'] * len(keys))})"
                )
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
