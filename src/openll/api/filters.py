"""Filters with LL2's names and syntax.

LL2 declares its filters as django-filter `Meta.fields` dicts (`{"docking": ["gt", "gte"]}` gives
`docking__gt`, `docking__gte`; `"exact"` gives the bare name), and so does openll: the parameter
names and their labels ("Docking is greater than") come out as LL2's. What openll adds:
booleans that accept what LL2 clients send (`true/True/1`, `false/False/0`) and reject anything
else with a 400, and one filter class for comma-separated lists (`status__ids=1,2`). Every number
a filter reads (ids, id lists, years, counts, related objects' ids) must fit the database's 64-bit
integers, else a 400 naming the parameter (SQLite cannot even be asked about a larger one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import django_filters
import django_filters.fields
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Min, Q
from django.utils import timezone
from django_filters import rest_framework as drf_filters
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter as DRFOrderingFilter

from openll import spec
from openll.serving import clock

_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


class StrictBooleanField(forms.Field):
    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise forms.ValidationError("Expected true/True/1 or false/False/0.", code="invalid")


# What a database integer holds (SQLite and PostgreSQL bigint alike).
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_INT64 = [MinValueValidator(INT64_MIN), MaxValueValidator(INT64_MAX)]


def in_int64(value) -> bool:
    """Whether an id as sent can be looked up: an integer must fit 64 bits; anything else is left
    to the field, which rejects what is no id at all."""
    text = str(value).strip()
    digits = text[1:] if text[:1] in ("+", "-") else text
    if not (digits.isascii() and digits.isdigit()):
        return True
    return len(digits) <= 19 and INT64_MIN <= int(text) <= INT64_MAX


class Int64KeyMixin:
    """A related object's id out of the 64-bit range is no choice, not a database error."""

    def to_python(self, value):
        if value not in self.empty_values and not in_int64(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def _check_values(self, value):
        for item in value or ():
            if not in_int64(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return super()._check_values(value)


class ModelChoiceField(Int64KeyMixin, django_filters.fields.ModelChoiceField):
    pass


class ModelMultipleChoiceField(Int64KeyMixin, django_filters.fields.ModelMultipleChoiceField):
    pass


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModelMultipleChoiceField


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """`?status__ids=1,2`: a comma-separated list of numbers."""


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """`?launch_designator=1957-001,2021-123`: a comma-separated list of strings."""


class UUIDInFilter(django_filters.BaseInFilter, django_filters.UUIDFilter):
    """`?id=<uuid>,<uuid>`: a comma-separated list of UUIDs."""


def date_parts(field_name: str) -> dict[str, NumberInFilter]:
    """LL2's `year`, `month` and `day` filters on a date-time field, each a comma list."""
    return {
        part: NumberInFilter(field_name=f"{field_name}__{part}", lookup_expr="in", label=f"{part.title()}s")
        for part in ("year", "month", "day")
    }


def _related(filter_class: type) -> dict[type, dict]:
    """django-filter's defaults for the relation fields it maps to `filter_class`'s parent."""
    return {
        field: {**default, "filter_class": filter_class}
        for field, default in drf_filters.FilterSet.FILTER_DEFAULTS.items()
        if default["filter_class"] is filter_class.__bases__[0]
    }


class FilterSet(drf_filters.FilterSet):
    FILTER_DEFAULTS = {
        **drf_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": BooleanFilter},
        models.NullBooleanField: {"filter_class": BooleanFilter},
        **_related(ModelChoiceFilter),
        **_related(ModelMultipleChoiceFilter),
    }

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # Only the filters the request names: a filter without a value filters nothing, and
            # copying and validating all of them (90 on launches) costs more than the query.
            self.base_filters = {
                name: flt
                for name, flt in type(self).base_filters.items()
                if name in data or any(key.startswith(f"{name}_") for key in data)
            }
        super().__init__(data, *args, **kwargs)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                # Every number filter (django-filter's NumberFilter, alone or in a list): 64 bits.
                if isinstance(field, forms.DecimalField):
                    field.validators = [*field.validators, *_INT64]
        return self._form

    def filter_queryset(self, queryset):
        # Date-times in UTC before any database sees them: PostgreSQL refuses offsets past 15:59
        # (Python allows up to 23:59), and a date-time at the edge of the calendar may have no
        # UTC equivalent at all (0001-01-01T00:00+01:00).
        cleaned = self.form.cleaned_data
        for name, value in cleaned.items():
            try:
                cleaned[name] = _in_utc(value)
            except OverflowError:
                raise ValidationError({name: ["This date-time is out of range in UTC."]}) from None
        return super().filter_queryset(queryset)


def _in_utc(value):
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    if isinstance(value, list):
        return [_in_utc(item) for item in value]
    return value


def filterset_for(model: type[models.Model], fields: dict[str, list[str]], **declared) -> type[FilterSet]:
    """A FilterSet of `model` with LL2-style `Meta.fields` and extra declared filters."""
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(f"{model.__name__}FilterSet", (FilterSet,), {"Meta": meta, **declared})


class OrderingFilter(DRFOrderingFilter):
    """`?ordering=`: one of the declared fields, `-` for descending; ties broken by id so that
    pages never overlap."""

    def get_valid_fields(self, queryset, view, context=None):
        return [(name, name) for name in view.endpoint.ordering]

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        paths = view.endpoint.ordering_paths
        if ordering and paths:
            ordering = [
                ("-" if term.startswith("-") else "") + paths.get(term.lstrip("-"), term.lstrip("-"))
                for term in ordering
            ]
        if ordering and not any(term.lstrip("-") in ("id", "pk") for term in ordering):
            ordering = [*ordering, "-pk" if ordering[-1].startswith("-") else "pk"]
        return ordering

    def get_default_ordering(self, view):
        return list(view.endpoint.default_ordering)

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        return queryset.order_by(*map(nulls_as_postgresql, ordering)) if ordering else queryset


def nulls_as_postgresql(term: str):
    """Unknown values (a launch known only by name has no NET) sort as on PostgreSQL, LL2's
    database: last going up, first going down, whichever database openll runs on."""
    name = term.lstrip("-")
    if name in ("id", "pk"):
        return term
    return F(name).desc(nulls_first=True) if term.startswith("-") else F(name).asc(nulls_last=True)


def labelled(filterset: type, path: str) -> type:
    """Label each filter with the spec's description of its parameter ("NET is greater than"),
    where the spec has one; django-filter's own label stays otherwise."""
    described = {p["name"]: p.get("description") for p in spec.operations()[path].parameters}
    for name, flt in filterset.base_filters.items():
        if described.get(name):
            flt.label = described[name]
    return filterset


# LL2 keeps a launch or event in `upcoming` for a day after its date, while its outcome settles
# (FAQ: "Why do past items appear in the upcoming endpoints?").
RECENT = dt.timedelta(hours=24)


@dataclass(frozen=True)
class TimeWindow:
    """LL2's upcoming/previous split on one date-time field (`net` of launches, `date` of events)."""

    field: str

    def upcoming(self, qs, request):
        """Dated in the future or at most 24 hours in the past."""
        now = self.now(qs.model)
        return qs.filter(**{f"{self.field}__gte": now - RECENT})

    def previous(self, qs, request):
        """Dated in the past."""
        now = self.now(qs.model)
        return qs.filter(**{f"{self.field}__lt": now})

    def hide_recent_previous(self, qs, name, value):
        """`?hide_recent_previous=true` on upcoming: no look-back."""
        return qs.filter(**{f"{self.field}__gte": self.now(qs.model)}) if value else qs

    def now(self, model) -> dt.datetime:
        """The current time, for a window over `model`: an answer made with it holds until the
        window next moves (see openll.serving.clock)."""
        now = timezone.now()
        clock.changes_at(lambda: self.next_change(model, now), f"{model.__name__}.{self.field} window")
        return now

    def next_change(self, model, now: dt.datetime) -> dt.datetime | None:
        """The first moment after `now` at which any window over this field moves: the oldest
        object still within the 24-hour look-back leaves it, or the next future date passes."""
        found = model._default_manager.aggregate(
            leaving=Min(self.field, filter=Q(**{f"{self.field}__gte": now - RECENT})),
            arriving=Min(self.field, filter=Q(**{f"{self.field}__gt": now})),
        )
        moments = [found["arriving"], found["leaving"] and found["leaving"] + RECENT]
        return min((m for m in moments if m is not None), default=None)
