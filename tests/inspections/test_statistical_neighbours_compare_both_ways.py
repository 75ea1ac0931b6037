"""An authority's page sets it beside its statistical neighbours: their
latest grades and dates, closest first, how many fared better, the same or
worse (by GRADE_RANK, "not known" and ungraded apart), and which authorities
list it as their neighbour. The links resolve both ways on the pages."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command

from inspections.choices import GRADE_RANK, Grade
from inspections.models import LocalAuthority, StatisticalNeighbour
from tests.factories import InspectionFactory, LocalAuthorityFactory

pytestmark = pytest.mark.django_db


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def neighbours_section(response):
    html = response.content.decode()
    start = html.index('id="statistical-neighbours"')
    return html[start : html.index('id="officials"')]


def test_wokingham_and_its_neighbours_resolve_both_ways(client):
    call_command(
        "import_authorities", "tests/fixtures/data/local-authorities.csv", stdout=StringIO()
    )
    call_command(
        "import_outcomes", "tests/fixtures/data/ilacs-latest-outcomes.csv", stdout=StringIO()
    )
    wokingham = LocalAuthority.objects.get(name="Wokingham")
    response = client.get(wokingham.get_absolute_url())
    assert response.status_code == 200

    neighbours = response.context["neighbours"]
    assert [n.rank for n in neighbours] == list(range(1, 11))
    assert [n.name for n in neighbours[:3]] == [
        "Windsor and Maidenhead",
        "Surrey",
        "Buckinghamshire",
    ]
    expected = list(
        StatisticalNeighbour.objects.filter(authority=wokingham)
        .order_by("rank")
        .values_list("neighbour__name", flat=True)
    )
    assert [n.name for n in neighbours] == expected
    section = neighbours_section(response)
    rows = re.findall(
        r'<tr>\s*<td class="numeric">(\d+)</td>\s*'
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a>',
        section,
    )
    assert [(int(rank), name) for rank, _, name in rows] == list(enumerate(expected, 1))

    # Better, the same, worse: counted again from each neighbour's latest
    # inspection.
    def latest_grade(authority):
        latest = authority.inspections.published().exclude(overall_grade="").newest_first().first()
        return latest.overall_grade if latest else ""

    own = GRADE_RANK[latest_grade(wokingham)]
    theirs = [GRADE_RANK.get(latest_grade(n)) for n in neighbours]
    better = sum(1 for r in theirs if r is not None and r < own)
    same = sum(1 for r in theirs if r == own)
    worse = sum(1 for r in theirs if r is not None and r > own)
    assert better + same + worse == 10
    assert (
        f"Of its 10 statistical neighbours, {better} were graded better, {same} the same and "
        f"{worse} worse at their latest inspection." in text_of(section)
    )
    assert (better, same, worse) == (8, 2, 0)

    # Who lists Wokingham: the reverse relation.
    assert [a.name for a in response.context["listed_by"]] == [
        "Isles of Scilly",
        "Richmond upon Thames",
        "Surrey",
        "Windsor and Maidenhead",
    ]
    assert (
        "Also listed as a neighbour by: Isles of Scilly, Richmond upon Thames, Surrey, "
        "Windsor and Maidenhead." in text_of(section).replace(" ,", ",").replace(" .", ".")
    )

    # Both ways: Windsor and Maidenhead lists Wokingham, so its page links to
    # Wokingham as a neighbour; Isles of Scilly lists Wokingham though
    # Wokingham does not list it, so Wokingham's page says so and the Isles'
    # page shows Wokingham among its neighbours.
    for name in ["Windsor and Maidenhead", "Isles of Scilly", "Surrey"]:
        other = LocalAuthority.objects.get(name=name)
        other_page = client.get(other.get_absolute_url())
        assert "Wokingham" in [n.name for n in other_page.context["neighbours"]]
        assert f'<a href="{wokingham.get_absolute_url()}">Wokingham</a>' in neighbours_section(
            other_page
        )
    # And every neighbour Wokingham lists says, on its own page, that
    # Wokingham lists it.
    for neighbour in neighbours:
        page = client.get(neighbour.get_absolute_url())
        assert "Wokingham" in [a.name for a in page.context["listed_by"]]


def test_not_known_and_ungraded_neighbours_are_counted_apart(client):
    home = LocalAuthorityFactory(name="Homeshire", slug="homeshire")
    InspectionFactory(authority=home, overall_grade=Grade.GOOD)
    grades = [
        Grade.OUTSTANDING,
        Grade.GOOD,
        Grade.GOOD,
        Grade.REQUIRES_IMPROVEMENT,
        Grade.INADEQUATE,
        Grade.UNKNOWN,
        None,
    ]
    for rank, grade in enumerate(grades, 1):
        neighbour = LocalAuthorityFactory(name=f"Near {rank}")
        if grade:
            InspectionFactory(
                authority=neighbour, overall_grade=grade, published_on=datetime.date(2024, 1, rank)
            )
        StatisticalNeighbour.objects.create(authority=home, neighbour=neighbour, rank=rank)
    response = client.get(home.get_absolute_url())
    assert response.context["compared"] == {
        "better": 1,
        "same": 2,
        "worse": 2,
        "not_comparable": 2,
        "total": 7,
        "comparable": True,
    }
    assert (
        "Of its 7 statistical neighbours, 1 was graded better, 2 the same and 2 worse at their "
        "latest inspection; 2 have no grade to compare." in text_of(neighbours_section(response))
    )
    assert "No other authority lists Homeshire as a statistical neighbour." in text_of(
        neighbours_section(response)
    )

    # An authority with no grade of its own is not compared.
    response = client.get(LocalAuthority.objects.get(name="Near 7").get_absolute_url())
    assert "Also listed as a neighbour by: Homeshire" in text_of(neighbours_section(response))
    assert "No statistical neighbours recorded for Near 7." in text_of(neighbours_section(response))
