"""The `/config/...` lookup tables (statuses, types, countries, locations...), each a list and its
`{id}/` twin. The model of each comes from the spec's item schema (`/config/orbits/` lists `Orbit`);
LL2 documents no mode, filter, search or ordering field for any of them, and lists them by id."""

from openll.api.declaration import Endpoint

TABLES = (
    "agency_types",
    "astronaut_roles",
    "astronaut_statuses",
    "astronaut_types",
    "celestial_body_types",
    "countries",
    "docking_locations",
    "event_types",
    "first_stage_types",
    "image_licenses",
    "image_variant_types",
    "infourl_types",
    "landing_locations",
    "landing_types",
    "languages",
    "launch_statuses",
    "launcher_statuses",
    "mission_types",
    "net_precisions",
    "notice_types",
    "orbits",
    "payload_types",
    "program_types",
    "road_closure_statuses",
    "space_station_statuses",
    "spacecraft_configuration_types",
    "spacecraft_statuses",
    "timeline_event_types",
    "vidurl_types",
)

for table in TABLES:
    Endpoint(f"config/{table}")
