"""Every quotes and people page, feed and export runs the same number of
database queries for 1 row as for 50: no query per statement, person,
post, theme or finding."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Role
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

FILTERED = {
    "official": "count-main",
    "role": "dcs",
    "authority": "count-shire",
    "theme": ["count-theme-a", "count-theme-b"],
    "source": "press_release",
    "date_from": "2019",
    "date_to": "2020-12-31",
    "q": "words",
}


class World:
    def __init__(self):
        self.council = LocalAuthorityFactory(name="Countshire", slug="count-shire")
        self.themes = [
            ThemeFactory(name="Count theme A", slug="count-theme-a"),
            ThemeFactory(name="Count theme B", slug="count-theme-b"),
        ]
        self.inspection = InspectionFactory(
            authority=self.council, start_date=datetime.date(2019, 1, 7)
        )
        self.main = OfficialFactory(name="Main Speaker", slug="count-main")
        self.rows = 0

    def grow_to(self, n):
        """n statements by the main speaker and n other people, each with a
        post, themes and a finding on the same themes."""
        while self.rows < n:
            i = self.rows
            other_council = LocalAuthorityFactory()
            PostFactory(
                official=self.main,
                authority=other_council if i else self.council,
                role=Role.DCS,
                start_date=datetime.date(2018, 1, 1),
            )
            InspectionFactory(authority=other_council, start_date=datetime.date(2019, 3, 4))
            StatementFactory(
                official=self.main,
                text=f"Main speaker's words number {i}.",
                said_on=datetime.date(2019, 6, 1) + datetime.timedelta(days=i),
                inspection=self.inspection,
                themes=self.themes,
            )
            other = OfficialFactory()
            PostFactory(official=other, authority=self.council, role=Role.LEAD_MEMBER)
            StatementFactory(official=other, text=f"Other words {i}.", themes=self.themes)
            FindingFactory(inspection=self.inspection, themes=self.themes)
            self.rows += 1
        self.first_statement = self.main.statements.order_by("pk").first()


def count(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


PAGES = [
    ("quotes list", "/quotes/", {}),
    ("quotes list, every filter", "/quotes/", FILTERED),
    ("quotes list, search by relevance", "/quotes/", {"q": "words"}),
    ("quotes CSV", "/quotes/", {"format": "csv"}),
    ("quotes CSV, every filter", "/quotes/", {**FILTERED, "format": "csv"}),
    ("quotes JSON", "/quotes/", {"format": "json"}),
    ("quotes feed", "/quotes/feed/", {"theme": "count-theme-a"}),
    ("people list", "/people/", {}),
    ("person page", "/people/count-main/", {}),
]


@pytest.mark.parametrize(("name", "url", "params"), PAGES, ids=[p[0] for p in PAGES])
def test_queries_are_the_same_for_one_row_and_fifty(client, name, url, params):
    world = World()
    world.grow_to(1)
    one = count(client, url, params)
    world.grow_to(50)
    fifty = count(client, url, params)
    print(f"{name}: {one} queries for 1 row, {fifty} for 50")
    assert one == fifty
    if url == "/quotes/" and "format" not in params:
        # The filters really do match the rows counted.
        assert client.get(url, params).context["paginator"].count >= 50


def test_a_quote_page_does_not_grow_with_its_findings_or_themes(client):
    world = World()
    world.grow_to(1)
    url = world.first_statement.get_absolute_url()
    one = count(client, url)
    world.grow_to(50)
    fifty = count(client, url)
    print(f"quote permalink: {one} queries with 1 finding, {fifty} with 50")
    assert one == fifty
    response = client.get(url)
    assert len(response.context["findings"]) == 50
