"""Council staff upload a report PDF in the admin and see what was read;
the upload is refused to visitors and to staff who may not add inspections,
and a bad upload gets a clear message and writes nothing."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.choices import Status
from inspections.models import Inspection
from tests import FIXTURES

pytestmark = pytest.mark.django_db

REPORTS = FIXTURES / "reports"
URL = reverse("admin:inspections_inspection_import_report")


def pdf(name="wokingham-2019-07-15.pdf", content=None, content_type="application/pdf"):
    data = (REPORTS / name).read_bytes() if content is None else content
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_editor_uploads_a_report_and_sees_what_was_read(editor_client):
    response = editor_client.post(URL, {"file": pdf()})
    assert response.status_code == 200
    inspection = Inspection.objects.get()
    assert inspection.status == Status.DRAFT
    text = response.text
    assert "What was read" in text
    assert "Nigel Parkes" in text
    assert "Requires improvement to be good" in text
    assert "The experiences and progress of children who need help and protection" in text
    assert "Everything expected was read." in text
    assert reverse("admin:inspections_inspection_change", args=[inspection.pk]) in text


def test_the_inspections_list_links_to_the_import(editor_client):
    response = editor_client.get(reverse("admin:inspections_inspection_changelist"))
    assert URL in response.text
    # History's "recover deleted" link stays beside it.
    assert reverse("admin:inspections_inspection_recoverlist") in response.text


def test_what_could_not_be_read_is_shown(editor_client):
    response = editor_client.post(URL, {"file": pdf("wokingham-2016-01-05.pdf")})
    assert "What could not be read" in response.text
    assert "Local Safeguarding Children Board" in response.text


def test_visitor_is_sent_to_login(client):
    response = client.post(URL, {"file": pdf()})
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not Inspection.objects.exists()


def test_staff_without_permission_to_add_inspections_are_refused(client):
    viewer = User.objects.create_user("viewer", password="x-long-password-1", is_staff=True)
    client.force_login(viewer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": pdf()}).status_code == 403
    assert not Inspection.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("notes.txt", b"hello", "text/plain"), "is not a PDF file"),
        (pdf("report.pdf", b"hello, not really a pdf"), "This file is not a PDF"),
        (pdf("report.pdf", b"%PDF-1.7\n" + b"0" * 1000), "This PDF is incomplete"),
        (pdf("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024 + 1)), "the limit is 20.0"),
    ],
)
def test_a_bad_upload_gets_a_clear_message_and_writes_nothing(editor_client, upload, message):
    response = editor_client.post(URL, {"file": upload})
    assert response.status_code == 200
    assert message in response.text
    assert not Inspection.objects.exists()
