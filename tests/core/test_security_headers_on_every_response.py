"""Public pages and the admin carry the security headers: a Content Security
Policy with no inline script or style, HSTS over HTTPS, no framing, no
sniffing, a strict referrer policy, and secure cookies in production."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HSTS = {"SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True}


@pytest.fixture(params=["home", "admin:login"])
def url(request):
    return reverse(request.param)


def test_content_security_policy_allows_no_inline_code(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[name]
        assert "'unsafe-eval'" not in directives[name]


def test_framing_sniffing_and_referrer_are_locked_down(client, url):
    response = client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_hsts_is_sent_over_https(client, settings, url):
    for name, value in HSTS.items():
        setattr(settings, name, value)
    response = client.get(url, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_is_not_sent_over_plain_http(client, settings, url):
    for name, value in HSTS.items():
        setattr(settings, name, value)
    assert "Strict-Transport-Security" not in client.get(url)


def test_public_pages_have_no_inline_script_or_style(client):
    html = client.get(reverse("home")).text
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert "<script src=" in html


def test_admin_inline_code_carries_the_csp_nonce(admin_client):
    response = admin_client.get(reverse("admin:inspections_inspection_add"))
    policy = response["Content-Security-Policy"]
    assert "'nonce-" in policy
