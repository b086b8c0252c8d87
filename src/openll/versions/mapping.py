"""What an older LL2 API version changes, as data, and the two walks that apply it.

A version is a set of variants (its serializers), each an ordered list of fields, and a table of
its paths. A variant is rendered *from* a 2.3.0 spec schema of the same entity (its `source`):
the renderer loads the source as for 2.3.0 (one plan, the same breadth-first queries), then
`shape()` turns each loaded object into the older variant, field by field:

- `Same`:    the source field of that name (or `src`), as it is;
- `Nest`:    a nested object or list, itself shaped as another variant of the version (`first`:
             the source has a list where the version has one object or null);
- `Derived`: a value the version shows but 2.3.0 does not store as such (a name instead of an
             object, a URL instead of an image, a count in days instead of a duration...), made
             from the source object by a function, or else read from the values the object
             carries from an older import (catalog `legacy`, see below), or else a default.

The importer walks the same table the other way (`translate()`): a field the 2.3.0 schema has
goes to it; a derived value is kept in the object's `legacy` values, by its name in the version
(and, when it can be turned back exactly, into its 2.3.0 field as well). When the catalog later
learns the 2.3.0 value (a newer import), the derived value wins over the kept one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from openll import spec

MISSING = object()


@dataclass(frozen=True)
class Same:
    name: str
    src: str | None = None

    @property
    def source(self) -> str:
        return self.src or self.name

    def render(self, version: Version, obj: dict, legacy: dict) -> object:
        if self.source in obj:
            return obj[self.source]
        return legacy.get(self.name)

    def take(self, version: Version, value: object, schema: spec.Schema, out: dict, legacy: dict) -> None:
        if self.source in schema.by_name:
            out[self.source] = value
        else:
            legacy[self.name] = value


@dataclass(frozen=True)
class Nest:
    name: str
    variant: str  # a variant of the same version
    src: str | None = None
    first: bool = False  # the source holds a list; the version shows its first item (or null)

    @property
    def source(self) -> str:
        return self.src or self.name

    def render(self, version: Version, obj: dict, legacy: dict) -> object:
        value = obj.get(self.source)
        variant = version.variants[self.variant]
        if isinstance(value, list):
            if self.first:
                return version.shape(variant, value[0]) if value else None
            return [version.shape(variant, item) for item in value]
        return None if value is None else version.shape(variant, value)

    def take(self, version: Version, value: object, schema: spec.Schema, out: dict, legacy: dict) -> None:
        variant = version.variants[self.variant]
        if isinstance(value, dict):
            value = version.translate(variant, value)
            out[self.source] = [value] if self.first else value
        elif isinstance(value, list):
            out[self.source] = [
                version.translate(variant, item) if isinstance(item, dict) else item for item in value
            ]
        elif value is None:
            out[self.source] = [] if self.first else None
        else:  # not an object: let the importer name what it expected, at this path
            out[self.source] = value


@dataclass(frozen=True)
class Derived:
    name: str
    derive: Callable[[dict], object] | None = None  # None: the source cannot tell
    default: object = None
    # The 2.3.0 fields an imported value sets, when it can be turned back exactly.
    back: Callable[[object], dict] | None = None
    # Whether a kept value still says what the source says (e.g. "28.50" and 28.5): then the
    # kept text is shown, as the version wrote it.
    agrees: Callable[[object, object], bool] | None = None

    def render(self, version: Version, obj: dict, legacy: dict) -> object:
        value = self.derive(obj) if self.derive is not None else None
        kept = legacy.get(self.name, MISSING)
        if kept is not MISSING and (value is None or (self.agrees or _equal)(kept, value)):
            return kept
        return self.default if value is None else value

    def take(self, version: Version, value: object, schema: spec.Schema, out: dict, legacy: dict) -> None:
        legacy[self.name] = value
        if self.back is not None and value is not None:
            for name, converted in self.back(value).items():
                if name in schema.by_name:
                    out[name] = converted


@dataclass(frozen=True)
class Const:
    """A value the version writes on every object of the variant (a launch's `"type": "list"`);
    an import takes nothing from it."""

    name: str
    value: object

    def render(self, version: Version, obj: dict, legacy: dict) -> object:
        return self.value

    def take(self, version: Version, value: object, schema: spec.Schema, out: dict, legacy: dict) -> None:
        return None


def _equal(kept: object, value: object) -> bool:
    return kept == value


Field = Same | Nest | Derived | Const


@dataclass(frozen=True)
class Variant:
    name: str  # the version's serializer, e.g. "LaunchList"
    source: str  # the 2.3.0 spec schema it is rendered from, e.g. "LaunchDetailed"
    fields: tuple[Field, ...]
    # Source fields loaded as another variant's source without being shown, for derived values
    # that read what that variant keeps (a list-mode launch's image falls back to its rocket's).
    loads: tuple[tuple[str, str], ...] = ()

    @functools.cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


@dataclass(frozen=True)
class Route:
    """One list route of a version and its `{id}/` twin."""

    path: str  # the version's path, e.g. "launch/upcoming"
    endpoint: str  # the 2.3.0 declaration it shares queryset, filters, search, ordering with
    modes: dict[str | None, str]  # `?mode=` -> variant (key None: the route has no modes)
    detail: str | None  # the variant of `{id}/`
    hidden: object = None  # a Q of the objects the version never shows
    # Filters the version names otherwise or has besides the 2.3.0 declaration's (name -> filter)
    filters: dict = field(default_factory=dict, hash=False)
    # Docs header examples ("filter", "search", "ordering") where the 2.3.0 declaration's use a
    # parameter the version does not document
    examples: dict = field(default_factory=dict, hash=False)

    @property
    def default_mode(self) -> str | None:
        if None in self.modes:
            return None
        return "normal" if "normal" in self.modes else next(iter(self.modes))


@dataclass
class Version:
    name: str  # "2.2.0"
    variants: dict[str, Variant]
    # 2.3.0 endpoint name (catalog.contract.ENDPOINT_OF) -> this version's, in hyperlinks
    paths: dict[str, str] = field(default_factory=dict)
    _made: dict[str, str] = field(default_factory=dict)

    # -- the schema each variant is loaded as ------------------------------------------------

    def source_schema(self, variant: Variant) -> str:
        """The name of the schema the renderer loads for a variant: its 2.3.0 source, with the
        nested objects the variant shapes loaded as their own variants' sources, and the
        object's kept older values (`legacy`)."""
        name = f"{variant.source}@{self.name}:{variant.name}"
        if name in self._made:
            return name
        self._made[name] = name  # before the nested ones: a variant may nest itself
        base = spec.schema(variant.source)
        nested = {f.source: f.variant for f in variant.fields if isinstance(f, Nest)}
        nested.update(variant.loads)
        props = []
        for prop in base.properties:
            how = nested.get(prop.name)
            if how is not None and prop.target is not None:
                target = self.source_schema(self.variants[how])
                prop = spec.Property(prop.name, prop.kind, target=target, nullable=prop.nullable)
            props.append(prop)
        props.append(spec.Property("legacy", "scalar", json_type="object", nullable=True))
        spec.register(spec.Schema(name, tuple(props)))
        return name

    # -- rendering -------------------------------------------------------------------------

    def shape(self, variant: Variant, obj: dict) -> dict:
        legacy = obj.get("legacy") or {}
        return {f.name: f.render(self, obj, legacy) for f in variant.fields}

    def render_pks(self, variant: Variant, pks, links) -> list[dict]:
        """The objects with these ids as the variant shows them, in the order of `pks`."""
        from openll.api.render import plan

        loaded = plan(self.source_schema(variant)).render_pks(pks, links)
        return [self.shape(variant, obj) for obj in loaded]

    # -- importing -------------------------------------------------------------------------

    def translate(self, variant: Variant, data: dict) -> dict:
        """An object of this version as its variant's source schema reads it (see importer)."""
        schema = spec.schema(self.source_schema(variant))
        out: dict = {}
        legacy: dict = {}
        for key, value in data.items():
            how = variant.by_name.get(key)
            if how is None:
                # A field another snapshot of this version has: kept, not lost.
                if key == "id":
                    out[key] = value
                else:
                    legacy[key] = value
                continue
            how.take(self, value, schema, out, legacy)
        if legacy:
            out["legacy"] = legacy
        return out
