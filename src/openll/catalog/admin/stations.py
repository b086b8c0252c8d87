"""A space station with its docking locations and expeditions; its owners, active expeditions and
active docking events are ordered-list inlines (CatalogAdmin)."""

from django.contrib import admin

from ..models import DockingEvent, DockingLocation, Expedition, SpaceStation
from .base import CatalogAdmin, ChildInline


class DockingLocationInline(ChildInline):
    model = DockingLocation
    fields = ("name", "spacecraft", "payload", "currently_docked", "position")


class ExpeditionInline(ChildInline):
    model = Expedition
    fields = ("name", "start", "end")


@admin.register(SpaceStation)
class SpaceStationAdmin(CatalogAdmin):
    inlines = [DockingLocationInline, ExpeditionInline]


@admin.register(DockingEvent)
class DockingEventAdmin(CatalogAdmin):
    list_display = ("id", "docking", "departure", "flight_vehicle_chaser", "space_station_target")
    search_fields = (
        "flight_vehicle_chaser__spacecraft__name",
        "space_station_target__name",
        "docking_location__name",
    )
