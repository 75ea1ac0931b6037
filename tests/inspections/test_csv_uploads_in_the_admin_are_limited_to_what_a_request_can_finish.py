"""An admin CSV upload runs inside the request, which is stopped at 30 s: a
file of more rows than the admin imports in a request (1,000, six times the
national files) writes nothing in the request and is imported in the
background instead (tests/inspections/test_large_csv_imports_run_in_the_background.py);
a file at the limit imports in the request, and the command imports a file
of any size."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from inspections.importing.csv import ADMIN_MAX_ROWS
from inspections.models import ImportRun, ImportStatus, Inspection, LocalAuthority
from tests import FIXTURES

pytestmark = pytest.mark.django_db

DATA = FIXTURES / "data"
HEADER = (DATA / "ilacs-latest-outcomes.csv").read_text(encoding="utf-8").splitlines()[0]
OUTCOMES_URL = reverse("admin:inspections_inspection_import_outcomes")
AUTHORITIES_URL = reverse("admin:inspections_localauthority_import")


def outcomes(rows):
    """An outcomes file of ``rows`` rows naming no known authority: each is
    skipped at once, so the test does not spend minutes writing."""
    blank = "," * (HEADER.count(",") - 2)
    body = "".join(f"9{n:06d},,atlantis{blank}\n" for n in range(rows))
    return (HEADER + "\n" + body).encode("utf-8")


def post(client, url, name, data):
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_an_upload_of_more_rows_than_a_request_can_import_is_not_imported_in_it(
    publisher_client,
):
    response = post(publisher_client, OUTCOMES_URL, "big.csv", outcomes(ADMIN_MAX_ROWS + 1))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:inspections_importrun_change", args=[run.pk])
    assert (run.status, run.rows) == (ImportStatus.QUEUED, 1001)
    assert Inspection.objects.count() == 0


def test_an_upload_at_the_limit_is_imported(publisher_client):
    response = post(publisher_client, OUTCOMES_URL, "limit.csv", outcomes(ADMIN_MAX_ROWS))
    assert response.status_code == 200
    assert "limit.csv: 1000 rows: 0 created, 0 updated, 0 unchanged, 1000 skipped." in (
        response.text
    )


def test_the_authorities_upload_is_limited_too(editor_client):
    real = (DATA / "local-authorities.csv").read_text(encoding="utf-8-sig").splitlines()
    big = "\n".join([real[0], *(real[1:] * 7)]) + "\n"  # 1,092 rows
    response = post(editor_client, AUTHORITIES_URL, "la.csv", big.encode("utf-8"))
    assert response.status_code == 302
    assert ImportRun.objects.get().rows == 1092
    assert LocalAuthority.objects.count() == 0


def test_the_command_imports_a_file_of_any_size(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(outcomes(ADMIN_MAX_ROWS + 1))
    out, err = StringIO(), StringIO()
    call_command("import_outcomes", str(path), stdout=out, stderr=err)
    assert "big.csv: 1001 rows: 0 created, 0 updated, 0 unchanged, 1001 skipped." in out.getvalue()
