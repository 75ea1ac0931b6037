from inspections.importing.csv import import_outcomes

from ._csv_import import CsvImportCommand


class Command(CsvImportCommand):
    help = (
        "Import or update the latest ILACS outcome of each authority "
        "(data/ilacs-latest-outcomes.csv). Import the authorities first."
    )
    importer = import_outcomes
    what = "outcomes"
