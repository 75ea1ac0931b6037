from inspections.importing.csv import import_authorities

from ._csv_import import CsvImportCommand


class Command(CsvImportCommand):
    help = (
        "Import or update local authorities from the reference CSV "
        "(data/local-authorities.csv): codes, region, type, statistical neighbours."
    )
    importer = import_authorities
    what = "authorities"
