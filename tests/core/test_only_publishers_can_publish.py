"""Editors change drafts; only publishers publish, unpublish or change what
is published, whichever way the request comes."""

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.models import Inspection
from people.models import Official
from quotes.models import Statement
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ("inspections", "inspection", InspectionFactory, Inspection),
    ("people", "official", OfficialFactory, Official),
    ("quotes", "statement", StatementFactory, Statement),
]


def run_action(client, app, model, action, objs):
    return client.post(
        reverse(f"admin:{app}_{model}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objs]},
    )


@pytest.mark.parametrize(("app", "model", "factory", "cls"), MODELS)
def test_editor_cannot_publish_with_the_list_action(editor_client, app, model, factory, cls):
    draft = factory(status=Status.DRAFT)
    response = run_action(editor_client, app, model, "publish", [draft])
    # The action is not offered, so Django reports no action chosen.
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    changelist = editor_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert "publish" not in dict(changelist.context["action_form"].fields["action"].choices)


@pytest.mark.parametrize(("app", "model", "factory", "cls"), MODELS)
def test_publisher_can_publish_and_unpublish_with_the_list_action(
    publisher_client, app, model, factory, cls
):
    draft = factory(status=Status.DRAFT)
    run_action(publisher_client, app, model, "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    run_action(publisher_client, app, model, "unpublish", [draft])
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def inspection_form(inspection, **changes):
    data = {
        "authority": inspection.authority_id,
        "kind": inspection.kind,
        "overall_grade": inspection.overall_grade,
        "priority_actions": "unknown",
        "start_date": inspection.start_date.isoformat(),
        "end_date": inspection.end_date.isoformat(),
        "dates_precision": "day",
        "published_on": inspection.published_on.isoformat(),
        "published_precision": "day",
        "lead_inspector": inspection.lead_inspector,
        "report_url": "",
        "summary": inspection.summary,
        "slug": inspection.slug,
        "judgements-TOTAL_FORMS": "0",
        "judgements-INITIAL_FORMS": "0",
        "findings-TOTAL_FORMS": "0",
        "findings-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_editor_cannot_publish_by_posting_the_status_field(editor_client):
    draft = InspectionFactory(status=Status.DRAFT)
    response = editor_client.post(
        reverse("admin:inspections_inspection_change", args=[draft.pk]),
        inspection_form(draft, status="published", lead_inspector="Changed Name"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.lead_inspector == "Changed Name"  # the edit itself is kept
    assert draft.status == Status.DRAFT


def test_editor_cannot_add_a_record_as_published(editor_client):
    authority = LocalAuthorityFactory()
    template = InspectionFactory.build(authority=authority, slug="new-one")
    response = editor_client.post(
        reverse("admin:inspections_inspection_add"),
        inspection_form(template, status="published"),
    )
    assert response.status_code == 302
    assert Inspection.objects.get(slug="new-one").status == Status.DRAFT


def test_editor_cannot_change_a_published_record_with_a_crafted_post(editor_client):
    published = InspectionFactory(lead_inspector="Original")
    response = editor_client.post(
        reverse("admin:inspections_inspection_change", args=[published.pk]),
        inspection_form(published, status="draft", lead_inspector="Tampered"),
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert (published.lead_inspector, published.status) == ("Original", Status.PUBLISHED)


def test_editor_sees_a_published_record_read_only(editor_client):
    published = InspectionFactory()
    response = editor_client.get(
        reverse("admin:inspections_inspection_change", args=[published.pk])
    )
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


def test_editor_cannot_change_a_finding_of_a_published_inspection(editor_client):
    finding = FindingFactory(text="Original words.")
    response = editor_client.post(
        reverse("admin:inspections_finding_change", args=[finding.pk]),
        {
            "inspection": finding.inspection_id,
            "section": finding.section,
            "paragraph_number": finding.paragraph_number,
            "text": "Tampered words.",
            "kind": finding.kind,
            "order": finding.order,
        },
    )
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.text == "Original words."


def test_publisher_can_change_a_published_record(publisher_client):
    published = InspectionFactory()
    response = publisher_client.post(
        reverse("admin:inspections_inspection_change", args=[published.pk]),
        inspection_form(published, status="published", lead_inspector="Corrected"),
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.lead_inspector == "Corrected"


def test_editor_can_delete_a_draft_but_not_a_published_record(editor_client):
    draft = InspectionFactory(status=Status.DRAFT)
    published = InspectionFactory()
    delete = "admin:inspections_inspection_delete"
    assert editor_client.get(reverse(delete, args=[published.pk])).status_code == 403
    assert (
        editor_client.post(reverse(delete, args=[published.pk]), {"post": "yes"}).status_code == 403
    )
    assert Inspection.objects.filter(pk=published.pk).exists()
    assert editor_client.post(reverse(delete, args=[draft.pk]), {"post": "yes"}).status_code == 302
    assert not Inspection.objects.filter(pk=draft.pk).exists()


def test_deleting_keeps_what_depends_on_a_record(publisher_client):
    statement = StatementFactory()
    url = reverse("admin:people_official_delete", args=[statement.official_id])
    response = publisher_client.post(url, {"post": "yes"})
    # Django refuses and lists the protected statements instead.
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.text
    assert Statement.objects.filter(pk=statement.pk).exists()
