"""A launch location with its pads."""

from django.contrib import admin

from ..models import Location, Pad
from .base import CatalogAdmin, ChildInline


class PadInline(ChildInline):
    model = Pad
    fields = ("name", "active", "country", "latitude", "longitude", "position")


@admin.register(Location)
class LocationAdmin(CatalogAdmin):
    inlines = [PadInline]
