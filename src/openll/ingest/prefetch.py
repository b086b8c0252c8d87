"""Rows a file will touch, read in a few queries before the file is written.

The importer upserts object by object; asked one at a time, the database answers a detailed launch
page (100 launches, some 6,000 nested objects) with about 30,000 single-row queries, and Django
spends more time building those queries than the database spends answering them. One walk over
the document, schema in hand, finds every object by id; each model's rows are then read with one
`in_bulk`, and the ordered lists hanging off them (links, value objects) with one query per
relation, when the importer first asks for that relation.

This is a cache of the state before the file: the importer's own identity map keeps what it has
written, and each list it rewrites is put back here as written.
"""

from __future__ import annotations

import contextlib
import functools
from collections import defaultdict
from collections.abc import Callable

from django.db import models

from openll import spec
from openll.api import render

# The model of a schema, asked for every object the walk below and the importer meet (60,000 times
# for 1,000 detailed launches): the app registry's lookup, once per schema.
model_of = functools.cache(render.model_of)


class Prefetch:
    def __init__(self, objects: list, schema_for) -> None:
        self.ids: dict[type[models.Model], set] = defaultdict(set)
        for index, obj in enumerate(objects):
            if isinstance(obj, dict):
                try:
                    name = schema_for(obj, index)
                except Exception:  # the importer reports the bad object itself, with its path
                    continue
                self._walk(obj, name)
        self.rows: dict[type[models.Model], dict] = {}
        self.lists: dict[tuple, dict[object, list]] = {}

    def _walk(self, data: dict, schema_name: str) -> None:
        schema = spec.schema(schema_name)
        by_name = schema.by_name
        if "id" in by_name and data.get("id") is not None:
            try:
                model = model_of(schema_name)
            except (KeyError, LookupError):
                model = None
            if model is not None:
                # Not an id this model can hold: the importer says so, with the path.
                with contextlib.suppress(Exception):
                    self.ids[model].add(model._meta.pk.to_python(data["id"]))
        for name, value in data.items():
            prop = by_name.get(name)
            if prop is None or prop.target is None or prop.kind == "scalar":
                continue
            if isinstance(value, dict):
                self._walk(value, prop.target)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        self._walk(item, prop.target)

    # -- rows ----------------------------------------------------------------------------------

    def row(self, model: type[models.Model], pk: object) -> models.Model | None:
        """The row as it was before the file, or None when it does not exist. Objects the walk did
        not find (an id written in an unusual form) are asked for alone."""
        rows = self.rows.get(model)
        if rows is None:
            rows = self.rows[model] = model._default_manager.in_bulk(self.ids.get(model, ()))
        if pk in rows:
            return rows.pop(pk)  # from now on the importer's identity map holds it
        if pk in self.ids.get(model, ()):
            return None
        return next(iter(model._default_manager.filter(pk=pk)), None)

    def forget(self, model: type[models.Model], pk: object) -> None:
        """The importer wrote this row behind the cache's back (a one-to-one taken over)."""
        self.rows.get(model, {}).pop(pk, None)
        if pk in self.ids.get(model, ()):
            self.ids[model].discard(pk)

    # -- ordered lists -------------------------------------------------------------------------

    def grouped(
        self,
        owner_model: type[models.Model],
        model: type[models.Model],
        rows: Callable[[], models.QuerySet],
        key: str,
        owner: object,
    ) -> list:
        """The rows of `model` (the queryset `rows()`, built only when read) whose `key` is
        `owner`, in the queryset's order; read for every owner of the file at the first question
        about this relation."""
        cache_key = (model, key)
        groups = self.lists.get(cache_key)
        if groups is None:
            groups = defaultdict(list)
            queryset = rows()
            owners = self.ids.get(owner_model, set())
            if owners:
                for row in queryset.filter(**{f"{key}__in": owners}):
                    groups[row[key] if isinstance(row, dict) else getattr(row, key)].append(row)
            self.lists[cache_key] = groups
        if owner not in self.ids.get(owner_model, ()) and owner not in groups:
            # Not in the walk: ask for this owner alone, and keep the answer.
            groups[owner] = list(rows().filter(**{key: owner}))
        return groups[owner]

    def replace(self, model: type[models.Model], key: str, owner: object, rows: list) -> None:
        """The importer rewrote this owner's list: later questions in the file get the new one.
        (A relation never asked about is read from the database, which holds the new list.)"""
        groups = self.lists.get((model, key))
        if groups is not None:
            groups[owner] = rows
