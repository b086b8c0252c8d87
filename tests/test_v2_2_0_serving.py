"""/2.2.0/ served from the same catalog as /2.3.0/: routes, modes, links, what 2.2.0 never showed,
the response cache across the 24-hour boundary, the root, api-throttle and schema."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import time_machine
from conftest import DATA, LL2_FILES
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_filters.fields import BaseCSVField, ModelChoiceField, ModelMultipleChoiceField
from test_endpoints_people import astronauts, spacewalks  # noqa: F401 - fixtures
from wsgi import CachedAPI

from openll import spec
from openll.api.declaration import endpoints
from openll.api.filters import StrictBooleanField
from openll.api.render import plan
from openll.api.versioned import filterset_of
from openll.catalog.models import AstronautSpacewalks, CelestialBody, Launch, LaunchStatus, Location
from openll.serving.layer import Config
from openll.spec import validate
from openll.versions.v2_2_0 import VERSION as V2_2_0
from openll.versions.v2_2_0.endpoints import ROUTES

DETAILED = DATA / "ll2-2.2.0" / "launches-upcoming.detailed.page.json"
LAUNCHES_FILE = next(path for path in LL2_FILES if path.name == "launches.normal.json")


@pytest.fixture
def launches(load):
    """The ten launches of a real 2.2.0 page (their boosters' previous flights come along too)."""
    load(DETAILED)
    listed = [item["id"] for item in json.loads(DETAILED.read_text())["results"]]
    return [
        str(pk)
        for pk in Launch.objects.filter(pk__in=listed).order_by("net", "id").values_list("pk", flat=True)
    ]


def test_every_route_answers_a_page_and_its_objects(load, api):
    load(
        *LL2_FILES, *sorted((DATA / "ll2-2.2.0").glob("*.json")), *sorted((DATA / "ll2-2.1.0").glob("*.json"))
    )
    for route in ROUTES:
        modes = [m for m in route.modes if m] or [None]
        for mode in modes:
            query = f"?format=json&limit=3{f'&mode={mode}' if mode else ''}"
            page = api.get(f"/2.2.0/{route.path}/{query}")
            assert page.status_code == 200, (route.path, mode, page.content[:200])
            for item in page.json()["results"]:
                assert "response_mode" not in item
                detail = api.get(f"/2.2.0/{route.path}/{item['id']}/?format=json")
                assert detail.status_code == 200, (route.path, item["id"])


def test_launch_modes_end_with_their_type_and_link_to_2_2_0(launches, api):
    for mode in ("list", "normal", "detailed"):
        body = api.get(f"/2.2.0/launch/?format=json&mode={mode}&limit=100").json()
        assert [item["id"] for item in body["results"] if item["id"] in launches] == launches
        for item in body["results"]:
            assert list(item)[-1] == "type" and item["type"] == mode
            assert item["url"].endswith(f"//ll.thespacedevs.com/2.2.0/launch/{item['id']}/?format=json")
    bad = api.get("/2.2.0/launch/?mode=everything")
    assert bad.status_code == 400 and "mode" in bad.json()


def test_payload_deployed_shows_as_in_flight(launches, api):
    Launch.objects.filter(pk=launches[0]).update(status=LaunchStatus.objects.get(pk=9))
    status = api.get(f"/2.2.0/launch/{launches[0]}/").json()["status"]
    assert (status["id"], status["abbrev"]) == (6, "In Flight")
    assert api.get(f"/2.3.0/launches/{launches[0]}/").json()["status"]["id"] == 9


def test_launches_on_other_bodies_are_not_shown(launches, api):
    moon = CelestialBody.objects.create(id=10_001, name="Moon")
    launch = Launch.objects.get(pk=launches[0])
    Location.objects.filter(pk=launch.pad.location_id).update(celestial_body=moon)
    hidden = set(Launch.objects.filter(pad__location_id=launch.pad.location_id).values_list("pk", flat=True))
    listed = {item["id"] for item in api.get("/2.2.0/launch/?limit=100").json()["results"]}
    assert hidden and not listed & {str(pk) for pk in hidden}
    assert set(launches) - {str(pk) for pk in hidden} <= listed
    assert api.get(f"/2.2.0/launch/{launch.pk}/").status_code == 404
    assert api.get(f"/2.3.0/launches/{launch.pk}/").status_code == 200


def test_a_2_3_0_seed_answers_through_2_2_0(load, api):
    load(*sorted((DATA / "seeds").glob("*.txt")))
    body = api.get("/2.2.0/docking_event/529/?format=json").json()
    assert list(body) == [
        "id",
        "url",
        "launch_id",
        "docking",
        "departure",
        "flight_vehicle",
        "docking_location",
    ]
    assert body["url"].endswith("//ll.thespacedevs.com/2.2.0/docking_event/529/?format=json")
    seed = api.get("/2.3.0/docking_events/529/?format=json").json()
    assert body["docking"] == seed["docking"]
    assert body["flight_vehicle"]["id"] == seed["flight_vehicle_chaser"]["id"]


def test_root_throttle_schema_and_browsable_pages(load, api):
    load(DETAILED)
    root = api.get("/2.2.0/?format=json").json()
    assert {"launch", "launch/upcoming", "event", "astronaut", "config/spacecraft"} <= set(root)
    assert set(api.get("/2.2.0/api-throttle/?format=json").json()) == {
        "your_request_limit",
        "limit_frequency_secs",
        "current_use",
        "next_use_secs",
        "ident",
    }
    schema = api.get("/2.2.0/schema/").json()
    assert "/2.2.0/launch/upcoming/" in schema["paths"]
    page = api.get("/2.2.0/launch/upcoming/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and b"Modes" in page.content and b"/2.2.0/launch/" in page.content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cached_upcoming_moves_across_the_24_hour_boundary(load):
    """/2.2.0/ answers are cached as /2.3.0/ ones (paths under a version), and expire when a
    launch leaves `upcoming`, 24 hours after its NET, not a request later."""
    load(LAUNCHES_FILE)
    cached = CachedAPI(Config(lifetime=10**9))
    newest = Launch.objects.exclude(net=None).order_by("-net")[0]
    url = "/2.2.0/launch/upcoming/?limit=100&mode=list"
    second = dt.timedelta(seconds=1)

    def listed():
        answer = cached.get(url)
        return answer.headers["x-openll-cache"], str(newest.pk) in {r["id"] for r in answer.json()["results"]}

    leaving = newest.net + dt.timedelta(hours=24)
    with time_machine.travel(leaving - dt.timedelta(minutes=1), tick=False):
        assert listed() == ("miss", True)
        assert listed() == ("hit", True)
    with time_machine.travel(leaving - second, tick=False):
        assert listed() == ("hit", True)
    with time_machine.travel(leaving + second, tick=False):
        assert listed() == ("miss", False)


# Fields real 2.2.0 responses (2021-2026) carry that the 2022 document does not list: the real
# responses outrank the document (../shared/reference/ll2-2.2.0/VERSIONS.md).
REAL_EXTRAS = {
    "payload_return_capacity",  # spacecraft configurations, 2024
    "logo_url",  # normal agencies, 2024
    "net_precision",  # launches, 2026
    "weather_concerns",
    "type",  # launches' mode, programs' type (2026)
    "agencies",  # missions, 2026
    "info_urls",
    "vid_urls",
    "country_code",  # pads and locations, 2026
    "description",
    "timezone_name",
}
_EXTRA = re.compile(r"Additional properties are not allowed \((.*) (?:was|were) unexpected\)")


def unexplained(errors: list[str]) -> list[str]:
    left = []
    for error in errors:
        extra = _EXTRA.search(error)
        if extra and set(re.findall(r"'(\w+)'", extra.group(1))) <= REAL_EXTRAS:
            continue
        left.append(error)
    return left


def test_2_3_0_seed_objects_answer_through_2_2_0_as_its_document_says(load, api):
    """The real 2.3.0 seeds (docking events, spacecraft), rendered through /2.2.0/, validate
    against the 2.2.0 document where it agrees with real 2.2.0 responses. The seeds are thin (a
    nested launch is known by a few fields), so what they never said may be null."""
    load(*sorted((DATA / "seeds").glob("*.txt")))
    checked = 0
    for route, schema, source in (
        ("docking_event", "DockingEvent", "docking_events"),
        ("spacecraft", "SpacecraftDetailed", "spacecraft"),
    ):
        for item in api.get(f"/2.3.0/{source}/?format=json&limit=100").json()["results"]:
            response = api.get(f"/2.2.0/{route}/{item['id']}/?format=json")
            if route == "docking_event" and item["flight_vehicle_chaser"] is None:
                assert response.status_code == 404  # no 2.2.0 form
                continue
            errors = validate.schema_errors(schema, response.json(), unknown_is_null=True, version="2.2.0")
            assert not unexplained(errors), (route, item["id"], unexplained(errors)[:5])
            checked += 1
    assert checked >= 20


def test_filters_2_2_0_names_otherwise(load, api):
    """`lsp__ids`, `r_spacex_api_id`, docking events' `flight_vehicle__id`: 2.2.0's names answer as
    the data says; a bad value is a 400 naming the parameter."""
    load(DETAILED, DATA / "ll2-2.1.0" / "docking.2021.json")
    page = json.loads(DETAILED.read_text())["results"]
    spacex = {item["id"] for item in page if item["launch_service_provider"]["id"] == 121}
    listed = {item["id"] for item in api.get("/2.2.0/launch/?lsp__ids=121&limit=100").json()["results"]}
    assert spacex and spacex <= listed
    assert all(launch.launch_service_provider_id == 121 for launch in Launch.objects.filter(pk__in=listed))
    assert api.get("/2.2.0/launch/?r_spacex_api_id=5eb87d42ffd86e000604b384").json()["count"] == 0
    dockings = json.loads((DATA / "ll2-2.1.0" / "docking.2021.json").read_text())["results"]
    flight = dockings[0]["flight_vehicle"]["id"]
    wanted = {d["id"] for d in dockings if d["flight_vehicle"]["id"] == flight}
    got = api.get(f"/2.2.0/docking_event/?flight_vehicle__id={flight}&limit=100").json()["results"]
    assert {item["id"] for item in got} == wanted
    bad = api.get("/2.2.0/docking_event/?flight_vehicle__id=soyuz")
    assert bad.status_code == 400 and "flight_vehicle__id" in bad.json()


def test_list_queries_do_not_grow_with_the_page_size(load, api):
    """As for 2.3.0: a page of 1 and a page of 100 both stay within the bound of the variant's
    source plan (count + page ids + one query per nested relation)."""
    load(
        *LL2_FILES, *sorted((DATA / "ll2-2.2.0").glob("*.json")), *sorted((DATA / "ll2-2.1.0").glob("*.json"))
    )
    for route in ROUTES:
        for mode, name in route.modes.items():
            bound = 2 + plan(V2_2_0.source_schema(V2_2_0.variants[name])).query_bound()
            counts = {}
            for limit in (1, 100):
                query = f"?format=json&limit={limit}" + (f"&mode={mode}" if mode else "")
                with CaptureQueriesContext(connection) as queries:
                    response = api.get(f"/2.2.0/{route.path}/{query}")
                assert response.status_code == 200
                counts[limit] = len(queries)
            assert counts[1] <= bound and counts[100] <= bound, (route.path, mode, counts, bound)


def _valid_value(flt) -> str:
    """A value a filter of this kind reads without complaint (a 400 names a bad one)."""
    field = flt.field_class
    if issubclass(field, ModelChoiceField | ModelMultipleChoiceField):
        return str(flt.extra["queryset"].values_list("pk", flat=True).order_by("pk")[0])
    if issubclass(field, forms.ChoiceField):
        return str(next(iter(dict(flt.extra["choices"]))))
    if issubclass(field, forms.NullBooleanField | forms.BooleanField | StrictBooleanField):
        return "true"
    if issubclass(field, forms.UUIDField):
        one = "e3df2ecd-c239-472f-95e4-2b89b4f75800"  # any well-formed UUID
    elif issubclass(field, forms.DateTimeField):
        one = "2021-01-01T00:00:00Z"
    elif issubclass(field, forms.DateField):
        one = "2021-01-01"
    elif issubclass(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        one = "1"
    else:
        one = "a"
    return f"{one},{one}" if issubclass(field, BaseCSVField) else one


def _section(page: str, heading: str) -> str:
    """One section of the docs header of a browsable page (its HTML, up to the next heading)."""
    found = re.search(rf"<h5[^>]*>{heading}</h5>(.*?)(?=<h5|$)", page, re.S)
    return found.group(1) if found else ""


def test_the_docs_header_lists_the_2_2_0_filters_each_route_accepts(load, api):
    """The browsable /2.2.0/ pages listed the 2.3.0 declaration's filters (`launch_designator`,
    `related_lsp__id`, `families`...) and its examples (`?is_placeholder=True` on /launcher/):
    names the 2.2.0 document does not have. Each route's header now names the filters its path
    has in the official 2.2.0 document (its parameters, or quoted in its description: LL2 parsed
    those by hand) that the route accepts; each filters (a request with it is a 200); its links
    are the route's own."""
    load(
        *LL2_FILES, *sorted((DATA / "ll2-2.2.0").glob("*.json")), *sorted((DATA / "ll2-2.1.0").glob("*.json"))
    )
    document = spec.document_of("2.2.0")["paths"]
    declared = endpoints()
    for route in ROUTES:
        filterset = filterset_of(route, declared[route.endpoint])
        accepted = filterset.base_filters if filterset is not None else {}
        page = api.get(f"/2.2.0/{route.path}/?format=api").content.decode()
        filters = _section(page, "Filters")
        names = re.findall(r"<code>([^<]+)</code>", filters)
        operation = document.get(f"/2.2.0/{route.path}/", {}).get("get")
        if operation is None:  # a 2023 addition: no 2.2.0 document names its filters
            assert names == sorted(accepted), route.path
        else:
            parameters = {p["name"] for p in operation.get("parameters", [])}
            quoted = set(re.findall(r"'([a-z][a-z0-9_]*)", operation.get("description", "")))
            documented = {n for n in accepted if n in parameters or n in quoted}
            assert names == sorted(documented), route.path
        for name in names:
            answer = api.get(f"/2.2.0/{route.path}/", {name: _valid_value(accepted[name]), "format": "json"})
            assert answer.status_code == 200, (route.path, name, answer.content[:200])
        links = re.findall(
            r'<a href="([^"]+)"[^>]*>([^<]+)</a>', page[page.find("<h5") : page.find('<h5 id="help"')]
        )
        assert links, route.path
        for href, text in links:
            query = href.removeprefix("./")
            assert href.startswith("./?") and text == f"/{route.path}/{query}", (route.path, href, text)
            assert api.get(f"/2.2.0/{route.path}/{query}").status_code == 200, (route.path, query)
        if filters:
            (example,) = re.findall(r'<a href="\./\?([^"=]+)=', filters)
            assert example in names, (route.path, example)

    launch = re.findall(
        r"<code>([^<]+)</code>", _section(api.get("/2.2.0/launch/?format=api").content.decode(), "Filters")
    )
    assert {"lsp__id", "lsp__ids", "status__ids", "is_crewed", "r_spacex_api_id"} <= set(launch)
    assert not {"launch_designator", "related_lsp__id", "day"} & set(launch)  # 2.3.0's


# The 2023 2.2.0 schema: LL2's OpenAPI document of Aug 2023, as an OpenAPI-generated client keeps
# it (ivirtex/starcat, packages/launch_library_api/doc/<name>.md @ 77ab8ca62e3ad9aa017f1b82e92f74849b457731).
# Its models keep the 2022 document's properties in the document's order; these are the
# serializers that gained fields in 2023 and that no saved real response of 2023 or later shows.
SCHEMA_2023 = {
    "Launcher": "id url flight_proven serial_number is_placeholder status details launcher_config image_url "
    "flights last_launch_date first_launch_date",
    "LauncherDetail": "id url flight_proven serial_number is_placeholder status details launcher_config "
    "image_url successful_landings attempted_landings flights last_launch_date first_launch_date",
    "Events": "id url slug name updates type description webcast_live location news_url video_url "
    "feature_image date date_precision launches expeditions spacestations program",
    "Expedition": "id url name start end spacestation mission_patches spacewalks",
    "ExpeditionDetail": "id url name start end spacestation crew mission_patches spacewalks",
    "AstronautDetailed": "id url name status type in_space time_in_space eva_time agency age date_of_birth "
    "date_of_death nationality twitter instagram bio profile_image profile_image_thumbnail wiki flights "
    "landings flights_count landings_count spacewalks_count last_flight first_flight spacewalks",
    "SpacewalkNormal": "id url name start end duration location crew",
    "SpacewalkDetailed": "id url name start end duration location crew spacestation expedition "
    "spacecraft_flight event program",
    "EventDetailedSerializerForSpacewalk": "id url slug name type description webcast_live location news_url "
    "video_url feature_image date date_precision",
    "NetPrecision": "id name abbrev description",
}


def keys_2023(name: str) -> list[str]:
    return SCHEMA_2023[name].split()


def test_what_2_2_0_gained_in_2023_is_served_in_the_2023_schemas_order(load, api):
    """Launchers' `is_placeholder`, events' `date_precision`, expeditions' and astronauts'
    spacewalks (and astronauts' `in_space`, `time_in_space`, `eva_time`, `spacewalks_count`) were
    missing from /2.2.0/: openll followed the 2022 document there."""
    load(*(DATA / "ll2-2.1.0" / name for name in ("launchers.2021.json", "events.2021.json")))
    load(*(DATA / "ll2-2.1.0" / name for name in ("expeditions.2021.json", "astronauts.2021.json")))
    for route, mode, name in (
        ("launcher", "normal", "Launcher"),
        ("launcher", "detailed", "LauncherDetail"),
        ("event", None, "Events"),
        ("expedition", "normal", "Expedition"),
        ("expedition", "detailed", "ExpeditionDetail"),
    ):
        page = api.get(f"/2.2.0/{route}/?format=json" + (f"&mode={mode}" if mode else "")).json()
        assert page["results"], (route, mode)
        assert all(list(item) == keys_2023(name) for item in page["results"]), (route, mode)
    event = next(item for item in api.get("/2.2.0/event/?format=json&limit=100").json()["results"])
    assert all(list(item) == keys_2023("Expedition") for item in event["expeditions"])
    astronaut = api.get("/2.2.0/astronaut/?format=json&limit=1").json()["results"][0]
    detail = api.get(f"/2.2.0/astronaut/{astronaut['id']}/?format=json").json()
    assert list(detail) == keys_2023("AstronautDetailed")


@pytest.mark.usefixtures("spacewalks")  # the people tests' astronauts and spacewalks
def test_spacewalks_are_the_2023_schemas_list_and_detail(api):
    """/2.2.0/spacewalks/ listed 2.3.0's detailed spacewalk (less `response_mode`); the 2023
    schema lists `SpacewalkNormal` (no modes) and details `SpacewalkDetailed`."""
    page = api.get("/2.2.0/spacewalks/?format=json").json()
    assert [item["id"] for item in page["results"]] == [1, 2, 3, 4]
    assert all(list(item) == keys_2023("SpacewalkNormal") for item in page["results"])
    assert [list(member) for member in page["results"][0]["crew"]] == [["id", "role", "astronaut"]] * 2
    detail = api.get("/2.2.0/spacewalks/1/?format=json").json()
    assert list(detail) == keys_2023("SpacewalkDetailed")
    assert detail["url"].endswith("/2.2.0/spacewalks/1/?format=json")
    assert list(detail["event"]) == keys_2023("EventDetailedSerializerForSpacewalk")
    assert detail["event"]["url"].endswith("/2.2.0/event/500/?format=json")
    AstronautSpacewalks.objects.create(astronaut_id=1, spacewalk_id=1)  # Pesquet walked on #1
    walked = api.get("/2.2.0/astronaut/1/?format=json").json()["spacewalks"]
    assert [walk["id"] for walk in walked] == [1]
    assert list(walked[0]) == keys_2023("SpacewalkNormal")
