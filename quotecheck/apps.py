from django.apps import AppConfig


class QuotecheckConfig(AppConfig):
    name = "quotecheck"
    verbose_name = "Quote check"
