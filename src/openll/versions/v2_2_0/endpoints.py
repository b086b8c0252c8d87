"""2.2.0's routes: each a path of the 2.2.0 document (or of its 2023 additions), the 2.3.0
declaration whose queryset, filters, search and ordering it shares, and its modes.
VERSIONS.md 2.1 is the table this follows."""

from __future__ import annotations

import django_filters
from django.core.validators import EMPTY_VALUES
from django.db.models import CharField, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from openll.api.endpoints.launches import related_by_id, related_by_name
from openll.api.filters import BooleanFilter, CharInFilter, NumberInFilter
from openll.versions.mapping import Route

from . import VERSION


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
    return qs.annotate(_year=Cast("founding_year", CharField())).filter(_year__contains=value)


def _id_contains(field: str) -> django_filters.NumberFilter:
    """LL2's "contains" on an integer (pads' `agency_id__contains`): Django matched the number's
    text (`agency_id::text LIKE '%12%'`), so 12 finds 12, 112 and 1203; the value is a number."""

    def method(qs, name, value):
        text = str(int(value))
        return qs.annotate(_id_text=Cast(field, CharField())).filter(_id_text__contains=text).distinct()

    return django_filters.NumberFilter(method=method)


def _as_shown(variant: str, field: str) -> django_filters.CharFilter:
    """A number 2.2.0 writes as text, filtered as that text: LL2 kept pads' `latitude` and
    `longitude` in CharFields, so `latitude=28.56194122` matched the text exactly and
    `latitude__contains=28.5` any part of it. The text is the one /2.2.0/ shows (the variant's own
    field: the text an older import kept, else the number's), made in Python for the objects
    still listed: one query whatever the page, on SQLite and PostgreSQL alike (their casts of a
    float to text differ)."""

    def method(qs, name, value):
        shown = VERSION.variants[variant].by_name[field]
        matches = str.__contains__ if name.endswith("__contains") else str.__eq__
        pks = [
            pk
            for pk, number, legacy in qs.values_list("pk", field, "legacy")
            if (text := shown.render(VERSION, {field: number}, legacy or {})) is not None
            and matches(str(text), value)
        ]
        return qs.filter(pk__in=pks)

    return django_filters.CharFilter(method=method)


def _legacy(key: str, contains: bool = False) -> django_filters.NumberFilter:
    """A number 2.2.0 filters on that 2.3.0 dropped and openll stores only as an older import
    kept it (`legacy`): locations' `launch_library_id`, their Launch Library 1 id, which no 2.3.0
    response carries. An object no older snapshot gave that id to does not match."""

    def method(qs, name, value):
        number = int(value)
        if contains:  # an integer "contains", as `_id_contains`
            return qs.annotate(_kept=KT(f"legacy__{key}")).filter(_kept__contains=str(number))
        return qs.filter(**{f"legacy__{key}": number})

    return django_filters.NumberFilter(method=method)


class _ProviderFilter:
    """2.2.0's launch service provider filters (`lsp__id`, `lsp__ids`, `lsp__name`): with
    `related=true` ("non-strict" filtering, removed in 2.3.0, whose `related_lsp__id` and
    `related_lsp__name` replace it: VERSIONS.md 2.2, rule 12), a launch also matches when its
    provider is only related to the agency named (a child of it), as 2.3.0's related filters read
    "related". The 2.3.0 changelog calls the option "non-strict LSP & location filtering"; what it
    did to `location__ids` neither document says, so `location__ids` stays strict."""

    related = None  # the 2.3.0 related filter's method

    def filter(self, qs, value):
        if value not in EMPTY_VALUES and self.parent.form.cleaned_data.get("related"):
            return type(self).related(qs, self.field_name, value)
        return super().filter(qs, value)


class _ProviderIds(_ProviderFilter, NumberInFilter):
    related = staticmethod(related_by_id)


class _ProviderNames(_ProviderFilter, CharInFilter):
    related = staticmethod(related_by_name)


def _related(qs, name, value):
    """`related` only widens the provider filters (see _ProviderFilter): alone it filters nothing."""
    return qs


# 2.2.0's filters that 2.3.0 renamed or dropped (VERSIONS.md 2.2, rule 12; the 2.2.0 document).
LAUNCH_FILTERS = {
    "r_spacex_api_id": django_filters.CharFilter(method=_none_known),
    "lsp__id": _ProviderIds(field_name="launch_service_provider__id", lookup_expr="in"),
    "lsp__ids": _ProviderIds(field_name="launch_service_provider__id", lookup_expr="in"),
    "lsp__name": _ProviderNames(field_name="launch_service_provider__name", lookup_expr="in"),
    "related": BooleanFilter(method=_related),
    "pad__ids": NumberInFilter(field_name="pad__id", lookup_expr="in"),
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
        # Named only in the 2.2.0 document's description, as bare names: LL2 declared its filters
        # as django-filter `Meta.fields`, where a bare name is the exact lookup (`status`: the
        # status object's id, as the document types `status` on the space stations).
        filters={
            "name": django_filters.CharFilter(field_name="name"),
            "status": django_filters.NumberFilter(field_name="status__id"),
            "agency__name": django_filters.CharFilter(field_name="agency__name"),
            "agency__abbrev": django_filters.CharFilter(field_name="agency__abbrev"),
        },
    ),
    Route(
        "pad",
        "pads",
        {None: "Pad"},
        "Pad",
        filters={
            "agency_id": django_filters.NumberFilter(field_name="agencies__id", distinct=True),
            "agency_id__contains": _id_contains("agencies__id"),
            **{
                f"{field}{suffix}": _as_shown("Pad", field)
                for field in ("latitude", "longitude")
                for suffix in ("", "__contains")
            },
        },
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
            "launch_library_id": _legacy("launch_library_id"),
            "launch_library_id__contains": _legacy("launch_library_id", contains=True),
            **_range(),
        },
    ),
    Route(
        "spacestation",
        "space_stations",
        {"normal": "SpaceStation", "detailed": "SpaceStationDetailed"},
        "SpaceStationDetailed",
        # Quoted in the description only, as bare names (exact lookups, see astronaut);
        # `owners__abrev` (sic) is the document's spelling of the owners' `abbrev`.
        filters={
            "owners__name": django_filters.CharFilter(field_name="owners__name", distinct=True),
            "owners__abrev": django_filters.CharFilter(field_name="owners__abbrev", distinct=True),
        },
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
            # The configuration's agency: its manufacturer, by id. The description names `agency`
            # beside `manufacturer__name` and explains the latter as "Launchers with the Agency
            # with name NASA": 2.2.0's launcher configuration has no other agency.
            "agency": django_filters.NumberFilter(field_name="manufacturer__id"),
        },
    ),
    Route(
        "launcher",
        "launchers",
        {"normal": "Launcher", "detailed": "LauncherDetail"},
        "LauncherDetail",
        # (sic) the 2.2.0 document's name of the first launch date filter
        filters={
            "first_laucnh_date": django_filters.IsoDateTimeFilter(field_name="first_launch_date"),
            # Quoted in the description: the configuration and its manufacturer, by id (bare
            # names of relations, django-filter's exact lookups).
            "launcher_config": django_filters.NumberFilter(field_name="launcher_config__id"),
            "launcher_config__manufacturer": django_filters.NumberFilter(
                field_name="launcher_config__manufacturer__id"
            ),
        },
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
    Route(
        "updates",
        "updates",
        {None: "Update"},
        "Update",
        # The description's names of the parameters' `launch`, `program` and
        # `launch__launch_service_provider`.
        filters={
            "launch__id": django_filters.UUIDFilter(field_name="launch__id"),
            "program__id": django_filters.NumberFilter(field_name="program__id"),
            "launch__launch_service_provider__id": django_filters.NumberFilter(
                field_name="launch__launch_service_provider__id"
            ),
        },
    ),
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
