"""The outcomes import (the one import that stores a link) keeps only web
links, http or https: a ``javascript:`` or ``data:`` report link is dropped
with a note, the row's grades and dates imported, and the public page shows
no link; a web link is kept and shown.

The row is kept rather than skipped: its grades and dates are the record and
the link an extra, as a grade that cannot be read is kept as not known."""

import pytest

from inspections.importing.csv import import_authorities, import_outcomes
from inspections.models import Inspection
from tests import FIXTURES
from tests.inspections.test_outcome_and_authority_imports import outcome_row

pytestmark = pytest.mark.django_db

AUTHORITIES = (FIXTURES / "data" / "local-authorities.csv").read_bytes()


def barnsley(link):
    import_authorities(AUTHORITIES, "la.csv")
    return import_outcomes(
        outcome_row(
            urn="80426",
            inspection_link=link,
            overall_effectiveness_grade="good",
            inspection_framework="short",
            inspection_start_date="11/09/2023",
            inspection_end_date="15/09/2023",
            publication_date="27/10/23",
        ),
        "outcomes.csv",
    )


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "//evil.example/report",
        "files.ofsted.gov.uk/v1/file/50231520",
    ],
)
def test_a_link_that_is_not_a_web_address_is_dropped_with_a_note(client, link):
    report = barnsley(link)
    assert (report.created, report.skipped) == (1, [])
    inspection = Inspection.objects.get()
    assert inspection.report_url == ""
    assert inspection.overall_grade == "good"
    notes = [note for _, note in report.notes if "report link" in note]
    assert len(notes) == 1
    assert notes[0].startswith("Barnsley: report link “")
    assert notes[0].endswith("” is not a web address; imported without it")
    page = client.get(inspection.get_absolute_url())
    assert page.status_code == 200
    assert link not in page.text
    assert "javascript:" not in page.text.lower()


def test_a_very_long_bad_link_is_shortened_in_the_note():
    report = barnsley("javascript:" + "x" * 500)
    [note] = [note for _, note in report.notes if "report link" in note]
    assert "“javascript:" + "x" * 48 + "…”" in note


@pytest.mark.parametrize(
    "link",
    ["https://files.ofsted.gov.uk/v1/file/50231520", "http://files.ofsted.gov.uk/v1/file/1"],
)
def test_a_web_link_is_kept_and_shown(client, link):
    report = barnsley(link)
    assert not [note for _, note in report.notes if "report link" in note]
    inspection = Inspection.objects.get()
    assert inspection.report_url == link
    assert f'href="{link}"' in client.get(inspection.get_absolute_url()).text
