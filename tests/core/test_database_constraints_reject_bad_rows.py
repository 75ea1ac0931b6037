"""Rules that must never break are enforced by the database itself, so no
form, import or script can get round them."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from core.choices import DatePrecision
from inspections.choices import Area, Grade
from inspections.models import Judgement
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


def rejected(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_inspection_cannot_end_before_it_starts():
    rejected(
        lambda: InspectionFactory(
            start_date=datetime.date(2019, 6, 14), end_date=datetime.date(2019, 6, 3)
        )
    )


def test_inspection_may_end_on_the_day_it_starts():
    day = datetime.date(2019, 6, 3)
    assert InspectionFactory(start_date=day, end_date=day).pk


def test_one_grade_per_area_per_inspection():
    inspection = InspectionFactory()
    Judgement.objects.create(inspection=inspection, area=Area.IMPACT_OF_LEADERS, grade=Grade.GOOD)
    rejected(
        lambda: Judgement.objects.create(
            inspection=inspection, area=Area.IMPACT_OF_LEADERS, grade=Grade.INADEQUATE
        )
    )


def test_the_same_area_may_be_graded_in_another_inspection():
    Judgement.objects.create(
        inspection=InspectionFactory(), area=Area.IMPACT_OF_LEADERS, grade=Grade.GOOD
    )
    assert Judgement.objects.create(
        inspection=InspectionFactory(), area=Area.IMPACT_OF_LEADERS, grade=Grade.GOOD
    ).pk


def test_a_grade_outside_the_choices_is_rejected():
    rejected(lambda: InspectionFactory(overall_grade="brilliant"))
    rejected(
        lambda: Judgement.objects.create(
            inspection=InspectionFactory(), area=Area.IMPACT_OF_LEADERS, grade="meh"
        )
    )


def test_slugs_are_unique():
    LocalAuthorityFactory(slug="same")
    rejected(lambda: LocalAuthorityFactory(slug="same"))
    ThemeFactory(slug="theme-one", name="One")
    OfficialFactory(slug="person")
    rejected(lambda: OfficialFactory(slug="person"))
    InspectionFactory(slug="report")
    rejected(lambda: InspectionFactory(slug="report"))


def test_a_post_cannot_end_before_it_starts():
    rejected(
        lambda: PostFactory(
            start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2019, 12, 31)
        )
    )


def test_a_post_with_unknown_dates_is_allowed():
    assert PostFactory(start_date=None, end_date=None).pk


def test_a_month_precise_date_cannot_carry_an_invented_day():
    rejected(
        lambda: StatementFactory(
            said_on=datetime.date(2019, 7, 15), said_precision=DatePrecision.MONTH
        )
    )
    assert StatementFactory(said_on=datetime.date(2019, 7, 1), said_precision=DatePrecision.MONTH)


def test_a_year_precise_date_must_be_the_first_of_january():
    rejected(
        lambda: StatementFactory(
            said_on=datetime.date(2019, 7, 1), said_precision=DatePrecision.YEAR
        )
    )


def test_one_finding_per_paragraph_number_in_a_report():
    finding = FindingFactory(paragraph_number=12)
    rejected(lambda: FindingFactory(inspection=finding.inspection, paragraph_number=12))
    # Unnumbered items (summary, what needs to improve) may be many.
    FindingFactory(inspection=finding.inspection, paragraph_number=None)
    assert FindingFactory(inspection=finding.inspection, paragraph_number=None).pk


def test_deleting_an_authority_with_inspections_is_refused():
    inspection = InspectionFactory()
    with pytest.raises(ProtectedError):
        inspection.authority.delete()


def test_deleting_an_official_with_statements_is_refused():
    statement = StatementFactory()
    with pytest.raises(ProtectedError):
        statement.official.delete()


def test_deleting_an_inspection_with_statements_is_refused():
    statement = StatementFactory(inspection=InspectionFactory())
    with pytest.raises(ProtectedError):
        statement.inspection.delete()
