"""The national table, filtered or not, and an authority's page with its
statistical neighbours make the same number of queries for 1 authority as
for 50: the latest outcome of each is a set of correlated subqueries, not a
query per row."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.choices import Area, Grade
from inspections.models import StatisticalNeighbour
from tests.factories import InspectionFactory, JudgementFactory, LocalAuthorityFactory

pytestmark = pytest.mark.django_db
GRADES = [Grade.GOOD, Grade.OUTSTANDING, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]


@pytest.fixture
def world():
    home = LocalAuthorityFactory(name="Countshire", slug="countshire")
    InspectionFactory(authority=home, overall_grade=Grade.GOOD)
    counter = itertools.count()

    def add(n):
        """n more authorities, each with two inspections and their
        judgements, each a neighbour of Countshire and listing it."""
        for _ in range(n):
            i = next(counter)
            authority = LocalAuthorityFactory(region="SE" if i % 2 else "NW")
            for grade in (GRADES[i % 4], GRADES[(i + 1) % 4]):
                inspection = InspectionFactory(authority=authority, overall_grade=grade)
                JudgementFactory(inspection=inspection, area=Area.HELP_AND_PROTECTION, grade=grade)
                JudgementFactory(inspection=inspection, area=Area.IMPACT_OF_LEADERS, grade=grade)
            StatisticalNeighbour.objects.create(authority=home, neighbour=authority, rank=i + 1)
            StatisticalNeighbour.objects.create(authority=authority, neighbour=home, rank=1)

    return add


PAGES = [
    ("national table", reverse("authority_list")),
    (
        "national table, filtered",
        reverse("authority_list")
        + "?region=NW&grade=good&grade=outstanding&area=help_and_protection&area_grade=outstanding",
    ),
    ("national table, bad filters", reverse("authority_list") + "?region=XX&grade=nope"),
    ("national table, JSON", reverse("authority_list") + "?format=json"),
    ("authority page", reverse("authority_detail", args=["countshire"])),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name, url", PAGES, ids=[name for name, _ in PAGES])
def test_queries_do_not_grow_with_authorities(client, world, name, url):
    world(1)
    with_one = count_queries(client, url)
    world(49)
    with_fifty = count_queries(client, url)
    assert with_one == with_fifty, f"{name}: {with_one} queries for 1 row, {with_fifty} for 50"
    assert with_fifty <= 8, f"{name} makes {with_fifty} queries"


def test_the_csv_export_is_one_query_per_chunk(client, world):
    world(50)
    assert count_queries(client, reverse("authority_list") + "?format=csv") == 1
