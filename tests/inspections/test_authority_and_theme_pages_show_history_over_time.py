"""An authority's page shows its inspection history as a server-drawn,
accessible chart of grades with the same data in a table, its officials and
their statements; a theme's page shows its findings and statements by year."""

import datetime
import re

import pytest

from core.choices import DatePrecision
from inspections.charts import grade_timeline
from inspections.choices import Grade, InspectionKind
from inspections.models import Inspection
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


@pytest.fixture
def authority():
    authority = LocalAuthorityFactory(name="Chartshire", slug="chartshire")
    InspectionFactory(
        authority=authority,
        kind=InspectionKind.SIF,
        overall_grade=Grade.INADEQUATE,
        start_date=datetime.date(2016, 1, 1),
        end_date=None,
        dates_precision=DatePrecision.MONTH,
        published_on=datetime.date(2016, 3, 1),
        published_precision=DatePrecision.MONTH,
    )
    InspectionFactory(
        authority=authority,
        kind=InspectionKind.FOCUSED_VISIT,
        overall_grade="",
        published_on=datetime.date(2018, 11, 20),
    )
    InspectionFactory(
        authority=authority, overall_grade=Grade.GOOD, published_on=datetime.date(2021, 7, 1)
    )
    return authority


def test_the_chart_places_each_inspection_by_date_and_grade(authority):
    inspections = list(authority.inspections.published().oldest_first())
    chart = grade_timeline(authority, inspections)
    rows = {row.label: row.y for row in chart.rows}
    assert list(rows) == [
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
        "Not graded",
    ]
    xs = [mark.x for mark in chart.marks]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert all(chart.plot_left <= x <= chart.plot_right for x in xs)
    assert [(m.grade, m.y) for m in chart.marks] == [
        ("inadequate", rows["Inadequate"]),
        ("none", rows["Not graded"]),
        ("good", rows["Good"]),
    ]
    # Dates only as precise as the source: a month-precise date shows no day.
    assert [m.label for m in chart.marks] == ["Mar 2016", "Nov 2018", "Jul 2021"]
    assert [t.label for t in chart.ticks] == [str(y) for y in range(2016, 2023)]
    assert chart.description == (
        "Single inspection framework (before 2018), published March 2016: Inadequate. "
        "Focused visit, published 20 November 2018: not graded. "
        "ILACS standard inspection, published 1 July 2021: Good."
    )


def test_no_chart_without_a_dated_inspection():
    authority = LocalAuthorityFactory()
    InspectionFactory(authority=authority, start_date=None, end_date=None, published_on=None)
    assert grade_timeline(authority, list(Inspection.objects.all())) is None


def test_the_authority_page_shows_the_chart_and_the_same_data_as_a_table(client, authority):
    html = client.get(authority.get_absolute_url()).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-title chart-desc"' in svg
    assert '<title id="chart-title">Overall effectiveness of Chartshire’s inspections' in svg
    assert "Focused visit, published 20 November 2018: not graded." in svg
    assert svg.count("<circle") == 3
    table = html[html.index("</svg>") :]
    table = re.search(r"<table>.*?</table>", table, re.S).group(0)
    assert table.count("<tr>") == 4  # a header row and one per inspection
    for words in ("Inadequate", "Not graded", "Good", "March 2016", "20 November 2018"):
        assert words in table


def test_the_authority_page_shows_its_officials_and_their_statements(client, authority):
    head = OfficialFactory(name="Robin Example", slug="robin-example")
    elsewhere = OfficialFactory(name="Kim Elsewhere", slug="kim-elsewhere")
    PostFactory(official=head, authority=authority, title="Director of children's services")
    PostFactory(official=elsewhere)
    inspection = authority.inspections.get(overall_grade=Grade.GOOD)
    StatementFactory(official=head, inspection=inspection, text="We are proud of our staff.")
    StatementFactory(official=head, text="A general remark.")
    StatementFactory(official=elsewhere, text="About another council.")
    response = client.get(authority.get_absolute_url())
    html = response.content.decode()
    assert '<a href="/people/robin-example/">Robin Example</a>' in html
    assert "Kim Elsewhere" not in html
    # Newest first; both were said on the same day, so the later record first.
    assert [s.text for s in response.context["statements"]] == [
        "A general remark.",
        "We are proud of our staff.",
    ]
    assert "About another council." not in html


def test_the_theme_page_shows_findings_and_statements_by_year(client):
    theme = ThemeFactory(name="Yearly theme", slug="yearly-theme")
    for year in (2019, 2019, 2021):
        FindingFactory(
            inspection=InspectionFactory(published_on=datetime.date(year, 5, 1)), themes=[theme]
        )
    StatementFactory(said_on=datetime.date(2020, 1, 1), themes=[theme])
    response = client.get(theme.get_absolute_url())
    assert response.context["years"] == [(2019, 2, 0), (2020, 0, 1), (2021, 1, 0)]
    html = response.content.decode()
    assert "<h1>Yearly theme</h1>" in html
    assert "3 published findings on this theme" in html
    assert "1 published statement on this theme" in html
    assert 'href="/findings/?theme=yearly-theme"' in html


def test_the_theme_list_counts_each_themes_findings_and_statements(client):
    theme = ThemeFactory(name="Counted theme", slug="counted-theme")
    FindingFactory.create_batch(2, themes=[theme])
    StatementFactory(themes=[theme])
    themes = {t.slug: t for t in client.get("/themes/").context["themes"]}
    assert (themes["counted-theme"].finding_count, themes["counted-theme"].statement_count) == (
        2,
        1,
    )
