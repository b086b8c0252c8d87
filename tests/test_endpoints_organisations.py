"""/agencies/, /programs/ and /mission_patches/: filters, search and ordering as LL2 answers them."""

from __future__ import annotations

import pytest
from conftest import ids

from openll.catalog.models import Agency, AgencyType, Country, MissionPatch, Program, SpacecraftConfig


@pytest.fixture
def agencies(db):
    usa, fra, ita = (
        Country.objects.create(id=i, name=name, alpha_3_code=code)
        for i, name, code in ((1, "United States", "USA"), (2, "France", "FRA"), (3, "Italy", "ITA"))
    )
    government, commercial = (
        AgencyType.objects.create(id=1, name="Government"),
        AgencyType.objects.create(id=3, name="Commercial"),
    )
    nasa = Agency.objects.create(
        id=44,
        name="National Aeronautics and Space Administration",
        abbrev="NASA",
        type=government,
        featured=True,
        spacecraft="",
        total_launch_count=30,
        founding_year=1958,
    )
    esa = Agency.objects.create(
        id=27,
        name="European Space Agency",
        abbrev="ESA",
        type=government,
        featured=True,
        spacecraft="Space Rider",
        total_launch_count=30,
        founding_year=1975,
    )
    boeing = Agency.objects.create(
        id=80,
        name="Boeing",
        abbrev="Boeing",
        type=commercial,
        featured=False,
        spacecraft=None,
        total_launch_count=5,
        founding_year=1916,
    )
    naa = Agency.objects.create(
        id=999,
        name="North American Aviation",
        abbrev="NAA",
        type=commercial,
        featured=False,
        spacecraft="",
        parent="Boeing",
        total_launch_count=0,
        founding_year=1928,
    )
    nasa.country.add(usa)
    esa.country.add(fra, ita)
    boeing.country.add(usa)
    naa.country.add(usa)
    # Boeing has no `spacecraft` text, but a spacecraft configuration of its own.
    SpacecraftConfig.objects.create(id=1, name="CST-100 Starliner", agency=boeing)
    return {"nasa": 44, "esa": 27, "boeing": 80, "naa": 999}


def test_agencies_are_listed_by_id_by_default(api, agencies):
    assert ids(api, "agencies") == [27, 44, 80, 999]


def test_country_code_is_a_comma_list_of_alpha_3_codes(api, agencies):
    assert ids(api, "agencies", "country_code=FRA") == [27]
    assert ids(api, "agencies", "country_code=USA") == [44, 80, 999]
    # ESA has both countries and is listed once.
    assert ids(api, "agencies", "country_code=FRA,ITA") == [27]
    assert ids(api, "agencies", "country_code=ITA,USA") == [27, 44, 80, 999]
    assert ids(api, "agencies", "country_code=US") == []


def test_parent_id_lists_the_agencies_whose_parent_is_that_agency(api, agencies):
    assert ids(api, "agencies", "parent__id=80") == [999]
    assert ids(api, "agencies", "parent__id=44") == []
    assert ids(api, "agencies", "parent__id=123456") == []


def test_spacecraft_means_the_agency_has_spacecraft_by_name_or_configuration(api, agencies):
    assert ids(api, "agencies", "spacecraft=true") == [27, 80]
    assert ids(api, "agencies", "spacecraft=1") == [27, 80]
    assert ids(api, "agencies", "spacecraft=False") == [44, 999]


def test_featured_type_and_counts(api, agencies):
    assert ids(api, "agencies", "featured=True") == [27, 44]
    assert ids(api, "agencies", "featured=0") == [80, 999]
    assert ids(api, "agencies", "type__id=3") == [80, 999]
    assert ids(api, "agencies", "total_launch_count__gte=5&total_launch_count__lt=30") == [80]
    assert ids(api, "agencies", "founding_year__lt=1930") == [80, 999]
    assert ids(api, "agencies", "abbrev__contains=NA") == [44, 999]
    assert ids(api, "agencies", "name=Boeing") == [80]


def test_search_is_on_abbrev_and_name(api, agencies):
    assert ids(api, "agencies", "search=nasa") == [44]
    assert ids(api, "agencies", "search=American") == [999]


def test_ordering_by_launch_count_breaks_ties_by_id(api, agencies):
    assert ids(api, "agencies", "ordering=-total_launch_count") == [44, 27, 80, 999]
    assert ids(api, "agencies", "ordering=total_launch_count") == [999, 80, 27, 44]
    assert ids(api, "agencies", "ordering=name") == [80, 27, 44, 999]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("featured=maybe", "featured"),
        ("spacecraft=yes", "spacecraft"),
        ("parent__id=Boeing", "parent__id"),
        ("type__id=x", "type__id"),
        ("founding_year__gt=old", "founding_year__gt"),
        ("mode=compact", "mode"),
    ],
)
def test_a_bad_agency_filter_is_a_400_naming_it(api, agencies, query, parameter):
    response = api.get(f"/2.3.0/agencies/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.fixture
def patches(agencies):
    for pk, name, agency, priority in (
        (1, "Apollo 11", 44, 5),
        (2, "Ariane 5 VA250", 27, 1),
        (3, "Artemis I", 44, 3),
        (4, "Unknown patch", None, 9),
    ):
        MissionPatch.objects.create(id=pk, name=name, agency_id=agency, priority=priority)


def test_mission_patch_filters(api, patches):
    assert ids(api, "mission_patches") == [1, 2, 3, 4]
    assert ids(api, "mission_patches", "ids=3,1") == [1, 3]
    assert ids(api, "mission_patches", "agency__id=44") == [1, 3]
    assert ids(api, "mission_patches", "agency__name__contains=European") == [2]
    assert ids(api, "mission_patches", "name__contains=A&agency__id=44") == [1, 3]
    assert ids(api, "mission_patches", "id=4") == [4]


def test_mission_patch_search_and_ordering(api, patches):
    assert ids(api, "mission_patches", "search=Ariane") == [2]
    assert ids(api, "mission_patches", "search=Aeronautics") == [1, 3]
    assert ids(api, "mission_patches", "ordering=priority") == [2, 3, 1, 4]
    assert ids(api, "mission_patches", "ordering=-name") == [4, 3, 2, 1]


@pytest.mark.parametrize(
    ("query", "parameter"), [("ids=1,two", "ids"), ("agency__id=NASA", "agency__id"), ("id=x", "id")]
)
def test_a_bad_mission_patch_filter_is_a_400_naming_it(api, patches, query, parameter):
    response = api.get(f"/2.3.0/mission_patches/?format=json&{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def test_programs_are_listed_by_id_in_both_modes(api, db):
    for pk in (3, 1, 2):
        Program.objects.create(id=pk, name=f"Program {pk}")
    assert ids(api, "programs") == [1, 2, 3]
    assert ids(api, "programs", "mode=list") == [1, 2, 3]
    # LL2 documents no search or ordering field for programs: both leave the list as it is.
    assert ids(api, "programs", "search=Program 2&ordering=-name") == [1, 2, 3]
