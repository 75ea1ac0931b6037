"""/inspections/feed/ is an Atom feed of published inspections, newest first,
honouring the list page's filters; /sitemap.xml lists every public page and
no draft."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.choices import Grade
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def records():
    authority = LocalAuthorityFactory(name="Feedshire", slug="feedshire")
    theme = ThemeFactory(name="Feed theme", slug="feed-theme")
    older = InspectionFactory(
        authority=authority,
        overall_grade=Grade.INADEQUATE,
        published_on=datetime.date(2019, 7, 15),
        summary="Older summary.",
    )
    newer = InspectionFactory(
        authority=authority, overall_grade=Grade.GOOD, published_on=datetime.date(2021, 2, 1)
    )
    draft = InspectionFactory(authority=authority, status=Status.DRAFT)
    FindingFactory(inspection=older, themes=[theme])
    speaker = OfficialFactory(slug="said-something")
    hidden = OfficialFactory(slug="not-yet-public", status=Status.DRAFT)
    statement = StatementFactory(official=speaker, inspection=older)
    draft_statement = StatementFactory(official=speaker, status=Status.DRAFT)
    StatementFactory(official=hidden)
    return {
        "older": older,
        "newer": newer,
        "draft": draft,
        "theme": theme,
        "authority": authority,
        "statement": statement,
        "draft_statement": draft_statement,
    }


def feed(client, **params):
    response = client.get(reverse("inspection_feed"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_links(root):
    return [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]


def test_the_feed_lists_published_inspections_newest_first(client, records):
    root = feed(client)
    assert entry_links(root) == [
        "http://testserver" + records["newer"].get_absolute_url(),
        "http://testserver" + records["older"].get_absolute_url(),
    ]
    first = root.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}title").text == ("Feedshire: ILACS standard inspection (Good)")
    assert first.find(f"{ATOM}published").text.startswith("2021-02-01")


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"judgement": "inadequate"}, ["older"]),
        ({"theme": "feed-theme"}, ["older"]),
        ({"date_from": "2020-01-01"}, ["newer"]),
        ({"authority": "feedshire", "judgement": "good"}, ["newer"]),
        ({"judgement": "outstanding"}, []),
    ],
)
def test_the_feed_honours_the_filters(client, records, params, expected):
    root = feed(client, **params)
    assert entry_links(root) == [
        "http://testserver" + records[name].get_absolute_url() for name in expected
    ]


def test_the_feed_links_back_to_the_same_filtered_list(client, records):
    root = feed(client, judgement="inadequate")
    alternate = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate[0].get("href") == "http://testserver/inspections/?judgement=inadequate"


def test_the_list_page_points_to_its_feed(client, records):
    html = client.get(reverse("inspection_list"), {"judgement": "good"}).content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/inspections/feed/?judgement=good"' in html


def test_the_sitemap_lists_every_public_page_and_no_draft(client, records):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    urls = {
        loc.text.removeprefix("http://testserver")
        for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")
    }
    expected = {
        reverse("home"),
        reverse("inspection_list"),
        reverse("finding_list"),
        reverse("theme_list"),
        reverse("authority_list"),
        records["older"].get_absolute_url(),
        records["newer"].get_absolute_url(),
        records["authority"].get_absolute_url(),
        records["theme"].get_absolute_url(),
        reverse("official_detail", args=["said-something"]),
        records["statement"].get_absolute_url(),
    }
    assert expected <= urls
    assert records["draft"].get_absolute_url() not in urls
    assert records["draft_statement"].get_absolute_url() not in urls
    assert reverse("official_detail", args=["not-yet-public"]) not in urls
    assert not any("not-yet-public" in url for url in urls)
    statement_urls = {url for url in urls if url.startswith("/quotes/")}
    assert statement_urls == {records["statement"].get_absolute_url()}
