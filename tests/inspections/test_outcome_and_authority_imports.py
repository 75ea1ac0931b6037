"""The two real CSV files import with the counts checked by hand, every messy
row class has its expected outcome, a second run changes nothing, and a file
that cannot be read writes nothing."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.choices import Status
from inspections.choices import Area, Grade, InspectionKind
from inspections.importing.csv import ImportFileError, import_authorities, import_outcomes
from inspections.models import Inspection, Judgement, LocalAuthority, StatisticalNeighbour
from tests import FIXTURES

pytestmark = pytest.mark.django_db

DATA = FIXTURES / "data"
AUTHORITIES = (DATA / "local-authorities.csv").read_bytes()
OUTCOMES = (DATA / "ilacs-latest-outcomes.csv").read_bytes()
HEADER = (DATA / "ilacs-latest-outcomes.csv").read_text(encoding="utf-8").splitlines()[0]


def import_both():
    return (
        import_authorities(AUTHORITIES, "local-authorities.csv"),
        import_outcomes(OUTCOMES, "ilacs-latest-outcomes.csv"),
    )


def outcome_row(**cells):
    """One outcomes row built on the header, for the messy cases."""
    defaults = dict.fromkeys(HEADER.split(","), "")
    defaults.update(cells)
    values = [f'"{v}"' if "," in v else v for v in defaults.values()]
    return (HEADER + "\n" + ",".join(values) + "\n").encode("utf-8")


def test_the_reference_list_imports_156_authorities_with_their_neighbours():
    report = import_authorities(AUTHORITIES, "local-authorities.csv")
    # Counted by hand: 156 data rows, every one with a URN and LA code.
    assert (report.rows, report.created, report.updated, report.skipped) == (156, 156, 0, [])
    assert LocalAuthority.objects.count() == 156
    # Cumbria ("NotKnown") and Medway (blank) have no region code; both
    # take the region the same row names.
    assert sorted(note for _, note in report.notes) == [
        "Cumbria: region code “NotKnown”; region taken from its name",
        "Medway: region code “None”; region taken from its name",
    ]
    assert LocalAuthority.objects.get(name="Medway").region == "SE"
    # 153 authorities list ten neighbours each; the three that no longer
    # exist (Cumbria, Northamptonshire, Poole) list none.
    assert StatisticalNeighbour.objects.count() == 1530


def test_the_outcomes_file_imports_153_inspections_with_the_grades_it_gives():
    authorities, outcomes = import_both()
    assert (outcomes.rows, outcomes.created, outcomes.skipped) == (153, 153, [])
    grades = Counter(Inspection.objects.values_list("overall_grade", flat=True))
    # Counted by hand in the file: 63 good, 46 outstanding, 29 requires
    # improvement, 13 inadequate, 2 "nan".
    assert grades == {
        Grade.GOOD: 63,
        Grade.OUTSTANDING: 46,
        Grade.REQUIRES_IMPROVEMENT: 29,
        Grade.INADEQUATE: 13,
        Grade.UNKNOWN: 2,
    }
    assert Counter(Inspection.objects.values_list("kind", flat=True)) == {
        InspectionKind.ILACS_SHORT: 78,
        InspectionKind.ILACS_STANDARD: 73,
        InspectionKind.ILACS: 2,
    }
    assert set(Inspection.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    # Seven inspections before 2023 graded children in care and care leavers together.
    assert Judgement.objects.filter(area=Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS).count() == 7
    assert Judgement.objects.filter(area=Area.CARE_LEAVERS).count() == 146


def test_a_row_is_read_as_the_file_says():
    import_both()
    barnsley = Inspection.objects.get(authority__name="Barnsley")
    assert barnsley.kind == InspectionKind.ILACS_SHORT
    assert barnsley.start_date == datetime.date(2023, 9, 11)
    assert barnsley.end_date == datetime.date(2023, 9, 15)
    # Publication dates use a two-digit year: 27/10/23.
    assert barnsley.published_on == datetime.date(2023, 10, 27)
    assert barnsley.lead_inspector == "Anna Gravelle"
    assert barnsley.report_url == "https://files.ofsted.gov.uk/v1/file/50231520"
    assert dict(barnsley.judgements.values_list("area", "grade")) == {
        Area.IMPACT_OF_LEADERS: Grade.GOOD,
        Area.HELP_AND_PROTECTION: Grade.REQUIRES_IMPROVEMENT,
        Area.CHILDREN_IN_CARE: Grade.GOOD,
        Area.CARE_LEAVERS: Grade.GOOD,
    }
    assert (barnsley.source_file, barnsley.source_row) == ("ilacs-latest-outcomes.csv", 2)
    assert barnsley.imported_at is not None


@pytest.mark.parametrize(
    ("line", "authority", "expected_note"),
    [
        (60, "Brent", "Brent: overall grade is blank; recorded as not known"),
        (11, "Brighton and Hove", "Brighton and Hove: no inspection dates; imported without them"),
        (
            101,
            "Nottingham",
            "Nottingham: framework cell “None”: short or standard not recorded",
        ),
        (31, "Devon", "Devon: lead inspector not recorded"),
    ],
)
def test_messy_rows_import_with_a_note_and_nothing_guessed(line, authority, expected_note):
    _, outcomes = import_both()
    assert (line, expected_note) in outcomes.notes
    inspection = Inspection.objects.get(authority__name=authority)
    if authority == "Brent":
        assert inspection.overall_grade == Grade.UNKNOWN
    if authority == "Brighton and Hove":
        assert inspection.start_date is None and inspection.end_date is None
        assert inspection.published_on == datetime.date(2024, 5, 16)
    if authority == "Nottingham":
        assert inspection.kind == InspectionKind.ILACS
    if authority == "Devon":
        assert inspection.lead_inspector == ""


def test_a_name_that_differs_from_the_reference_list_still_matches():
    import_authorities(AUTHORITIES, "local-authorities.csv")
    # No URN or LA code: only the name "telford & wrekin" to go on.
    data = outcome_row(
        local_authority="telford & wrekin",
        overall_effectiveness_grade="good",
        inspection_framework="short",
        inspection_start_date="01/02/2024",
        inspection_end_date="05/02/2024",
        publication_date="2024-03-10",
    )
    report = import_outcomes(data, "one-row.csv")
    assert report.created == 1
    inspection = Inspection.objects.get()
    assert inspection.authority.name == "Telford and Wrekin"
    assert inspection.published_on == datetime.date(2024, 3, 10)


def test_a_row_with_an_unknown_authority_or_a_bad_date_is_skipped_with_its_line():
    import_authorities(AUTHORITIES, "local-authorities.csv")
    report = import_outcomes(outcome_row(local_authority="atlantis"), "x.csv")
    assert report.created == 0
    assert report.skipped[0][0] == 2
    assert "no authority" in report.skipped[0][1] and "atlantis" in report.skipped[0][1]
    report = import_outcomes(outcome_row(urn="80426", inspection_start_date="31/02/2024"), "y.csv")
    assert report.skipped == [(2, "start date “31/02/2024” is not a date (expected dd/mm/yyyy)")]
    assert Inspection.objects.count() == 0


def test_importing_again_changes_nothing():
    import_both()
    stamps = dict(Inspection.objects.values_list("pk", "imported_at"))
    judgements = sorted(Judgement.objects.values_list("inspection_id", "area", "grade"))
    authorities, outcomes = import_both()
    assert (authorities.created, authorities.updated, authorities.unchanged) == (0, 0, 156)
    assert (outcomes.created, outcomes.updated, outcomes.unchanged) == (0, 0, 153)
    assert dict(Inspection.objects.values_list("pk", "imported_at")) == stamps
    assert sorted(Judgement.objects.values_list("inspection_id", "area", "grade")) == judgements
    assert StatisticalNeighbour.objects.count() == 1530


def test_a_changed_grade_updates_the_inspection():
    import_both()
    changed = OUTCOMES.replace(
        b"barnsley,https://files.ofsted.gov.uk/v1/file/50231520,good,",
        b"barnsley,https://files.ofsted.gov.uk/v1/file/50231520,outstanding,",
    )
    report = import_outcomes(changed, "ilacs-latest-outcomes.csv")
    assert (report.updated, report.unchanged) == (1, 152)
    assert Inspection.objects.get(authority__name="Barnsley").overall_grade == Grade.OUTSTANDING


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not_csv"),
        (b"urn,la_code\n1,2\n", "columns"),
        (AUTHORITIES, "columns"),  # the other file
        ("urn,name\n80426,Bärnsley\n".encode("latin-1"), "encoding"),
        (b"x" * (5 * 1024 * 1024 + 1), "too_large"),
    ],
)
def test_a_file_that_cannot_be_read_writes_nothing(data, code):
    import_authorities(AUTHORITIES, "local-authorities.csv")
    with pytest.raises(ImportFileError) as refused:
        import_outcomes(data, "upload.csv")
    assert refused.value.code == code
    assert Inspection.objects.count() == 0


def test_the_command_reports_progress_and_a_summary(tmp_path):
    out = StringIO()
    call_command("import_authorities", str(DATA / "local-authorities.csv"), stdout=out)
    call_command("import_outcomes", str(DATA / "ilacs-latest-outcomes.csv"), stdout=out)
    text = out.getvalue()
    assert "50/156 authorities" in text and "153/153 outcomes" in text
    assert "ilacs-latest-outcomes.csv: 153 rows: 153 created, 0 updated, 0 unchanged" in text
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"not,the,right,file\n")
    with pytest.raises(CommandError, match="Nothing imported.*missing the column"):
        call_command("import_outcomes", str(bad), stdout=StringIO())


def test_statistical_neighbours_resolve_both_ways():
    import_authorities(AUTHORITIES, "local-authorities.csv")
    wokingham = LocalAuthority.objects.get(name="Wokingham")
    neighbours = [link.neighbour.name for link in wokingham.neighbour_links.order_by("rank")]
    # From the file: 868, 936, 825, ... closest first.
    assert neighbours[:3] == ["Windsor and Maidenhead", "Surrey", "Buckinghamshire"]
    assert len(neighbours) == 10
    # And the other way: the authorities that list Wokingham among theirs.
    assert sorted(a.name for a in wokingham.neighbour_of.all()) == [
        "Isles of Scilly",
        "Richmond upon Thames",
        "Surrey",
        "Windsor and Maidenhead",
    ]
