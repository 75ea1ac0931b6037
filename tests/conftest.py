import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from hypothesis import HealthCheck, settings

# Property-based tests: a quick run by default; `make test-long` (or
# HYPOTHESIS_PROFILE=long) throws at least 1,000 cases at each address.
_common = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "derandomize": False,
}
settings.register_profile("quick", max_examples=40, **_common)
settings.register_profile("long", max_examples=1000, **_common)
settings.load_profile(os.getenv("HYPOTHESIS_PROFILE", "quick"))

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# would otherwise refuse to be called from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    """Django 6.1's default hasher spends 0.55 s on each user a test makes;
    tests need a password checked, not a password kept safe."""
    from django.conf import settings as django_settings

    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    return bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests (the browser tests) last, whatever other plugins
    did to the order: their flush removes the rows the migrations made
    (themes, groups), which serialized_rollback puts back only for the next
    transactional test. The browser tests first among those: under
    Playwright the restore needs the connection one_database_connection_under_playwright
    picks, so they must find the migrated data still there (it is put back
    after them for the transactional tests that follow)."""
    items.sort(key=lambda item: (is_transactional(item), not item.get_closest_marker("browser")))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's chromium: Playwright cannot download its own here."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Browser tests need Debian's chromium: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="module")
def one_database_connection_under_playwright(playwright, django_db_setup, django_db_blocker):
    """Playwright's sync API leaves an event loop running in the test thread,
    and Django then keeps database connections per context rather than per
    thread: a test could get a connection other than the one that set up
    the test database, without the migrated data (themes, groups) that
    serialized_rollback restores before each test. Use the one connection
    that has it, as Django would without Playwright, and put the migrated
    data back after the module's last flush. Browser test modules use it
    through their pytestmark."""
    from django.db import connections

    local = connections._connections
    thread_store = object.__getattribute__(local, "_storage")
    chosen = {}
    with django_db_blocker.unblock():
        for alias in connections:
            candidates = [vars(thread_store).get(alias), getattr(local, alias, None)]
            chosen[alias] = next(
                (c for c in candidates if hasattr(c, "_test_serialized_contents")), None
            )
            if chosen[alias] is not None:
                setattr(thread_store, alias, chosen[alias])
                setattr(local, alias, chosen[alias])
    yield
    with django_db_blocker.unblock():
        for connection in chosen.values():
            if connection is not None:
                connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/screenshots/."""

    def save(name):
        path = ARTIFACTS / "screenshots" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def assert_accessible(page):
    """Run axe-core (WCAG 2.2 AA and best practice) on the page and fail on
    any violation, naming each rule and the elements it found."""
    from pytest_playwright_axe import OPTIONS_WCAG_22AA, Axe

    axe = Axe(output_directory=ARTIFACTS / "axe-reports")

    def check():
        results = axe.run(
            page,
            options=OPTIONS_WCAG_22AA,
            html_report_generated=False,
            json_report_generated=False,
        )
        problems = [
            f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:5])})"
            for v in results["violations"]
        ]
        assert problems == [], f"axe-core found violations on {page.url}:\n" + "\n".join(problems)

    return check


@pytest.fixture
def editor(db):
    user = User.objects.create_user(
        "editor", "editor@example.org", "correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher(db):
    user = User.objects.create_user(
        "publisher", "publisher@example.org", "correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Publishers"))
    return user


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


@pytest.fixture(autouse=True)
def no_pages_kept_from_another_test():
    """The pages each process keeps (core/pagecache.py) outlive a test's
    database; start every test without them."""
    from core import pagecache

    pagecache.recent.clear()
    yield
    pagecache.recent.clear()


@pytest.fixture
def page_cache_on(settings):
    """Pages served as in production, through the page cache (a module
    uses it with pytest.mark.usefixtures)."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def visitor():
    """An anonymous visitor, whom the page cache serves."""
    from django.test import Client

    return Client()
