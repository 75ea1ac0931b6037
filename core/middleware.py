import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer with a plain 503 page
    (no stack trace, no settings) instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error("Database unavailable: %s", exception.__class__.__name__)
            return service_unavailable()
        return None


def service_unavailable():
    # Rendered without a request: the context processors would query the
    # database (the session, the user) that is down.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "60"
    return response
