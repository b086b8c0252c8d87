"""Building blocks shared by every catalog model.

Every column is nullable: LL2 objects arrive in thin variants (an agency as `AgencyMini` has no
`featured`), and a field openll has never seen must render as unknown, not as a made-up default.
"""

from __future__ import annotations

import re

from django.db import models
from django.db.models.signals import class_prepared


def Text() -> models.TextField:  # noqa: N802 - field factories read like the field types they make
    return models.TextField(null=True, blank=True)


def Int() -> models.IntegerField:  # noqa: N802
    return models.IntegerField(null=True, blank=True)


def BigInt() -> models.BigIntegerField:  # noqa: N802
    return models.BigIntegerField(null=True, blank=True)


def Float() -> models.FloatField:  # noqa: N802
    return models.FloatField(null=True, blank=True)


def Bool() -> models.BooleanField:  # noqa: N802
    return models.BooleanField(null=True, blank=True)


def DateTime() -> models.DateTimeField:  # noqa: N802
    return models.DateTimeField(null=True, blank=True)


def Date() -> models.DateField:  # noqa: N802
    return models.DateField(null=True, blank=True)


def Duration() -> models.DurationField:  # noqa: N802
    return models.DurationField(null=True, blank=True)


def Ref(to: str, related_name: str = "+") -> models.ForeignKey:  # noqa: N802
    """A nested object: nullable, and kept when the object it points to is deleted."""
    return models.ForeignKey(to, models.SET_NULL, null=True, blank=True, related_name=related_name)


def OneRef(to: str, related_name: str) -> models.OneToOneField:  # noqa: N802
    return models.OneToOneField(to, models.SET_NULL, null=True, blank=True, related_name=related_name)


def Ordered(to: str, through: str, related_name: str = "+") -> models.ManyToManyField:  # noqa: N802
    """A list of other objects, kept in the order LL2 gave it (see OrderedLink)."""
    return models.ManyToManyField(to, through=through, blank=True, related_name=related_name)


class Entity(models.Model):
    # Values that only older API versions (2.2.0, 2.1.0) carry and 2.3.0 has no column for, by
    # their field name in that version: e.g. a pad's `country_code` imported from 2.2.0 JSON
    # when its 2.3.0 `country` is unknown. The 2.3.0 catalog never reads them (openll.versions).
    legacy = models.JSONField(null=True, blank=True, editable=False)
    # Whether the object is known as its own endpoint shows it, or only through thinner variants
    # nested in other objects (a launch that an event names by id and name): the name of the
    # variant it was first fully imported as (fully known); "" when it was only ever imported
    # nested (not listed, nor served by `{id}/`: see `listed`); null for rows not imported
    # (created in the admin), which are listed.
    known_as = models.TextField(null=True, blank=True, editable=False)
    # Which snapshot last wrote each field, so that an older one never rolls it back whatever
    # the order files are imported in: {rank: [field, ...]}, a rank being the snapshot's date,
    # API version and file name (openll.ingest.importer.Ranks); null for rows no import wrote.
    as_of = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        label = getattr(self, "name", None) or getattr(self, "title", None)
        return f"{label} ({self.pk})" if label else f"{type(self).__name__} {self.pk}"


class Measured(Entity):
    """An entity with measures (float columns: a diameter, a mass, a latitude). LL2 writes a
    measure as an integer or as a float (`"diameter": 12742000` or `12742000.0`), differently by
    host and year; `int_numbers` names the measures of this row that were imported as integers,
    so that they render back in that form. The measures themselves are float columns: filters and
    ordering compare them as numbers, whatever their form."""

    int_numbers = models.TextField(
        null=True, blank=True, editable=False, help_text="Measures given as JSON integers, comma-separated."
    )

    class Meta:
        abstract = True

    def int_measures(self) -> set[str]:
        return set(self.int_numbers.split(",")) if self.int_numbers else set()


def listed(queryset: models.QuerySet) -> models.QuerySet:
    """The objects an endpoint lists and serves: not those known only as nested in others."""
    return queryset.exclude(known_as="")


class Lookup(Entity):
    """A `/config/...` table: a small list of named values."""

    class Meta:
        abstract = True
        ordering = ("id",)


class OrderedLink(models.Model):
    """A row of a many-to-many list. LL2's lists have no natural order (an agency's countries,
    a program's agencies come in database order), so the position they were imported at is kept
    and the list renders back in it."""

    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ("position",)


def plural(name: str) -> str:
    """The English plural of a model's verbose name, for the admin ("agency" -> "agencies",
    "launch status" -> "launch statuses"); Django's default only appends an "s". Through tables
    are named after their list ("event agencies"), already a plural; "spacecraft" is its own."""
    if name.endswith(("craft", "crew", "media")):
        return name
    if name.endswith("status") or re.search(r"(ch|sh|x|z)$", name):
        return name + "es"
    if name.endswith("s"):
        return name
    if re.search(r"[^aeiou]y$", name):
        return name[:-1] + "ies"
    return name + "s"


def _plural_names(sender: type[models.Model], **kwargs) -> None:
    # Set on the model's options, not declared in its Meta: names for people, not a schema change,
    # so no migration follows them.
    opts = sender._meta
    if opts.app_label == "catalog" and "verbose_name_plural" not in opts.original_attrs:
        opts.verbose_name_plural = plural(str(opts.verbose_name))


class_prepared.connect(_plural_names)
