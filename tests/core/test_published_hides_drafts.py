"""Public pages read records only through published(): a draft, or anything
that hangs on a draft, never comes out of it."""

import pytest

from core.choices import Status
from inspections.models import Finding, Inspection
from people.models import Official
from quotes.models import Statement
from tests.factories import FindingFactory, InspectionFactory, OfficialFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_draft_inspections_are_not_published():
    published = InspectionFactory()
    InspectionFactory(status=Status.DRAFT)
    assert list(Inspection.objects.published()) == [published]


def test_findings_of_a_draft_inspection_are_not_published():
    shown = FindingFactory()
    FindingFactory(inspection=InspectionFactory(status=Status.DRAFT))
    assert list(Finding.objects.published()) == [shown]


def test_draft_officials_are_not_published():
    shown = OfficialFactory()
    OfficialFactory(status=Status.DRAFT)
    assert list(Official.objects.published()) == [shown]


def test_draft_statements_are_not_published():
    shown = StatementFactory()
    StatementFactory(status=Status.DRAFT)
    assert list(Statement.objects.published()) == [shown]


def test_a_published_statement_by_a_draft_official_is_not_published():
    StatementFactory(official=OfficialFactory(status=Status.DRAFT))
    assert not Statement.objects.published().exists()


def test_a_published_statement_about_a_draft_inspection_is_not_published():
    StatementFactory(inspection=InspectionFactory(status=Status.DRAFT))
    assert not Statement.objects.published().exists()


def test_a_statement_about_a_published_inspection_is_published():
    statement = StatementFactory(inspection=InspectionFactory())
    assert list(Statement.objects.published()) == [statement]
