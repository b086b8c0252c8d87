"""LL2 2.2.0: its serializers (variants.py), how its values derive from 2.3.0 ones (derived.py),
and its routes (endpoints.py)."""

from openll.versions.mapping import Version

from .variants import VARIANTS

# 2.3.0 endpoint names (catalog.contract.ENDPOINT_OF) -> 2.2.0's, in hyperlinks.
PATHS = {
    "astronauts": "astronaut",
    "docking_events": "docking_event",
    "events": "event",
    "expeditions": "expedition",
    "launcher_configurations": "config/launcher",
    "launchers": "launcher",
    "launches": "launch",
    "locations": "location",
    "mission_patches": "mission_patch",
    "pads": "pad",
    "programs": "program",
    "space_stations": "spacestation",
    "spacecraft_configurations": "config/spacecraft",
    "spacecraft_flights": "spacecraft/flight",
}

VERSION = Version("2.2.0", {variant.name: variant for variant in VARIANTS}, PATHS)
