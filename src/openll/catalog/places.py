"""Where things happen: celestial bodies, orbits, launch locations and pads, landing zones."""

from __future__ import annotations

from django.db import models

from .base import Bool, Duration, Entity, Float, Int, Measured, Ordered, OrderedLink, Ref, Text


class CelestialBody(Measured):
    name = Text()
    type = Ref("CelestialBodyType")
    diameter = Float()
    mass = Float()
    gravity = Float()
    length_of_day = Duration()
    atmosphere = Bool()
    image = Ref("Image")
    description = Text()
    wiki_url = Text()
    total_attempted_launches = Int()
    successful_launches = Int()
    failed_launches = Int()
    total_attempted_landings = Int()
    successful_landings = Int()
    failed_landings = Int()


class LandingLocation(Measured):
    name = Text()
    active = Bool()
    abbrev = Text()
    description = Text()
    location = Ref("Location")
    longitude = Float()
    latitude = Float()
    image = Ref("Image")
    successful_landings = Int()
    attempted_landings = Int()
    failed_landings = Int()
    celestial_body = Ref("CelestialBody")


class Location(Measured):
    name = Text()
    active = Bool()
    country = Ref("Country")
    description = Text()
    image = Ref("Image")
    map_image = Text()
    longitude = Float()
    latitude = Float()
    timezone_name = Text()
    total_launch_count = Int()
    total_landing_count = Int()
    celestial_body = Ref("CelestialBody", related_name="locations")


class Orbit(Entity):
    name = Text()
    abbrev = Text()
    celestial_body = Ref("CelestialBody")


class Pad(Measured):
    active = Bool()
    agencies = Ordered("Agency", through="PadAgencies")
    name = Text()
    image = Ref("Image")
    description = Text()
    info_url = Text()
    wiki_url = Text()
    map_url = Text()
    latitude = Float()
    longitude = Float()
    country = Ref("Country")
    map_image = Text()
    total_launch_count = Int()
    orbital_launch_attempt_count = Int()
    fastest_turnaround = Duration()
    location = Ref("Location", related_name="pads")
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("position", "id")


class PadAgencies(OrderedLink):
    pad = models.ForeignKey("Pad", models.CASCADE)
    agency = models.ForeignKey("Agency", models.CASCADE)
