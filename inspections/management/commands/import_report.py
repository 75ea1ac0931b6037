"""python manage.py import_report FILE.pdf [FILE.pdf ...]

Each report becomes a draft inspection (or updates its earlier draft), in a
transaction of its own: a file that fails writes nothing and the others go on.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.importing.pdf.result import ReportError
from inspections.importing.pdf.text import MAX_BYTES
from inspections.importing.report import ReportRefused, import_report


class Command(BaseCommand):
    help = "Import Ofsted report PDFs as draft inspections, every finding included."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Report PDF files.")

    def handle(self, *args, files, **options):
        failed = 0
        for index, name in enumerate(files, start=1):
            path = Path(name)
            prefix = f"[{index}/{len(files)}] {path.name}:"
            started = time.perf_counter()
            try:
                if path.stat().st_size > MAX_BYTES:
                    raise ReportError(f"{path.name} is larger than the 20 MB limit.", "too_large")
                result = import_report(path.read_bytes(), path.name)
            except OSError as exc:
                failed += 1
                self.stderr.write(f"{prefix} cannot read the file: {exc.strerror}.")
                continue
            except (ReportError, ReportRefused) as exc:
                failed += 1
                self.stderr.write(f"{prefix} not imported: {exc.message}")
                continue
            seconds = time.perf_counter() - started
            self.stdout.write(f"{prefix} {result.summary()} [{seconds:.2f} s]")
            for warning in result.parsed.warnings:
                self.stdout.write(f"    warning: {warning}")
        summary = f"{len(files) - failed} of {len(files)} report(s) imported as drafts."
        if failed:
            raise CommandError(f"{summary} {failed} failed; see above.")
        self.stdout.write(self.style.SUCCESS(summary))
