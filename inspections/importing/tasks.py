"""CSV imports too large for a request, run in the background.

The admin keeps the uploaded file in an ``ImportRun`` and enqueues
``run_import`` (Django's tasks framework, the queue a database table: see
``TASKS`` in config/settings.py); ``manage.py db_worker`` runs it. The task
uses the same importers as the admin and the commands, in their one
transaction: an import that fails writes nothing.

Progress is the run's stage (queued, running, done or failed), not a count
of rows: nothing the import writes is visible to another connection until
its transaction commits, and on SQLite, which has one writer, a count could
not even be written beside it. The page of the run shows the stage, the rows
in the file and how long it has taken, then what was imported.
"""

import functools
from dataclasses import asdict

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from inspections.models import ImportKind, ImportRun, ImportStatus

from .csv import (
    AUTHORITY_COLUMNS,
    OUTCOME_COLUMNS,
    ImportFileError,
    ImportReport,
    import_authorities,
    import_outcomes,
    read_rows,
)

IMPORTERS = {ImportKind.AUTHORITIES: import_authorities, ImportKind.OUTCOMES: import_outcomes}


def importer_for(kind, user):
    """The import of that kind as the user may run it. Outcomes publish, so
    only publishers run them at all; an authorities import by anyone else
    leaves the authorities the public sees as they are."""
    if kind == ImportKind.AUTHORITIES:
        may_publish = user is not None and user.has_perm("inspections.publish_inspection")
        return functools.partial(IMPORTERS[kind], may_change_public=may_publish)
    return IMPORTERS[kind]


COLUMNS = {ImportKind.AUTHORITIES: AUTHORITY_COLUMNS, ImportKind.OUTCOMES: OUTCOME_COLUMNS}


def queue_import(kind, data, file_name, user):
    """Keep the file as a queued run and enqueue its import, both or neither
    (the queue is a table in the same database). Raises ``ImportFileError``
    for a file that cannot be read at all, before anything is kept."""
    rows = len(read_rows(data, COLUMNS[kind], file_name))
    with transaction.atomic():
        run = ImportRun.objects.create(
            kind=kind, file_name=file_name, data=data, rows=rows, requested_by=user
        )
        run_import.enqueue(run.pk)
    return run


@task
def run_import(run_id):
    """Import a queued run's file, once: the run is claimed by a conditional
    update (queued to running), committed before the import starts, so a
    second worker, or the same task run again, finds nothing to do."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return {"imported": False, "reason": "not queued"}
    run = ImportRun.objects.get(pk=run_id)
    try:
        report = importer_for(run.kind, run.requested_by)(bytes(run.data), run.file_name)
    except ImportFileError as exc:
        finish(run_id, ImportStatus.FAILED, error=exc.message)
        return {"imported": False, "reason": exc.code}
    except Exception as exc:
        # Recorded for the page; raised again so the task's own result keeps
        # the traceback for whoever runs the worker.
        finish(run_id, ImportStatus.FAILED, error=f"The import stopped with an error: {exc}")
        raise
    finish(run_id, ImportStatus.DONE, report=asdict(report))
    return {"imported": True, "summary": report.summary()}


def finish(run_id, status, **values):
    ImportRun.objects.filter(pk=run_id).update(status=status, finished_at=timezone.now(), **values)


def report_of(run):
    """The run's report as the synchronous import returns it, or None."""
    if not run.report:
        return None
    values = dict(run.report)
    values["skipped"] = [tuple(item) for item in values.get("skipped", [])]
    values["notes"] = [tuple(item) for item in values.get("notes", [])]
    return ImportReport(**values)
