"""How 2.2.0 values are made from 2.3.0 ones (../shared/reference/ll2-2.2.0/VERSIONS.md, 2.2-2.3).

Each function takes a loaded source object (a dict in 2.3.0 shape, nested objects included) and
returns the 2.2.0 value, or None when the source cannot tell (then the value kept from a 2.2.0
import, if any, is shown: see mapping.Derived).
"""

from __future__ import annotations

from collections.abc import Callable

import isodate

# Launch status 9 "Payload Deployed" is new in 2.3.0: 2.2.0 shows those launches as 6 "In Flight"
# (2.3.0 changelog), with status 6 as LL2 describes it (catalog migration 0003).
IN_FLIGHT = {
    "id": 6,
    "name": "Launch in Flight",
    "abbrev": "In Flight",
    "description": "The launch vehicle has lifted off from the launchpad.",
}


def path(*keys: str) -> Callable[[dict], object]:
    """The value at a path of nested objects (None where one is missing)."""

    def get(obj: dict) -> object:
        for key in keys:
            if not isinstance(obj, dict):
                return None
            obj = obj.get(key)
        return obj

    return get


def kept(obj: dict, name: str) -> object:
    return (obj.get("legacy") or {}).get(name) if isinstance(obj, dict) else None


def image_url(field: str, legacy_name: str | None = None) -> Callable[[dict], object]:
    """An Image object's URL (2.2.0 shows image URLs as strings)."""

    def get(obj: dict) -> object:
        image = obj.get(field)
        if isinstance(image, dict):
            return image.get("image_url")
        return None

    return get


def thumbnail(obj: dict) -> object:
    image = obj.get("image")
    return image.get("thumbnail_url") if isinstance(image, dict) else None


def type_name(obj: dict) -> object:
    """`type` as its name (agencies: "Government", "Commercial"...)."""
    kind = obj.get("type")
    return kind.get("name") if isinstance(kind, dict) else None


def country_codes(obj: dict) -> object:
    """ISO alpha-3 codes, comma-separated (2.2.0 `country_code`)."""
    countries = obj.get("country")
    if isinstance(countries, dict):
        return countries.get("alpha_3_code")
    if countries:
        return ",".join(c["alpha_3_code"] for c in countries if c.get("alpha_3_code"))
    return None


def nationality(obj: dict) -> object:
    countries = obj.get("nationality")
    if countries:
        return ", ".join(c["nationality_name"] for c in countries if c.get("nationality_name"))
    return None


def social(*names: str) -> Callable[[dict], object]:
    """The URL of the first social-media link on one of these networks (astronaut twitter...)."""
    wanted = {name.lower() for name in names}

    def get(obj: dict) -> object:
        for link in obj.get("social_media_links") or ():
            media = link.get("social_media") or {}
            if (media.get("name") or "").lower() in wanted:
                return link.get("url")
        return None

    return get


def as_text(field: str) -> Callable[[dict], object]:
    def get(obj: dict) -> object:
        value = obj.get(field)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    return get


def as_int(field: str) -> Callable[[dict], object]:
    def get(obj: dict) -> object:
        value = obj.get(field)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    return get


def same_number(kept_value: object, value: object) -> bool:
    """A kept text ("28.50") says what the stored number (28.5) says."""
    try:
        return float(kept_value) == float(value)
    except (TypeError, ValueError):
        return False


def to_number(field: str, kind: type = float) -> Callable[[object], dict]:
    def back(value: object) -> dict:
        try:
            return {field: kind(value)}
        except (TypeError, ValueError):
            return {}

    return back


def first_item(field: str, key: str) -> Callable[[dict], object]:
    def get(obj: dict) -> object:
        items = obj.get(field) or []
        return items[0].get(key) if items else None

    return get


def family_name(obj: dict) -> object:
    return first_item("families", "name")(obj)


def launcher_status(obj: dict) -> object:
    status = obj.get("status")
    return status.get("name").lower() if isinstance(status, dict) and status.get("name") else None


def turn_around_days(obj: dict) -> object:
    value = obj.get("turn_around_time")
    if not value:
        return None
    try:
        return isodate.parse_duration(value).days
    except (isodate.ISO8601Error, AttributeError):
        return None


def launch_status(obj: dict) -> object:
    status = obj.get("status")
    if isinstance(status, dict) and status.get("id") == 9:
        return dict(IN_FLIGHT)
    return status


def first_id(field: str) -> Callable[[dict], object]:
    return first_item(field, "id")


# -- the list-mode strings of a launch (Space Launch Now's LaunchListSerializer) ----------------


def _stages(obj: dict) -> list[dict]:
    return (obj.get("rocket") or {}).get("launcher_stage") or []


def list_landing(obj: dict) -> object:
    landings = [s["landing"] for s in _stages(obj) if s.get("landing")]
    if not landings:
        return None
    if len(landings) > 1:
        return "MX Landing"
    return (landings[0].get("landing_location") or {}).get("abbrev")


def list_landing_success(obj: dict) -> object:
    outcomes = [s["landing"].get("success") for s in _stages(obj) if s.get("landing")]
    if not outcomes:
        return None
    if len(outcomes) == 1:
        return {None: 0, True: 1, False: 2}[outcomes[0]]
    if all(o is True for o in outcomes):
        return 1
    if all(o is False for o in outcomes):
        return 2
    if any(o is True for o in outcomes) and any(o is False for o in outcomes):
        return 3
    return 0


def list_launcher(obj: dict) -> object:
    boosters = [s["launcher"] for s in _stages(obj) if s.get("launcher")]
    if not boosters:
        return None
    return "MX Launchers" if len(boosters) > 1 else boosters[0].get("serial_number")


def launch_image(obj: dict) -> object:
    """The launch's image (or the one a 2.2.0 import gave it), else its rocket configuration's
    (2.2.0 falls back to it)."""
    image = obj.get("image")
    if isinstance(image, dict) and image.get("image_url"):
        return image["image_url"]
    if kept(obj, "image"):
        return kept(obj, "image")
    config = (obj.get("rocket") or {}).get("configuration") or {}
    if isinstance(config.get("image"), dict) and config["image"].get("image_url"):
        return config["image"]["image_url"]
    return kept(config, "image_url")


def first_url(field: str) -> Callable[[dict], object]:
    return first_item(field, "url")
