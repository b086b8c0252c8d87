"""Agencies (space agencies, launch providers, manufacturers) and programs."""

from __future__ import annotations

from django.db import models

from .base import Bool, DateTime, Entity, Int, Ordered, OrderedLink, Ref, Text


class Agency(Entity):
    name = Text()
    abbrev = Text()
    type = Ref("AgencyType")
    featured = Bool()
    country = Ordered("Country", through="AgencyCountry")
    description = Text()
    administrator = Text()
    founding_year = Int()
    launchers = Text()
    spacecraft = Text()
    parent = Text()
    image = Ref("Image")
    logo = Ref("Image")
    social_logo = Ref("Image")
    total_launch_count = Int()
    consecutive_successful_launches = Int()
    successful_launches = Int()
    failed_launches = Int()
    pending_launches = Int()
    consecutive_successful_landings = Int()
    successful_landings = Int()
    failed_landings = Int()
    attempted_landings = Int()
    successful_landings_spacecraft = Int()
    failed_landings_spacecraft = Int()
    attempted_landings_spacecraft = Int()
    successful_landings_payload = Int()
    failed_landings_payload = Int()
    attempted_landings_payload = Int()
    info_url = Text()
    wiki_url = Text()
    social_media_links = Ordered("SocialMediaLink", through="AgencySocialMediaLinks")


class Program(Entity):
    name = Text()
    image = Ref("Image")
    info_url = Text()
    wiki_url = Text()
    description = Text()
    agencies = Ordered("Agency", through="ProgramAgencies")
    start_date = DateTime()
    end_date = DateTime()
    mission_patches = Ordered("MissionPatch", through="ProgramMissionPatches", related_name="program")
    type = Ref("ProgramType")


class AgencyCountry(OrderedLink):
    agency = models.ForeignKey("Agency", models.CASCADE)
    country = models.ForeignKey("Country", models.CASCADE)


class AgencySocialMediaLinks(OrderedLink):
    agency = models.ForeignKey("Agency", models.CASCADE)
    socialmedialink = models.ForeignKey("SocialMediaLink", models.CASCADE)


class ProgramAgencies(OrderedLink):
    program = models.ForeignKey("Program", models.CASCADE)
    agency = models.ForeignKey("Agency", models.CASCADE)


class ProgramMissionPatches(OrderedLink):
    program = models.ForeignKey("Program", models.CASCADE)
    missionpatch = models.ForeignKey("MissionPatch", models.CASCADE)
