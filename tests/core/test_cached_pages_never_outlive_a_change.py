"""Public pages are served from the page cache until the record changes, and
never a moment after: a publish, an unpublish, an edit, a delete or an
import shows at once, and nothing personal is ever stored. (How exports
and compressed pages are stored: test_stored_exports_are_whole_and_current.py.)"""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import pagecache
from core.choices import Status
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    LocalAuthorityFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_a_second_visit_is_served_from_the_cache_with_one_query(visitor):
    InspectionFactory(authority=LocalAuthorityFactory(name="Cacheshire"))
    first = fetch(visitor, "/inspections/")
    with CaptureQueriesContext(connection) as queries:
        second = fetch(visitor, "/inspections/")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert len(queries) == 1
    assert second.content == first.content
    # The security headers are kept with the page.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_another_query_string_is_another_page(visitor):
    fetch(visitor, "/inspections/")
    assert fetch(visitor, "/inspections/?judgement=good")["X-Cache"] == "miss"


def test_the_cache_is_not_used_when_turned_off(visitor, settings):
    settings.PAGE_CACHE_SECONDS = 0
    fetch(visitor, "/inspections/")
    assert "X-Cache" not in fetch(visitor, "/inspections/")


def test_unpublishing_in_the_admin_takes_the_record_off_stored_pages(visitor, publisher_client):
    inspection = InspectionFactory()
    url = inspection.get_absolute_url()
    # The link to the report, not the authority's name (the filter lists it).
    assert url.encode() in fetch(visitor, "/inspections/").content
    fetch(visitor, url)
    publisher_client.post(
        reverse("admin:inspections_inspection_changelist"),
        {"action": "unpublish", "_selected_action": [inspection.pk]},
    )
    inspection.refresh_from_db()
    assert inspection.status == Status.DRAFT
    assert url.encode() not in fetch(visitor, "/inspections/").content
    assert visitor.get(url).status_code == 404


def test_publishing_in_the_admin_shows_at_once(visitor, publisher_client):
    draft = InspectionFactory(status=Status.DRAFT)
    link = draft.get_absolute_url().encode()
    assert link not in fetch(visitor, "/inspections/").content
    publisher_client.post(
        reverse("admin:inspections_inspection_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert link in fetch(visitor, "/inspections/").content


def test_editing_a_finding_changes_the_stored_report_page(visitor):
    finding = FindingFactory(text="Social workers visit children regularly.")
    url = finding.inspection.get_absolute_url()
    assert b"visit children regularly" in fetch(visitor, url).content
    finding.text = "Social workers see children alone."
    finding.save()
    page = fetch(visitor, url)
    assert page["X-Cache"] == "miss"
    assert b"see children alone" in page.content
    assert b"visit children regularly" not in page.content


def test_a_new_theme_on_a_finding_changes_the_stored_theme_counts(visitor):
    finding = FindingFactory()
    theme = ThemeFactory(name="Cached theme", slug="cached-theme")
    fetch(visitor, "/findings/?theme=cached-theme")
    finding.themes.add(theme)
    assert fetch(visitor, "/findings/?theme=cached-theme")["X-Cache"] == "miss"


def test_deleting_a_statement_takes_it_off_stored_pages(visitor):
    statement = StatementFactory(text="Words that will be withdrawn.")
    assert b"will be withdrawn" in fetch(visitor, "/quotes/").content
    statement.delete()
    assert b"will be withdrawn" not in fetch(visitor, "/quotes/").content


def test_a_bulk_load_changes_stored_pages(visitor):
    LocalAuthorityFactory.create_batch(3)
    before = fetch(visitor, "/inspections/").content
    call_command("generate_data", scale="small", seed=3, force=True, stdout=StringIO())
    after = fetch(visitor, "/inspections/")
    assert after["X-Cache"] == "miss"
    assert after.content != before


def test_staff_signed_in_are_never_served_a_stored_page(visitor, editor_client):
    InspectionFactory()
    fetch(visitor, "/inspections/")
    response = fetch(editor_client, "/inspections/")
    assert "X-Cache" not in response


def test_a_page_with_a_form_token_is_not_stored(visitor):
    fetch(visitor, "/check/")
    assert fetch(visitor, "/check/")["X-Cache"] == "miss"


def test_error_responses_are_not_stored(visitor):
    for url in ("/inspections/no-such-report/", "/quotes/?format=xml"):
        visitor.get(url)
        assert visitor.get(url)["X-Cache"] == "miss", url


def test_a_post_is_never_answered_from_the_cache(visitor):
    fetch(visitor, "/check/?text=children")
    response = visitor.post("/check/", {"text": "children"})
    assert "X-Cache" not in response


def test_the_ceiling_and_health_check_never_touch_the_cache(visitor):
    for url in ("/robots.txt", "/healthz"):
        visitor.get(url)
        assert "X-Cache" not in visitor.get(url), url


def test_a_cache_that_cannot_be_read_serves_the_page_uncached(visitor):
    link = InspectionFactory().get_absolute_url().encode()
    with mock.patch.object(pagecache, "cache", side_effect=RuntimeError("cache is down")):
        response = fetch(visitor, "/inspections/")
    assert link in response.content
    assert "X-Cache" not in response


def test_a_page_stored_under_an_older_generation_is_not_served(visitor):
    fetch(visitor, "/inspections/")
    pagecache.record_changed()
    assert fetch(visitor, "/inspections/")["X-Cache"] == "miss"


def test_new_code_or_templates_start_from_empty_pages(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>Before</p>")
    settings.BASE_DIR = tmp_path
    pagecache.code_version.cache_clear()
    try:
        before = pagecache.code_version()
        pagecache.code_version.cache_clear()
        assert pagecache.code_version() == before  # the same code, the same pages
        template.write_text("<p>After</p>")
        pagecache.code_version.cache_clear()
        assert pagecache.code_version() != before
    finally:
        pagecache.code_version.cache_clear()


def test_a_dropped_database_connection_is_replaced_before_the_page_is_rendered(visitor):
    link = InspectionFactory().get_absolute_url().encode()
    broken = mock.Mock()
    broken.get_many.side_effect = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch.object(pagecache, "cache", return_value=broken),
        mock.patch.object(pagecache.transaction, "get_connection") as current,
        mock.patch.object(pagecache, "close_old_connections") as replace,
    ):
        current.return_value.in_atomic_block = False
        response = fetch(visitor, "/inspections/")
    replace.assert_called_once_with()
    assert link in response.content


def test_a_cache_failure_that_is_not_the_database_keeps_the_connection(visitor):
    with (
        mock.patch.object(pagecache, "close_old_connections") as replace,
        mock.patch.object(pagecache, "cache", side_effect=RuntimeError("cache is down")),
    ):
        fetch(visitor, "/inspections/")
    replace.assert_not_called()


def test_a_page_rendered_before_any_generation_existed_is_not_stored(visitor):
    # An empty cache (or one whose generation was culled): the first visit
    # only starts a generation, the second stores, the third is served.
    pagecache.cache().delete(pagecache.GENERATION_KEY)
    assert fetch(visitor, "/inspections/")["X-Cache"] == "miss"
    assert pagecache.cache().get(pagecache.GENERATION_KEY)
    assert fetch(visitor, "/inspections/")["X-Cache"] == "miss"
    assert fetch(visitor, "/inspections/")["X-Cache"] == "hit"


def test_a_migrations_own_saves_leave_the_generation_alone(visitor):
    # Its historical models send the same signals, before the cache table
    # may exist (the first migrate)...
    from django.db.migrations.executor import MigrationExecutor

    historical = MigrationExecutor(connection).loader.project_state().apps
    fetch(visitor, "/inspections/")
    before = pagecache.cache().get(pagecache.GENERATION_KEY)
    Authority = historical.get_model("inspections", "LocalAuthority")
    Authority.objects.create(name="Migrationshire", slug="migrationshire")
    assert pagecache.cache().get(pagecache.GENERATION_KEY) == before
    # ...while a real save still replaces it.
    LocalAuthorityFactory()
    assert pagecache.cache().get(pagecache.GENERATION_KEY) != before


def test_a_new_migration_starts_from_empty_pages(settings, tmp_path):
    migrations = tmp_path / "inspections" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "0001_initial.py").write_text("operations = []\n")
    settings.BASE_DIR = tmp_path
    pagecache.code_version.cache_clear()
    try:
        before = pagecache.code_version()
        (migrations / "0002_data.py").write_text("operations = ['a data migration']\n")
        pagecache.code_version.cache_clear()
        assert pagecache.code_version() != before
    finally:
        pagecache.code_version.cache_clear()
