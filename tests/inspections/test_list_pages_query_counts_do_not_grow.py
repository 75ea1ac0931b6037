"""Every public page makes the same number of database queries for 1 row as
for 50: related rows come by select_related / prefetch_related, counts by
annotation, and facet counts by one aggregate query per facet."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.choices import Area, Grade, Section
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    JudgementFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

FILTERS = "?judgement=good&theme=count-a&theme=count-b&date_from=2000-01-01&region=SE"
counter = itertools.count()


@pytest.fixture
def world():
    themes = [
        ThemeFactory(name="Count A", slug="count-a"),
        ThemeFactory(name="Count B", slug="count-b"),
    ]
    home = LocalAuthorityFactory(name="Countshire", slug="countshire")
    official = OfficialFactory()
    PostFactory(official=official, authority=home)
    report = InspectionFactory(authority=home, slug="the-report")

    def add(n):
        """n more rows on every page: inspections (half of them Countshire's,
        half each with a new authority), each with judgements, findings and
        a statement; and n more findings and statements on the one report."""
        for _ in range(n):
            i = next(counter)
            authority = home if i % 2 == 0 else LocalAuthorityFactory()
            inspection = InspectionFactory(authority=authority, overall_grade=Grade.GOOD)
            JudgementFactory(inspection=inspection, area=Area.IMPACT_OF_LEADERS)
            JudgementFactory(inspection=inspection, area=Area.HELP_AND_PROTECTION)
            FindingFactory(inspection=inspection, themes=themes)
            FindingFactory(inspection=inspection, themes=themes[:1])
            StatementFactory(official=official, inspection=inspection, themes=themes)
            FindingFactory(
                inspection=report,
                section=Section.HELP_AND_PROTECTION if i % 2 else Section.IMPACT_OF_LEADERS,
                themes=themes,
            )
            StatementFactory(official=official, inspection=report, themes=themes)

    return add


PAGES = [
    ("home", reverse("home")),
    ("inspection list", reverse("inspection_list")),
    ("inspection list, filtered", reverse("inspection_list") + FILTERS),
    ("inspection list, page 2", reverse("inspection_list") + "?page=2"),
    ("inspection list, bad filters", reverse("inspection_list") + "?date_from=x&theme=nope"),
    ("report page", reverse("inspection_detail", args=["the-report"])),
    ("finding list", reverse("finding_list")),
    ("finding list, filtered", reverse("finding_list") + "?theme=count-a&area_grade=good"),
    ("theme list", reverse("theme_list")),
    ("theme page", reverse("theme_detail", args=["count-a"])),
    ("authority list", reverse("authority_list")),
    ("authority page", reverse("authority_detail", args=["countshire"])),
    ("inspection feed", reverse("inspection_feed") + "?theme=count-a"),
    ("sitemap", reverse("sitemap")),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name, url", PAGES, ids=[name for name, _ in PAGES])
def test_queries_do_not_grow_with_rows(client, world, name, url):
    world(1)
    with_one = count_queries(client, url)
    world(49)
    with_fifty = count_queries(client, url)
    assert with_one == with_fifty, f"{name}: {with_one} queries for 1 row, {with_fifty} for 50"
    # Page 2 exists only with 50 rows; page 1 is shown for 1 row, same queries.
    assert with_fifty <= 12, f"{name} makes {with_fifty} queries"
