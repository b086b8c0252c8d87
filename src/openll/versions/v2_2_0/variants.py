"""LL2 2.2.0's serializers, each as the 2.3.0 schema it is rendered from and its fields in 2.2.0's
key order (real 2.2.0 responses of 2021-2026 where there are some, else the 2.2.0 document).
Sources: ../shared/reference/ll2-2.2.0/VERSIONS.md and MAPPING.md.

The fields 2.2.0 gained in 2023 (after its 2022 document) follow the 2023 2.2.0 schema where no
real response shows them: LL2's OpenAPI document of Aug 2023 as an OpenAPI-generated client
keeps it, ivirtex/starcat packages/launch_library_api/doc/*.md @ 77ab8ca62e3ad9aa017f1b82e92f74849b457731
(its models list the 2022 document's properties in the document's order, 94 models unchanged;
what differs is only what 2023 added). No saved 2.2.0 response of 2023 or later was found for
the astronaut detail, expeditions, events, launchers, spacewalks or the Starship dashboard."""

from __future__ import annotations

from openll.versions.mapping import Const, Derived, Nest, Same, Variant

from . import derived as d

COUNTS = (
    "orbital_launch_attempt_count",
    "location_launch_attempt_count",
    "pad_launch_attempt_count",
    "agency_launch_attempt_count",
    "orbital_launch_attempt_count_year",
    "location_launch_attempt_count_year",
    "pad_launch_attempt_count_year",
    "agency_launch_attempt_count_year",
)


def same(*names: str) -> tuple[Same, ...]:
    return tuple(Same(name) for name in names)


def image(name: str, field: str = "image") -> Derived:
    return Derived(name, d.image_url(field))


def text(name: str, kind: type = int) -> Derived:
    """A number 2.3.0 stores and 2.2.0 writes as a string (`founding_year`, `launch_cost`)."""
    return Derived(name, d.as_text(name), back=d.to_number(name, kind), agrees=d.same_number)


def whole(name: str) -> Derived:
    """A number 2.3.0 stores as a float and 2.2.0 writes as an integer (`launch_mass`...)."""
    return Derived(name, d.as_int(name), back=d.to_number(name, float))


TYPE = Derived("type", d.type_name)
COUNTRY_CODE = Derived("country_code", d.country_codes)
STATUS = Derived("status", d.launch_status, back=lambda value: {"status": value})

# An event's links as 2.2.0 writes them: its first info and video URLs, its image's URL.
EVENT_LINKS = (
    Derived("news_url", d.first_url("info_urls")),
    Derived("video_url", d.first_url("vid_urls")),
    image("feature_image"),
)

SPACEWALK = same("id", "url", "name", "start", "end", "duration", "location")

AGENCY_STATS = same(
    "total_launch_count",
    "consecutive_successful_launches",
    "successful_launches",
    "failed_launches",
    "pending_launches",
    "consecutive_successful_landings",
    "successful_landings",
    "failed_landings",
    "attempted_landings",
)

VARIANTS = [
    # -- agencies ----------------------------------------------------------------------------
    Variant("AgencyMini", "AgencyMini", (*same("id", "url", "name"), TYPE)),
    Variant("AgencyList", "AgencyMini", same("id", "url", "name", "abbrev")),
    Variant(
        "AgencyNormal",
        "AgencyNormal",
        (
            *same("id", "url", "name", "featured"),
            TYPE,
            COUNTRY_CODE,
            *same("abbrev", "description", "administrator"),
            text("founding_year"),
            *same("launchers", "spacecraft", "parent"),
            image("image_url"),
            image("logo_url", "logo"),
        ),
    ),
    # The 2.2.0 document's `Agency`, nested in astronauts (real 2021 astronauts: no `logo_url`).
    Variant(
        "AgencyInAstronaut",
        "AgencyNormal",
        (
            *same("id", "url", "name", "featured"),
            TYPE,
            COUNTRY_CODE,
            *same("abbrev", "description", "administrator"),
            text("founding_year"),
            *same("launchers", "spacecraft", "parent"),
            image("image_url"),
        ),
    ),
    # `AgencySerializerDetailedCommon`: launch service providers, manufacturers, mission agencies.
    Variant(
        "AgencyDetailedCommon",
        "AgencyDetailed",
        (
            *same("id", "url", "name", "featured"),
            TYPE,
            COUNTRY_CODE,
            *same("abbrev", "description", "administrator"),
            text("founding_year"),
            *same("launchers", "spacecraft"),
            Derived("launch_library_url"),
            *AGENCY_STATS,
            *same("info_url", "wiki_url"),
            image("logo_url", "logo"),
            image("image_url"),
            image("nation_url", "social_logo"),
        ),
    ),
    Variant(
        "AgencyDetailed",
        "AgencyEndpointDetailed",
        (
            *same("id", "url", "name", "featured"),
            TYPE,
            COUNTRY_CODE,
            *same("abbrev", "description", "administrator"),
            text("founding_year"),
            *same("launchers", "spacecraft", "parent"),
            Derived("launch_library_url"),
            *same(
                "total_launch_count",
                "successful_launches",
                "consecutive_successful_launches",
                "failed_launches",
                "pending_launches",
                "successful_landings",
                "failed_landings",
                "attempted_landings",
                "consecutive_successful_landings",
            ),
            *same("info_url", "wiki_url"),
            image("logo_url", "logo"),
            image("image_url"),
            image("nation_url", "social_logo"),
            Nest("launcher_list", "LauncherConfigNoManufacturer"),
            Nest("spacecraft_list", "SpacecraftConfigDetailed"),
        ),
    ),
    # -- places ------------------------------------------------------------------------------
    Variant(
        "Location",
        "Location",
        (
            *same("id", "url", "name"),
            COUNTRY_CODE,
            *same("description", "map_image", "timezone_name", "total_launch_count", "total_landing_count"),
        ),
    ),
    Variant(
        "LocationDetailed",
        "LocationSerializerWithPads",
        (
            *same("id", "url", "name"),
            COUNTRY_CODE,
            *same("description", "map_image", "timezone_name", "total_launch_count", "total_landing_count"),
            Nest("pads", "Pad"),
        ),
    ),
    Variant(
        "Pad",
        "Pad",
        (
            *same("id", "url"),
            Derived("agency_id", d.first_id("agencies")),
            *same("name", "description", "info_url", "wiki_url", "map_url"),
            text("latitude", float),
            text("longitude", float),
            Nest("location", "Location"),
            COUNTRY_CODE,
            *same("map_image", "total_launch_count", "orbital_launch_attempt_count"),
        ),
    ),
    Variant(
        "LandingLocation",
        "LandingLocation",
        (
            *same("id", "name", "abbrev", "description"),
            Nest("location", "Location"),
            Same("successful_landings"),
        ),
    ),
    # -- programs, patches, links ------------------------------------------------------------
    Variant(
        "MissionPatch",
        "MissionPatch",
        (*same("id", "name", "priority", "image_url"), Nest("agency", "AgencyMini")),
    ),
    Variant(
        "Program",
        "ProgramNormal",
        (
            *same("id", "url", "name", "description"),
            Nest("agencies", "AgencyMini"),
            image("image_url"),
            *same("start_date", "end_date", "info_url", "wiki_url"),
            Nest("mission_patches", "MissionPatch"),
            Same("type"),
        ),
    ),
    Variant(
        "VidURL",
        "VidURL",
        same(
            "priority",
            "source",
            "publisher",
            "title",
            "description",
            "feature_image",
            "url",
            "type",
            "language",
            "start_time",
            "end_time",
        ),
    ),
    Variant(
        "Update", "Update", same("id", "profile_image", "comment", "info_url", "created_by", "created_on")
    ),
    Variant("Orbit", "Orbit", same("id", "name", "abbrev")),
    Variant(
        "Mission",
        "Mission",
        (
            *same("id", "name", "description"),
            Derived("launch_designator"),
            Same("type"),
            Nest("orbit", "Orbit"),
            Nest("agencies", "AgencyDetailedCommon"),
            Same("info_urls"),
            Nest("vid_urls", "VidURL"),
        ),
    ),
    # -- vehicles ----------------------------------------------------------------------------
    Variant(
        "LauncherConfigList",
        "LauncherConfigList",
        (*same("id", "url", "name"), Derived("family", d.family_name), *same("full_name", "variant")),
    ),
    Variant("RocketNormal", "RocketNormal", (Same("id"), Nest("configuration", "LauncherConfigList"))),
    Variant(
        "LauncherConfigDetailed",
        "LauncherConfigDetailed",
        (
            *same("id", "url", "name", "active", "reusable", "description"),
            Derived("family", d.family_name),
            Same("full_name"),
            Nest("manufacturer", "AgencyDetailedCommon"),
            Nest("program", "Program"),
            *same("variant", "alias", "min_stage", "max_stage", "length", "diameter", "maiden_flight"),
            text("launch_cost"),
            *(whole(name) for name in ("launch_mass", "leo_capacity", "gto_capacity", "to_thrust", "apogee")),
            Derived("vehicle_range"),
            image("image_url"),
            *same(
                "info_url",
                "wiki_url",
                "total_launch_count",
                "consecutive_successful_launches",
                "successful_launches",
                "failed_launches",
                "pending_launches",
                "attempted_landings",
                "successful_landings",
                "failed_landings",
                "consecutive_successful_landings",
            ),
        ),
    ),
    Variant(
        "LauncherConfigNoManufacturer",
        "LauncherConfigDetailed",
        (
            *same("id", "url", "name", "active", "reusable", "description"),
            Derived("family", d.family_name),
            *same(
                "full_name",
                "variant",
                "alias",
                "min_stage",
                "max_stage",
                "length",
                "diameter",
                "maiden_flight",
            ),
            text("launch_cost"),
            *(whole(name) for name in ("launch_mass", "leo_capacity", "gto_capacity", "to_thrust", "apogee")),
            image("image_url"),
            *same("info_url", "wiki_url"),
        ),
    ),
    Variant(
        "LauncherInStage",
        "LauncherNormal",
        (
            *same("id", "url", "details", "flight_proven", "serial_number"),
            Derived("status", d.launcher_status),
            image("image_url"),
            *same(
                "successful_landings",
                "attempted_landings",
                "flights",
                "last_launch_date",
                "first_launch_date",
            ),
        ),
    ),
    # `Launcher` of the 2.2.0 document (real: 2.1.0 boosters, the 2.1.0 Starship dashboard),
    # with the 2023 schema's `is_placeholder`. (Boosters nested in launches, `LauncherInStage`,
    # have none: real 2026 launches and the 2023 schema's `LauncherDetailed` agree.)
    Variant(
        "Launcher",
        "LauncherDetailed",
        (
            *same("id", "url", "flight_proven", "serial_number", "is_placeholder"),
            Derived("status", d.launcher_status),
            Same("details"),
            Nest("launcher_config", "LauncherConfigList"),
            image("image_url"),
            *same("flights", "last_launch_date", "first_launch_date"),
        ),
    ),
    Variant(
        "LauncherDetail",
        "LauncherDetailed",
        (
            *same("id", "url", "flight_proven", "serial_number", "is_placeholder"),
            Derived("status", d.launcher_status),
            Same("details"),
            Nest("launcher_config", "LauncherConfigDetailed"),
            image("image_url"),
            *same(
                "successful_landings",
                "attempted_landings",
                "flights",
                "last_launch_date",
                "first_launch_date",
            ),
        ),
    ),
    # `LauncherConfig` of the 2.2.0 document: the items of /2.2.0/config/launcher/.
    Variant(
        "LauncherConfig",
        "LauncherConfigNormal",
        (
            *same("id", "url", "name"),
            Nest("manufacturer", "AgencyNormal"),
            Nest("program", "Program"),
            Derived("family", d.family_name),
            *same("full_name", "variant", "reusable"),
            image("image_url"),
            *same("info_url", "wiki_url"),
        ),
    ),
    Variant(
        "Landing",
        "Landing",
        (
            *same("id", "attempt", "success", "description", "downrange_distance"),
            Nest("location", "LandingLocation", src="landing_location"),
            Same("type"),
        ),
    ),
    Variant("LaunchMini", "LaunchMini", same("id", "name")),
    Variant(
        "FirstStage",
        "FirstStageNormal",
        (
            *same("id", "type", "reused", "launcher_flight_number"),
            Nest("launcher", "LauncherInStage"),
            Nest("landing", "Landing"),
            Same("previous_flight_date"),
            Derived("turn_around_time_days", d.turn_around_days),
            Nest("previous_flight", "LaunchMini"),
        ),
    ),
    # -- people ------------------------------------------------------------------------------
    Variant(
        "AstronautInFlight",
        "AstronautDetailed",
        (
            *same("id", "url", "name", "type", "in_space", "time_in_space", "status"),
            Nest("agency", "AgencyMini"),
            *same("date_of_birth", "date_of_death"),
            Derived("nationality", d.nationality),
            Derived("twitter", d.social("twitter", "x")),
            Derived("instagram", d.social("instagram")),
            Same("bio"),
            image("profile_image"),
            *same("wiki", "last_flight", "first_flight"),
        ),
    ),
    Variant(
        "AstronautFlight", "AstronautFlight", (*same("id", "role"), Nest("astronaut", "AstronautInFlight"))
    ),
    Variant(
        "AstronautList",
        "AstronautDetailed",
        (
            *same("id", "url", "name", "status"),
            Nest("agency", "AgencyMini"),
            image("profile_image"),
            Derived("profile_image_thumbnail", d.thumbnail),
        ),
    ),
    Variant(
        "AstronautFlightList", "AstronautFlight", (*same("id", "role"), Nest("astronaut", "AstronautList"))
    ),
    # The shape of the only saved /2.2.0/astronaut/ page, of 2021 (data/ll2-2.2.0/astronauts-in-
    # space.page.2021.json), which the round-trip test holds it to. LL2 has added fields since: the
    # 2022 document has `age`, `flights_count`, `landings_count`; the 2023 schema orders them id url
    # name status type in_space time_in_space eva_time age date_of_birth date_of_death nationality
    # bio twitter instagram wiki agency profile_image profile_image_thumbnail flights_count
    # landings_count spacewalks_count last_flight first_flight; a client's notes on a live page of
    # July 2026 name the same fields. No saved page of 2022 or later was found to confirm it.
    Variant(
        "AstronautNormal",
        "AstronautEndpointNormal",
        (
            *same("id", "url", "name", "status", "type", "date_of_birth", "date_of_death"),
            Derived("nationality", d.nationality),
            Same("bio"),
            Derived("twitter", d.social("twitter", "x")),
            Derived("instagram", d.social("instagram")),
            Same("wiki"),
            Nest("agency", "AgencyInAstronaut"),
            image("profile_image"),
            Derived("profile_image_thumbnail", d.thumbnail),
            *same("last_flight", "first_flight"),
        ),
    ),
    # -- spacecraft --------------------------------------------------------------------------
    Variant(
        "SpacecraftConfigDetailed",
        "SpacecraftConfigDetailed",
        (
            *same("id", "url", "name", "type"),
            Nest("agency", "AgencyNormal"),
            *same(
                "in_use",
                "capability",
                "history",
                "details",
                "maiden_flight",
                "height",
                "diameter",
                "human_rated",
                "crew_capacity",
                "payload_capacity",
                "payload_return_capacity",
                "flight_life",
            ),
            image("image_url"),
            Derived("nation_url", d.path("agency", "social_logo", "image_url")),
            *same("wiki_link", "info_link"),
        ),
    ),
    Variant(
        "SpacecraftConfig",
        "SpacecraftConfigDetailed",
        (
            *same("id", "url", "name"),
            Nest("agency", "AgencyNormal"),
            *same("in_use", "capability", "maiden_flight", "human_rated", "crew_capacity"),
            image("image_url"),
            Derived("nation_url", d.path("agency", "social_logo", "image_url")),
            *same("wiki_link", "info_link"),
        ),
    ),
    # The 2.2.0 document's `Spacecraft` (real: the spacecraft of 2.1.0 docking events).
    Variant(
        "Spacecraft",
        "SpacecraftNormal",
        (
            *same("id", "url", "name", "serial_number", "status", "description"),
            Nest("spacecraft_config", "SpacecraftConfigMini"),
        ),
    ),
    Variant(
        "SpacecraftInStage",
        "SpacecraftDetailed",
        (
            *same(
                "id",
                "url",
                "name",
                "serial_number",
                "is_placeholder",
                "in_space",
                "time_in_space",
                "time_docked",
                "flights_count",
                "mission_ends_count",
                "status",
                "description",
            ),
            Nest("spacecraft_config", "SpacecraftConfigDetailed"),
        ),
    ),
    Variant(
        "DockingEventInFlight",
        "DockingEventForChaserNormal",
        (
            Nest("spacestation", "SpaceStationForCommon", src="space_station_target"),
            *same("docking", "departure", "docking_location"),
        ),
    ),
    Variant(
        "SpacecraftStage",
        "SpacecraftFlightDetailedSerializerNoLaunch",
        (
            *same("id", "url", "mission_end", "destination"),
            Nest("launch_crew", "AstronautFlight"),
            Nest("onboard_crew", "AstronautFlight"),
            Nest("landing_crew", "AstronautFlight"),
            Nest("spacecraft", "SpacecraftInStage"),
            Nest("landing", "Landing"),
            Nest("docking_events", "DockingEventInFlight"),
        ),
    ),
    Variant(
        "RocketDetailed",
        "RocketDetailed",
        (
            Same("id"),
            Nest("configuration", "LauncherConfigDetailed"),
            Nest("launcher_stage", "FirstStage"),
            Nest("spacecraft_stage", "SpacecraftStage", first=True),
        ),
    ),
    Variant(
        "SpacecraftConfigMini",
        "SpacecraftConfigNormal",
        (
            *same("id", "url", "name", "type"),
            Nest("agency", "AgencyMini"),
            Same("in_use"),
            image("image_url"),
        ),
    ),
    Variant(
        "FlightInDocking",
        "SpacecraftFlightNormal",
        (*same("id", "url", "destination", "mission_end"), Nest("spacecraft", "Spacecraft")),
    ),
    Variant(
        "DockingEvent",
        "DockingEventEndpointNormal",
        (
            *same("id", "url"),
            Derived("launch_id", d.path("flight_vehicle_chaser", "launch", "id")),
            *same("docking", "departure"),
            Nest("flight_vehicle", "FlightInDocking", src="flight_vehicle_chaser"),
            Nest("docking_location", "DockingLocation"),
        ),
    ),
    Variant(
        "DockingLocation",
        "DockingLocation",
        (*same("id", "name"), Nest("spacestation", "SpaceStationMini")),
    ),
    Variant("SpaceStationMini", "SpaceStationMini", same("id", "url", "name")),
    # -- stations ----------------------------------------------------------------------------
    Variant("ExpeditionMini", "ExpeditionMini", same("id", "url", "name", "start", "end")),
    Variant(
        "ExpeditionInStation",
        "ExpeditionDetailed",
        (*same("id", "url", "name", "start", "end"), Nest("crew", "AstronautFlightList")),
    ),
    Variant(
        "SpaceStationForCommon",
        "SpaceStationNormal",
        (*same("id", "url", "name", "status", "founded", "description", "orbit"), image("image_url")),
    ),
    Variant(
        "SpaceStationForExpedition",
        "SpaceStationNormal",
        (*same("id", "url", "name", "status", "orbit"), image("image_url")),
    ),
    Variant(
        "SpaceStation",
        "SpaceStationEndpoint",
        (
            *same("id", "url", "name", "status", "type", "founded", "deorbited", "description", "orbit"),
            Nest("owners", "AgencyList"),
            Nest("active_expedition", "ExpeditionMini", src="active_expeditions"),
            image("image_url"),
        ),
    ),
    Variant(
        "DockingLocationForStation",
        "DockingLocationSerializerForSpacestation",
        (*same("id", "name"), Nest("docked", "DockingInStation", src="currently_docked")),
    ),
    Variant(
        "DockingInStation",
        "DockingEventDetailedSerializerForSpacestation",
        (
            *same("id", "url", "docking", "departure"),
            Nest("flight_vehicle", "FlightForDocking", src="flight_vehicle_chaser"),
        ),
    ),
    Variant(
        "FlightForDocking",
        "SpacecraftFlightForDockingEvent",
        (*same("id", "url"), Nest("spacecraft", "SpacecraftInStage"), Nest("launch", "LaunchNormal")),
    ),
    Variant(
        "SpaceStationDetailed",
        "SpaceStationDetailedEndpoint",
        (
            *same(
                "id",
                "url",
                "name",
                "status",
                "type",
                "founded",
                "deorbited",
                "height",
                "width",
                "mass",
                "volume",
                "description",
                "orbit",
                "onboard_crew",
                "docked_vehicles",
            ),
            Nest("owners", "AgencyNormal"),
            Nest("active_expeditions", "ExpeditionInStation"),
            Nest("docking_location", "DockingLocationForStation"),
            image("image_url"),
        ),
    ),
    Variant(
        "Expedition",
        "ExpeditionNormal",
        (
            *same("id", "url", "name", "start", "end"),
            Nest("spacestation", "SpaceStationForExpedition"),
            Nest("mission_patches", "MissionPatch"),
            Nest("spacewalks", "SpacewalkList"),  # 2023
        ),
    ),
    Variant(
        "SpacecraftFlight",
        "SpacecraftFlightNormal",
        (
            *same("id", "url", "destination", "mission_end"),
            Nest("spacecraft", "Spacecraft"),
            Nest("launch", "LaunchNormal"),
        ),
    ),
    Variant(
        "SpacecraftFlightDetailed",
        "SpacecraftFlightDetailed",
        (
            *same("id", "url", "mission_end", "destination"),
            Nest("launch_crew", "AstronautFlight"),
            Nest("onboard_crew", "AstronautFlight"),
            Nest("landing_crew", "AstronautFlight"),
            Nest("spacecraft", "SpacecraftInStage"),
            Nest("launch", "LaunchNormal"),
            Nest("docking_events", "DockingEventInFlight"),
        ),
    ),
    Variant(
        "SpacecraftDetailed",
        "SpacecraftEndpointDetailed",
        (
            *same("id", "url", "name", "serial_number", "status", "description"),
            Nest("spacecraft_config", "SpacecraftConfigDetailed"),
            Nest("flights", "SpacecraftFlight"),
        ),
    ),
    Variant(
        "AstronautDetailed",
        "AstronautEndpointDetailed",
        (
            *same("id", "url", "name", "status", "type", "in_space", "time_in_space", "eva_time"),  # 2023
            Nest("agency", "AgencyMini"),
            *same("age", "date_of_birth", "date_of_death"),
            Derived("nationality", d.nationality),
            Derived("twitter", d.social("twitter", "x")),
            Derived("instagram", d.social("instagram")),
            Same("bio"),
            image("profile_image"),
            Derived("profile_image_thumbnail", d.thumbnail),
            Same("wiki"),
            Nest("flights", "LaunchNormal"),
            Nest("landings", "SpacecraftFlight"),
            *same("flights_count", "landings_count", "spacewalks_count", "last_flight", "first_flight"),
            Nest("spacewalks", "SpacewalkNormal"),  # 2023
        ),
    ),
    Variant(
        "ExpeditionDetailed",
        "ExpeditionDetailed",
        (
            *same("id", "url", "name", "start", "end"),
            Nest("spacestation", "SpaceStationDetailed"),
            Nest("crew", "AstronautFlight"),
            Nest("mission_patches", "MissionPatch"),
            Nest("spacewalks", "SpacewalkNormal"),  # 2023
        ),
    ),
    # Spacewalks came to 2.2.0 in 2023, after its document: the 2023 schema's `SpacewalkList`
    # (in expeditions), `SpacewalkNormal` (/spacewalks/, astronaut and expedition details) and
    # `SpacewalkDetailed` (/spacewalks/{id}/).
    Variant("SpacewalkList", "SpacewalkList", SPACEWALK),
    Variant("SpacewalkNormal", "SpacewalkNormal", (*SPACEWALK, Nest("crew", "AstronautFlight"))),
    Variant(
        "SpacewalkDetailed",
        "SpacewalkEndpointDetailed",
        (
            *SPACEWALK,
            Nest("crew", "AstronautFlight"),
            Nest("spacestation", "SpaceStationForCommon"),
            Nest("expedition", "ExpeditionForSpacewalk"),
            Nest("spacecraft_flight", "SpacecraftFlightDetailed"),
            Nest("event", "EventForSpacewalk"),
            Nest("program", "Program"),
        ),
    ),
    Variant(
        "ExpeditionForSpacewalk",
        "ExpeditionNormalSerializerForSpacewalk",
        (
            *same("id", "url", "name", "start", "end"),
            Nest("spacestation", "SpaceStationForExpedition"),
            Nest("mission_patches", "MissionPatch"),
        ),
    ),
    # -- lookups (/config/...): as in 2.3.0 ------------------------------------------------------
    *(
        Variant(name, name, same(*fields))
        for name, fields in {
            "AgencyType": ("id", "name"),
            "AstronautRole": ("id", "role", "priority"),
            "AstronautStatus": ("id", "name"),
            "AstronautType": ("id", "name"),
            "EventType": ("id", "name"),
            "FirstStageType": ("id", "name"),
            "LandingType": ("id", "name", "abbrev", "description"),
            "LaunchStatus": ("id", "name", "abbrev", "description"),
            "MissionType": ("id", "name"),
            "NetPrecision": ("id", "name", "abbrev", "description"),
            "NoticeType": ("id", "name"),
            "RoadClosureStatus": ("id", "name"),
            "SpaceStationStatus": ("id", "name"),
            "SpacecraftStatus": ("id", "name"),
        }.items()
    ),
    # -- launches ----------------------------------------------------------------------------
    Variant(
        "LaunchList",
        "LaunchDetailed",
        (
            *same("id", "url", "slug", "name"),
            STATUS,
            *same("last_updated", "net", "net_precision", "window_end", "window_start"),
            Derived("lsp_name", d.path("launch_service_provider", "name")),
            Derived("mission", d.path("mission", "name")),
            Derived("mission_type", d.path("mission", "type")),
            Derived("pad", d.path("pad", "name")),
            Derived("location", d.path("pad", "location", "name")),
            Derived("landing", d.list_landing),
            Derived("landing_success", d.list_landing_success),
            Derived("launcher", d.list_launcher),
            Derived("orbit", d.path("mission", "orbit", "abbrev")),
            Derived("image", d.launch_image),
            Same("infographic"),
            Const("type", "list"),
        ),
        loads=(("rocket", "RocketDetailed"),),
    ),
    Variant(
        "LaunchNormal",
        "LaunchNormal",
        (
            *same("id", "url", "slug", "name"),
            STATUS,
            *same(
                "last_updated",
                "net",
                "window_end",
                "window_start",
                "net_precision",
                "probability",
                "weather_concerns",
            ),
            Derived("holdreason", default=""),
            *same("failreason", "hashtag"),
            Nest("launch_service_provider", "AgencyMini"),
            Nest("rocket", "RocketNormal"),
            Nest("mission", "Mission"),
            Nest("pad", "Pad"),
            Same("webcast_live"),
            Derived("image", d.launch_image),
            Same("infographic"),
            Nest("program", "Program"),
            *same(*COUNTS),
            Const("type", "normal"),
        ),
    ),
    Variant(
        "LaunchDetailed",
        "LaunchDetailed",
        (
            *same("id", "url", "slug", "flightclub_url"),
            Derived("r_spacex_api_id"),
            Same("name"),
            STATUS,
            *same("last_updated", "updates", "net", "net_precision", "window_end", "window_start"),
            *same("probability", "weather_concerns"),
            Derived("holdreason", default=""),
            *same("failreason", "hashtag"),
            Nest("launch_service_provider", "AgencyDetailedCommon"),
            Nest("rocket", "RocketDetailed"),
            Nest("mission", "Mission"),
            Nest("pad", "Pad"),
            Same("infoURLs", src="info_urls"),
            Nest("vidURLs", "VidURL", src="vid_urls"),
            *same("webcast_live", "timeline"),
            Derived("image", d.launch_image),
            Same("infographic"),
            Nest("program", "Program"),
            *same(*COUNTS),
            Same("pad_turnaround"),
            Nest("mission_patches", "MissionPatch"),
            Const("type", "detailed"),
        ),
    ),
    # -- events ------------------------------------------------------------------------------
    Variant(
        "Event",
        "EventEndpointDetailed",
        (
            *same("id", "url", "slug", "name", "updates", "type", "description", "webcast_live", "location"),
            *EVENT_LINKS,
            Same("date"),
            Nest("date_precision", "NetPrecision"),  # 2023
            Nest("launches", "LaunchNormal"),
            Nest("expeditions", "Expedition"),
            Nest("spacestations", "SpaceStationForCommon"),
            Nest("program", "Program"),
        ),
    ),
    Variant(
        "EventForSpacewalk",
        "EventNormal",
        (
            *same("id", "url", "slug", "name", "type", "description", "webcast_live", "location"),
            *EVENT_LINKS,
            Same("date"),
            Nest("date_precision", "NetPrecision"),
        ),
    ),
]
