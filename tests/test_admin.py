"""The admin at /admin/: every catalog model can be listed, searched, added and changed by a
librarian, related objects are edited inline, and an edit shows in the API at once."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import Count
from django.test import Client

from openll.catalog.admin.base import through_models
from openll.catalog.models import Launch, Rocket, Spacecraft, SpaceStation

CATALOG = sorted(
    (model for model in apps.get_app_config("catalog").get_models() if admin.site.is_registered(model)),
    key=lambda model: model.__name__,
)


class FormReader(HTMLParser):
    """What a browser submits for the admin's change form: every named input, select and text
    area of the page's POST form (the inline rows' `__prefix__` templates aside)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.in_form = False
        self.select: str | None = None
        self.textarea: str | None = None

    def add(self, name, value):
        if "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post" and a.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "image", "reset"):
                self.add(name, a.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in a:
            self.add(self.select, a.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and "__prefix__" not in self.textarea:
            # A browser drops the newline right after <textarea>, which Django's template writes.
            value = self.data[self.textarea][-1] + data
            self.data[self.textarea][-1] = value.removeprefix("\n")


def form_data(response) -> dict[str, list[str]]:
    assert response.status_code == 200, response.content[:300]
    reader = FormReader()
    reader.feed(response.content.decode())
    assert reader.data, "no change form on the page"
    return reader.data


def admin_url(model, action: str, pk=None) -> str:
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return f"{base}{pk}/change/" if action == "change" else f"{base}add/" if action == "add" else base


def saved(response) -> bool:
    """The admin answers a valid form with a redirect, an invalid one with the form and its errors."""
    if response.status_code == 302:
        return True
    errors = response.context["errors"] if response.context else "no context"
    raise AssertionError(f"form rejected: {errors}")


@pytest.fixture
def catalog(full_catalog, db):
    """Bundled real data plus complete example objects for every route (conftest.full_catalog)."""


@pytest.fixture
def librarian(db):
    user = User.objects.create(username="librarian", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def test_every_catalog_model_has_an_admin_but_ordered_list_tables():
    """The tables of ordered lists (an agency's countries...) are edited as inlines of their owner."""
    models = set(apps.get_app_config("catalog").get_models())
    lists = through_models(models)
    assert lists and set(CATALOG) == models - lists


def test_every_ordered_list_is_an_inline_of_its_owner():
    for model in CATALOG:
        inlined = {inline.model for inline in admin.site.get_model_admin(model).inlines}
        for field in model._meta.local_many_to_many:
            assert field.remote_field.through in inlined, f"{model.__name__}.{field.name}"


@pytest.mark.parametrize("model", CATALOG, ids=lambda model: model.__name__)
def test_list_add_and_change_pages_open(catalog, librarian, model):
    changelist = librarian.get(admin_url(model, "list"))
    assert changelist.status_code == 200
    assert librarian.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.order_by("pk").first() or model.objects.create()
    assert librarian.get(admin_url(model, "change", obj.pk)).status_code == 200
    # Every filter in the side bar (its last choice: a value, or "Unknown") and the search box answer.
    cl = changelist.context["cl"]
    for spec in cl.filter_specs:
        *_, choice = spec.choices(cl)
        assert librarian.get(admin_url(model, "list") + choice["query_string"]).status_code == 200
    if cl.search_fields:
        assert librarian.get(admin_url(model, "list") + "?q=a").status_code == 200


@pytest.mark.parametrize("model", CATALOG, ids=lambda model: model.__name__)
def test_a_change_form_saved_unchanged_keeps_the_object(catalog, librarian, model):
    """Saving what the page shows must round-trip: dates, durations, floats, inline rows."""
    obj = model.objects.order_by("pk").first() or model.objects.create()
    url = admin_url(model, "change", obj.pk)
    before = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
    assert saved(librarian.post(url, form_data(librarian.get(url))))
    obj.refresh_from_db()
    assert {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields} == before


@pytest.mark.parametrize("model", CATALOG, ids=lambda model: model.__name__)
def test_an_empty_add_form_creates_an_object(catalog, librarian, model):
    """Every column is optional; new rows get fresh ids after an import (PostgreSQL sequences)."""
    count = model.objects.count()
    assert saved(librarian.post(admin_url(model, "add"), form_data(librarian.get(admin_url(model, "add")))))
    assert model.objects.count() == count + 1


def test_search_finds_launches_by_name_and_by_id(catalog, librarian):
    vulcan = Launch.objects.get(name="Vulcan VC2S | Certification Flight 2")
    found = librarian.get(admin_url(Launch, "list"), {"q": "Vulcan Certification"}).context["cl"].result_list
    assert [launch.pk for launch in found] == [vulcan.pk]
    by_id = librarian.get(admin_url(Launch, "list"), {"q": str(vulcan.pk)}).context["cl"].result_list
    assert [launch.pk for launch in by_id] == [vulcan.pk]
    nothing = librarian.get(admin_url(Launch, "list"), {"q": "no-such-launch-zz"}).context["cl"].result_list
    assert list(nothing) == []


def test_search_finds_a_spacecraft_by_serial_number(catalog, librarian):
    spacecraft = Spacecraft.objects.exclude(serial_number=None).exclude(serial_number="").order_by("pk")[0]
    found = librarian.get(admin_url(Spacecraft, "list"), {"q": spacecraft.serial_number})
    assert spacecraft.pk in {obj.pk for obj in found.context["cl"].result_list}


def test_launches_filter_by_status(catalog, librarian):
    launch = Launch.objects.exclude(status=None).order_by("pk")[0]
    found = librarian.get(admin_url(Launch, "list"), {"status__id__exact": launch.status_id})
    statuses = {obj.status_id for obj in found.context["cl"].result_list}
    assert statuses == {launch.status_id}


def test_a_launch_renamed_in_the_admin_is_renamed_in_the_api_at_once(catalog, librarian, api):
    launch = Launch.objects.get(name="Vulcan VC2S | Certification Flight 2")
    url = admin_url(Launch, "change", launch.pk)
    data = form_data(librarian.get(url))
    data["name"] = ["Vulcan VC2S | Cert-2 (renamed)"]
    assert saved(librarian.post(url, data))
    detail = api.get(f"/2.3.0/launches/{launch.pk}/?format=json").json()
    assert detail["name"] == "Vulcan VC2S | Cert-2 (renamed)"
    listed = api.get("/2.3.0/launches/?format=json&search=renamed").json()["results"]
    assert [item["id"] for item in listed] == [str(launch.pk)]


def test_a_spacecraft_renamed_in_the_admin_is_renamed_in_the_api_at_once(catalog, librarian, api):
    spacecraft = Spacecraft.objects.exclude(name=None).order_by("pk")[0]
    url = admin_url(Spacecraft, "change", spacecraft.pk)
    data = form_data(librarian.get(url))
    data["name"] = ["Renamed Capsule"]
    assert saved(librarian.post(url, data))
    assert api.get(f"/2.3.0/spacecraft/{spacecraft.pk}/?format=json").json()["name"] == "Renamed Capsule"


def test_a_launch_page_shows_its_rocket_urls_updates_timeline_and_lists(catalog, librarian):
    launch = (
        Launch.objects.exclude(info_urls=None)
        .exclude(vid_urls=None)
        .exclude(updates=None)
        .exclude(timeline=None)
        .exclude(rocket=None)
        .order_by("pk")[0]
    )
    response = librarian.get(admin_url(Launch, "change", launch.pk))
    rows = {
        str(formset.opts.verbose_name_plural): len(formset.formset.forms)
        for formset in response.context["inline_admin_formsets"]
    }
    assert rows == {
        "rocket": 1,
        "spacecraft flights": launch.spacecraft_flights.count(),
        "payload flights": launch.payload_flights.count(),
        "info URLs": launch.info_urls.count(),
        "video URLs": launch.vid_urls.count(),
        "updates": launch.updates.count(),
        "timeline": launch.timeline.count(),
        "program": launch.program.count(),
        "mission patches": launch.mission_patches.count(),
    }
    page = response.content.decode()
    for value in [
        *launch.info_urls.values_list("url", flat=True),
        *launch.vid_urls.values_list("url", flat=True),
        *launch.updates.values_list("comment", flat=True),
    ]:
        assert value and value in page
    # The rocket's row links to the rocket's own page, where its stages are.
    assert admin_url(Rocket, "change", launch.rocket.pk) in page


def test_a_rocket_page_shows_its_first_stages(catalog, librarian):
    rocket = Rocket.objects.exclude(launcher_stage=None).order_by("pk")[0]
    response = librarian.get(admin_url(Rocket, "change", rocket.pk))
    inlines = {str(f.opts.verbose_name_plural): f.formset for f in response.context["inline_admin_formsets"]}
    assert len(inlines["first stages"].forms) == rocket.launcher_stage.count() > 0


def test_reordering_a_space_stations_owners_in_the_admin_reorders_them_in_the_api(catalog, librarian, api):
    station = SpaceStation.objects.annotate(n=Count("owners")).filter(n__gte=2).order_by("pk")[0]
    detail = f"/2.3.0/space_stations/{station.pk}/?format=json"
    owners = [agency["id"] for agency in api.get(detail).json()["owners"]]
    assert len(owners) >= 2

    url = admin_url(SpaceStation, "change", station.pk)
    data = form_data(librarian.get(url))
    prefix = next(name.removesuffix("-TOTAL_FORMS") for name in data if "owners" in name and "TOTAL" in name)
    count = int(data[f"{prefix}-TOTAL_FORMS"][0])
    assert count == len(owners)
    for i in range(count):  # reverse the list
        data[f"{prefix}-{i}-position"] = [str(count - 1 - i)]
    assert saved(librarian.post(url, data))
    assert [agency["id"] for agency in api.get(detail).json()["owners"]] == owners[::-1]


def test_a_launch_pad_is_chosen_by_typing_its_name(catalog, librarian):
    """Foreign keys to big tables are autocompletes: the page does not list every pad."""
    pad = Launch.objects.exclude(pad=None).order_by("pk")[0].pad
    response = librarian.get(
        "/admin/autocomplete/",
        {"app_label": "catalog", "model_name": "launch", "field_name": "pad", "term": pad.name},
    )
    assert response.status_code == 200
    assert str(pad.pk) in {item["id"] for item in response.json()["results"]}
