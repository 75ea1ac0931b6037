"""The database keeps, for each inspection, how many of its findings carry
each theme (InspectionTheme), through every way a link between a finding
and a theme is made or undone: the admin's add, remove, clear and set, from
either side; a deleted finding, inspection or theme; a finding moved to
another report; bulk inserts and raw SQL. On SQLite and on PostgreSQL,
whose triggers differ. Without the triggers the counts go wrong, so these
tests do prove something."""

import pytest
from django.db import IntegrityError, connection, transaction

from inspections import theme_counts
from inspections.models import Finding, Inspection, InspectionTheme
from tests.factories import FindingFactory, InspectionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def kept():
    return {
        (row.inspection_id, row.theme_id): row.findings for row in InspectionTheme.objects.all()
    }


def assert_counts_true():
    assert kept() == theme_counts.recounted(connection)


@pytest.fixture
def report():
    inspection = InspectionFactory()
    return inspection, FindingFactory.create_batch(3, inspection=inspection)


@pytest.fixture
def themes():
    return ThemeFactory.create_batch(3)


def test_adding_themes_counts_each_finding_once(report, themes):
    inspection, (first, second, third) = report
    first.themes.add(themes[0], themes[1])
    second.themes.add(themes[0])
    second.themes.add(themes[0])  # already there: no second count
    assert kept() == {(inspection.pk, themes[0].pk): 2, (inspection.pk, themes[1].pk): 1}
    assert_counts_true()


def test_removing_the_last_finding_of_a_theme_removes_its_row(report, themes):
    inspection, (first, second, _) = report
    first.themes.add(themes[0])
    second.themes.add(themes[0])
    first.themes.remove(themes[0])
    assert kept() == {(inspection.pk, themes[0].pk): 1}
    second.themes.remove(themes[0])
    assert kept() == {}


def test_clear_and_set_from_either_side(report, themes):
    _, (first, second, third) = report
    first.themes.set(themes)
    second.themes.set(themes[:2])
    assert_counts_true()
    first.themes.set([themes[2]])
    assert_counts_true()
    themes[0].findings.add(third)
    themes[1].findings.clear()
    assert_counts_true()
    second.themes.clear()
    assert_counts_true()


def test_deleting_a_finding_an_inspection_or_a_theme(report, themes):
    inspection, (first, second, _) = report
    other = FindingFactory(themes=themes)
    first.themes.set(themes)
    second.themes.set(themes[:1])
    first.delete()
    assert_counts_true()
    themes[1].delete()
    assert_counts_true()
    inspection.delete()
    assert_counts_true()
    assert set(kept()) == {(other.inspection_id, themes[0].pk), (other.inspection_id, themes[2].pk)}


def test_a_finding_moved_to_another_report_takes_its_counts(report, themes):
    inspection, (first, second, _) = report
    elsewhere = InspectionFactory()
    first.themes.set(themes[:2])
    second.themes.set(themes[:1])
    first.inspection = elsewhere
    first.save()
    assert kept() == {
        (inspection.pk, themes[0].pk): 1,
        (elsewhere.pk, themes[0].pk): 1,
        (elsewhere.pk, themes[1].pk): 1,
    }
    # And by a bulk update, which sends no signals.
    Finding.objects.filter(pk=second.pk).update(inspection=elsewhere)
    assert kept() == {(elsewhere.pk, themes[0].pk): 2, (elsewhere.pk, themes[1].pk): 1}
    assert_counts_true()


def test_bulk_inserts_and_raw_sql_are_counted(report, themes):
    _, findings = report
    through = Finding.themes.through
    through.objects.bulk_create(
        [through(finding_id=f.pk, theme_id=t.pk) for f in findings for t in themes]
    )
    assert_counts_true()
    assert sum(kept().values()) == 9
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {theme_counts.LINKS} WHERE theme_id = %s", [themes[0].pk])
    assert_counts_true()
    assert sum(kept().values()) == 6


def test_draft_inspections_are_counted_but_not_published(themes):
    published = FindingFactory(themes=themes[:1])
    FindingFactory(themes=themes[:1], inspection=InspectionFactory(status="draft"))
    assert InspectionTheme.objects.count() == 2
    assert InspectionTheme.objects.published().finding_counts() == {themes[0].pk: 1}
    assert Inspection.objects.published().theme_counts() == {themes[0].slug: 1}
    assert published.inspection.theme_counts.get().findings == 1


class Editor:
    """What install() and uninstall() use of a migration's schema editor
    (SQLite's cannot be opened inside a test's transaction)."""

    connection = connection

    @staticmethod
    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_without_the_triggers_the_counts_would_drift(report, themes):
    _, (first, *_) = report
    theme_counts.uninstall(None, Editor)
    try:
        first.themes.add(themes[0])
        assert kept() != theme_counts.recounted(connection)
    finally:
        theme_counts.install(None, Editor)
    # Installing counts afresh from the links.
    assert_counts_true()


def test_a_count_must_be_of_some_findings_and_one_per_pair(report, themes):
    inspection, _ = report
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionTheme.objects.create(inspection=inspection, theme=themes[0], findings=0)
    InspectionTheme.objects.create(inspection=inspection, theme=themes[0], findings=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionTheme.objects.create(inspection=inspection, theme=themes[0], findings=1)
