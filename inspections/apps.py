from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections"

    def ready(self):
        # Here rather than in the middleware, so that management commands
        # (the importers) clear stored pages too.
        from config import pagecache

        pagecache.connect_signals()
