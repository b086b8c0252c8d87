"""Spacecraft (configurations, families, serial vehicles, flights) and payloads."""

from __future__ import annotations

from django.db import models

from .base import (
    BigInt,
    Bool,
    Date,
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


class PayloadFlight(Entity):
    destination = Text()
    amount = Int()
    payload = Ref("Payload", related_name="payloadflight")
    launch = Ref("Launch", related_name="payload_flights")
    landing = OneRef("Landing", related_name="payloadflight")


class Payload(Measured):
    name = Text()
    type = Ref("PayloadType")
    manufacturer = Ref("Agency")
    operator = Ref("Agency")
    image = Ref("Image")
    wiki_link = Text()
    info_link = Text()
    program = Ordered("Program", through="PayloadProgram")
    cost = BigInt()
    mass = Float()
    description = Text()


class SpacecraftConfigFamily(Entity):
    name = Text()
    description = Text()
    manufacturer = Ref("Agency")
    parent = Ref("self")
    maiden_flight = Date()
    spacecraft_flown = Int()
    total_launch_count = Int()
    successful_launches = Int()
    failed_launches = Int()
    attempted_landings = Int()
    successful_landings = Int()
    failed_landings = Int()


class SpacecraftConfig(Measured):
    name = Text()
    type = Ref("SpacecraftConfigType")
    agency = Ref("Agency", related_name="spacecraft_list")
    family = Ordered("SpacecraftConfigFamily", through="SpacecraftConfigFamilies", related_name="spacecraft")
    in_use = Bool()
    image = Ref("Image")
    capability = Text()
    history = Text()
    details = Text()
    maiden_flight = Date()
    height = Float()
    diameter = Float()
    human_rated = Bool()
    crew_capacity = Int()
    payload_capacity = Int()
    payload_return_capacity = Int()
    flight_life = Text()
    wiki_link = Text()
    info_link = Text()
    spacecraft_flown = Int()
    total_launch_count = Int()
    successful_launches = Int()
    failed_launches = Int()
    attempted_landings = Int()
    successful_landings = Int()
    failed_landings = Int()
    fastest_turnaround = Duration()


class SpacecraftFlight(Entity):
    spacecraft = Ref("Spacecraft", related_name="flights")
    launch = Ref("Launch", related_name="spacecraft_flights")
    destination = Text()
    mission_end = DateTime()
    duration = Duration()
    turn_around_time = Duration()
    launch_crew = Ordered("AstronautFlight", through="SpacecraftFlightLaunchCrew")
    onboard_crew = Ordered("AstronautFlight", through="SpacecraftFlightOnboardCrew")
    landing_crew = Ordered("AstronautFlight", through="SpacecraftFlightLandingCrew")
    landing = OneRef("Landing", related_name="spacecraftflight")


class Spacecraft(Entity):
    name = Text()
    serial_number = Text()
    is_placeholder = Bool()
    image = Ref("Image")
    in_space = Bool()
    time_in_space = Duration()
    time_docked = Duration()
    flights_count = Int()
    mission_ends_count = Int()
    status = Ref("SpacecraftStatus")
    description = Text()
    spacecraft_config = Ref("SpacecraftConfig")
    fastest_turnaround = Duration()


class PayloadProgram(OrderedLink):
    payload = models.ForeignKey("Payload", models.CASCADE)
    program = models.ForeignKey("Program", models.CASCADE)


class SpacecraftConfigFamilies(OrderedLink):
    spacecraftconfig = models.ForeignKey("SpacecraftConfig", models.CASCADE)
    spacecraftconfigfamily = models.ForeignKey("SpacecraftConfigFamily", models.CASCADE)


class SpacecraftFlightLaunchCrew(OrderedLink):
    spacecraftflight = models.ForeignKey("SpacecraftFlight", models.CASCADE)
    astronautflight = models.ForeignKey("AstronautFlight", models.CASCADE)


class SpacecraftFlightOnboardCrew(OrderedLink):
    spacecraftflight = models.ForeignKey("SpacecraftFlight", models.CASCADE)
    astronautflight = models.ForeignKey("AstronautFlight", models.CASCADE)


class SpacecraftFlightLandingCrew(OrderedLink):
    spacecraftflight = models.ForeignKey("SpacecraftFlight", models.CASCADE)
    astronautflight = models.ForeignKey("AstronautFlight", models.CASCADE)
