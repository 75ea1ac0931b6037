"""An editor's authorities import (in the admin, now or in the background)
may add authorities but not change the ones the public sees: that is a
change to published pages, which only publishers make, as on the
authority's own change page. The command line, run by whoever runs the
site, and publishers change them as before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.importing.csv import import_authorities
from inspections.models import LocalAuthority
from tests import FIXTURES

pytestmark = pytest.mark.django_db

URL = reverse("admin:inspections_localauthority_import")
CSV = (FIXTURES / "data" / "local-authorities.csv").read_bytes()


@pytest.fixture
def listed():
    """The real list imported, then Wokingham renamed in the file."""
    import_authorities(CSV, "local-authorities.csv")
    return CSV.replace(b"Wokingham", b"Wokinghamshire")


def upload(client, data):
    return client.post(URL, {"file": SimpleUploadedFile("la.csv", data, "text/csv")})


def test_an_editors_import_does_not_rename_a_public_authority(editor_client, listed):
    response = upload(editor_client, listed)
    assert response.status_code == 200
    assert "only a publisher may change its name" in response.text
    assert LocalAuthority.objects.filter(name="Wokingham").exists()
    assert not LocalAuthority.objects.filter(name="Wokinghamshire").exists()


def test_an_editors_import_of_the_same_list_changes_nothing_and_refuses_nothing(
    editor_client, listed
):
    response = upload(editor_client, CSV)
    assert "156 rows: 0 created, 0 updated, 156 unchanged, 0 skipped" in response.text


def test_a_publisher_may_rename_it(publisher_client, listed):
    response = upload(publisher_client, listed)
    assert "only a publisher" not in response.text
    assert LocalAuthority.objects.filter(name="Wokinghamshire").exists()


def test_the_command_line_may_rename_it(listed):
    import_authorities(listed, "local-authorities.csv")
    assert LocalAuthority.objects.filter(name="Wokinghamshire").exists()
