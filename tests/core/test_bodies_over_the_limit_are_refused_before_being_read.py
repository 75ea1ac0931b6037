"""A body larger than the site accepts is refused from its declared length,
before Django reads it: an anonymous 200 MB POST used to be written to /tmp
in full by the CSRF check's parsing before its 403."""

import pytest
from django.http import HttpRequest

from core.middleware import RequestSizeLimitMiddleware

pytestmark = pytest.mark.django_db


class Unread:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def request(path, length):
    req = HttpRequest()
    req.method = "POST"
    req.path = req.path_info = path
    req.META = {"CONTENT_LENGTH": str(length), "REQUEST_METHOD": "POST"}
    req._stream = Unread()
    return req


def answered(req):
    return RequestSizeLimitMiddleware(lambda r: "passed on")(req)


def test_a_public_body_over_the_limit_is_refused_unread(settings):
    response = answered(request("/check/", settings.MAX_PUBLIC_REQUEST_BYTES + 1))
    assert response.status_code == 413
    assert "at most" in response.text


def test_an_admin_upload_over_the_limit_is_refused_unread(settings):
    response = answered(request("/admin/", settings.MAX_ADMIN_REQUEST_BYTES + 1))
    assert response.status_code == 413


def test_bodies_within_the_limits_are_passed_on(settings):
    assert answered(request("/check/", settings.MAX_PUBLIC_REQUEST_BYTES)) == "passed on"
    # A report PDF of 20 MB fits the admin's limit, not the public one.
    assert answered(request("/admin/x/", 20 * 1024 * 1024)) == "passed on"
    assert answered(request("/check/", 20 * 1024 * 1024)).status_code == 413


def test_a_nonsense_length_is_a_bad_request(settings):
    req = request("/check/", 0)
    req.META["CONTENT_LENGTH"] = "lots"
    assert answered(req).status_code == 400


def test_the_whole_stack_refuses_a_large_post_with_413(client, settings):
    response = client.generic(
        "POST", "/check/", b"x", content_type="text/plain", CONTENT_LENGTH=str(300 * 1024 * 1024)
    )
    assert response.status_code == 413
