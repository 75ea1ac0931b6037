"""A council officer signs in to the admin in a real browser, uploads
Ofsted's PDF, reads what the system found and opens the draft; the draft is
not on the public site."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from core.choices import Status
from inspections.models import Inspection
from tests import FIXTURES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPORT = FIXTURES / "reports" / "wokingham-2019-07-15.pdf"
PASSWORD = "a-long-staff-password-9"


@pytest.fixture
def officer():
    user = User.objects.create_user("officer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_officer_uploads_a_report_and_reviews_the_draft(page, live_server, officer, screenshot):
    page.goto(live_server.url + "/admin/inspections/inspection/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Import a report (PDF)").click()
    expect(page.get_by_role("heading", name="Upload a report")).to_be_visible()
    page.get_by_label("Ofsted report (PDF)").set_input_files(str(REPORT))
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_role("heading", name="What was read")).to_be_visible()
    expect(page.get_by_role("cell", name="Nigel Parkes")).to_be_visible()
    expect(page.get_by_text("Everything expected was read.")).to_be_visible()
    screenshot("admin-report-import")

    page.get_by_role("link", name="Review the draft").click()
    expect(page.get_by_role("heading", name="Change inspection")).to_be_visible()
    expect(page.locator("#id_lead_inspector")).to_have_value("Nigel Parkes")
    screenshot("admin-imported-draft")

    inspection = Inspection.objects.get()
    assert inspection.status == Status.DRAFT
    assert inspection.findings.count() == 63
    response = page.goto(live_server.url + inspection.get_absolute_url())
    assert response.status == 404


def test_a_visitor_cannot_reach_the_upload(page, live_server):
    page.goto(live_server.url + "/admin/inspections/inspection/import-report/")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    assert "/admin/login/" in page.url
