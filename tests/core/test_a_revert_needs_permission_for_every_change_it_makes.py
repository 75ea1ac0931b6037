"""Restoring an earlier version from History restores every record that
version was saved with. An editor may restore only what they could change by
hand: an old version of a finding that holds its inspection as a draft must
not take the published inspection back to draft."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from core.choices import Status
from inspections.choices import FindingKind, Section
from tests.factories import FindingFactory, InspectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_with_an_old_draft_revision():
    """A finding and its inspection saved together while a draft (as the
    inspection's change page with its findings inline does), then the
    inspection published."""
    inspection = InspectionFactory(status=Status.DRAFT)
    finding = FindingFactory(
        inspection=inspection, section=Section.SUMMARY, kind=FindingKind.STRENGTH
    )
    with reversion.create_revision():
        inspection.save()
        finding.save()
    inspection.status = Status.PUBLISHED
    inspection.save()
    version = Version.objects.get_for_object(finding).get()
    return inspection, finding, version


def finding_form(finding):
    return {
        "inspection": finding.inspection_id,
        "section": finding.section,
        "paragraph_number": "",
        "text": "Restored words",
        "kind": finding.kind,
        "order": finding.order,
    }


def revision_url(finding, version):
    return reverse("admin:inspections_finding_revision", args=[finding.pk, version.pk])


def test_an_editors_revert_that_would_unpublish_is_refused_and_changes_nothing(
    editor_client, published_with_an_old_draft_revision
):
    inspection, finding, version = published_with_an_old_draft_revision
    response = editor_client.post(revision_url(finding, version), finding_form(finding))
    assert response.status_code == 302
    assert response.url == reverse("admin:inspections_finding_history", args=[finding.pk])
    inspection.refresh_from_db()
    finding.refresh_from_db()
    assert inspection.status == Status.PUBLISHED
    assert finding.text != "Restored words"
    page = editor_client.get(response.url)
    assert "only a publisher may change" in page.text


def test_an_editor_is_not_even_shown_such_a_revert(
    editor_client, published_with_an_old_draft_revision
):
    inspection, finding, version = published_with_an_old_draft_revision
    response = editor_client.get(revision_url(finding, version))
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == Status.PUBLISHED


def test_a_publisher_may_make_the_same_revert(
    publisher_client, published_with_an_old_draft_revision
):
    inspection, finding, version = published_with_an_old_draft_revision
    response = publisher_client.post(revision_url(finding, version), finding_form(finding))
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == Status.DRAFT


def test_an_editor_may_still_revert_what_is_all_draft(editor_client):
    inspection = InspectionFactory(status=Status.DRAFT)
    finding = FindingFactory(inspection=inspection, section=Section.SUMMARY)
    with reversion.create_revision():
        inspection.save()
        finding.save()
    version = Version.objects.get_for_object(finding).get()
    response = editor_client.post(revision_url(finding, version), finding_form(finding))
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.text == "Restored words"
