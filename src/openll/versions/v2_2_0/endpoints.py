"""2.2.0's routes: each a path of the 2.2.0 document (or of its 2023 additions), the 2.3.0
declaration whose queryset, filters, search and ordering it shares, and its modes.
VERSIONS.md 2.1 is the table this follows."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from openll.api.filters import NumberInFilter
from openll.versions.mapping import Route


def _none_known(qs, name, value):
    """A filter on a value openll never has (2.2.0's `r_spacex_api_id`, always null in LL2)."""
    return qs.none() if value else qs


def _range(field: str = "id") -> dict:
    return {
        f"{field}__{lookup}": django_filters.NumberFilter(field_name=field, lookup_expr=lookup)
        for lookup in ("gt", "gte", "lt", "lte")
    }


def _year_contains(qs, name, value):
    """`founding_year__contains`: 2.2.0 writes the year as text."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    return qs.annotate(_year=Cast("founding_year", CharField())).filter(_year__contains=value)


# 2.2.0's filters that 2.3.0 renamed or dropped (VERSIONS.md 2.2, rule 12; the 2.2.0 document).
LAUNCH_FILTERS = {
    "r_spacex_api_id": django_filters.CharFilter(method=_none_known),
    "lsp__ids": NumberInFilter(field_name="launch_service_provider__id", lookup_expr="in"),
}

# Docs header examples of routes whose 2.3.0 example filter 2.2.0 does not document: the 2.2.0
# names with the 2.3.0 example's value, or the 2.2.0 document's own example.
EVENT_EXAMPLES = {"filter": "type=2"}

LAUNCH_MODES = {"list": "LaunchList", "normal": "LaunchNormal", "detailed": "LaunchDetailed"}

# Launches on another body than Earth are not returned by 2.2.0 and older (2.3.0 changelog).
OFF_EARTH = (
    Q(pad__location__celestial_body__isnull=False) & ~Q(pad__location__celestial_body__name="Earth")
) | (Q(mission__orbit__celestial_body__isnull=False) & ~Q(mission__orbit__celestial_body__name="Earth"))

ROUTES = [
    *(
        Route(
            path,
            endpoint,
            LAUNCH_MODES,
            "LaunchDetailed",
            hidden=OFF_EARTH,
            filters=LAUNCH_FILTERS,
            examples=examples,
        )
        for path, endpoint, examples in (
            ("launch", "launches", {}),
            ("launch/upcoming", "launches/upcoming", {}),
            ("launch/previous", "launches/previous", {"filter": "lsp__id=121"}),
        )
    ),
    Route("event", "events", {None: "Event"}, "Event", examples=EVENT_EXAMPLES),
    Route("event/upcoming", "events/upcoming", {None: "Event"}, "Event", examples=EVENT_EXAMPLES),
    Route("event/previous", "events/previous", {None: "Event"}, "Event", examples=EVENT_EXAMPLES),
    Route(
        "agencies",
        "agencies",
        {"list": "AgencyList", "normal": "AgencyNormal", "detailed": "AgencyDetailed"},
        "AgencyDetailed",
        filters={
            "administrator": django_filters.CharFilter(field_name="administrator"),
            "administrator__contains": django_filters.CharFilter(
                field_name="administrator", lookup_expr="icontains"
            ),
            "agency_type": django_filters.CharFilter(field_name="type__name", lookup_expr="iexact"),
            "founding_year__contains": django_filters.CharFilter(method=_year_contains),
            "parent": django_filters.CharFilter(field_name="parent"),
            **_range(),
        },
    ),
    Route(
        "astronaut",
        "astronauts",
        {"list": "AstronautList", "normal": "AstronautNormal", "detailed": "AstronautDetailed"},
        "AstronautDetailed",
    ),
    Route(
        "pad",
        "pads",
        {None: "Pad"},
        "Pad",
        filters={"agency_id": django_filters.NumberFilter(field_name="agencies__id", distinct=True)},
    ),
    Route(
        "location",
        "locations",
        {None: "Location"},
        "LocationDetailed",
        filters={
            "country_code__contains": django_filters.CharFilter(
                field_name="country__alpha_3_code", lookup_expr="icontains"
            ),
            **_range(),
        },
    ),
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
        filters={"manufacturer": django_filters.NumberFilter(field_name="agency")},
    ),
    Route(
        "config/launcher",
        "launcher_configurations",
        {"list": "LauncherConfigList", "normal": "LauncherConfig", "detailed": "LauncherConfigDetailed"},
        "LauncherConfigDetailed",
        filters={
            "family": django_filters.CharFilter(field_name="families__name", distinct=True),
            "family__contains": django_filters.CharFilter(
                field_name="families__name", lookup_expr="icontains", distinct=True
            ),
        },
    ),
    Route(
        "launcher",
        "launchers",
        {"normal": "Launcher", "detailed": "LauncherDetail"},
        "LauncherDetail",
        # (sic) the 2.2.0 document's name of the first launch date filter
        filters={"first_laucnh_date": django_filters.IsoDateTimeFilter(field_name="first_launch_date")},
        examples={"filter": "serial_number=B1046"},
    ),
    Route(
        "spacecraft",
        "spacecraft",
        {"normal": "Spacecraft", "detailed": "SpacecraftDetailed"},
        "SpacecraftDetailed",
        examples={"filter": "status=1"},
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
        filters={
            "flight_vehicle__id": django_filters.NumberFilter(field_name="flight_vehicle_chaser__id"),
            "space_station__id": django_filters.NumberFilter(field_name="space_station_target__id"),
        },
        examples={"filter": "space_station__id=6"},
    ),
    Route("program", "programs", {None: "Program"}, "Program"),
    Route("updates", "updates", {None: "Update"}, "Update"),
    # The 2023 additions: paths, modes (none) and item shapes of the 2023 2.2.0 schema (see
    # variants.py); no saved response of these routes was found.
    Route("mission_patch", "mission_patches", {None: "MissionPatch"}, "MissionPatch"),
    Route("spacewalks", "spacewalks", {None: "SpacewalkNormal"}, "SpacewalkDetailed"),
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
