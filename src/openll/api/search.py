"""`?search=` as DRF's SearchFilter means it, in queries that indexes can answer.

The meaning is DRF's (LL2 runs on it): the search text is split into terms (`search_smart_split`);
an object matches when every term is found, case-insensitively (`icontains`), in at least one of
the search fields. DRF writes that as one filter over joins of every related table, then wraps it
in `EXISTS` when a path crosses a list: the database must join and test every row. Here each
field becomes a set of ids found from the table that holds the field, and each hop back to the
listed objects is an indexed foreign key:

    pad__location__name  ->  pad_id IN (SELECT id FROM pad WHERE location_id IN
                                            (SELECT id FROM location WHERE name LIKE %term%))
    spacecraft_flights__spacecraft__name
                         ->  id IN (SELECT launch_id FROM spacecraftflight WHERE spacecraft_id IN
                                            (SELECT id FROM spacecraft WHERE name LIKE %term%))

so that no row of a large table is joined to every related table to be tested. The test on the
field itself is Django's own `icontains`, so each database compares text as it does for DRF. On
PostgreSQL, the text columns of the large tables (launch and mission names, launch designators)
have trigram indexes (catalog migration 0004) that serve `icontains`; SQLite reads them whole.

One difference, on purpose: DRF's single filter over a list (a launch's spacecraft flights)
requires all terms that match there to match the same list item; here each term may match another
item, which is what "every term in at least one field" says.

A search has a ceiling (MAX_LENGTH characters, MAX_TERMS terms; a 400 naming `search` beyond):
each term adds a condition per search field, and a few hundred terms made SQLite refuse the query
("Expression tree is too large") and took PostgreSQL seconds.
"""

from __future__ import annotations

import functools
import operator

from django.db import models
from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.filters import SearchFilter as DRFSearchFilter

MAX_LENGTH = 300  # characters of ?search=
MAX_TERMS = 16  # words (or "quoted phrases") in it


def field_condition(model: type[models.Model], path: str, term: str) -> Q:
    """Objects of `model` whose field at ORM `path` contains `term` (case-insensitively)."""
    name, _, rest = path.partition("__")
    field = model._meta.get_field(name)
    if not rest:
        return Q(**{f"{field.name}__icontains": term})
    related = field.related_model
    inner = related._default_manager.filter(field_condition(related, rest, term))
    if field.concrete and not field.many_to_many:  # forward foreign key or one-to-one
        return Q(**{f"{field.attname}__in": inner.values("pk")})
    if field.many_to_many:
        m2m = field if field.concrete else field.remote_field
        own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        if not field.concrete:
            own, other = other, own
        through = m2m.remote_field.through
        links = through._default_manager.filter(**{f"{other}_id__in": inner.values("pk")})
        return Q(pk__in=links.values(f"{own}_id"))
    # A reverse foreign key or one-to-one: the related rows point at this model.
    return Q(pk__in=inner.values(field.field.attname))


def term_condition(model: type[models.Model], paths: list[str], term: str) -> Q:
    return functools.reduce(operator.or_, (field_condition(model, path, term) for path in paths))


class SearchFilter(DRFSearchFilter):
    """`?search=`: LL2's search field names, each an ORM path unless the endpoint maps it."""

    def get_search_fields(self, view, request):
        return [view.endpoint.search_paths.get(name, name) for name in view.endpoint.search]

    def get_search_terms(self, request):
        text = request.query_params.get(self.search_param, "")
        if len(text) > MAX_LENGTH:
            raise ValidationError({self.search_param: [f"At most {MAX_LENGTH} characters."]})
        try:
            terms = super().get_search_terms(request)
        except ValidationError as exc:  # e.g. a NUL character: say which parameter it was
            raise ValidationError({self.search_param: exc.detail}) from None
        if len(terms) > MAX_TERMS:
            raise ValidationError({self.search_param: [f"At most {MAX_TERMS} search terms."]})
        return terms

    def filter_queryset(self, request, queryset, view):
        paths = self.get_search_fields(view, request)
        terms = self.get_search_terms(request)
        if not paths or not terms:
            return queryset
        for term in terms:
            queryset = queryset.filter(term_condition(queryset.model, paths, term))
        return queryset
