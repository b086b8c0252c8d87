"""2.2.0's routes: each a path of the 2.2.0 document (or of its 2023 additions), the 2.3.0
declaration whose queryset, filters, search and ordering it shares, and its modes.
VERSIONS.md 2.1 is the table this follows."""

from __future__ import annotations

from django.db.models import Q

from openll.versions.mapping import Route

LAUNCH_MODES = {"list": "LaunchList", "normal": "LaunchNormal", "detailed": "LaunchDetailed"}

# Launches on another body than Earth are not returned by 2.2.0 and older (2.3.0 changelog).
OFF_EARTH = (
    Q(pad__location__celestial_body__isnull=False) & ~Q(pad__location__celestial_body__name="Earth")
) | (Q(mission__orbit__celestial_body__isnull=False) & ~Q(mission__orbit__celestial_body__name="Earth"))

ROUTES = [
    Route("launch", "launches", LAUNCH_MODES, "LaunchDetailed", hidden=OFF_EARTH),
    Route("launch/upcoming", "launches/upcoming", LAUNCH_MODES, "LaunchDetailed", hidden=OFF_EARTH),
    Route("launch/previous", "launches/previous", LAUNCH_MODES, "LaunchDetailed", hidden=OFF_EARTH),
    Route("event", "events", {None: "Event"}, "Event"),
    Route("event/upcoming", "events/upcoming", {None: "Event"}, "Event"),
    Route("event/previous", "events/previous", {None: "Event"}, "Event"),
    Route(
        "agencies",
        "agencies",
        {"list": "AgencyList", "normal": "AgencyNormal", "detailed": "AgencyDetailed"},
        "AgencyDetailed",
    ),
    Route(
        "astronaut",
        "astronauts",
        {"list": "AstronautList", "normal": "AstronautNormal", "detailed": "AstronautDetailed"},
        "AstronautDetailed",
    ),
    Route("pad", "pads", {None: "Pad"}, "Pad"),
    Route("location", "locations", {None: "Location"}, "LocationDetailed"),
    Route(
        "spacestation",
        "space_stations",
        {"normal": "SpaceStation", "detailed": "SpaceStationDetailed"},
        "SpaceStationDetailed",
    ),
    Route(
        "config/spacecraft",
        "spacecraft_configurations",
        {"normal": "SpacecraftConfig", "detailed": "SpacecraftConfigDetailed"},
        "SpacecraftConfigDetailed",
    ),
    Route(
        "config/launcher",
        "launcher_configurations",
        {"list": "LauncherConfigList", "normal": "LauncherConfig", "detailed": "LauncherConfigDetailed"},
        "LauncherConfigDetailed",
    ),
    Route("launcher", "launchers", {"normal": "Launcher", "detailed": "LauncherDetail"}, "LauncherDetail"),
    Route(
        "spacecraft",
        "spacecraft",
        {"normal": "Spacecraft", "detailed": "SpacecraftDetailed"},
        "SpacecraftDetailed",
    ),
    Route(
        "spacecraft/flight",
        "spacecraft_flights",
        {"normal": "SpacecraftFlight", "detailed": "SpacecraftFlightDetailed"},
        "SpacecraftFlightDetailed",
    ),
    Route(
        "expedition",
        "expeditions",
        {"normal": "Expedition", "detailed": "ExpeditionDetailed"},
        "ExpeditionDetailed",
    ),
    # 2.2.0 can only say "a spacecraft flight docked at a station": the dockings of payloads and
    # of stations (2.3.0's other chasers) have no 2.2.0 form.
    Route(
        "docking_event",
        "docking_events",
        {None: "DockingEvent"},
        "DockingEvent",
        hidden=Q(flight_vehicle_chaser__isnull=True),
    ),
    Route("program", "programs", {None: "Program"}, "Program"),
    Route("updates", "updates", {None: "Update"}, "Update"),
    Route("mission_patch", "mission_patches", {None: "MissionPatch"}, "MissionPatch"),
    Route("spacewalks", "spacewalks", {None: "Spacewalk"}, "Spacewalk"),
    # The lookup tables: 2.2.0 names them without underscores, in the singular.
    *(
        Route(f"config/{path}", f"config/{endpoint}", {None: variant}, variant, hidden=hidden)
        for path, endpoint, variant, hidden in (
            ("agencytype", "agency_types", "AgencyType", None),
            ("astronautrole", "astronaut_roles", "AstronautRole", None),
            ("astronautstatus", "astronaut_statuses", "AstronautStatus", None),
            ("astronauttype", "astronaut_types", "AstronautType", None),
            ("dockinglocation", "docking_locations", "DockingLocation", None),
            ("eventtype", "event_types", "EventType", None),
            ("firststagetype", "first_stage_types", "FirstStageType", None),
            ("landinglocation", "landing_locations", "LandingLocation", None),
            ("landingtype", "landing_types", "LandingType", None),
            # "Payload Deployed" (9) is new in 2.3.0: 2.2.0 shows those launches as In Flight.
            ("launchstatus", "launch_statuses", "LaunchStatus", Q(id=9)),
            ("missiontype", "mission_types", "MissionType", None),
            ("netprecision", "net_precisions", "NetPrecision", None),
            ("noticetype", "notice_types", "NoticeType", None),
            ("orbit", "orbits", "Orbit", None),
            ("roadclosurestatus", "road_closure_statuses", "RoadClosureStatus", None),
            ("spacecraftstatus", "spacecraft_statuses", "SpacecraftStatus", None),
            ("spacestationstatus", "space_station_statuses", "SpaceStationStatus", None),
        )
    ),
]
