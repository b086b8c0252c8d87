"""The `/config/...` lookup tables: statuses, types, countries, licences."""

from __future__ import annotations

from .base import Int, Lookup, Text


class AgencyType(Lookup):
    name = Text()


class AstronautRole(Lookup):
    role = Text()
    priority = Int()


class AstronautStatus(Lookup):
    name = Text()


class AstronautType(Lookup):
    name = Text()


class CelestialBodyType(Lookup):
    name = Text()


class Country(Lookup):
    name = Text()
    alpha_2_code = Text()
    alpha_3_code = Text()
    nationality_name = Text()
    nationality_name_composed = Text()


class EventType(Lookup):
    name = Text()


class FirstStageType(Lookup):
    name = Text()


class ImageLicense(Lookup):
    name = Text()
    priority = Int()
    link = Text()


class ImageVariantType(Lookup):
    name = Text()


class InfoURLType(Lookup):
    name = Text()


class LandingType(Lookup):
    name = Text()
    abbrev = Text()
    description = Text()


class Language(Lookup):
    name = Text()
    code = Text()


class LaunchStatus(Lookup):
    name = Text()
    abbrev = Text()
    description = Text()


class LauncherStatus(Lookup):
    name = Text()


class MissionType(Lookup):
    name = Text()


class NetPrecision(Lookup):
    name = Text()
    abbrev = Text()
    description = Text()


class NoticeType(Lookup):
    name = Text()


class PayloadType(Lookup):
    name = Text()


class ProgramType(Lookup):
    name = Text()


class RoadClosureStatus(Lookup):
    name = Text()


class SpaceStationStatus(Lookup):
    name = Text()


class SpaceStationType(Lookup):
    name = Text()


class SpacecraftConfigType(Lookup):
    name = Text()


class SpacecraftStatus(Lookup):
    name = Text()


class TimelineEventType(Lookup):
    abbrev = Text()
    description = Text()


class VidURLType(Lookup):
    name = Text()
