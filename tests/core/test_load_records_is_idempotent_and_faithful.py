"""`load_records` loads what the two seed documents and Ofsted's 2019 report
establish about Wokingham, and running it again changes nothing."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core.choices import DatePrecision, Status
from inspections.choices import Area, Grade, InspectionKind, Section
from inspections.models import Finding, Inspection, Judgement, LocalAuthority
from people.models import Official, Post, Role
from quotes.models import Source, Statement
from tests import FIXTURES

pytestmark = pytest.mark.django_db

FIXTURES = FIXTURES
MODELS = [LocalAuthority, Inspection, Judgement, Finding, Official, Post, Source, Statement]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_gives_the_same_rows():
    call_command("load_records", stdout=StringIO())
    first = counts()
    ids = sorted(Statement.objects.values_list("pk", flat=True))
    call_command("load_records", stdout=StringIO())
    assert counts() == first
    assert sorted(Statement.objects.values_list("pk", flat=True)) == ids
    assert first == {
        "LocalAuthority": 1,
        "Inspection": 2,
        "Judgement": 3,
        "Finding": 63,
        "Official": 3,
        "Post": 3,
        "Source": 2,
        "Statement": 9,
    }


def test_the_2019_inspection_is_as_the_report_says():
    call_command("load_records", stdout=StringIO())
    inspection = Inspection.objects.get(slug="wokingham-ilacs-standard-inspection-june-2019")
    assert inspection.authority.official_name == "Wokingham Borough Council"
    assert inspection.kind == InspectionKind.ILACS_STANDARD
    assert (inspection.start_date, inspection.end_date) == (
        datetime.date(2019, 6, 3),
        datetime.date(2019, 6, 14),
    )
    assert inspection.published_on == datetime.date(2019, 7, 15)
    assert inspection.lead_inspector == "Nigel Parkes"
    assert inspection.overall_grade == Grade.REQUIRES_IMPROVEMENT
    assert dict(inspection.judgements.values_list("area", "grade")) == {
        Area.IMPACT_OF_LEADERS: Grade.REQUIRES_IMPROVEMENT,
        Area.HELP_AND_PROTECTION: Grade.REQUIRES_IMPROVEMENT,
        Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS: Grade.REQUIRES_IMPROVEMENT,
    }
    assert inspection.status == Status.PUBLISHED


def test_the_focused_visit_is_recorded_to_the_month_and_ungraded():
    call_command("load_records", stdout=StringIO())
    visit = Inspection.objects.get(kind=InspectionKind.FOCUSED_VISIT)
    assert visit.start_date == datetime.date(2018, 10, 1)
    assert visit.dates_precision == DatePrecision.MONTH
    assert visit.published_on == datetime.date(2018, 11, 1)
    assert visit.published_precision == DatePrecision.MONTH
    assert visit.overall_grade == ""
    assert visit.priority_actions is False


def test_every_passage_the_press_release_quotes_is_inside_a_loaded_finding():
    """The release changed a few words ("focussed", a dropped hyphen, a moved
    comma); those passages are matched on their unchanged opening words."""
    call_command("load_records", stdout=StringIO())
    release = (FIXTURES / "seeds" / "2019-ilacs-press-release.txt").read_text(encoding="utf-8")
    passages = [
        line[3:].rstrip(".").rstrip("”").rstrip("“")
        for line in release.splitlines()
        if line.startswith("- “")
    ]
    assert len(passages) == 18
    texts = list(Finding.objects.values_list("paragraph_number", "text"))
    for passage in passages:
        opening = " ".join(passage.split()[:6])
        matches = [number for number, text in texts if opening in text]
        assert len(matches) == 1, passage
    # Spot-check numbers against the report.
    assert Finding.objects.get(paragraph_number=3).text.startswith(
        "The duty, triage and assessment (DTA) team is more effective"
    )
    assert Finding.objects.get(paragraph_number=42).section == Section.IMPACT_OF_LEADERS
    assert (
        Finding.objects.get(paragraph_number=30)
        .themes.filter(slug="independent-reviewing-officers")
        .exists()
    )


def test_findings_text_is_the_reports_own_words():
    call_command("load_records", stdout=StringIO())
    finding = Finding.objects.get(paragraph_number=26)
    # The report hyphenates "well-being"; the press release does not.
    assert "emotional well-being, irrespective" in finding.text
    assert Finding.objects.filter(section=Section.WHAT_NEEDS_TO_IMPROVE).count() == 5
    # Every numbered paragraph of the report, 1 to 56, and its two-paragraph summary.
    numbers = sorted(
        Finding.objects.exclude(paragraph_number=None).values_list("paragraph_number", flat=True)
    )
    assert numbers == list(range(1, 57))
    assert Finding.objects.filter(section=Section.SUMMARY).count() == 2


def test_officials_posts_and_statements_are_as_the_documents_say():
    call_command("load_records", stdout=StringIO())
    cammiss = Official.objects.get(slug="carol-cammiss")
    post = cammiss.posts.get()
    assert (post.role, post.start_date, post.start_precision) == (
        Role.DCS,
        datetime.date(2018, 11, 1),
        DatePrecision.MONTH,
    )
    assert post.end_date is None
    clark = Official.objects.get(slug="ullakarin-clark")
    assert str(clark) == "Cllr Ullakarin Clark"
    assert clark.posts.get().role == Role.LEAD_MEMBER
    assert Official.objects.get(slug="pauline-heliar-symons").posts.get().role == Role.LEAD_MEMBER
    # No document gives a day: every statement is dated to the month.
    assert set(Statement.objects.values_list("said_precision", flat=True)) == {DatePrecision.MONTH}
    release = Statement.objects.get(official=clark)
    assert release.said_on == datetime.date(2019, 7, 1)
    assert release.source.kind == "press_release"
    assert release.inspection.kind == InspectionKind.ILACS_STANDARD
    assert cammiss.statements.count() == 6
    assert cammiss.statements.filter(inspection__kind=InspectionKind.FOCUSED_VISIT).count() == 5


def test_every_statement_is_verbatim_from_a_seed_document():
    call_command("load_records", stdout=StringIO())
    seeds = "".join(path.read_text(encoding="utf-8") for path in (FIXTURES / "seeds").glob("*.txt"))
    for statement in Statement.objects.all():
        for paragraph in statement.text.split("\n\n"):
            assert paragraph in seeds, paragraph


def test_a_broken_records_file_writes_nothing(tmp_path):
    broken = tmp_path / "broken.json"
    data = json.loads(Path("data/records/wokingham.json").read_text(encoding="utf-8"))
    data["statements"][0]["themes"] = ["no-such-theme"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="no-such-theme"):
        call_command("load_records", str(broken), stdout=StringIO())
    assert counts() == dict.fromkeys(counts(), 0)


def test_an_unreadable_file_is_refused_clearly(tmp_path):
    path = tmp_path / "not.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_records", str(path), stdout=StringIO())
