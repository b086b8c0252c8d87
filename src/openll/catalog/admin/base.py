"""The admin every catalog model gets, derived from its fields.

`CatalogAdmin` fills in whatever a subclass does not declare: the changelist columns (id, the
name-like fields, a few key fields), search, filters (booleans and lookup tables), fast widgets
for foreign keys (autocomplete, or a raw id where the target has nothing to search by), a form
with long counters folded away, and one inline per ordered list of the model (its `OrderedLink`
through table, with an editable `position`). The hand-made admins only add what a librarian
expects on top: a launch with its rocket, URLs, updates and timeline, a location with its pads...
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import models

from ..base import Lookup

# Columns and search: what a row is called. The first present one also names the row in search
# results of objects that point to it.
NAME_FIELDS = ("name", "title", "serial_number", "role", "abbrev", "full_name")
SEARCH_FIELDS = (*NAME_FIELDS, "alias", "slug", "launch_designator", "code", "alpha_2_code", "alpha_3_code")
# The few fields that tell rows apart in a list, by preference.
KEY_FIELDS = (
    "status",
    "type",
    "net",
    "date",
    "start",
    "docking",
    "created_on",
    "window_start",
    "launch",
    "rocket",
    "spacecraft",
    "payload",
    "configuration",
    "launcher",
    "spacecraft_config",
    "launcher_config",
    "astronaut",
    "agency",
    "launch_service_provider",
    "spacestation",
    "location",
    "landing_location",
    "country",
    "celestial_body",
    "social_media",
    "url",
    "image_url",
)
NEWEST_FIRST = ("net", "date", "start", "docking", "created_on", "window_start")
MAX_COLUMNS = 6
# Text columns that hold prose get a text area; every other text column is one line.
LONG_TEXT = {
    *("description", "details", "bio", "history", "capability", "comment"),
    *("weather_concerns", "failreason"),
}
# Counters and durations LL2 derives from other data: a folded section of the form.
FIGURES = re.compile(
    r"(_count|_count_year|_launches|_landings|_landings_spacecraft|_landings_payload|_turnaround"
    r"|^spacecraft_flown|^flights$|^onboard_crew$|^docked_vehicles$|^time_in_space$|^time_docked$"
    r"|^eva_time$|^age$)"
)


def is_lookup(model) -> bool:
    return issubclass(model, Lookup)


def through_models(app_models) -> set:
    """The tables of ordered lists: edited as inlines of the object that owns the list."""
    return {
        field.remote_field.through
        for model in app_models
        for field in model._meta.local_many_to_many
        if not field.remote_field.through._meta.auto_created
    }


def present(model, names, text_only: bool = False) -> list[str]:
    own = {f.name for f in model._meta.fields if not (text_only and f.is_relation)}
    return [name for name in names if name in own]


def search_fields_for(model) -> tuple[str, ...]:
    """The model's own name-like fields; a model without a name is found by the names of what it
    points to (a rocket by its configuration and launch, a crew seat by its astronaut)."""
    own = present(model, SEARCH_FIELDS, text_only=True)
    if own:
        return tuple(own)
    borrowed = []
    for field in model._meta.fields:
        if field.is_relation and field.related_model is not model:
            names = present(field.related_model, NAME_FIELDS, text_only=True)
            if names:
                borrowed.append(f"{field.name}__{names[0]}")
    return tuple(borrowed + present(model, ("url",)))


def relation_widgets(model, names) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(autocomplete_fields, raw_id_fields) for the foreign keys among `names` that point to a big
    table: a select of every row would load it whole. Lookup tables keep a plain select."""
    autocomplete, raw_id = [], []
    for name in names:
        field = model._meta.get_field(name)
        if not (field.many_to_one or field.one_to_one) or is_lookup(field.related_model):
            continue
        (autocomplete if search_fields_for(field.related_model) else raw_id).append(name)
    return tuple(autocomplete), tuple(raw_id)


def form_fields(model) -> list[str]:
    """The fields of the change form: every column, the `position` the importer keeps (shown
    read-only), and the id only where it is typed in rather than generated (a launch's UUID)."""
    names = []
    for field in model._meta.fields:
        if field.primary_key:
            if field.editable and not isinstance(field, models.AutoField):
                names.append(field.name)
        elif field.editable or field.name == "position":
            names.append(field.name)
    return names


def declared(admin_class, name: str, base) -> bool:
    """Whether a class between `admin_class` and `base` sets `name` itself."""
    for cls in admin_class.__mro__:
        if cls is base:
            return False
        if name in vars(cls):
            return True
    return False


class CatalogForm(forms.ModelForm):
    """A blank text box saves null, which the API renders as LL2 renders a value it does not know,
    except where the object held an empty string already: a page saved unchanged changes nothing."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            text = isinstance(self.fields.get(name), forms.CharField)
            if value is None and text and getattr(self.instance, name, None) == "":
                cleaned[name] = ""
        return cleaned


class Widgets:
    """One-line inputs for short text (LL2 stores every string as text), a text area for prose."""

    form = CatalogForm
    long_text_rows = 10

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["widget"] = forms.NumberInput(attrs={"style": "width: 5em"})
        elif isinstance(db_field, models.TextField):
            kwargs.setdefault("empty_value", None if db_field.null else "")
            if db_field.name in LONG_TEXT:
                kwargs["widget"] = widgets.AdminTextareaWidget(attrs={"rows": self.long_text_rows})
            else:
                kwargs["widget"] = widgets.AdminTextInputWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SearchByIdMixin:
    """The search box also finds an object by its id (LL2's ids are what a librarian quotes)."""

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if not term:
            return found, may_have_duplicates
        try:
            pk = self.model._meta.pk.to_python(term)
        except ValidationError:
            return found, may_have_duplicates
        return found | queryset.filter(pk=pk), may_have_duplicates


class ChildInline(Widgets, admin.TabularInline):
    """Rows that belong to the edited object (a launch's video URLs, a location's pads). Foreign
    keys to big tables get fast widgets; a `position` the importer keeps is shown read-only."""

    extra = 0
    show_change_link = True
    long_text_rows = 2

    def __init__(self, parent_model, admin_site):
        super().__init__(parent_model, admin_site)
        if self.fields:
            names = list(self.fields)
        else:
            to_parent = (
                {self.fk_name}
                if self.fk_name
                else {f.name for f in self.model._meta.fields if f.related_model is parent_model}
            )
            names = [n for n in form_fields(self.model) if n not in to_parent]
        self.fields = names
        auto, raw = relation_widgets(self.model, names)
        self.autocomplete_fields = (*self.autocomplete_fields, *auto)
        self.raw_id_fields = (*self.raw_id_fields, *raw)
        self.readonly_fields = (
            *self.readonly_fields,
            *(n for n in names if not self.model._meta.get_field(n).editable),
        )


class OrderedListInline(ChildInline):
    """A row of an ordered list (e.g. a space station's owners): the object and its `position`,
    which sets the order the API renders the list in."""

    show_change_link = False


def ordered_list_inline(field) -> type[OrderedListInline]:
    through = field.remote_field.through
    target = field.m2m_reverse_field_name()
    return type(
        f"{through.__name__}Inline",
        (OrderedListInline,),
        {
            "model": through,
            "fk_name": field.m2m_field_name(),
            "fields": (target, "position"),
            "verbose_name": field.related_model._meta.verbose_name,
            "verbose_name_plural": field.verbose_name,
        },
    )


class CatalogAdmin(SearchByIdMixin, Widgets, admin.ModelAdmin):
    """Derives list, search, filters, widgets and form from the model; see the module docstring."""

    list_per_page = 50

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        cls = type(self)
        fields = model._meta.fields
        names = present(model, NAME_FIELDS)[:2]
        if not declared(cls, "list_display", CatalogAdmin):
            keys = [n for n in present(model, KEY_FIELDS) if n not in names]
            self.list_display = ("id", *names, *keys)[:MAX_COLUMNS]
        self.list_display_links = tuple(n for n in self.list_display if n == "id" or n in NAME_FIELDS)
        if not declared(cls, "list_select_related", CatalogAdmin):
            self.list_select_related = tuple(
                n for n in self.list_display if n in {f.name for f in fields if f.is_relation}
            )
        if not declared(cls, "search_fields", CatalogAdmin):
            self.search_fields = search_fields_for(model)
        if not declared(cls, "search_help_text", CatalogAdmin):
            searched = [name.replace("__", " ").replace("_", " ") for name in self.search_fields]
            self.search_help_text = f"Search by {', '.join(searched)} or id"
        if not declared(cls, "list_filter", CatalogAdmin):
            self.list_filter = tuple(
                f.name if isinstance(f, models.BooleanField) else (f.name, admin.RelatedOnlyFieldListFilter)
                for f in fields
                if isinstance(f, models.BooleanField) or (f.many_to_one and is_lookup(f.related_model))
            )
        if not declared(cls, "ordering", CatalogAdmin):
            newest = present(model, NEWEST_FIRST)
            self.ordering = (f"-{newest[0]}", "pk") if newest else ("pk",)
        editable = form_fields(model)
        if not declared(cls, "fieldsets", CatalogAdmin) and not declared(cls, "fields", CatalogAdmin):
            figures = [n for n in editable if FIGURES.search(n)]
            main = [n for n in editable if n not in figures]
            self.fieldsets = [(None, {"fields": main})]
            if figures:
                self.fieldsets.append(("Counts and durations", {"classes": ["collapse"], "fields": figures}))
        auto, raw = relation_widgets(model, editable)
        self.autocomplete_fields = (*self.autocomplete_fields, *auto)
        self.raw_id_fields = (*self.raw_id_fields, *raw)
        self.readonly_fields = (
            *self.readonly_fields,
            *(n for n in editable if not model._meta.get_field(n).editable),
        )
        self.inlines = [
            *self.inlines,
            *(ordered_list_inline(f) for f in model._meta.local_many_to_many),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # An id typed on the add page (a launch's UUID); changing it would copy the object.
        if obj is not None and "id" in form_fields(self.model):
            readonly = ("id", *readonly)
        return readonly
