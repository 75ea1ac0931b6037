"""A report PDF whose lead inspector or authority name, as read, is longer
than its field holds is refused with a clear message and writes nothing (on
PostgreSQL the import failed, a 500 in the admin); a value at the limit is
stored whole. NUL characters in a PDF's text, which PostgreSQL cannot store,
are dropped from the lines read."""

import dataclasses

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.importing import report
from inspections.importing.pdf.text import read_pages
from inspections.importing.report import ReportRefused, import_report
from inspections.models import Inspection, LocalAuthority
from tests import FIXTURES
from tests.inspections.test_report_parser_refuses_bad_files import one_line_pdf
from tests.reports import parsed as parsed_report

pytestmark = pytest.mark.django_db

NAME = "wokingham-2019-07-15.pdf"
DATA = (FIXTURES / "reports" / NAME).read_bytes()


def reading_as(monkeypatch, **changes):
    """Make the import read the real report with ``changes`` to what was read."""
    parsed = dataclasses.replace(parsed_report(NAME), **changes)
    monkeypatch.setattr(report, "parse_report", lambda data: parsed)


@pytest.mark.parametrize(
    ("changes", "what", "limit"),
    [
        ({"lead_inspector": "N" * 101}, "lead inspector", 100),
        ({"authority_name": "W" * 101}, "local authority name", 100),
        # "Borough Council" is left out of the short name, not of the full one.
        ({"authority_name": "Anytown" + " Borough Council" * 10}, "local authority name", 150),
    ],
)
def test_a_value_too_long_for_its_field_is_refused_and_nothing_written(
    monkeypatch, changes, what, limit
):
    reading_as(monkeypatch, **changes)
    with pytest.raises(ReportRefused) as refused:
        import_report(DATA, NAME)
    assert refused.value.code == "too_long"
    assert refused.value.message == (
        f"The report's {what} as read is longer than {limit} characters, so it cannot be "
        "stored; this is not a report as Ofsted publishes them."
    )
    assert not Inspection.objects.exists()
    assert not LocalAuthority.objects.exists()


def test_values_at_the_limit_are_stored_whole(monkeypatch):
    reading_as(monkeypatch, lead_inspector="N" * 100, authority_name="W" * 100)
    inspection = import_report(DATA, NAME).inspection
    assert inspection.lead_inspector == "N" * 100
    assert inspection.authority.name == "W" + "w" * 99
    assert inspection.authority.official_name == "W" * 100


def test_the_admin_shows_the_refusal(monkeypatch, editor_client):
    reading_as(monkeypatch, lead_inspector="N" * 101)
    response = editor_client.post(
        reverse("admin:inspections_inspection_import_report"),
        {"file": SimpleUploadedFile(NAME, DATA, content_type="application/pdf")},
    )
    assert response.status_code == 200
    assert "lead inspector as read is longer than 100 characters" in response.text
    assert not Inspection.objects.exists()


def test_nul_characters_are_dropped_from_the_text_and_the_rest_kept():
    pages = read_pages(one_line_pdf("Quarterly\\000sales report"))
    assert [line.text for page in pages for line in page] == ["Quarterlysales report"]
