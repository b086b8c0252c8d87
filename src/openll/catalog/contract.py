"""How the LL2 serializer variants named in the spec map onto openll's catalog.

Every schema of the spec is a variant (Mini, Normal, Detailed, SerializerNoLanding...) of one
entity; openll stores the entity once, as a Django model named like it. A variant's fields are
model attributes of the same name, with the few exceptions listed here (relations that LL2
reaches through another object).
"""

from __future__ import annotations

import functools

LOOKUPS = (
    "AgencyType",
    "AstronautRole",
    "AstronautStatus",
    "AstronautType",
    "CelestialBodyType",
    "Country",
    "EventType",
    "FirstStageType",
    "ImageLicense",
    "ImageVariantType",
    "InfoURLType",
    "LandingType",
    "Language",
    "LaunchStatus",
    "LauncherStatus",
    "MissionType",
    "NetPrecision",
    "NoticeType",
    "PayloadType",
    "ProgramType",
    "RoadClosureStatus",
    "SpaceStationStatus",
    "SpaceStationType",
    "SpacecraftConfigType",
    "SpacecraftStatus",
    "TimelineEventType",
    "VidURLType",
)

ENTITIES = (
    "Agency",
    "AstronautFlight",
    "Astronaut",
    "CelestialBody",
    "DockingEvent",
    "DockingLocation",
    "Event",
    "Expedition",
    "FirstStage",
    "ImageVariant",
    "Image",
    "InfoURL",
    "LandingLocation",
    "Landing",
    "LauncherConfigFamily",
    "LauncherConfig",
    "Launcher",
    "Launch",
    "Location",
    "MissionPatch",
    "Mission",
    "Notice",
    "Orbit",
    "Pad",
    "PayloadFlight",
    "Payload",
    "Program",
    "RoadClosure",
    "Rocket",
    "SocialMediaLink",
    "SocialMedia",
    "SpaceStation",
    "SpacecraftConfigFamily",
    "SpacecraftConfig",
    "SpacecraftFlight",
    "Spacecraft",
    "Spacewalk",
    "TimelineEvent",
    "Update",
    "VidURL",
)

# Schemas that describe no stored entity (envelopes of special endpoints).
NOT_ENTITIES = ("APIThrottle", "LaunchAndEvents", "StarshipDashboard")


# Schemas whose entity is not named like them.
RENAMED = {"VidURLs": "LiveStream"}


@functools.cache  # asked for every object the importer and the renderer meet
def entity_of(schema_name: str) -> str | None:
    """The catalog model that a spec schema is a variant of (None for non-entities). A schema
    openll makes from a spec schema (`LaunchNormal@2.2.0:LaunchNormal`) is a variant of the same
    entity as the spec schema before the `@`."""
    schema_name = schema_name.split("@", 1)[0]
    if schema_name in RENAMED:
        return RENAMED[schema_name]
    if schema_name in LOOKUPS:
        return schema_name
    if schema_name.startswith(NOT_ENTITIES):
        return None
    # Longest entity name first, so that "LauncherConfigFamilyMini" is not read as "Launcher".
    for entity in sorted(ENTITIES, key=len, reverse=True):
        if schema_name.startswith(entity):
            return entity
    raise KeyError(f"spec schema {schema_name!r} maps to no catalog entity")


# The list endpoint whose `{id}/` is an entity's hyperlink (`url` field), relative to /2.3.0/.
ENDPOINT_OF = {
    "Agency": "agencies",
    "Astronaut": "astronauts",
    "CelestialBody": "celestial_bodies",
    "DockingEvent": "docking_events",
    "Event": "events",
    "Expedition": "expeditions",
    "Landing": "landings",
    "LauncherConfigFamily": "launcher_configuration_families",
    "LauncherConfig": "launcher_configurations",
    "Launcher": "launchers",
    "Launch": "launches",
    "Location": "locations",
    "MissionPatch": "mission_patches",
    "Pad": "pads",
    "PayloadFlight": "payload_flights",
    "Payload": "payloads",
    "Program": "programs",
    "SpaceStation": "space_stations",
    "SpacecraftConfigFamily": "spacecraft_configuration_families",
    "SpacecraftConfig": "spacecraft_configurations",
    "SpacecraftFlight": "spacecraft_flights",
    "Spacecraft": "spacecraft",
    "Spacewalk": "spacewalks",
    "Update": "updates",
}

# (entity, field) -> ORM path, where LL2 reaches a field through another object. A rocket's
# spacecraft and payload stages belong to its launch: openll links flights to launches directly,
# because thin variants (LaunchMini) name the launch but never the rocket.
FIELD_PATHS = {
    ("Rocket", "spacecraft_stage"): "launch__spacecraft_flights",
    ("Rocket", "payloads"): "launch__payload_flights",
}

# (entity, field) -> the nested objects' foreign key to the object nesting them, when the nesting
# implies it but the nested variant does not say it: a station's `active_expeditions` are
# `ExpeditionMini`, which has no `spacestation`; the docking event a station's docking location
# shows as `currently_docked` (DockingEventDetailedSerializerForSpacestation) has no
# `docking_location`: it is docked there.
IMPLIED_PARENT = {
    ("SpaceStation", "active_expeditions"): "spacestation",
    ("DockingLocation", "currently_docked"): "docking_location",
}

# Fields LL2 renders as strings although they are durations (ISO 8601), and the one that LL2
# renders as Python timedelta text instead ("1 00:00:00").
DURATION_FIELDS = frozenset(
    {
        "time_in_space",
        "time_docked",
        "eva_time",
        "duration",
        "turn_around_time",
        "fastest_turnaround",
        "pad_turnaround",
        "relative_time",
    }
)
TIMEDELTA_TEXT_FIELDS = frozenset({"length_of_day"})

# The lists openll builds when it renders (reverse relations: no import stores their order), in
# LL2's order, each with its evidence. LL2 renders a reverse relation in the related model's
# default order (Django's Meta.ordering); where that order shows in real data, the data is named.
# Field names of the listed objects; every list is made total by its last key, the id.
RENDER_ORDER: dict[tuple[str, str], tuple[str, ...]] = {
    # Real /2.3.0/agencies/{id}/ answers (2026, ll.thespacedevs.com) list launcher configurations
    # by name; LL2's LauncherConfig model is ordered by name (also /launcher_configurations/).
    ("Agency", "launcher_list"): ("name", "id"),
    # Same answers: spacecraft configurations by name; so is the whole list LL2 gives
    # (data/ll2-2.3.0/spacecraft_configurations.detailed.json, 46 configurations by name).
    ("Agency", "spacecraft_list"): ("name", "id"),
    ("SpacecraftConfigFamily", "spacecraft"): ("name", "id"),  # the same model, the same order
    # Expeditions by start: the whole 2021 list (../shared/data/ll2-2.1.0/expeditions.2021.json,
    # 137 expeditions, in start order, not id order).
    ("MissionPatch", "expeditions"): ("start", "id"),
    # Docking events by docking time: the 2021 list (../shared/data/ll2-2.1.0/docking.2021.json)
    # and /docking_events/'s default order.
    ("PayloadFlight", "docking_events"): ("docking", "id"),
    ("SpacecraftFlight", "docking_events"): ("docking", "id"),
    # Launches by NET: LL2's Launch model order, and /launches/'s default.
    ("MissionPatch", "launches"): ("net", "id"),
    # No real data in ../shared holds one of the lists below with two items or more, nor the
    # whole list of their objects: they keep the order of their list endpoint's default (id).
    ("CelestialBody", "locations"): ("id",),
    ("Expedition", "spacewalks"): ("id",),
    ("MissionPatch", "program"): ("id",),
    ("Rocket", "spacecraft_stage"): ("id",),
    ("Rocket", "payloads"): ("id",),
    ("Spacecraft", "flights"): ("id",),
}
