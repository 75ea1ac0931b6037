"""Records without a status of their own (an authority, a theme, a quote's
source) are shown on published pages: once something published shows them,
changing them changes the public record, so only publishers may. Editors
still change them freely while only drafts use them."""

import pytest
from django.urls import reverse

from core.choices import Status
from tests.factories import (
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def source_form(source, **changes):
    form = {
        "kind": source.kind,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "published_on": source.published_on.isoformat(),
        "published_precision": source.published_precision,
    }
    return {**form, **changes}


def theme_form(theme, **changes):
    return {"name": theme.name, "slug": theme.slug, "description": "", "keywords": "", **changes}


def authority_form(authority, **changes):
    form = {
        "name": authority.name,
        "slug": authority.slug,
        "official_name": authority.official_name,
        "region": authority.region,
        "neighbour_links-TOTAL_FORMS": "0",
        "neighbour_links-INITIAL_FORMS": "0",
    }
    return {**form, **changes}


def published_statement(source=None, themes=()):
    statement = StatementFactory(
        status=Status.PUBLISHED,
        official=OfficialFactory(status=Status.PUBLISHED),
        **({"source": source} if source else {}),
    )
    statement.themes.set(themes)
    return statement


def test_an_editor_cannot_change_the_link_of_a_published_quotes_source(editor_client):
    source = SourceFactory(url="https://example.org/news/1")
    published_statement(source)
    url = reverse("admin:quotes_source_change", args=[source.pk])
    response = editor_client.post(url, source_form(source, url="https://phishing.example/"))
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.url == "https://example.org/news/1"
    # The page still shows it, read-only.
    assert editor_client.get(url).status_code == 200


def test_an_editor_may_change_a_source_only_drafts_use(editor_client):
    source = SourceFactory()
    StatementFactory(source=source, status=Status.DRAFT)
    url = reverse("admin:quotes_source_change", args=[source.pk])
    response = editor_client.post(url, source_form(source, url="https://example.org/right"))
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.url == "https://example.org/right"


def test_a_publisher_may_change_a_published_quotes_source(publisher_client):
    source = SourceFactory()
    published_statement(source)
    url = reverse("admin:quotes_source_change", args=[source.pk])
    response = publisher_client.post(url, source_form(source, url="https://example.org/fixed"))
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.url == "https://example.org/fixed"


def test_an_editor_cannot_rename_or_delete_a_theme_published_pages_show(editor_client):
    theme = ThemeFactory(name="Advocacy", slug="advocacy")
    published_statement(themes=[theme])
    change = reverse("admin:inspections_theme_change", args=[theme.pk])
    assert editor_client.post(change, theme_form(theme, name="Renamed")).status_code == 403
    delete = reverse("admin:inspections_theme_delete", args=[theme.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    theme.refresh_from_db()
    assert theme.name == "Advocacy"


def test_an_editor_may_rename_a_theme_nothing_published_uses(editor_client):
    theme = ThemeFactory(name="Unused", slug="unused")
    change = reverse("admin:inspections_theme_change", args=[theme.pk])
    assert editor_client.post(change, theme_form(theme, name="Still unused")).status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Still unused"


def test_an_editor_cannot_rename_an_authority_with_a_published_report(editor_client):
    authority = LocalAuthorityFactory(name="Exampleshire")
    InspectionFactory(authority=authority, status=Status.PUBLISHED)
    change = reverse("admin:inspections_localauthority_change", args=[authority.pk])
    response = editor_client.post(change, authority_form(authority, name="Renamed"))
    assert response.status_code == 403
    authority.refresh_from_db()
    assert authority.name == "Exampleshire"


def test_an_editor_may_rename_an_authority_with_only_drafts(editor_client):
    authority = LocalAuthorityFactory(name="Draftshire")
    InspectionFactory(authority=authority, status=Status.DRAFT)
    change = reverse("admin:inspections_localauthority_change", args=[authority.pk])
    response = editor_client.post(change, authority_form(authority, name="Draftshire Two"))
    assert response.status_code == 302
    authority.refresh_from_db()
    assert authority.name == "Draftshire Two"
