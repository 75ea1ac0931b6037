"""A missing page and a server error get the site's own pages: the site's
header and navigation, a plain explanation, and no technical detail."""

import pytest
from django.template.loader import render_to_string
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_a_missing_page_gets_the_sites_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.text
    assert "<h1>Page not found</h1>" in html
    assert 'class="site-header"' in html
    assert 'href="/inspections/"' in html
    assert "Traceback" not in html


@override_settings(DEBUG=False)
def test_a_draft_or_unknown_record_gets_the_same_404(client):
    response = client.get("/inspections/no-such-inspection/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


def test_the_500_and_503_pages_render_without_a_request_or_database():
    # Django renders 500.html with an empty context when things are broken.
    for name, heading in (
        ("500.html", "Sorry, there is a problem with the service"),
        ("503.html", "Sorry, the service is unavailable"),
    ):
        html = render_to_string(name)
        assert f"<h1>{heading}</h1>" in html
        assert 'class="site-header"' in html
        assert "Traceback" not in html


@override_settings(DEBUG=False)
def test_an_unexpected_error_gets_the_sites_500(client, monkeypatch):
    from core import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "boom" not in response.text and "RuntimeError" not in response.text
