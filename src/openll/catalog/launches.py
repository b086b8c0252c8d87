"""Launches and what LL2 nests in them: rocket, stages, mission, landings, timeline."""

from __future__ import annotations

import uuid

from django.db import models

from .base import (
    Bool,
    DateTime,
    Duration,
    Entity,
    Float,
    Int,
    Measured,
    OneRef,
    Ordered,
    OrderedLink,
    Ref,
    Text,
)


class FirstStage(Entity):
    type = Text()
    reused = Bool()
    launcher_flight_number = Int()
    launcher = Ref("Launcher")
    previous_flight_date = DateTime()
    turn_around_time = Duration()
    previous_flight = Ref("Launch")
    landing = OneRef("Landing", related_name="firststage")
    rocket = Ref("Rocket", related_name="launcher_stage")
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("position", "id")


class Landing(Measured):
    attempt = Bool()
    success = Bool()
    description = Text()
    downrange_distance = Float()
    landing_location = Ref("LandingLocation")
    type = Ref("LandingType")


class Launch(Entity):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = Text()
    slug = Text()
    launch_designator = Text()
    status = Ref("LaunchStatus")
    last_updated = DateTime()
    net = DateTime()
    net_precision = Ref("NetPrecision")
    window_end = DateTime()
    window_start = DateTime()
    image = Ref("Image")
    infographic = Text()
    probability = Int()
    weather_concerns = Text()
    failreason = Text()
    hashtag = Text()
    launch_service_provider = Ref("Agency")
    mission = Ref("Mission")
    pad = Ref("Pad")
    webcast_live = Bool()
    program = Ordered("Program", through="LaunchProgram")
    orbital_launch_attempt_count = Int()
    location_launch_attempt_count = Int()
    pad_launch_attempt_count = Int()
    agency_launch_attempt_count = Int()
    orbital_launch_attempt_count_year = Int()
    location_launch_attempt_count_year = Int()
    pad_launch_attempt_count_year = Int()
    agency_launch_attempt_count_year = Int()
    flightclub_url = Text()
    pad_turnaround = Duration()
    mission_patches = Ordered("MissionPatch", through="LaunchMissionPatches", related_name="launches")

    class Meta:
        # A page of LL2's default orders (net then id; previous: -net) and the mirror's
        # `last_updated__gte` read an index, not the whole table. `known_as` in it: which
        # launches are listed (catalog.base.listed) is read from the index too, not from each
        # row skipped by an offset (a page deep in 8,000 launches: 3 ms -> 0.3 ms on SQLite).
        indexes = [
            models.Index(fields=["net", "id", "known_as"], name="launch_net_id_known"),
            models.Index(fields=["last_updated"], name="launch_last_updated"),
        ]


class Mission(Entity):
    name = Text()
    type = Text()
    description = Text()
    image = Ref("Image")
    orbit = Ref("Orbit")
    agencies = Ordered("Agency", through="MissionAgencies")


class Rocket(Entity):
    configuration = Ref("LauncherConfig")
    launch = OneRef("Launch", related_name="rocket")


class TimelineEvent(Entity):
    type = Ref("TimelineEventType")
    relative_time = Duration()
    launch = Ref("Launch", related_name="timeline")
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("position", "id")


class LaunchProgram(OrderedLink):
    launch = models.ForeignKey("Launch", models.CASCADE)
    program = models.ForeignKey("Program", models.CASCADE)


class LaunchMissionPatches(OrderedLink):
    launch = models.ForeignKey("Launch", models.CASCADE)
    missionpatch = models.ForeignKey("MissionPatch", models.CASCADE)


class MissionAgencies(OrderedLink):
    mission = models.ForeignKey("Mission", models.CASCADE)
    agency = models.ForeignKey("Agency", models.CASCADE)
