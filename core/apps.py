from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        # Here rather than in the middleware, so that management commands
        # (the importers) clear stored pages too.
        from . import pagecache

        pagecache.connect_signals()
