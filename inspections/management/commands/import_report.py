"""python manage.py import_report FILE.pdf [FILE.pdf ...]

Each report becomes a draft inspection (or updates its earlier draft), in a
transaction of its own: a file that fails writes nothing and the others go on.
That holds when the database fails too (the server restarted, the connection
dropped): the file is reported as failed, the broken connection closed so
that the next file opens a new one, and the command exits 1 at the end.
"""

import contextlib
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import Error as DatabaseError
from django.db import connections

from inspections.importing.pdf.result import ReportError
from inspections.importing.pdf.text import MAX_BYTES
from inspections.importing.report import ReportRefused, import_report


class Command(BaseCommand):
    help = "Import Ofsted report PDFs as draft inspections, every finding included."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Report PDF files.")

    def handle(self, *args, files, **options):
        failed = []
        for index, name in enumerate(files, start=1):
            path = Path(name)
            prefix = f"[{index}/{len(files)}] {path.name}:"
            started = time.perf_counter()
            try:
                if path.stat().st_size > MAX_BYTES:
                    raise ReportError(f"{path.name} is larger than the 20 MB limit.", "too_large")
                result = import_report(path.read_bytes(), path.name)
            except OSError as exc:
                failed.append(path.name)
                self.stderr.write(f"{prefix} cannot read the file: {exc.strerror}.")
                continue
            except (ReportError, ReportRefused) as exc:
                failed.append(path.name)
                self.stderr.write(f"{prefix} not imported: {exc.message}")
                continue
            except DatabaseError as exc:
                failed.append(path.name)
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                self.stderr.write(
                    f"{prefix} not imported: the database failed while it was being written "
                    f"({reason}); nothing of it was kept. Going on with a new connection."
                )
                close_connections()
                continue
            seconds = time.perf_counter() - started
            self.stdout.write(f"{prefix} {result.summary()} [{seconds:.2f} s]")
            for warning in result.parsed.warnings:
                self.stdout.write(f"    warning: {warning}")
        summary = f"{len(files) - len(failed)} of {len(files)} report(s) imported as drafts."
        if failed:
            raise CommandError(f"{summary} {len(failed)} failed ({', '.join(failed)}); see above.")
        self.stdout.write(self.style.SUCCESS(summary))


def close_connections():
    """Close every open database connection, so that the next query opens a
    new one; one that fails to close is broken anyway and is let go."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            connection.close()
