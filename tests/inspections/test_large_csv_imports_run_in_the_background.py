"""An admin CSV upload of more rows than a request can import (1,000) is kept
and imported in the background by the task worker (`manage.py db_worker`):
the upload writes nothing and sends the user to the run's page, which
reloads itself until the run is done and then shows what was imported, as
the synchronous import does. A run that fails writes nothing; a run is never
imported twice; outcomes stay publisher-only; smaller uploads are imported
in the request as before."""

import signal
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from inspections.importing import csv as importing_csv
from inspections.importing import tasks
from inspections.importing.csv import ADMIN_MAX_ROWS, AUTHORITY_COLUMNS
from inspections.models import ImportKind, ImportRun, ImportStatus, Inspection, LocalAuthority
from tests import FIXTURES

pytestmark = pytest.mark.django_db

AUTHORITIES_URL = reverse("admin:inspections_localauthority_import")
OUTCOMES_URL = reverse("admin:inspections_inspection_import_outcomes")
OUTCOMES_HEADER = (
    (FIXTURES / "data" / "ilacs-latest-outcomes.csv").read_text(encoding="utf-8").splitlines()[0]
)
REFRESH = '<meta http-equiv="refresh"'


AUTHORITIES_HEADER = ",".join(AUTHORITY_COLUMNS)


def authorities(rows, header=AUTHORITIES_HEADER):
    """An authorities file of ``rows`` distinct authorities, known by URN."""
    body = "".join(f"9{n:06d},,Town {n},NE,\n" for n in range(rows))
    return (header + "\n" + body).encode("utf-8")


def outcomes(rows):
    """An outcomes file whose rows name no known authority (each is skipped)."""
    blank = "," * (OUTCOMES_HEADER.count(",") - 2)
    body = "".join(f"9{n:06d},,atlantis{blank}\n" for n in range(rows))
    return (OUTCOMES_HEADER + "\n" + body).encode("utf-8")


def post(client, url, name, data):
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def run_page(run):
    return reverse("admin:inspections_importrun_change", args=[run.pk])


def run_the_worker():
    """Process the queue and stop, as django-tasks-db's own tests do; the
    worker installs signal handlers of its own, put back afterwards. Its
    close_old_connections() is held off: inside a test's transaction a
    PostgreSQL connection is not in autocommit, which it takes for a
    connection to drop (SQLite's in-memory one is never closed)."""
    kept = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with mock.patch.object(db_worker, "close_old_connections", lambda: None):
            call_command(
                "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
            )
    finally:
        for sig, handler in kept.items():
            signal.signal(sig, handler)


LARGE = ADMIN_MAX_ROWS + 500  # 1,500 rows


def test_a_large_upload_is_queued_and_writes_nothing_until_the_worker_runs(editor_client):
    response = post(editor_client, AUTHORITIES_URL, "la.csv", authorities(LARGE))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == run_page(run)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Importing 1,500 rows in the background… This page shows how it is going."
    ]
    assert (run.kind, run.status, run.rows, run.file_name) == (
        ImportKind.AUTHORITIES,
        ImportStatus.QUEUED,
        1500,
        "la.csv",
    )
    assert run.requested_by.username == "editor"
    assert bytes(run.data) == authorities(LARGE)
    assert DBTaskResult.objects.count() == 1
    assert LocalAuthority.objects.count() == 0
    page = editor_client.get(run_page(run))
    assert page.status_code == 200
    assert "Queued" in page.text and "1,500" in page.text
    assert REFRESH in page.text


def test_the_worker_imports_every_row_and_the_run_page_shows_done_with_the_counts(editor_client):
    post(editor_client, AUTHORITIES_URL, "la.csv", authorities(LARGE))
    run = ImportRun.objects.get()
    assert REFRESH in editor_client.get(run_page(run)).text
    run_the_worker()
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE
    assert run.started_at <= run.finished_at
    assert LocalAuthority.objects.count() == 1500
    assert LocalAuthority.objects.filter(ofsted_urn="9001499", source_file="la.csv").exists()
    page = editor_client.get(run_page(run))
    assert page.status_code == 200
    assert "Done" in page.text
    assert "la.csv: 1500 rows: 1500 created, 0 updated, 0 unchanged, 0 skipped." in page.text
    assert "What was imported" in page.text
    assert REFRESH not in page.text
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_run_whose_file_cannot_be_read_ends_failed_with_the_message_and_writes_nothing(
    editor_client,
):
    # The admin refuses such a file at once and keeps nothing...
    bad = authorities(LARGE, header="urn,la_code,local_authority_ons_name")
    response = post(editor_client, AUTHORITIES_URL, "bad.csv", bad)
    assert response.status_code == 200
    assert "missing the column(s) region_code, stat_neighbours" in response.text
    assert not ImportRun.objects.exists()
    # ...and a queued run of one ends failed, with the reason, writing nothing.
    run = ImportRun.objects.create(
        kind=ImportKind.AUTHORITIES, file_name="bad.csv", data=bad, rows=LARGE
    )
    tasks.run_import.enqueue(run.pk)
    run_the_worker()
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert run.error == (
        "bad.csv is missing the column(s) region_code, stat_neighbours; is it the right file?"
    )
    assert run.report is None
    assert LocalAuthority.objects.count() == 0
    page = editor_client.get(run_page(run))
    assert "The import failed; nothing was written" in page.text
    assert "missing the column(s)" in page.text
    assert REFRESH not in page.text


def test_a_run_that_fails_part_way_writes_nothing(editor_client, monkeypatch):
    post(editor_client, AUTHORITIES_URL, "la.csv", authorities(LARGE))
    real = importing_csv.import_authority

    def fails_at_row_1000(row, report, number, *args):
        if number == 1001:
            raise RuntimeError("the disk is full")
        return real(row, report, number, *args)

    monkeypatch.setattr(importing_csv, "import_authority", fails_at_row_1000)
    run_the_worker()
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert run.error == "The import stopped with an error: the disk is full"
    assert LocalAuthority.objects.count() == 0
    # The task's own result keeps the traceback for whoever runs the worker.
    assert DBTaskResult.objects.get().status == "FAILED"


def test_running_the_worker_again_imports_nothing_twice(editor_client, monkeypatch):
    calls = []
    real = tasks.IMPORTERS[ImportKind.AUTHORITIES]

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    post(editor_client, AUTHORITIES_URL, "la.csv", authorities(LARGE))
    monkeypatch.setitem(tasks.IMPORTERS, ImportKind.AUTHORITIES, counted)
    run = ImportRun.objects.get()
    tasks.run_import.enqueue(run.pk)  # the same run queued twice
    run_the_worker()
    assert calls == ["la.csv"]
    run.refresh_from_db()
    done = (run.status, run.started_at, run.finished_at, run.report)
    run_the_worker()
    assert tasks.run_import.call(run.pk) == {"imported": False, "reason": "not queued"}
    run.refresh_from_db()
    assert calls == ["la.csv"]
    assert (run.status, run.started_at, run.finished_at, run.report) == done
    assert LocalAuthority.objects.count() == 1500
    # A queued run is imported by the first call only.
    other = ImportRun.objects.create(
        kind=ImportKind.AUTHORITIES, file_name="again.csv", data=authorities(3), rows=3
    )
    assert tasks.run_import.call(other.pk)["imported"] is True
    assert tasks.run_import.call(other.pk)["imported"] is False
    assert calls == ["la.csv", "again.csv"]


def test_an_editor_cannot_start_or_see_a_background_outcomes_import(client, editor, publisher):
    client.force_login(editor)
    response = post(client, OUTCOMES_URL, "big.csv", outcomes(LARGE))
    assert response.status_code == 403
    assert not ImportRun.objects.exists()
    assert not DBTaskResult.objects.exists()

    client.force_login(publisher)
    response = post(client, OUTCOMES_URL, "big.csv", outcomes(LARGE))
    run = ImportRun.objects.get()
    assert response.url == run_page(run)
    assert run.kind == ImportKind.OUTCOMES
    run_the_worker()
    page = client.get(run_page(run))
    assert "big.csv: 1500 rows: 0 created, 0 updated, 0 unchanged, 1500 skipped." in page.text
    assert Inspection.objects.count() == 0

    client.force_login(editor)
    assert client.get(run_page(run)).status_code == 403
    listing = client.get(reverse("admin:inspections_importrun_changelist"))
    assert listing.status_code == 200
    assert "big.csv" not in listing.text


def test_small_uploads_stay_synchronous(editor_client):
    response = post(editor_client, AUTHORITIES_URL, "la.csv", authorities(ADMIN_MAX_ROWS))
    assert response.status_code == 200
    assert "la.csv: 1000 rows: 1000 created, 0 updated, 0 unchanged, 0 skipped." in response.text
    assert LocalAuthority.objects.count() == 1000
    assert not ImportRun.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_the_list_of_runs_is_read_only_and_only_publishers_delete(editor_client, editor, publisher):
    post(editor_client, AUTHORITIES_URL, "la.csv", authorities(LARGE))
    run = ImportRun.objects.get()
    listing = editor_client.get(reverse("admin:inspections_importrun_changelist"))
    assert listing.status_code == 200
    assert "la.csv" in listing.text
    assert editor_client.get(reverse("admin:inspections_importrun_add")).status_code == 403
    delete = reverse("admin:inspections_importrun_delete", args=[run.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert ImportRun.objects.exists()
    editor_client.force_login(publisher)
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not ImportRun.objects.exists()
