"""/inspections/ and /findings/ with format=csv or format=json give every
row the filters allow (published only), with absolute permalinks; a bad
filter is a 400 that says why."""

import csv
import io
import json

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.choices import Area, Grade, Section
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    JudgementFactory,
    LocalAuthorityFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    authority = LocalAuthorityFactory(name="Exportshire", slug="exportshire")
    theme = ThemeFactory(name="Export theme", slug="export-theme")
    good = InspectionFactory(authority=authority, overall_grade=Grade.GOOD)
    poor = InspectionFactory(authority=authority, overall_grade=Grade.INADEQUATE)
    draft = InspectionFactory(authority=authority, status=Status.DRAFT)
    JudgementFactory(inspection=poor, area=Area.HELP_AND_PROTECTION, grade=Grade.INADEQUATE)
    FindingFactory(
        inspection=poor,
        section=Section.HELP_AND_PROTECTION,
        paragraph_number=7,
        themes=[theme],
        text="=cmd| a finding that looks like a formula",
    )
    FindingFactory(inspection=good, text="A finding with no theme.")
    FindingFactory(inspection=draft, themes=[theme], text="A draft finding.")
    return {"good": good, "poor": poor}


def test_inspections_as_json_honour_the_filters(client, records):
    response = client.get(reverse("inspection_list"), {"judgement": "inadequate", "format": "json"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["count"] == 1
    row = data["results"][0]
    assert row["url"] == "http://testserver" + records["poor"].get_absolute_url()
    assert row["overall_effectiveness"] == "Inadequate"
    assert row["judgements"] == [
        "The experiences and progress of children who need help and protection: Inadequate"
    ]
    assert row["findings_recorded"] == 1


def test_findings_as_csv_are_published_only_and_safe_in_a_spreadsheet(client, records):
    response = client.get(reverse("finding_list"), {"theme": "export-theme", "format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["url"].endswith(records["poor"].get_absolute_url() + "#paragraph-7")
    assert rows[0]["area_grade"] == "Inadequate"
    assert rows[0]["themes"] == "Export theme"
    assert rows[0]["text"].startswith("'=cmd|")


def test_a_bad_filter_in_an_export_is_a_400_that_says_why(client, records):
    response = client.get(reverse("finding_list"), {"theme": "nope", "format": "json"})
    assert response.status_code == 400
    assert "There is no theme called “nope”" in json.loads(response.content)["errors"]["theme"][0]


def test_the_list_pages_link_to_their_exports(client, records):
    html = client.get(reverse("inspection_list"), {"judgement": "good"}).content.decode()
    assert 'href="?judgement=good&amp;format=csv"' in html
    assert 'href="?judgement=good&amp;format=json"' in html
