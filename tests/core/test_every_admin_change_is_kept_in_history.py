"""Every change made in the admin is kept with who made it and when, and an
earlier version can be restored."""

import pytest
from django.urls import reverse
from reversion.models import Version

from core.choices import Status
from tests.core.test_only_publishers_can_publish import inspection_form
from tests.factories import InspectionFactory, OfficialFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_an_editors_change_is_recorded_with_their_name(editor_client, editor):
    draft = InspectionFactory(status=Status.DRAFT, lead_inspector="First Name")
    editor_client.post(
        reverse("admin:inspections_inspection_change", args=[draft.pk]),
        inspection_form(draft, lead_inspector="Second Name"),
    )
    versions = Version.objects.get_for_object(draft)
    assert versions.count() == 1
    assert versions[0].revision.user == editor
    assert versions[0].field_dict["lead_inspector"] == "Second Name"
    assert "lead inspector" in versions[0].revision.get_comment().lower()


def test_publishing_from_the_list_is_recorded_with_the_publisher(publisher_client, publisher):
    draft = StatementFactory(status=Status.DRAFT)
    publisher_client.post(
        reverse("admin:quotes_statement_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    version = Version.objects.get_for_object(draft).get()
    assert version.revision.user == publisher
    assert version.field_dict["status"] == Status.PUBLISHED


def test_history_page_lists_versions(editor_client):
    official = OfficialFactory(status=Status.DRAFT, name="Before")
    url = reverse("admin:people_official_change", args=[official.pk])
    base = {
        "name": "After",
        "honorific": "",
        "slug": official.slug,
        "posts-TOTAL_FORMS": "0",
        "posts-INITIAL_FORMS": "0",
    }
    editor_client.post(url, base)
    response = editor_client.get(reverse("admin:people_official_history", args=[official.pk]))
    assert response.status_code == 200
    assert "editor" in response.text


def test_a_previous_version_can_be_restored(editor_client):
    draft = InspectionFactory(status=Status.DRAFT, lead_inspector="Original")
    url = reverse("admin:inspections_inspection_change", args=[draft.pk])
    editor_client.post(url, inspection_form(draft, lead_inspector="Original"))
    editor_client.post(url, inspection_form(draft, lead_inspector="Mistake"))
    first = Version.objects.get_for_object(draft).order_by("pk").first()
    revert_url = reverse("admin:inspections_inspection_revision", args=[draft.pk, first.pk])
    assert editor_client.get(revert_url).status_code == 200
    editor_client.post(revert_url, inspection_form(draft, lead_inspector="Original"))
    draft.refresh_from_db()
    assert draft.lead_inspector == "Original"
    assert Version.objects.get_for_object(draft).count() == 3


def test_a_visitor_cannot_see_history(client):
    draft = InspectionFactory(status=Status.DRAFT)
    response = client.get(reverse("admin:inspections_inspection_history", args=[draft.pk]))
    assert response.status_code == 302
