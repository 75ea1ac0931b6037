"""Every list shows each filter in use as a chip whose link removes just that
value (and one that removes them all), and every link a list makes (chips,
pages, exports, feeds) carries only the filters given a value: a form's
empty fields, the page number and the export format never leak into a
shared address."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from inspections.choices import Grade
from people.models import Role
from tests.factories import (
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    london = LocalAuthorityFactory(name="Chipham", slug="chipham", region="GL")
    ThemeFactory(name="Chip theme", slug="chip-theme")
    for _ in range(30):
        InspectionFactory(authority=london, overall_grade=Grade.GOOD)
    person = OfficialFactory(name="Casey Chip", slug="casey-chip")
    PostFactory(official=person, authority=london, role=Role.DCS, start_date=None)
    for _ in range(30):
        StatementFactory(official=person, inspection=None)


def links(html):
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]


def chips(html):
    """{accessible name: link} of each chip."""
    found = re.findall(
        r'<a href="([^"]*)" class="chosen-filter"><span class="visually-hidden">'
        r"Remove filter </span>(.*?) <span aria-hidden",
        html,
    )
    return {f"Remove filter {unescape(name)}": unescape(href) for href, name in found}


# Each list with filters given (and empty fields a form submits), the chip
# that removes one and the address left.
CASES = [
    (
        "inspection_list",
        "?q=&judgement=good&judgement=inadequate&region=GL&authority=&date_from=2019&sort=oldest",
        {
            "Remove filter Overall effectiveness: Good": (
                "?judgement=inadequate&region=GL&date_from=2019&sort=oldest"
            ),
            "Remove filter Overall effectiveness: Inadequate": (
                "?judgement=good&region=GL&date_from=2019&sort=oldest"
            ),
            "Remove filter Region: London": "?judgement=good&judgement=inadequate"
            "&date_from=2019&sort=oldest",
            "Remove filter Published from: 2019": "?judgement=good&judgement=inadequate"
            "&region=GL&sort=oldest",
        },
    ),
    (
        "finding_list",
        "?q=&theme=chip-theme&area=&kind=strength",
        {
            "Remove filter Theme: Chip theme": "?kind=strength",
            "Remove filter Strength or area for improvement: Strength": "?theme=chip-theme",
        },
    ),
    (
        "authority_list",
        "?q=chip&region=GL&type=&grade=good",
        {
            "Remove filter Local authority name: “chip”": "?region=GL&grade=good",
            "Remove filter Region: London": "?q=chip&grade=good",
            "Remove filter Latest overall effectiveness: Good": "?q=chip&region=GL",
        },
    ),
    (
        "statement_list",
        "?q=&official=casey-chip&role=dcs&date_from=&date_to=Dec+2030",
        {
            "Remove filter Person: Casey Chip": "?role=dcs&date_to=Dec+2030",
            "Remove filter Role held when it was said: Director of children's services": (
                "?official=casey-chip&date_to=Dec+2030"
            ),
            "Remove filter To: December 2030": "?official=casey-chip&role=dcs",
        },
    ),
    (
        "official_list",
        "?q=casey&authority=chipham&role=",
        {
            "Remove filter Name: “casey”": "?authority=chipham",
            "Remove filter Council: Chipham": "?q=casey",
        },
    ),
]


@pytest.mark.parametrize(("name", "query", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_filter_in_use_is_a_chip_that_removes_just_it(client, records, name, query, expected):
    path = reverse(name)
    response = client.get(path + query)
    assert response.status_code == 200
    assert not response.context["invalid"]
    html = response.content.decode()
    assert chips(html) == {label: path + rest for label, rest in expected.items()}
    assert (
        f'<a href="{path}" class="chosen-filter chosen-filter--all">Remove all filters</a>' in html
    )
    for url in chips(html).values():
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("name", "query", "expected"), CASES, ids=[c[0] for c in CASES])
def test_no_link_a_list_makes_carries_an_empty_field(client, records, name, query, expected):
    del expected
    response = client.get(reverse(name) + query + "&page=1")
    html = response.content.decode()
    made = [url for url in links(html) if "?" in url and not url.startswith("/static/")]
    assert made, "the page links to itself with its filters"
    for url in made:
        for pair in url.split("?", 1)[1].split("&"):
            key, _, value = pair.partition("=")
            assert value, f"{url} carries an empty {key}"


def test_pages_exports_and_feeds_carry_only_the_filters_given(client, records):
    response = client.get("/inspections/", {"q": "", "region": "GL", "authority": "", "page": "1"})
    html = response.content.decode()
    assert 'href="?region=GL&amp;page=2"' in html
    assert 'href="?region=GL&amp;format=csv"' in html
    assert 'href="?region=GL&amp;format=json"' in html
    assert 'href="/inspections/feed/?region=GL"' in html
    response = client.get("/quotes/", {"q": "", "official": "casey-chip", "date_from": ""})
    html = response.content.decode()
    assert 'href="/quotes/?official=casey-chip&amp;format=csv"' in html
    assert 'href="/quotes/feed/?official=casey-chip"' in html
    assert 'href="?official=casey-chip&amp;page=2"' in html
    data = json.loads(
        client.get("/quotes/", {"format": "json", "q": "", "page_size": "10"}).content
    )
    assert data["next"] == "http://testserver/quotes/?format=json&page_size=10&page=2"


def test_without_filters_there_are_no_chips_and_links_carry_nothing(client, records):
    html = client.get("/inspections/").content.decode()
    assert "chosen-filter" not in html
    assert 'href="/inspections/feed/"' in html
    assert 'href="?format=csv"' in html
    assert 'href="?page=2"' in html


def test_no_chips_while_a_filter_is_not_valid(client, records):
    html = client.get("/inspections/", {"region": "GL", "judgement": "awful"}).content.decode()
    assert "There is a problem with the filters" in html
    assert "chosen-filter" not in html


def test_the_feed_links_back_to_the_list_without_empty_fields(client, records):
    body = client.get("/inspections/feed/", {"q": "", "region": "GL"}).content.decode()
    assert 'href="http://testserver/inspections/?region=GL"' in body
    body = client.get("/quotes/feed/", {"q": "", "official": "casey-chip"}).content.decode()
    assert 'href="http://testserver/quotes/?official=casey-chip"' in body
