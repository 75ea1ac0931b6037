"""Importing a report PDF writes a draft inspection with every finding the
parser read, matched to the right authority; re-importing updates that draft;
a published inspection or a bad file is refused and nothing is written."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.choices import Status
from inspections.choices import Area, Grade, Section
from inspections.importing.pdf.result import ReportError
from inspections.importing.report import ReportRefused, import_report
from inspections.models import Finding, Inspection, LocalAuthority, Theme
from tests import FIXTURES
from tests.inspections.test_report_parser_refuses_bad_files import one_line_pdf
from tests.reports import parsed as parsed_report

pytestmark = pytest.mark.django_db

REPORTS = FIXTURES / "reports"
FIXTURES = sorted(p.name for p in REPORTS.glob("*.pdf"))


def read(name):
    return (REPORTS / name).read_bytes()


def table_counts():
    return (Inspection.objects.count(), Finding.objects.count(), LocalAuthority.objects.count())


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_becomes_a_draft_with_every_finding(name):
    parsed = parsed_report(name)
    result = import_report(read(name), name)
    inspection = result.inspection
    assert inspection.status == Status.DRAFT
    assert not Inspection.objects.published().exists()
    assert inspection.findings.count() == len(parsed.findings)
    assert inspection.findings.exclude(paragraph_number=None).count() == len(
        [f for f in parsed.findings if f.number is not None]
    )
    assert dict(inspection.judgements.values_list("area", "grade")) == parsed.judgements
    assert inspection.overall_grade == parsed.overall_grade
    assert (inspection.start_date, inspection.end_date) == (parsed.start_date, parsed.end_date)
    assert inspection.lead_inspector == parsed.lead_inspector
    assert inspection.source_file == name


def test_the_authority_is_matched_whatever_the_report_calls_it():
    call_command("load_records", stdout=StringIO())
    wokingham = LocalAuthority.objects.get(slug="wokingham")
    # The 2023 report is headed "Wokingham Borough Council".
    result = import_report(read("wokingham-2023-05-09.pdf"), "wokingham-2023-05-09.pdf")
    assert result.inspection.authority == wokingham
    assert result.authority_created is False
    assert LocalAuthority.objects.count() == 1


def test_an_unknown_authority_is_created():
    result = import_report(read("harrow-2025-03-04.pdf"), "harrow.pdf")
    assert result.authority_created is True
    assert result.inspection.authority.name == "Harrow"


def test_importing_again_updates_the_draft_and_keeps_confirmed_themes():
    first = import_report(read("essex-2023-08-11.pdf"), "essex.pdf").inspection
    finding = first.findings.exclude(paragraph_number=None).first()
    theme = Theme.objects.get(slug="advocacy")
    finding.themes.add(theme)
    before = table_counts()
    again = import_report(read("essex-2023-08-11.pdf"), "essex.pdf")
    assert again.created is False
    assert again.inspection.pk == first.pk
    assert table_counts() == before
    assert theme in Finding.objects.get(pk=finding.pk).themes.all()


def test_a_published_inspection_is_not_overwritten():
    inspection = import_report(read("essex-2023-08-11.pdf"), "essex.pdf").inspection
    inspection.status = Status.PUBLISHED
    inspection.save()
    Finding.objects.filter(inspection=inspection).update(text="Edited by a publisher.")
    with pytest.raises(ReportRefused, match="already published") as refused:
        import_report(read("essex-2023-08-11.pdf"), "essex.pdf")
    assert refused.value.code == "published"
    assert set(inspection.findings.values_list("text", flat=True)) == {"Edited by a publisher."}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"GIF89a not a pdf", "not_pdf"),
        (read("bexley-2018-08-20.pdf")[:40000], "corrupt"),
        (one_line_pdf("Quarterly sales report for the garden centre"), "not_a_report"),
    ],
)
def test_a_bad_file_writes_nothing(data, code):
    with pytest.raises(ReportError) as refused:
        import_report(data, "upload.pdf")
    assert refused.value.code == code
    assert table_counts() == (0, 0, 0)


def test_themes_are_suggested_from_keywords_and_not_confirmed():
    result = import_report(read("wokingham-2019-07-15.pdf"), "wokingham-2019-07-15.pdf")
    paragraph_3 = result.inspection.findings.get(paragraph_number=3)
    # "... comprehensive checks are completed quickly by the MASH."
    assert "front-door" in paragraph_3.suggested_themes.values_list("slug", flat=True)
    assert paragraph_3.themes.count() == 0
    # Whole words only: "IRO" (independent reviewing officers) is not in "environment".
    texts = result.inspection.findings.filter(text__contains="environment")
    for finding in texts:
        if "IRO" not in finding.text.split():
            assert not finding.suggested_themes.filter(slug="independent-reviewing-officers")
    assert result.suggested > 0


def test_staff_edit_the_keyword_rules():
    Theme.objects.filter(slug="fostering").update(keywords="")
    Theme.objects.create(
        name="Emergency duty", slug="emergency-duty", keywords="emergency duty team"
    )
    result = import_report(read("wokingham-2019-07-15.pdf"), "wokingham-2019-07-15.pdf")
    paragraph_5 = result.inspection.findings.get(paragraph_number=5)
    assert "emergency-duty" in paragraph_5.suggested_themes.values_list("slug", flat=True)
    assert not Finding.objects.filter(suggested_themes__slug="fostering").exists()


def test_the_command_reports_each_file_and_a_summary(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 2 report"):
        call_command(
            "import_report",
            str(REPORTS / "bexley-2018-08-20.pdf"),
            str(junk),
            stdout=out,
            stderr=err,
        )
    assert "[1/2] bexley-2018-08-20.pdf: Created draft: Bexley" in out.getvalue()
    assert "[2/2] junk.pdf: not imported: This file is not a PDF" in err.getvalue()
    assert Inspection.objects.count() == 1


def test_the_2019_report_is_stored_with_its_grades_and_improvements():
    import_report(read("wokingham-2019-07-15.pdf"), "wokingham-2019-07-15.pdf")
    inspection = Inspection.objects.get()
    assert inspection.judgements.filter(
        area=Area.HELP_AND_PROTECTION, grade=Grade.REQUIRES_IMPROVEMENT
    ).exists()
    assert Finding.objects.filter(section=Section.WHAT_NEEDS_TO_IMPROVE).count() == 5
    assert Finding.objects.exclude(paragraph_number=None).count() == 56
