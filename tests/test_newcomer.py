"""What a newcomer meets first: the server's root, the admin's names for things."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from openll.api.versions import VERSIONS
from openll.catalog.models import Launch


def test_the_root_lists_the_api_versions(api):
    """`/` was a bare 404: a newcomer opening the server's address found nothing."""
    response = api.get("/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert [v["version"] for v in body["versions"]] == list(VERSIONS)
    assert "2.3.0" in VERSIONS
    for version in body["versions"]:
        assert version["url"] == f"http://ll.thespacedevs.com/{version['version']}/"
        assert api.get(version["url"].removeprefix("http://ll.thespacedevs.com")).status_code == 200
    assert api.get(body["docs"].removeprefix("http://ll.thespacedevs.com")).status_code == 200


@pytest.fixture
def librarian(db) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("librarian", "l@example.org", "pw"))
    return client


def admin_names(html: str) -> set[str]:
    return set(re.findall(r'<a href="/admin/catalog/[a-z]+/">([^<]+)</a>', html))


@pytest.mark.parametrize(
    "name", ["Agencies", "Launches", "Countries", "Launch statuses", "Celestial bodies", "Spacecraft"]
)
def test_the_admin_index_names_tables_in_plain_english(librarian, name):
    """The admin said "Agencys", "Launchs", "Countrys", "Launch statuss"."""
    names = admin_names(librarian.get("/admin/").content.decode())
    assert name in names
    assert not [n for n in names if re.search(r"(ys|ss|chs|crafts)$", n)]


def test_a_launch_page_breadcrumb_reads_home_catalog_launches_and_the_launch(librarian, load):
    from conftest import LL2_FILES

    load(next(p for p in LL2_FILES if p.name == "launches.normal.json"))
    launch = Launch.objects.exclude(net=None).order_by("net").first()
    html = librarian.get(f"/admin/catalog/launch/{launch.pk}/change/").content.decode()
    crumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    text = [part.strip() for part in html_lib.unescape(re.sub(r"<[^>]+>", "", crumbs)).split("\u203a")]
    assert text == ["Home", "Catalog", "Launches", str(launch)]
