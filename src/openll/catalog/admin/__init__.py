"""The admin at /admin/: every catalog model, edited where a librarian looks for it.

The hand-made admins live in one module per domain (launches, places, stations, ...); every other
model gets the generic `CatalogAdmin` (base.py). The tables of ordered lists are no admin of their
own: each is an inline of the object that owns the list. The API renders from these tables on each
request, so an edit shows there at once.
"""

from django.apps import apps
from django.contrib import admin

from . import launches, media, organisations, places, spacecraft, stations  # noqa: F401 - registers
from .base import CatalogAdmin, through_models


def register_the_rest(site: admin.AdminSite = admin.site) -> None:
    models = list(apps.get_app_config("catalog").get_models())
    lists = through_models(models)
    for model in models:
        if model not in lists and not site.is_registered(model):
            site.register(model, CatalogAdmin)


register_the_rest()
