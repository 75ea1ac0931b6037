"""Suggested themes become public themes only when a person confirms them,
from a finding or from a whole draft inspection; an editor cannot change
the themes of a published inspection this way."""

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.models import Finding
from tests.factories import FindingFactory, InspectionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def suggested_finding(inspection):
    finding = FindingFactory(inspection=inspection)
    finding.suggested_themes.add(ThemeFactory(slug="suggested-one", name="Suggested one"))
    return finding


def themes_of(finding):
    finding = Finding.objects.get(pk=finding.pk)
    return (
        list(finding.themes.values_list("slug", flat=True)),
        list(finding.suggested_themes.values_list("slug", flat=True)),
    )


def test_suggestions_are_not_public_themes_until_confirmed():
    finding = suggested_finding(InspectionFactory(status=Status.DRAFT))
    assert themes_of(finding) == ([], ["suggested-one"])
    assert finding.confirm_suggested_themes() is True
    assert themes_of(finding) == (["suggested-one"], [])
    assert finding.confirm_suggested_themes() is False


def test_editor_confirms_from_the_findings_list(editor_client):
    finding = suggested_finding(InspectionFactory(status=Status.DRAFT))
    editor_client.post(
        reverse("admin:inspections_finding_changelist"),
        {"action": "confirm_suggested_themes", "_selected_action": [finding.pk]},
    )
    assert themes_of(finding) == (["suggested-one"], [])


def test_editor_confirms_a_whole_draft_inspection(editor_client):
    inspection = InspectionFactory(status=Status.DRAFT)
    finding = suggested_finding(inspection)
    editor_client.post(
        reverse("admin:inspections_inspection_changelist"),
        {"action": "confirm_suggested_themes", "_selected_action": [inspection.pk]},
    )
    assert themes_of(finding) == (["suggested-one"], [])


def test_editor_cannot_confirm_on_a_published_inspection(editor_client):
    inspection = InspectionFactory(status=Status.PUBLISHED)
    finding = suggested_finding(inspection)
    editor_client.post(
        reverse("admin:inspections_inspection_changelist"),
        {"action": "confirm_suggested_themes", "_selected_action": [inspection.pk]},
    )
    editor_client.post(
        reverse("admin:inspections_finding_changelist"),
        {"action": "confirm_suggested_themes", "_selected_action": [finding.pk]},
    )
    assert themes_of(finding) == ([], ["suggested-one"])
