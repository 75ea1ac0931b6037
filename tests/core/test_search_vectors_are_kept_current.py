"""On PostgreSQL the database keeps each finding's, statement's and
inspection's search vector current on insert, on update and on bulk insert,
with English stemming; a GIN index serves it. An inspection's holds its
summary and its authority's name, and follows a renamed authority."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from core.search import StoredVector
from inspections.models import Finding, Inspection
from quotes.models import Statement
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    LocalAuthorityFactory,
    StatementFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="stored search vectors are PostgreSQL's"
    ),
]


def matches(model, words):
    query = SearchQuery(words, config="english", search_type="websearch")
    return list(
        model.objects.alias(vector=StoredVector(model))
        .filter(vector=query)
        .values_list("pk", flat=True)
    )


def test_a_new_finding_is_searchable_with_stemming():
    finding = FindingFactory(text="Children are protected by prompt strategy meetings.")
    FindingFactory(text="Something else entirely.")
    assert matches(Finding, "protect") == [finding.pk]
    assert matches(Finding, "meeting") == [finding.pk]


def test_an_edited_finding_is_searched_by_its_new_words():
    finding = FindingFactory(text="Foster carers are well supported.")
    finding.text = "Care leavers have good personal advisers."
    finding.save()
    assert matches(Finding, "foster") == []
    assert matches(Finding, "adviser") == [finding.pk]


def test_bulk_inserted_findings_are_searchable():
    inspection = InspectionFactory()
    Finding.objects.bulk_create(
        Finding(inspection=inspection, section="summary", text=f"Bulk caseloads {n}.")
        for n in range(3)
    )
    assert len(matches(Finding, "caseload")) == 3


def test_statements_are_searchable_by_their_words_and_context():
    by_words = StatementFactory(text="We are reviewing every placement.", context="")
    by_context = StatementFactory(text="No comment.", context="Asked about placements.")
    assert sorted(matches(Statement, "placement")) == sorted([by_words.pk, by_context.pk])
    by_words.text = "We welcome the report."
    by_words.save()
    assert matches(Statement, "placement") == [by_context.pk]


def test_the_vectors_are_indexed():
    with connection.cursor() as cursor:
        cursor.execute(
            "select indexname from pg_indexes where indexname in "
            "('inspections_finding_search_gin', 'inspections_inspection_search_gin', "
            "'quotes_statement_search_gin') order by 1"
        )
        assert [row[0] for row in cursor.fetchall()] == [
            "inspections_finding_search_gin",
            "inspections_inspection_search_gin",
            "quotes_statement_search_gin",
        ]


def test_an_inspection_is_searchable_by_its_summary_and_its_authority_together():
    westshire = LocalAuthorityFactory(name="Westshire")
    inspection = InspectionFactory(authority=westshire, summary="Caseloads are too high.")
    InspectionFactory(authority=westshire, summary="Leaders are stable.")
    InspectionFactory(summary="Caseloads are manageable.")
    assert matches(Inspection, "westshire caseload") == [inspection.pk]
    found = Inspection.objects.search("Westshire caseloads")
    assert list(found.values_list("pk", flat=True)) == [inspection.pk]


def test_an_edited_summary_and_a_renamed_authority_are_searched_by_their_new_words():
    authority = LocalAuthorityFactory(name="Oldtown")
    inspection = InspectionFactory(authority=authority, summary="Foster carers are supported.")
    inspection.summary = "Care leavers have advisers."
    inspection.save()
    assert matches(Inspection, "foster") == []
    assert matches(Inspection, "adviser") == [inspection.pk]
    authority.name = "Newtown"
    authority.save()
    assert matches(Inspection, "oldtown") == []
    assert matches(Inspection, "newtown") == [inspection.pk]
