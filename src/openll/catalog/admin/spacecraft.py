"""A spacecraft with its flights; a flight's launch, onboard and landing crews are ordered-list
inlines (CatalogAdmin)."""

from django.contrib import admin

from ..models import Spacecraft, SpacecraftFlight
from .base import CatalogAdmin, ChildInline


class FlightInline(ChildInline):
    model = SpacecraftFlight
    fields = ("launch", "destination", "mission_end", "duration", "landing")


@admin.register(Spacecraft)
class SpacecraftAdmin(CatalogAdmin):
    inlines = [FlightInline]


@admin.register(SpacecraftFlight)
class SpacecraftFlightAdmin(CatalogAdmin):
    list_display = ("id", "spacecraft", "launch", "destination", "mission_end")
