import logging

from django.conf import settings
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


class RequestSizeLimitMiddleware:
    """Refuse a body larger than the site accepts before anything reads it.

    Django parses a POST's body the first time anything asks for
    request.POST (the CSRF check does, for every POST), writing uploaded
    files to a temporary file as it goes: a 200 MB anonymous POST was written
    to /tmp in full before its 403. The declared length is checked first, so
    such a request costs nothing. Staff uploads (a report PDF of up to
    20 MB, in the admin) get MAX_ADMIN_REQUEST_BYTES; everything public (the
    quote check's 20,000 characters are the largest) gets
    MAX_PUBLIC_REQUEST_BYTES. The reverse proxy in deploy/ enforces the
    larger limit as well, before the request reaches a worker."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = (
            settings.MAX_ADMIN_REQUEST_BYTES
            if request.path.startswith("/admin/")
            else settings.MAX_PUBLIC_REQUEST_BYTES
        )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return too_large("The request's Content-Length is not a number.", status=400)
        if length > limit:
            return too_large(
                f"This request's body is {length:,} bytes; this address accepts at most "
                f"{limit:,}. Nothing was read or stored."
            )
        return self.get_response(request)


def too_large(message, status=413):
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
