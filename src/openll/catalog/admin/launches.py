"""A launch with what LL2 nests in it: rocket (with its stages), flights, URLs, updates, timeline."""

from django.contrib import admin

from ..models import (
    Event,
    FirstStage,
    InfoURL,
    Launch,
    Mission,
    PayloadFlight,
    Program,
    Rocket,
    SpacecraftFlight,
    TimelineEvent,
    Update,
    VidURL,
)
from .base import CatalogAdmin, ChildInline


class RocketInline(ChildInline):
    """The launch's rocket; its stages are on the rocket's own page (the "Change" link)."""

    model = Rocket
    verbose_name = "rocket"
    verbose_name_plural = "rocket"
    fields = ("configuration",)
    max_num = 1


class FirstStageInline(ChildInline):
    model = FirstStage
    verbose_name = "first stage"
    verbose_name_plural = "first stages"
    fields = (
        "launcher",
        "type",
        "reused",
        "launcher_flight_number",
        "previous_flight",
        "previous_flight_date",
        "turn_around_time",
        "landing",
        "position",
    )


class SpacecraftFlightInline(ChildInline):
    model = SpacecraftFlight
    verbose_name = "spacecraft flight"
    verbose_name_plural = "spacecraft flights"
    fields = ("spacecraft", "destination", "mission_end", "duration", "landing")


class PayloadFlightInline(ChildInline):
    model = PayloadFlight
    verbose_name = "payload flight"
    verbose_name_plural = "payload flights"
    fields = ("payload", "destination", "amount", "landing")


class InfoURLInline(ChildInline):
    model = InfoURL
    verbose_name = "info URL"
    verbose_name_plural = "info URLs"
    fields = ("priority", "title", "url", "source", "type", "language", "position")


class VidURLInline(ChildInline):
    model = VidURL
    verbose_name = "video URL"
    verbose_name_plural = "video URLs"
    fields = ("priority", "title", "url", "publisher", "type", "language", "live", "start_time", "position")


class UpdateInline(ChildInline):
    model = Update
    verbose_name = "update"
    verbose_name_plural = "updates"
    fields = ("created_on", "created_by", "comment", "info_url", "position")


class TimelineEventInline(ChildInline):
    model = TimelineEvent
    verbose_name = "timeline event"
    verbose_name_plural = "timeline"
    fields = ("type", "relative_time", "position")


@admin.register(Launch)
class LaunchAdmin(CatalogAdmin):
    list_display = ("name", "status", "net", "launch_service_provider", "pad", "id")
    date_hierarchy = "net"
    inlines = [
        RocketInline,
        SpacecraftFlightInline,
        PayloadFlightInline,
        InfoURLInline,
        VidURLInline,
        UpdateInline,
        TimelineEventInline,
    ]


@admin.register(Rocket)
class RocketAdmin(CatalogAdmin):
    inlines = [FirstStageInline]


@admin.register(Mission)
class MissionAdmin(CatalogAdmin):
    inlines = [InfoURLInline, VidURLInline]


@admin.register(Event)
class EventAdmin(CatalogAdmin):
    date_hierarchy = "date"
    inlines = [InfoURLInline, VidURLInline, UpdateInline]


@admin.register(Program)
class ProgramAdmin(CatalogAdmin):
    inlines = [UpdateInline]


@admin.register(FirstStage)
class FirstStageAdmin(CatalogAdmin):
    list_display = ("id", "launcher", "type", "rocket", "launcher_flight_number", "reused")
    search_fields = ("launcher__serial_number", "rocket__launch__name")
