import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

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


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's chromium: Playwright cannot download its own here."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Browser tests need Debian's chromium: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


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
