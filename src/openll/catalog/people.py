"""Astronauts, their seats on flights, and spacewalks."""

from __future__ import annotations

from django.db import models

from .base import Bool, Date, DateTime, Duration, Entity, Int, Ordered, OrderedLink, Ref, Text


class AstronautFlight(Entity):
    role = Ref("AstronautRole")
    astronaut = Ref("Astronaut")


class Astronaut(Entity):
    name = Text()
    status = Ref("AstronautStatus")
    agency = Ref("Agency")
    image = Ref("Image")
    type = Ref("AstronautType")
    in_space = Bool()
    time_in_space = Duration()
    eva_time = Duration()
    age = Int()
    date_of_birth = Date()
    date_of_death = Date()
    nationality = Ordered("Country", through="AstronautNationality")
    bio = Text()
    wiki = Text()
    last_flight = DateTime()
    first_flight = DateTime()
    social_media_links = Ordered("SocialMediaLink", through="AstronautSocialMediaLinks")
    flights_count = Int()
    landings_count = Int()
    spacewalks_count = Int()
    flights = Ordered("Launch", through="AstronautFlights")
    landings = Ordered("SpacecraftFlight", through="AstronautLandings")
    spacewalks = Ordered("Spacewalk", through="AstronautSpacewalks")


class Spacewalk(Entity):
    name = Text()
    start = DateTime()
    end = DateTime()
    duration = Duration()
    location = Text()
    crew = Ordered("AstronautFlight", through="SpacewalkCrew")
    spacestation = Ref("SpaceStation")
    expedition = Ref("Expedition", related_name="spacewalks")
    spacecraft_flight = Ref("SpacecraftFlight")
    event = Ref("Event")
    program = Ordered("Program", through="SpacewalkProgram")


class AstronautNationality(OrderedLink):
    astronaut = models.ForeignKey("Astronaut", models.CASCADE)
    country = models.ForeignKey("Country", models.CASCADE)


class AstronautSocialMediaLinks(OrderedLink):
    astronaut = models.ForeignKey("Astronaut", models.CASCADE)
    socialmedialink = models.ForeignKey("SocialMediaLink", models.CASCADE)


class AstronautFlights(OrderedLink):
    astronaut = models.ForeignKey("Astronaut", models.CASCADE)
    launch = models.ForeignKey("Launch", models.CASCADE)


class AstronautLandings(OrderedLink):
    astronaut = models.ForeignKey("Astronaut", models.CASCADE)
    spacecraftflight = models.ForeignKey("SpacecraftFlight", models.CASCADE)


class AstronautSpacewalks(OrderedLink):
    astronaut = models.ForeignKey("Astronaut", models.CASCADE)
    spacewalk = models.ForeignKey("Spacewalk", models.CASCADE)


class SpacewalkCrew(OrderedLink):
    spacewalk = models.ForeignKey("Spacewalk", models.CASCADE)
    astronautflight = models.ForeignKey("AstronautFlight", models.CASCADE)


class SpacewalkProgram(OrderedLink):
    spacewalk = models.ForeignKey("Spacewalk", models.CASCADE)
    program = models.ForeignKey("Program", models.CASCADE)
