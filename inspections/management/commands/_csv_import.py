"""Shared body of the two CSV import commands."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.importing.csv import ImportFileError


class CsvImportCommand(BaseCommand):
    importer = None  # set by each command
    what = "rows"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV file.")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        try:
            report = type(self).importer(data, path.name, progress=self.progress)
        except ImportFileError as exc:
            raise CommandError(f"Nothing imported. {exc.message}") from exc
        for number, reason in report.skipped:
            self.stderr.write(f"  line {number}: skipped: {reason}")
        if options["verbosity"] > 1:
            for number, note in report.notes:
                self.stdout.write(f"  line {number}: {note}")
        elif report.notes:
            self.stdout.write(f"  {len(report.notes)} note(s); run with -v 2 to list them.")
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def progress(self, done, total):
        if done % 50 == 0 or done == total:
            self.stdout.write(f"  {done}/{total} {self.what}")
