"""Events (dockings, spacewalks, tests, press events...) and Starship notices and closures."""

from __future__ import annotations

from django.db import models

from .base import Bool, DateTime, Duration, Entity, Ordered, OrderedLink, Ref, Text


class Event(Entity):
    name = Text()
    image = Ref("Image")
    date = DateTime()
    slug = Text()
    type = Ref("EventType")
    description = Text()
    webcast_live = Bool()
    location = Text()
    date_precision = Ref("NetPrecision")
    duration = Duration()
    last_updated = DateTime()
    agencies = Ordered("Agency", through="EventAgencies")
    launches = Ordered("Launch", through="EventLaunches")
    expeditions = Ordered("Expedition", through="EventExpeditions")
    spacestations = Ordered("SpaceStation", through="EventSpacestations")
    program = Ordered("Program", through="EventProgram")
    astronauts = Ordered("Astronaut", through="EventAstronauts")


class Notice(Entity):
    type = Ref("NoticeType")
    date = DateTime()
    url = Text()


class RoadClosure(Entity):
    title = Text()
    status = Ref("RoadClosureStatus")
    window_start = DateTime()
    window_end = DateTime()


class EventAgencies(OrderedLink):
    event = models.ForeignKey("Event", models.CASCADE)
    agency = models.ForeignKey("Agency", models.CASCADE)


class EventLaunches(OrderedLink):
    event = models.ForeignKey("Event", models.CASCADE)
    launch = models.ForeignKey("Launch", models.CASCADE)


class EventExpeditions(OrderedLink):
    event = models.ForeignKey("Event", models.CASCADE)
    expedition = models.ForeignKey("Expedition", models.CASCADE)


class EventSpacestations(OrderedLink):
    event = models.ForeignKey("Event", models.CASCADE)
    spacestation = models.ForeignKey("SpaceStation", models.CASCADE)


class EventProgram(OrderedLink):
    event = models.ForeignKey("Event", models.CASCADE)
    program = models.ForeignKey("Program", models.CASCADE)


class EventAstronauts(OrderedLink):
    event = models.ForeignKey("Event", models.CASCADE)
    astronaut = models.ForeignKey("Astronaut", models.CASCADE)


class LiveStream(Entity):
    """A live stream on a dashboard (LL2's `VidURLs`: no id of its own in the API)."""

    title = Text()
    description = Text()
    image = Text()
    url = Text()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")
