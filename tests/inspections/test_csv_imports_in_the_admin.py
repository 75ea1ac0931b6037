"""Staff upload the two CSV files in the admin. Uploads are checked for type
and size before they are read; outcomes publish, so only publishers may
import them; visitors are sent to the login page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import Inspection, LocalAuthority
from tests import FIXTURES

pytestmark = pytest.mark.django_db

DATA = FIXTURES / "data"
AUTHORITIES_URL = reverse("admin:inspections_localauthority_import")
OUTCOMES_URL = reverse("admin:inspections_inspection_import_outcomes")


def upload(name, content=None, content_type="text/csv"):
    if content is None:
        content = (DATA / name).read_bytes()
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_editor_imports_the_authorities_and_sees_what_happened(editor_client):
    response = editor_client.post(AUTHORITIES_URL, {"file": upload("local-authorities.csv")})
    assert response.status_code == 200
    assert LocalAuthority.objects.count() == 156
    assert "156 rows: 156 created, 0 updated, 0 unchanged, 0 skipped" in response.text
    assert "Cumbria: region code" in response.text


def test_editor_may_not_import_outcomes_because_they_publish(editor_client):
    assert editor_client.get(OUTCOMES_URL).status_code == 403
    response = editor_client.post(OUTCOMES_URL, {"file": upload("ilacs-latest-outcomes.csv")})
    assert response.status_code == 403
    assert Inspection.objects.count() == 0


def test_publisher_imports_the_outcomes(publisher_client):
    publisher_client.post(AUTHORITIES_URL, {"file": upload("local-authorities.csv")})
    response = publisher_client.post(OUTCOMES_URL, {"file": upload("ilacs-latest-outcomes.csv")})
    assert response.status_code == 200
    assert Inspection.objects.count() == 153
    assert "Brent: overall grade is blank; recorded as not known" in response.text


def test_visitor_is_sent_to_login(client):
    for url in (AUTHORITIES_URL, OUTCOMES_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("report.pdf", b"%PDF-1.4 ...", "application/pdf"), "is not a CSV file"),
        (upload("data.csv", b"x", "image/png"), "was sent as image/png"),
        (upload("big.csv", b"a," * (3 * 1024 * 1024), "text/csv"), "the limit is 5.0"),
        (upload("wrong.csv", b"name,colour\nx,y\n"), "missing the column"),
    ],
)
def test_a_wrong_upload_is_refused_with_a_clear_message(publisher_client, file, message):
    response = publisher_client.post(OUTCOMES_URL, {"file": file})
    assert response.status_code == 200
    assert message in response.text
    assert Inspection.objects.count() == 0


def test_the_authorities_list_links_to_both_imports(editor_client):
    response = editor_client.get(reverse("admin:inspections_localauthority_changelist"))
    assert AUTHORITIES_URL in response.text and OUTCOMES_URL in response.text
