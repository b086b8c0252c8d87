"""2.2.0's own filters: every filter the official 2.2.0 document names for a path (a query
parameter, or quoted in its description's FILTERS section, which LL2 parsed by hand) is accepted
and filters, as 2.2.0 meant it; a value of the wrong type is a JSON 400 naming the parameter.
Each is checked on the bundled real data (2.3.0, 2.2.0 and 2.1.0 responses) against the catalog."""

from __future__ import annotations

import pytest
from conftest import DATA, LL2_FILES, empty_catalog
from django import forms
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField

from openll import spec
from openll.api.declaration import endpoints
from openll.api.filters import StrictBooleanField
from openll.api.versioned import filterset_of
from openll.catalog.models import (
    Agency,
    Astronaut,
    Launch,
    Launcher,
    LauncherConfig,
    Location,
    Pad,
    Program,
    SpaceStation,
    Update,
)
from openll.versions.v2_2_0.endpoints import OFF_EARTH, ROUTES

# Not filters: paging, the answer's form, search and ordering.
NOT_FILTERS = {"limit", "offset", "format", "mode", "search", "ordering"}


@pytest.fixture(scope="module")
def catalog(django_db_setup, django_db_blocker):
    """Every bundled real response, loaded once for the module (and emptied after it)."""
    from openll.ingest.importer import import_files

    older = [*sorted((DATA / "ll2-2.2.0").glob("*.json")), *sorted((DATA / "ll2-2.1.0").glob("*.json"))]
    with django_db_blocker.unblock():
        import_files([*LL2_FILES, *older])
        yield
        empty_catalog()


def listed(api, path: str, **query) -> set:
    """The ids of every object a /2.2.0/ list route answers with these filters (all pages)."""
    found, offset = [], 0
    while True:
        response = api.get(f"/2.2.0/{path}/", {**query, "format": "json", "limit": 100, "offset": offset})
        assert response.status_code == 200, (path, query, response.content[:300])
        body = response.json()
        found += [item["id"] for item in body["results"]]
        offset += 100
        if body["next"] is None:
            assert len(found) == body["count"] == len(set(found))
            return set(found)


def ids(qs) -> set:
    return {pk if isinstance(pk, int) else str(pk) for pk in qs.values_list("pk", flat=True).distinct()}


def selective(api, path: str, expected: set, **query) -> None:
    """The filter answers exactly the objects of `expected` the route lists (objects known only
    nested are not listed at the top), some but not all of them."""
    everything = listed(api, path)
    expected = expected & everything
    assert expected, (path, query, "no object to find: pick another value")
    assert expected < everything, (path, query, "the value selects nothing out")
    assert listed(api, path, **query) == expected, (path, query)


def test_every_filter_the_2_2_0_document_names_is_accepted(db):
    """The official document's names for each path (`related`, `pad__ids`, pads' `latitude`,
    `owners__abrev`...): none silently ignored. Before, 25 were, on 10 paths."""
    declared = endpoints()
    ignored = {}
    for route in ROUTES:
        documented = spec.filters_of("2.2.0", f"/{route.path}/")
        if documented is None:  # a 2023 addition: the 2022 document does not have it
            continue
        filterset = filterset_of(route, declared[route.endpoint])
        accepted = set(filterset.base_filters) if filterset is not None else set()
        missing = sorted(documented - NOT_FILTERS - accepted)
        if missing:
            ignored[route.path] = missing
    assert ignored == {}


def _probes(flt) -> list[str]:
    """Values of a filter's type of which one, on data with some variety, answers fewer objects
    than no filter: both truths, an id or number no object has, a date beyond every date, a text
    nothing has."""
    field = flt.field_class
    if issubclass(field, forms.NullBooleanField | forms.BooleanField | StrictBooleanField):
        return ["true", "false"]
    if issubclass(field, ModelChoiceField | ModelMultipleChoiceField):
        return [str(flt.extra["queryset"].values_list("pk", flat=True).order_by("pk")[0])]
    if issubclass(field, forms.UUIDField):
        return ["e3df2ecd-c239-472f-95e4-2b89b4f75800"]  # well-formed, no launch's
    if issubclass(field, forms.DateTimeField | forms.DateField):
        return ["2100-01-01", "1900-01-01"]
    if issubclass(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return ["-1", "100000"]
    return ["no such text"]


# `related` only widens `lsp__id(s)`/`lsp__name` (its own test below).
MODIFIERS = {"related"}


@pytest.mark.usefixtures("catalog")
def test_every_filter_the_2_2_0_document_names_filters(api):
    """Each filter the document names for a path answers fewer objects with some value of its
    type than without it, on the bundled data. Upcoming routes aside: what they list depends on
    the day the test runs, and so do routes the bundled data leaves (nearly) empty."""
    declared = endpoints()
    unfiltered, checked = [], set()
    for route in ROUTES:
        documented = spec.filters_of("2.2.0", f"/{route.path}/")
        if documented is None or route.path.endswith("/upcoming"):
            continue
        filterset = filterset_of(route, declared[route.endpoint])
        total = api.get(f"/2.2.0/{route.path}/?format=json&limit=1").json()["count"]
        if total < 2:
            continue
        for name in sorted(documented - NOT_FILTERS - MODIFIERS):
            checked.add((route.path, name))
            if name not in filterset.base_filters:  # ignored, as unknown parameters are
                unfiltered.append((route.path, name))
                continue
            counts = []
            for value in _probes(filterset.base_filters[name]):
                answer = api.get(f"/2.2.0/{route.path}/", {name: value, "format": "json", "limit": 1})
                assert answer.status_code == 200, (route.path, name, value, answer.content[:200])
                counts.append(answer.json()["count"])
            if min(counts) >= total:
                unfiltered.append((route.path, name))
    assert unfiltered == []
    assert len(checked) > 300 and {("pad", "latitude__contains"), ("astronaut", "agency__abbrev")} <= checked


@pytest.mark.usefixtures("catalog")
def test_launches_by_pad_ids(api):
    previous = listed(api, "launch/previous")
    launches = Launch.objects.filter(pk__in=previous).exclude(pad=None)
    pads = sorted(set(launches.values_list("pad_id", flat=True)))[:2]
    expected = ids(Launch.objects.exclude(OFF_EARTH).filter(pad_id__in=pads))
    for path in ("launch", "launch/previous"):
        selective(api, path, expected & listed(api, path), pad__ids=",".join(map(str, pads)))


@pytest.mark.usefixtures("catalog")
def test_related_adds_the_launches_of_providers_only_related(api):
    """`related=true`: `lsp__id`, `lsp__ids` and `lsp__name` also find the launches whose
    provider is a child of the agency named (its `parent`), as 2.3.0's `related_lsp__*` do."""
    shown = Launch.objects.exclude(OFF_EARTH)
    children = shown.exclude(launch_service_provider__parent__isnull=True).exclude(
        launch_service_provider__parent=""
    )
    parent = Agency.objects.filter(
        name__in=children.values("launch_service_provider__parent"),
        id__in=shown.values("launch_service_provider_id"),
    ).first()
    assert parent is not None, "no provider of a launch is another one's parent"
    own = ids(shown.filter(launch_service_provider=parent))
    related = own | ids(children.filter(launch_service_provider__parent=parent.name))
    assert own < related
    for name, value in (("lsp__id", parent.id), ("lsp__ids", parent.id), ("lsp__name", parent.name)):
        assert listed(api, "launch", **{name: value}) == own, name
        assert listed(api, "launch", **{name: value, "related": "false"}) == own, name
        selective(api, "launch", related, **{name: value, "related": "true"})
    assert listed(api, "launch", related="true") == listed(api, "launch")  # alone, nothing


def _pads_shown(api) -> list[dict]:
    """Every pad as /2.2.0/pad/ shows it."""
    pads, url = [], "/2.2.0/pad/?format=json&limit=100"
    while url:
        body = api.get(url).json()
        pads += body["results"]
        url = body["next"]
    return pads


@pytest.mark.usefixtures("catalog")
def test_pads_by_latitude_and_longitude_as_text(api):
    """2.2.0 writes coordinates as text ("28.56194122") and LL2 filtered that text: exact, or
    any part of it with `__contains`. Checked against the text /2.2.0/pad/ shows and against the
    catalog's numbers."""
    pads = _pads_shown(api)
    for field in ("latitude", "longitude"):
        texts = [pad[field] for pad in pads if pad[field] is not None]
        one = texts[len(texts) // 2]
        expected = {pad["id"] for pad in pads if pad[field] == one}
        selective(api, "pad", expected, **{field: one})
        assert expected == ids(Pad.objects.filter(**{field: float(one)})) & {pad["id"] for pad in pads}
        part = one[: one.index(".") + 2]  # "28.5": its degrees and first decimal
        expected = {pad["id"] for pad in pads if pad[field] is not None and part in pad[field]}
        selective(api, "pad", expected, **{f"{field}__contains": part})
        numbers = Pad.objects.filter(pk__in=[pad["id"] for pad in pads]).values_list("pk", field)
        assert expected == {pk for pk, number in numbers if number is not None and part in str(number)}
        assert listed(api, "pad", **{field: "north"}) == set()  # a text no pad shows


@pytest.mark.usefixtures("catalog")
def test_pads_by_agency_id_contains(api):
    """An integer "contains": the agency id's digits (`12` finds agencies 12, 121, 112...)."""
    agencies = Pad.objects.values_list("agencies__id", flat=True).exclude(agencies__id=None)
    digits = str(max(agencies))[:2]
    expected = ids(Pad.objects.filter(agencies__id__in=[a for a in agencies if digits in str(a)]))
    selective(api, "pad", expected, agency_id__contains=digits)


@pytest.mark.usefixtures("catalog")
def test_locations_by_launch_library_id(api):
    """Locations' Launch Library 1 id: no 2.3.0 response carries it and no bundled older one gave
    it to a location, so no location of the catalog answers to one."""
    assert Location.objects.count() > 0
    assert not Location.objects.filter(legacy__has_key="launch_library_id").exists()
    assert listed(api, "location", launch_library_id=16) == set()
    assert listed(api, "location", launch_library_id__contains=1) == set()


@pytest.mark.usefixtures("catalog")
def test_space_stations_by_owner_name_and_abbreviation(api):
    owner = Agency.objects.filter(id__in=SpaceStation.objects.values("owners")).order_by("id").first()
    expected = ids(SpaceStation.objects.filter(owners=owner))
    selective(api, "spacestation", expected, owners__name=owner.name)
    selective(api, "spacestation", expected, owners__abrev=owner.abbrev)


@pytest.mark.usefixtures("catalog")
def test_launchers_by_configuration_and_its_manufacturer(api):
    config = (
        LauncherConfig.objects.filter(id__in=Launcher.objects.values("launcher_config"))
        .order_by("id")
        .first()
    )
    expected = ids(Launcher.objects.filter(launcher_config=config))
    selective(api, "launcher", expected, launcher_config=config.id)
    # No bundled launcher's configuration names its manufacturer (2.1.0 launchers nest a
    # configuration without one): a real manufacturer's id finds what the catalog says, none.
    maker = LauncherConfig.objects.exclude(manufacturer=None).values_list("manufacturer", flat=True).first()
    assert not Launcher.objects.filter(launcher_config__manufacturer=maker).exists()
    assert listed(api, "launcher") and listed(api, "launcher", launcher_config__manufacturer=maker) == set()
    # and configurations by their agency, the manufacturer
    expected = ids(LauncherConfig.objects.filter(manufacturer_id=maker))
    selective(api, "config/launcher", expected, agency=maker)


@pytest.mark.usefixtures("catalog")
def test_updates_by_launch_program_and_provider(api):
    launch = Update.objects.exclude(launch=None).values_list("launch_id", flat=True).first()
    selective(api, "updates", ids(Update.objects.filter(launch_id=launch)), launch__id=str(launch))
    # No bundled update is a program's: a real program's id finds none.
    assert not Update.objects.exclude(program=None).exists()
    program = Program.objects.order_by("id").values_list("id", flat=True).first()
    assert listed(api, "updates") and listed(api, "updates", program__id=program) == set()
    lsp = (
        Update.objects.exclude(launch=None).values_list("launch__launch_service_provider", flat=True).first()
    )
    expected = ids(Update.objects.filter(launch__launch_service_provider=lsp))
    selective(api, "updates", expected, launch__launch_service_provider__id=lsp)


@pytest.mark.usefixtures("catalog")
def test_astronauts_by_name_status_and_agency(api):
    astronaut = Astronaut.objects.exclude(agency=None).exclude(status=None).order_by("id").first()
    selective(api, "astronaut", ids(Astronaut.objects.filter(name=astronaut.name)), name=astronaut.name)
    expected = ids(Astronaut.objects.filter(status=astronaut.status_id))
    selective(api, "astronaut", expected, status=astronaut.status_id)
    agency = astronaut.agency
    selective(
        api, "astronaut", ids(Astronaut.objects.filter(agency__name=agency.name)), agency__name=agency.name
    )
    expected = ids(Astronaut.objects.filter(agency__abbrev=agency.abbrev))
    selective(api, "astronaut", expected, agency__abbrev=agency.abbrev)


@pytest.mark.parametrize(
    "path, name, value",
    [
        ("launch", "pad__ids", "LC-39A"),
        ("launch", "related", "maybe"),
        ("pad", "agency_id__contains", "nasa"),
        ("location", "launch_library_id", "cape"),
        ("location", "launch_library_id__contains", "1.5.2"),
        ("config/launcher", "agency", "NASA"),
        ("launcher", "launcher_config", "falcon"),
        ("launcher", "launcher_config__manufacturer", "spacex"),
        ("updates", "launch__id", "not-a-uuid"),
        ("updates", "program__id", "artemis"),
        ("updates", "launch__launch_service_provider__id", "x"),
        ("astronaut", "status", "active"),
        ("location", "launch_library_id", str(2**63)),
        ("pad", "agency_id__contains", str(2**63)),
    ],
)
def test_a_value_of_the_wrong_type_is_a_400_naming_the_parameter(api, path, name, value):
    response = api.get(f"/2.2.0/{path}/", {name: value, "format": "json"})
    assert response.status_code == 400 and name in response.json(), (response.status_code, response.content)
