"""/inspections/<slug>/ shows the whole report: its facts, grades, summary,
every finding grouped by report section in report order with its own
permalink, the statements responding to it, what Ofsted and the council said
on each theme side by side, and the authority's previous and next
inspections."""

import datetime
import re

import pytest

from core.choices import Status
from inspections.choices import Area, FindingKind, Grade, Section
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    JudgementFactory,
    LocalAuthorityFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    authority = LocalAuthorityFactory(name="Reportshire", slug="reportshire")
    said_and_found = ThemeFactory(name="Said and found", slug="said-and-found")
    only_found = ThemeFactory(name="Only found", slug="only-found")
    only_said = ThemeFactory(name="Only said", slug="only-said")
    inspection = InspectionFactory(
        authority=authority,
        start_date=datetime.date(2019, 6, 3),
        end_date=datetime.date(2019, 6, 14),
        published_on=datetime.date(2019, 7, 15),
        lead_inspector="Sam Inspector",
        overall_grade=Grade.REQUIRES_IMPROVEMENT,
        report_url="https://example.org/report.pdf",
        summary="First summary paragraph.\n\nSecond summary paragraph.",
    )
    JudgementFactory(inspection=inspection, area=Area.IMPACT_OF_LEADERS, grade=Grade.GOOD)
    JudgementFactory(inspection=inspection, area=Area.HELP_AND_PROTECTION, grade=Grade.INADEQUATE)
    # Created out of report order: the page must put them back in order.
    findings = {
        "leaders": FindingFactory(
            inspection=inspection,
            section=Section.IMPACT_OF_LEADERS,
            paragraph_number=42,
            order=142,
            text="Leaders know their services well.",
            kind=FindingKind.STRENGTH,
            themes=[said_and_found],
        ),
        "help_later": FindingFactory(
            inspection=inspection,
            section=Section.HELP_AND_PROTECTION,
            paragraph_number=5,
            order=105,
            text="Return home interviews are prompt.",
            themes=[only_found],
        ),
        "help_first": FindingFactory(
            inspection=inspection,
            section=Section.HELP_AND_PROTECTION,
            paragraph_number=3,
            order=103,
            text="The front door is effective.",
            themes=[said_and_found],
        ),
        "improve": FindingFactory(
            inspection=inspection,
            section=Section.WHAT_NEEDS_TO_IMPROVE,
            paragraph_number=None,
            order=1,
            text="The quality of plans.",
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
        ),
    }
    # A theme only suggested by keyword rules is not public.
    findings["improve"].suggested_themes.set([said_and_found])
    statements = {
        "on_both": StatementFactory(
            inspection=inspection, text="We agree with the findings.", themes=[said_and_found]
        ),
        "on_own": StatementFactory(
            inspection=inspection, text="We have our own view.", themes=[only_said]
        ),
        "draft": StatementFactory(
            inspection=inspection,
            text="Not yet public.",
            themes=[said_and_found],
            status=Status.DRAFT,
        ),
    }
    return {"inspection": inspection, "findings": findings, "statements": statements}


def page(client, report):
    response = client.get(report["inspection"].get_absolute_url())
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_facts_grades_and_summary(client, report):
    _, html = page(client, report)
    assert "<h1>ILACS standard inspection, June 2019</h1>" in html
    assert '<a href="/authorities/reportshire/">Reportshire</a>' in html
    assert '3 June 2019</time> to <time datetime="2019-06-14">14 June 2019' in html
    assert '<time datetime="2019-07-15">15 July 2019</time>' in html
    assert "Sam Inspector" in html
    assert 'href="https://example.org/report.pdf"' in html
    grades = re.search(r"<table>.*?</table>", html, re.S).group(0)
    assert '<th scope="col">Judgement area</th>' in grades
    assert "The impact of leaders on social work practice with children and families" in grades
    assert '<strong class="tag tag--inadequate">Inadequate</strong>' in grades
    assert "<p>First summary paragraph.</p>" in html
    assert "<p>Second summary paragraph.</p>" in html


def test_findings_are_grouped_by_section_in_report_order(client, report):
    _, html = page(client, report)
    positions = [
        html.index(text)
        for text in (
            '<h2 id="section-improve">What needs to improve</h2>',
            "The quality of plans.",
            '<h2 id="section-help_and_protection">',
            "The front door is effective.",
            "Return home interviews are prompt.",
            '<h2 id="section-impact_of_leaders">',
            "Leaders know their services well.",
        )
    ]
    assert positions == sorted(positions)


def test_every_finding_has_its_own_permalink(client, report):
    _, html = page(client, report)
    url = report["inspection"].get_absolute_url()
    assert '<div class="finding" id="paragraph-3">' in html
    assert f'<a href="{url}#paragraph-3">Link to paragraph 3</a>' in html
    unnumbered = report["findings"]["improve"]
    assert f'<div class="finding" id="finding-{unnumbered.pk}">' in html
    assert f'href="{url}#finding-{unnumbered.pk}"' in html
    assert '<span class="finding__number">Paragraph 42</span>' in html
    assert "Area for improvement" in html


def test_theme_tags_are_the_confirmed_themes_only(client, report):
    response, html = page(client, report)
    improve = re.search(r'id="finding-\d+">.*?</div>', html, re.S).group(0)
    assert "Said and found" not in improve  # only suggested
    first = re.search(r'id="paragraph-3">.*?</div>', html, re.S).group(0)
    assert '<a href="/themes/said-and-found/">Said and found</a>' in first


def test_the_published_statements_responding_to_it(client, report):
    response, html = page(client, report)
    assert [s.text for s in response.context["statements"]] == [
        "We agree with the findings.",
        "We have our own view.",
    ]
    assert "Not yet public." not in html


def test_ofsted_said_and_the_council_said_side_by_side(client, report):
    response, html = page(client, report)
    rows = {
        row["theme"].slug: (
            [f.text for f in row["findings"]],
            [s.text for s in row["statements"]],
        )
        for row in response.context["compared"]
    }
    assert rows == {
        "said-and-found": (
            ["The front door is effective.", "Leaders know their services well."],
            ["We agree with the findings."],
        ),
        "only-said": ([], ["We have our own view."]),
    }
    section = html[html.index('id="ofsted-and-council"') :]
    assert '<div class="side-by-side">' in section
    assert "No finding in this report is tagged with this theme." in section


def test_previous_and_next_inspections_of_the_authority_skip_drafts(client, report):
    authority = report["inspection"].authority
    earlier = InspectionFactory(
        authority=authority,
        kind="focused_visit",
        start_date=datetime.date(2018, 10, 1),
        end_date=None,
        published_on=datetime.date(2018, 11, 1),
    )
    InspectionFactory(
        authority=authority, published_on=datetime.date(2020, 1, 1), status=Status.DRAFT
    )
    later = InspectionFactory(authority=authority, published_on=datetime.date(2022, 3, 1))
    InspectionFactory(published_on=datetime.date(2020, 6, 1))  # another authority's
    response, html = page(client, report)
    assert response.context["previous_inspection"] == earlier
    assert response.context["next_inspection"] == later
    assert f'href="{earlier.get_absolute_url()}" rel="prev"' in html
    assert f'href="{later.get_absolute_url()}" rel="next"' in html


def test_an_unreported_visit_says_what_is_missing(client):
    visit = InspectionFactory(kind="focused_visit", overall_grade="", summary="", report_url="")
    html = client.get(visit.get_absolute_url()).content.decode()
    assert '<span class="tag tag--none">Not graded</span>' in html
    assert "No findings from this report have been recorded yet." in html
    assert "No published statement responds to this inspection yet." in html
    assert "No link recorded yet" in html


def test_each_section_appears_once_even_if_the_recorded_order_interleaves(client, report):
    FindingFactory(
        inspection=report["inspection"],
        section=Section.WHAT_NEEDS_TO_IMPROVE,
        paragraph_number=None,
        order=200,
        text="A late addition to what needs to improve.",
    )
    _, html = page(client, report)
    assert html.count('<h2 id="section-improve">') == 1
    start = html.index('<h2 id="section-improve">')
    improve = html[start : html.index("</section>", start)]
    assert "A late addition to what needs to improve." in improve
