"""Import LL2 2.3.0 JSON into the catalog, driven by the spec.

The spec says which variant every nested field holds, hence which entity; field names are model
attribute names (catalog.contract). So one walk over the JSON, schema in hand, upserts every
object by id. A variant only sets the fields it has: a thin copy never blanks a fuller one.
One file is one transaction: the first bad value rejects the file and nothing of it stays.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import isodate
from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_duration

from openll import spec
from openll.catalog.contract import ENDPOINT_OF, FIELD_PATHS, IMPLIED_PARENT, TIMEDELTA_TEXT_FIELDS, entity_of
from openll.serving import generation

from . import documents, older, values
from .errors import ImportRejected
from .models import ImportedFile
from .prefetch import Prefetch, model_of
from .writes import PendingWrites, one_to_one_fields

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class ImportReport:
    """What an import run changed, per object, whatever number of files named it: `created` if
    it was not in the database before the run, `updated` if its state at the end of the run differs
    from its state before it (its fields, or the lists it holds), `unchanged` otherwise. An object
    that one file changes and a later file changes back is unchanged."""

    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already imported with the same content
    # Per object (entity, id): its row as first seen (None: not in the database) and as last seen,
    # and per list it holds, the list as first seen and as last seen.
    before: dict[tuple[str, object], tuple | None] = field(default_factory=dict)
    after: dict[tuple[str, object], tuple] = field(default_factory=dict)
    lists_before: dict[tuple[str, object], dict[str, list]] = field(default_factory=lambda: defaultdict(dict))
    lists_after: dict[tuple[str, object], dict[str, list]] = field(default_factory=lambda: defaultdict(dict))
    touched: set[tuple[str, object]] = field(default_factory=set)  # added to another object's list

    def observe(self, key: tuple[str, object], before: tuple | None, after: tuple) -> None:
        self.before.setdefault(key, before)
        self.after[key] = after

    def observe_list(self, key: tuple[str, object], name: str, before: list, after: list) -> None:
        self.lists_before[key].setdefault(name, before)
        self.lists_after[key][name] = after

    def status(self, key: tuple[str, object]) -> str:
        before = self.before[key]
        if before is None:
            return CREATED
        if before != self.after[key] or key in self.touched:
            return UPDATED
        if key in self.lists_before and self.lists_before[key] != self.lists_after[key]:
            return UPDATED
        return UNCHANGED

    @property
    def counts(self) -> dict[str, Counter]:
        counts: dict[str, Counter] = defaultdict(Counter)
        for key in self.before:
            counts[key[0]][self.status(key)] += 1
        return counts

    @property
    def changed(self) -> bool:
        return any(self.status(key) != UNCHANGED for key in self.before)

    def summary_lines(self) -> list[str]:
        counts = self.counts
        lines = [f"skipped {name}: already imported, same content" for name in self.skipped]
        lines += [
            f"{entity}: {c[CREATED]} created, {c[UPDATED]} updated, {c[UNCHANGED]} unchanged"
            for entity, c in sorted(counts.items())
        ]
        total = Counter()
        for c in counts.values():
            total.update(c)
        verdict = "" if self.changed else " (nothing changed)"
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        lines.append(
            f"{len(self.files)} file(s) imported{skipped}: {total[CREATED]} created, "
            f"{total[UPDATED]} updated, {total[UNCHANGED]} unchanged{verdict}"
        )
        return lines


def import_files(paths: Iterable[Path], progress: bool = False, force: bool = False) -> ImportReport:
    """Import each file in its own transaction; raise ImportRejected at the first bad file.

    A file whose content was imported before is skipped (one line in the summary) while the
    catalog has not changed since the import run that read it: importing it again would change
    nothing. Any other change of the catalog since (an admin edit, another file, the mirror)
    makes it count as new. `force` imports every file whatever it holds."""
    report = ImportReport()
    seen: list[str] = []
    try:
        for path in paths:
            path = Path(path)
            digest = content_hash(path)
            if not force and digest is not None and imported_unchanged(digest):
                report.skipped.append(str(path))
                seen.append(digest)
                continue
            doc = documents.read(path)
            try:
                with transaction.atomic():
                    FileImport(doc, report).run()
                    older.fill_named_lookups()
            except DatabaseError as exc:  # a value openll.ingest.values did not foresee
                raise ImportRejected(f"{path}: the database refused a value: {exc}".strip()) from exc
            report.files.append(str(path))
            if digest is not None:
                seen.append(digest)
                ImportedFile.objects.update_or_create(
                    sha256=digest, defaults={"name": str(path), "imported_at": timezone.now()}
                )
    finally:
        # The state of the catalog after this run: the files it read hold nothing newer.
        if seen:
            ImportedFile.objects.filter(sha256__in=seen).update(generation=generation.current().tag)
    if report.changed:
        reset_sequences()
        refresh_planner_statistics()
    return report


def content_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # documents.read says why


def imported_unchanged(digest: str) -> bool:
    """Whether a file with this content was imported, and the catalog has not changed since."""
    tag = ImportedFile.objects.filter(sha256=digest).values_list("generation", flat=True).first()
    return tag is not None and tag == generation.current().tag


def fully_known(entity: str, schema_name: str, data: dict) -> bool:
    """Whether an object imported as this copy is known enough to be listed by its endpoint: its
    variant holds every field that the endpoint's default mode requires a value for (the spec's
    non-nullable scalars), and the copy gives none of them as null. A launch nested as
    `LaunchMini` (id, name, image...) is not: listed, it would answer `net: null`; nor is a copy
    that another server rendered with nulls for what it did not know; nor an older version's
    copy thinner than its own endpoint there shows (older.thinner)."""
    required = required_fields(entity)
    return (
        required <= set(spec.schema(schema_name).by_name)
        and all(data[name] is not None for name in required if name in data)
        and not older.thinner(entity, schema_name, default_schema(entity))
    )


def fuller(variant: str, known_as: str | None) -> bool:
    """Whether a variant holds more fields than the one an object is known as (ties: by name)."""
    if not known_as:
        return True

    def size(name: str) -> tuple[int, str]:
        try:
            return len(spec.schema(name).properties), name
        except KeyError:  # a name no longer in the spec
            return 0, name

    return size(variant) > size(known_as)


@functools.cache
def default_schema(entity: str) -> str:
    """The schema of the items its endpoint lists by default (no `mode`)."""
    modes = spec.list_item_schemas(f"/{ENDPOINT_OF[entity]}/")
    return modes.get(None) or modes.get("normal") or next(iter(modes.values()))


@functools.cache
def required_fields(entity: str) -> frozenset[str]:
    default = default_schema(entity)
    required = {p.name for p in spec.schema(default).properties if p.kind == "scalar" and not p.nullable}
    return frozenset(required - {"response_mode", "url"})  # openll's own: the mode, the hyperlink


def reset_sequences() -> None:
    """Imported rows carry LL2's ids; move PostgreSQL's id sequences past them so that objects
    created in the admin get fresh ids. (Django's own reset sets 0 for LL2's id 0, e.g. the NET
    precision "Second", which PostgreSQL refuses.)"""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in apps.get_app_config("catalog").get_models():
            pk = model._meta.pk
            if not isinstance(pk, models.AutoField):
                continue
            table, column = model._meta.db_table, pk.column
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                f'GREATEST(COALESCE(MAX("{column}"), 0), 1), COALESCE(MAX("{column}"), 0) >= 1) '
                f'FROM "{table}"'
            )


def refresh_planner_statistics() -> None:
    """PostgreSQL plans queries by its statistics of each table, which autovacuum refreshes only
    some time after a large write. Until then a page just imported is planned as for the tables
    before it: 8,000 launches imported into an empty database, a page of detailed launches read
    each launch's updates by scanning the whole table (35 ms of SQL for the page; 19 ms after
    ANALYZE). SQLite plans without statistics unless asked to keep them, and is left so."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


_CACHED_TYPES = frozenset({str, int, float, bool})
_MISSING = object()

_JSON_TYPES = {
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "string": (str,),
}


class Copy(NamedTuple):
    """One upsert of an object: what it was given and which slice of FileImport.entered its
    subtree (the object, its nested objects, the objects its lists hang on) took."""

    signature: tuple  # (variant, (link field, parent id) or None, position in a list or None)
    data: dict
    start: int
    end: int
    tick: int  # when it ended

    def repeated_by(self, signature: tuple, data: dict) -> bool:
        return self.signature == signature and (self.data is data or self.data == data)


class Ranks:
    """Which snapshot last wrote each field of an object, as stored in its `as_of` column:
    {rank: [field, ...]}. A rank is text that sorts as the snapshots do: the object's own
    `last_updated` (or nothing), the moment the snapshot was taken, its API version, its file's
    name: "2024-09-30T16:29:30Z|2024-09-30T16:29:30Z|2.3.0|launches.normal.json"."""

    def __init__(self, stored: dict | None, rank: str) -> None:
        self.by_field = {name: old for old, names in (stored or {}).items() for name in names}
        self.rank = rank
        self.written: set[str] = set()

    def write(self, name: str) -> bool:
        """Whether this snapshot may write the field (the list, the older value) `name`: no
        snapshot newer than it wrote it. Said yes to, the field is this snapshot's."""
        old = self.by_field.get(name)
        if old is not None and old > self.rank:
            return False
        self.written.add(name)
        return True

    def stored(self) -> dict:
        by_field = self.by_field | dict.fromkeys(self.written, self.rank)
        grouped: dict[str, list[str]] = defaultdict(list)
        for name, rank in sorted(by_field.items()):
            grouped[rank].append(name)
        return dict(sorted(grouped.items()))


class FileImport:
    def __init__(self, doc: documents.Document, report: ImportReport):
        self.doc = doc
        self.report = report
        self.instances: dict[tuple[str, object], models.Model] = {}
        # State before this file, to report what the file changed. An object may appear several
        # times in one file (LL2 nests the same agency everywhere); the last copy wins, and
        # only the difference between before and after counts.
        self.before: dict[tuple[str, object], tuple | None] = {}
        self.lists_before: dict[tuple[tuple[str, object], str], list] = {}
        self.lists_after: dict[tuple[tuple[str, object], str], list] = {}
        self.touched: set[tuple[str, object]] = set()
        # (column, JSON kind and type, value) -> the value to store (see convert)
        self.converted: dict[tuple, object] = {}
        # Rows written at the file's end, a few statements per model (writes.PendingWrites).
        self.writes = PendingWrites()
        # Per one-to-one column (model, attname): which object of the identity map holds which
        # value (a landing's flight), so that moving it finds the old holder without a query.
        self.holders: dict[tuple[type[models.Model], str], dict[object, object]] = defaultdict(dict)
        # Copies an object repeats (the agencies, pads and configurations nested in each launch:
        # four upserts in five of a detailed file repeat one made before) are upserted once.
        # `entered` lists the objects upserts reached, in order; `written_at` says when each
        # object last changed, by its upsert or from elsewhere (a tick); a copy's subtree is a
        # slice of `entered`, and a copy given again is skipped while none of it changed since.
        self.copies: dict[tuple[str, object], Copy] = {}
        self.entered: list[tuple[str, object]] = []
        self.written_at: dict[tuple[str, object], int] = {}
        self.ticks = itertools.count(1)
        # 2.2.0 and 2.1.0 objects, translated into the 2.3.0 schemas their variants read from
        # (ingest/older.py): per object, [(data, schema, JSON path)], or None for a 2.3.0 object.
        self.older = [
            older.translate(doc, obj, self.path(i)) if isinstance(obj, dict) else None
            for i, obj in enumerate(doc.objects)
        ]
        self.older_document = any(self.older)
        # What this file writes is ranked by the moment it was taken (its objects' own
        # `last_updated` where they have one), then its API version, then its name.
        self.as_of = doc.as_of or documents.moment(timezone.now())
        version = older.version_of(doc) if self.older_document else "2.3.0"
        self.rank_tail = f"|{version}|{Path(doc.source).name}"
        if self.older_document:
            parts = [part for parts in self.older if parts for part in parts]
            self.prefetch = Prefetch([data for data, _, _ in parts], lambda obj, i: parts[i][1])
        else:
            self.prefetch = Prefetch(doc.objects, lambda obj, i: documents.schema_for(doc, obj, self.path(i)))

    def path(self, index: int) -> str:
        """The JSON path of the document's index-th object."""
        return "$" if self.doc.prefix is None else f"{self.doc.prefix}[{index}]"

    def fail(self, where: str, message: str) -> ImportRejected:
        return ImportRejected(f"{self.doc.source}: {where}: {message}")

    def run(self) -> None:
        for index, obj in enumerate(self.doc.objects):
            where = self.path(index)
            if not isinstance(obj, dict):
                raise self.fail(where, f"expected an object, got {type(obj).__name__}")
            translated = self.older[index]
            if translated is not None:
                for data, schema_name, here in translated:
                    self.upsert(data, schema_name, here)
            else:
                self.upsert(obj, documents.schema_for(self.doc, obj, where), where)
        self.writes.flush()
        for key, before in self.before.items():
            self.report.observe(key, before, self.snapshot(self.instances[key]))
        for (key, name), before in self.lists_before.items():
            self.report.observe_list(key, name, before, self.lists_after[(key, name)])
        self.report.touched |= self.touched

    @staticmethod
    def snapshot(instance: models.Model) -> tuple:
        # Not the ranks: a newer snapshot saying the same is no change.
        fields = instance._meta.concrete_fields
        return tuple(getattr(instance, f.attname) for f in fields if f.name != "as_of")

    def rank(self, data: dict) -> str:
        """The rank of this copy of an object (see Ranks): first its `last_updated` where it has
        one (launches and events; their thinner copies, which have none, only fill in), then the
        moment its file was taken; ties go to the newer API version, then to the file name (any
        order gives one answer)."""
        stamp = data.get("last_updated")
        parsed = parse_datetime(stamp) if isinstance(stamp, str) else None
        updated = documents.moment(parsed) if parsed is not None and parsed.tzinfo is not None else ""
        return f"{updated}|{self.as_of}{self.rank_tail}"

    # -- objects -------------------------------------------------------------------------------

    def upsert(
        self,
        data: dict,
        schema_name: str,
        where: str,
        link: tuple[str, object] | None = None,
        position: int | None = None,
    ) -> models.Model:
        schema = spec.schema(schema_name)
        entity = entity_of(schema_name)
        model = model_of(schema_name)
        unknown = set(data) - set(schema.by_name)
        if unknown:
            raise self.fail(where, f"unexpected field(s) {sorted(unknown)} for LL2 {schema_name}")
        if "id" not in data or data["id"] is None:
            raise self.fail(where, f"missing id for LL2 {schema_name}")
        pk = self.convert(model._meta.pk, data["id"], schema.by_name["id"], f"{where}.id")
        key = (entity, pk)
        signature = (schema_name, None if link is None else (link[0], link[1].pk), position)
        copy = self.copies.get(key)
        if copy is not None and copy.repeated_by(signature, data) and self.unwritten_since(copy):
            # The same copy as last time, and nothing it holds changed since: upserting it again
            # would write what is there. Its subtree is part of the caller's all the same.
            self.entered.extend(self.entered[copy.start : copy.end])
            return self.instances[key]
        start = len(self.entered)
        self.entered.append(key)
        # While in progress the object counts as written (a copy holding it is not skipped);
        # at the end, as written only if it changed (an agency's thinner copies change nothing).
        was_written_at = self.written_at.get(key, 0)
        entered_at = self.written_at[key] = next(self.ticks)
        instance = self.instances.get(key)
        if instance is None:
            instance = self.prefetch.row(model, pk)
            if instance is None:
                instance = model(pk=pk)
                instance._state.adding = True
            self.instances[key] = instance
            self.before[key] = None if instance._state.adding else self.snapshot(instance)
            for one_to_one in one_to_one_fields(model):
                held = getattr(instance, one_to_one.attname)
                if held is not None:
                    self.holders[(model, one_to_one.attname)][held] = pk
        # A field is written only by a snapshot not older than the one that last wrote it: an
        # older one fills in what no newer one said (the snapshot's rank, see `rank`).
        ranks = Ranks(instance.as_of, self.rank(data))
        changed: set[str] = set()
        later = []  # relations written once the object has its row
        later_fills = []  # lists a newer snapshot wrote: (name, the objects this copy names)
        number_forms: dict[str, bool] = {}  # measure -> given as a JSON integer (catalog.base.Measured)
        if entity in ENDPOINT_OF:  # known as its endpoint shows it, or only nested (base.Entity)
            variant = schema_name.split("@")[0]
            if fully_known(entity, schema_name, data) and fuller(variant, instance.known_as):
                # The fullest variant it was fully known as (whichever file came first), kept
                # while copies in thinner ones come.
                self.assign(instance, "known_as", variant, changed)
            elif instance._state.adding:
                instance.known_as = ""
        for name, value in data.items():
            prop = schema.by_name[name]
            here = f"{where}.{name}"
            if name in ("id", "response_mode") or (name == "url" and entity in ENDPOINT_OF):
                self.check_type(prop, value, here)  # derived: the hyperlink is openll's own
                continue
            if name == "legacy":  # values only older versions carry: added to those known
                merged = {key: old for key, old in (instance.legacy or {}).items() if key != "~as_of"}
                merged |= {key: new for key, new in value.items() if ranks.write(f"~{key}")}
                self.assign(instance, name, merged, changed)
                continue
            model_field = None if (entity, name) in FIELD_PATHS else model._meta.get_field(name)
            if model_field is not None and not model_field.is_relation:
                converted = self.convert(model_field, value, prop, here)
                if ranks.write(name):
                    self.assign(instance, model_field.attname, converted, changed)
                    if isinstance(value, int | float) and isinstance(model_field, models.FloatField):
                        number_forms[name] = isinstance(value, int)
            elif model_field is not None and model_field.concrete and not model_field.many_to_many:
                nested = self.nested(value, prop, here)
                target = nested.pk if nested is not None else None
                self.imply_parent(instance, entity, name, [nested])
                if ranks.write(name):
                    if model_field.one_to_one:
                        self.assign_one_to_one(instance, model_field, target, changed)
                    else:
                        self.assign(instance, model_field.attname, target, changed)
            elif ranks.write(name):
                later.append((name, prop, value, here))
            else:
                # A newer snapshot wrote the list (or reverse one-to-one): its objects are read
                # and filled all the same.
                items = [value] if isinstance(value, dict) else self.items(value, prop, here)
                targets = [
                    self.nested(item, prop, here if isinstance(value, dict) else f"{here}[{i}]")
                    for i, item in enumerate(items)
                    if isinstance(item, dict) and "id" in spec.schema(prop.target).by_name
                ]
                later_fills.append((name, targets))
        if number_forms:
            ints = instance.int_measures() - set(number_forms) | {n for n, i in number_forms.items() if i}
            self.assign(instance, "int_numbers", ",".join(sorted(ints)) or None, changed)
        if link is not None and ranks.write(link[0]):
            link_field = model._meta.get_field(link[0])
            if link_field.one_to_one:
                self.assign_one_to_one(instance, link_field, link[1].pk, changed)
            else:
                self.assign(instance, link_field.attname, link[1].pk, changed)
        if position is not None and hasattr(instance, "position") and ranks.write("position"):
            self.assign(instance, "position", position, changed)
        if ranks.written:
            self.assign(instance, "as_of", ranks.stored(), changed)
        self.save(instance, changed)
        for name, prop, value, here in later:
            self.relate(instance, entity, name, prop, value, here)
        for name, targets in later_fills:
            self.imply_parent(instance, entity, name, targets)
        if changed or self.written_at[key] != entered_at:
            self.written_at[key] = next(self.ticks)
        else:
            self.written_at[key] = was_written_at
        self.copies[key] = Copy(signature, data, start, len(self.entered), next(self.ticks))
        return instance

    def unwritten_since(self, copy: Copy) -> bool:
        """Whether no object of the copy's subtree changed since it was made, by an upsert (another
        copy of it) or from elsewhere (a one-to-one taken over, a parent implied, a reverse link)."""
        written_at, tick = self.written_at, copy.tick
        return all(written_at[key] <= tick for key in self.entered[copy.start : copy.end])

    def written(self, instance: models.Model) -> None:
        """The object changed outside its own upsert: a copy holding it is upserted again."""
        self.written_at[(type(instance).__name__, instance.pk)] = next(self.ticks)

    def assign_one_to_one(
        self, instance: models.Model, field: models.Field, target: object, changed: set[str]
    ) -> None:
        """A one-to-one link (a landing and its flight) now belongs to this object: the object
        that held it before lets go, as it would when LL2 moves the landing."""
        holders = self.holders[(type(instance), field.attname)]
        old = getattr(instance, field.attname)
        if target is not None and holders.get(target) != instance.pk:
            self.take_over(type(instance), field, target, instance.pk)
        if old is not None and holders.get(old) == instance.pk:
            del holders[old]
        self.assign(instance, field.attname, target, changed)
        if target is not None:
            holders[target] = instance.pk

    def take_over(self, model, field: models.Field, target: object, pk: object) -> None:
        attname = field.attname
        holder = self.holders[(model, attname)].pop(target, None)
        if holder is not None:  # an object of this file: let go in memory, written with it
            other = self.instances[(model.__name__, holder)]
            setattr(other, attname, None)
            self.writes.update(other, [attname])
            self.written(other)
        if self.created_here(field.related_model, target):
            return  # new in this file: no row this file has not read can hold it
        # A row this file has not read (its state is the database's, no write of this file is
        # held for it) may hold it.
        for other_pk in (
            model._default_manager.filter(**{attname: target}).exclude(pk=pk).values_list("pk", flat=True)
        ):
            if (model.__name__, other_pk) in self.instances:
                continue  # the identity map says what it holds (above)
            model._default_manager.filter(pk=other_pk).update(**{attname: None})
            self.prefetch.forget(model, other_pk)

    def created_here(self, model: type[models.Model], pk: object) -> bool:
        """Whether the object was not in the database before this file (so nothing this file has
        not read can point at it)."""
        return self.before.get((model.__name__, pk), False) is None

    def save(self, instance: models.Model, changed: set[str]) -> None:
        if instance._state.adding:
            instance._state.adding = False
            self.writes.insert(instance)
        elif changed:
            self.writes.update(instance, changed)

    def record_list(self, instance: models.Model, name: str, before: list, after: list) -> None:
        key = (type(instance).__name__, instance.pk)
        self.lists_before.setdefault((key, name), before)
        self.lists_after[(key, name)] = after

    @staticmethod
    def assign(instance: models.Model, attname: str, value: object, changed: set[str]) -> None:
        if instance._state.adding or getattr(instance, attname) != value:
            setattr(instance, attname, value)
            changed.add(attname)

    def nested(self, value: object, prop: spec.Property, where: str, **kwargs) -> models.Model | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object ({prop.target}), got {type(value).__name__}")
        return self.upsert(value, prop.target, where, **kwargs)

    def items(self, value: object, prop: spec.Property, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list of {prop.target}, got {type(value).__name__}")
        return value

    # -- relations written after the object's own row -------------------------------------------

    def relate(
        self, instance: models.Model, entity: str, name: str, prop: spec.Property, value: object, where: str
    ) -> None:
        path = FIELD_PATHS.get((entity, name))
        if path is not None:
            hop, name = path.split("__", 1)
            # The object the list hangs on was most often read or written in this import: taken
            # from there, not loaded again with one query per object.
            hop_field = instance._meta.get_field(hop)
            hop_pk = getattr(instance, hop_field.attname)
            key = (hop_field.related_model.__name__, hop_pk)
            cached = None if hop_pk is None else self.instances.get(key)
            instance = cached if cached is not None else getattr(instance, hop)
            if instance is None:  # nothing to hang the list on: keep the objects, unlinked
                for i, item in enumerate(self.items(value, prop, where)):
                    self.nested(item, prop, f"{where}[{i}]")
                return
            self.entered.append(key)  # its list is written here: part of this copy's subtree
            self.written_at.setdefault(key, 0)
            entity = type(instance).__name__
        relation = instance._meta.get_field(name)
        if relation.one_to_one:  # reverse one-to-one: the nested object points at this one
            self.nested(value, prop, where, link=(relation.field.name, instance))
        elif relation.one_to_many:
            self.relate_children(instance, relation, prop, value, where)
        elif relation.many_to_many:
            self.relate_links(instance, entity, relation, prop, value, where)

    def relate_children(self, parent, relation, prop, value, where) -> None:
        items = self.items(value, prop, where)
        fk_name = relation.field.name
        if "id" in spec.schema(prop.target).by_name:
            for i, item in enumerate(items):
                self.nested(item, prop, f"{where}[{i}]", link=(fk_name, parent), position=i)
            return
        # Value objects without an id (info/video URLs, timeline): the list replaces the old one.
        child_model = relation.related_model
        rows = [self.value_object(child_model, item, prop, f"{where}[{i}]") for i, item in enumerate(items)]
        fk_attname = relation.field.attname
        existing = self.prefetch.grouped(
            type(parent), child_model, child_model._default_manager.all, fk_attname, parent.pk
        )
        current = [self.value_fields(obj, rows[0].keys() if rows else ()) for obj in existing]
        self.record_list(parent, relation.name, current, rows)
        if current == rows:
            return
        written = [child_model(**row, **{fk_attname: parent.pk}, position=i) for i, row in enumerate(rows)]
        self.writes.replace_list(
            child_model, fk_attname, parent.pk, written, delete=self.may_hold_rows(parent)
        )
        self.written(parent)
        self.prefetch.replace(child_model, fk_attname, parent.pk, written)

    @staticmethod
    def value_fields(obj: models.Model, names) -> dict:
        return {name: getattr(obj, name) for name in names}

    def value_object(self, model, data: object, prop: spec.Property, where: str) -> dict:
        if not isinstance(data, dict):
            raise self.fail(where, f"expected an object ({prop.target}), got {type(data).__name__}")
        schema = spec.schema(prop.target)
        unknown = set(data) - set(schema.by_name)
        if unknown:
            raise self.fail(where, f"unexpected field(s) {sorted(unknown)} for LL2 {prop.target}")
        row = {}
        for name, value in data.items():
            sub = schema.by_name[name]
            model_field = model._meta.get_field(name)
            here = f"{where}.{name}"
            if model_field.is_relation:
                row[model_field.attname] = getattr(self.nested(value, sub, here), "pk", None)
            else:
                self.check_type(sub, value, here)
                row[model_field.attname] = self.convert(model_field, value, sub, here)
        return row

    def imply_parent(self, instance: models.Model, entity: str, name: str, targets: list) -> None:
        """Objects nested where that names their parent only by nesting them (IMPLIED_PARENT: a
        station's expeditions, a location's docked event) get it where they have none, whichever
        snapshot wrote the field."""
        implied = IMPLIED_PARENT.get((entity, name))
        for target in targets if implied else ():
            if target is not None and getattr(target, f"{implied}_id") is None:
                setattr(target, f"{implied}_id", instance.pk)
                self.writes.update(target, [f"{implied}_id"])
                self.written(target)

    def relate_links(self, instance, entity, relation, prop, value, where) -> None:
        items = self.items(value, prop, where)
        targets = [self.nested(item, prop, f"{where}[{i}]") for i, item in enumerate(items)]
        self.imply_parent(instance, entity, relation.name, targets)
        if relation.concrete:  # forward: this object owns the ordered list
            m2m = relation
            own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        else:  # reverse: add this object to each target's list, where it is missing
            m2m = relation.remote_field
            own, other = m2m.m2m_reverse_field_name(), m2m.m2m_field_name()
        through = m2m.remote_field.through
        links = through._default_manager
        if relation.concrete:
            wanted = [t.pk for t in targets]
            existing = self.prefetch.grouped(
                type(instance),
                through,
                lambda: links.order_by("position").values(f"{own}_id", f"{other}_id"),
                f"{own}_id",
                instance.pk,
            )
            current = [row[f"{other}_id"] for row in existing]
            self.record_list(instance, relation.name, current, wanted)
            if current != wanted:
                rows = [
                    through(**{f"{own}_id": instance.pk, f"{other}_id": pk, "position": i})
                    for i, pk in enumerate(wanted)
                ]
                self.writes.replace_list(
                    through, f"{own}_id", instance.pk, rows, delete=self.may_hold_rows(instance)
                )
                self.written(instance)
                written = [{f"{own}_id": instance.pk, f"{other}_id": pk} for pk in wanted]
                self.prefetch.replace(through, f"{own}_id", instance.pk, written)
            return
        # Each target's list is read from the database: what this file holds is written first.
        self.writes.flush()
        for target in targets:
            if not links.filter(**{own: instance, other: target}).exists():
                position = links.filter(**{other: target}).count()
                links.create(**{f"{own}_id": instance.pk, f"{other}_id": target.pk, "position": position})
                self.touched.add((type(target).__name__, target.pk))
                self.written(target)

    def may_hold_rows(self, owner: models.Model) -> bool:
        """Whether the database may hold rows of a list of `owner` (to delete before writing the
        list): not when the owner is new in this file, unless added to another's list (the
        reverse links above write at once)."""
        key = (type(owner).__name__, owner.pk)
        return not self.created_here(type(owner), owner.pk) or key in self.touched

    # -- scalars -------------------------------------------------------------------------------

    def check_type(self, prop: spec.Property, value: object, where: str) -> None:
        if value is None:
            return
        if prop.kind != "scalar":
            raise self.fail(where, f"expected {prop.kind} of {prop.target}, got {type(value).__name__}")
        allowed = _JSON_TYPES.get(prop.json_type or "", (object,))
        if isinstance(value, bool) and prop.json_type != "boolean" or not isinstance(value, allowed):
            raise self.fail(where, f"expected {prop.json_type}, got {value!r}")

    def convert(self, model_field: models.Field, value: object, prop: spec.Property, where: str) -> object:
        """The value to store for a JSON scalar, checked (values.problem). A file repeats most of
        its values (the agencies, pads and configurations nested in each launch): each is checked
        and parsed once per column and file, and its parsed value (immutable) reused."""
        if value is None:
            return None
        if type(value) not in _CACHED_TYPES:
            return self._convert(model_field, value, prop, where)
        # The type is part of the key: 1, 1.0 and True are equal keys to a dict.
        key = (model_field, prop.kind, prop.json_type, type(value), value)
        converted = self.converted.get(key, _MISSING)
        if converted is _MISSING:
            converted = self.converted[key] = self._convert(model_field, value, prop, where)
        return converted

    def _convert(self, model_field: models.Field, value: object, prop: spec.Property, where: str) -> object:
        self.check_type(prop, value, where)
        problem = values.problem(model_field, value)
        if problem is not None:
            raise self.fail(where, problem)
        try:
            if isinstance(model_field, models.DateTimeField):
                parsed = parse_datetime(value)
                if parsed is None or parsed.tzinfo is None:
                    raise ValueError("not an ISO 8601 date-time with a time zone")
                return parsed.astimezone(dt.UTC)
            if isinstance(model_field, models.DateField):
                parsed = parse_date(value)
                if parsed is None:
                    raise ValueError("not an ISO 8601 date")
                return parsed
            if isinstance(model_field, models.DurationField):
                if model_field.name in TIMEDELTA_TEXT_FIELDS:
                    parsed = parse_duration(value)
                    if parsed is None:
                        raise ValueError("not a duration")
                    return parsed
                parsed = isodate.parse_duration(value)
                if not isinstance(parsed, dt.timedelta):
                    raise ValueError("a duration in years or months cannot be stored exactly")
                return parsed
            if isinstance(model_field, models.UUIDField):
                return uuid.UUID(value)
            if isinstance(model_field, models.FloatField) and isinstance(value, int):
                return float(value)
        except (ValueError, TypeError, OverflowError, isodate.ISO8601Error) as exc:
            raise self.fail(where, f"{value!r}: {exc}") from exc
        return value
