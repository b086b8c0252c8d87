"""Space stations, their expeditions, docking ports and docking events."""

from __future__ import annotations

from django.db import models

from .base import BigInt, Date, DateTime, Entity, Float, Int, Measured, Ordered, OrderedLink, Ref, Text


class DockingEvent(Entity):
    docking = DateTime()
    departure = DateTime()
    flight_vehicle_chaser = Ref("SpacecraftFlight", related_name="docking_events")
    space_station_chaser = Ref("SpaceStation")
    payload_flight_chaser = Ref("PayloadFlight", related_name="docking_events")
    docking_location = Ref("DockingLocation")
    space_station_target = Ref("SpaceStation")
    flight_vehicle_target = Ref("SpacecraftFlight")
    payload_flight_target = Ref("PayloadFlight")


class DockingLocation(Entity):
    name = Text()
    currently_docked = Ref("DockingEvent")
    spacestation = Ref("SpaceStation", related_name="docking_location")
    spacecraft = Ref("SpacecraftConfig")
    payload = Ref("Payload")
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("position", "id")


class Expedition(Entity):
    name = Text()
    start = DateTime()
    end = DateTime()
    spacestation = Ref("SpaceStation", related_name="expeditions")
    mission_patches = Ordered("MissionPatch", through="ExpeditionMissionPatches", related_name="expeditions")
    crew = Ordered("AstronautFlight", through="ExpeditionCrew")


class SpaceStation(Measured):
    name = Text()
    image = Ref("Image")
    status = Ref("SpaceStationStatus")
    founded = Date()
    deorbited = Date()
    description = Text()
    orbit = Text()
    type = Ref("SpaceStationType")
    owners = Ordered("Agency", through="SpaceStationOwners")
    active_expeditions = Ordered("Expedition", through="SpaceStationActiveExpeditions")
    height = Float()
    width = Float()
    mass = Float()
    volume = BigInt()
    onboard_crew = Int()
    docked_vehicles = Int()
    active_docking_events = Ordered("DockingEvent", through="SpaceStationActiveDockingEvents")


class ExpeditionMissionPatches(OrderedLink):
    expedition = models.ForeignKey("Expedition", models.CASCADE)
    missionpatch = models.ForeignKey("MissionPatch", models.CASCADE)


class ExpeditionCrew(OrderedLink):
    expedition = models.ForeignKey("Expedition", models.CASCADE)
    astronautflight = models.ForeignKey("AstronautFlight", models.CASCADE)


class SpaceStationOwners(OrderedLink):
    spacestation = models.ForeignKey("SpaceStation", models.CASCADE)
    agency = models.ForeignKey("Agency", models.CASCADE)


class SpaceStationActiveExpeditions(OrderedLink):
    spacestation = models.ForeignKey("SpaceStation", models.CASCADE)
    expedition = models.ForeignKey("Expedition", models.CASCADE)


class SpaceStationActiveDockingEvents(OrderedLink):
    spacestation = models.ForeignKey("SpaceStation", models.CASCADE)
    dockingevent = models.ForeignKey("DockingEvent", models.CASCADE)
