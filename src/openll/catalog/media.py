"""Images, links (info and video URLs, social media), mission patches and update notes."""

from __future__ import annotations

from django.db import models

from .base import Bool, DateTime, Entity, Int, Ref, Text


class ImageVariant(Entity):
    type = Ref("ImageVariantType")
    image_url = Text()
    image = Ref("Image", related_name="variants")
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("position", "id")


class Image(Entity):
    name = Text()
    image_url = Text()
    thumbnail_url = Text()
    credit = Text()
    license = Ref("ImageLicense")
    single_use = Bool()


class InfoURL(Entity):
    priority = Int()
    source = Text()
    title = Text()
    description = Text()
    feature_image = Text()
    url = Text()
    type = Ref("InfoURLType")
    language = Ref("Language")
    launch = Ref("Launch", related_name="info_urls")
    mission = Ref("Mission", related_name="info_urls")
    event = Ref("Event", related_name="info_urls")
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("position", "id")


class MissionPatch(Entity):
    name = Text()
    priority = Int()
    image_url = Text()
    agency = Ref("Agency")


class SocialMediaLink(Entity):
    social_media = Ref("SocialMedia")
    url = Text()


class SocialMedia(Entity):
    name = Text()
    url = Text()
    logo = Ref("Image")


class Update(Entity):
    profile_image = Text()
    comment = Text()
    info_url = Text()
    created_by = Text()
    created_on = DateTime()
    launch = Ref("Launch", related_name="updates")
    event = Ref("Event", related_name="updates")
    program = Ref("Program", related_name="updates")
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("position", "id")


class VidURL(Entity):
    priority = Int()
    source = Text()
    publisher = Text()
    title = Text()
    description = Text()
    feature_image = Text()
    url = Text()
    type = Ref("VidURLType")
    language = Ref("Language")
    start_time = DateTime()
    end_time = DateTime()
    live = Bool()
    launch = Ref("Launch", related_name="vid_urls")
    mission = Ref("Mission", related_name="vid_urls")
    event = Ref("Event", related_name="vid_urls")
    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("position", "id")
