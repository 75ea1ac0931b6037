"""In a real browser (Chromium, through Playwright) a person filters the
national table of authorities by region, grade and a judgement area, sees
the chart and table of grades follow the filters, goes on to an authority
and its statistical neighbours; every page passes axe-core with zero
violations. Screenshots go to test-artifacts/screenshots/."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect

from inspections.models import LocalAuthority

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("one_database_connection_under_playwright"),
]
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module", autouse=True)
def put_back_the_migrated_data_afterwards(django_db_blocker):
    """Tests that expect the migrated data (themes, groups) can run after
    these; restore it after the flush that ends a transactional test."""
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def imported():
    call_command(
        "import_authorities", "tests/fixtures/data/local-authorities.csv", stdout=StringIO()
    )
    call_command(
        "import_outcomes", "tests/fixtures/data/ilacs-latest-outcomes.csv", stdout=StringIO()
    )


@pytest.fixture
def visit(page, live_server):
    def go(path):
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path} answered {response.status}"
        return response

    return go


def test_filtering_the_national_table_and_comparing_neighbours(
    page, visit, imported, screenshot, assert_accessible
):
    page.set_viewport_size({"width": 1280, "height": 900})
    visit("/authorities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Local authorities")
    expect(page.get_by_role("heading", name="156 local authorities")).to_be_visible()
    chart = page.get_by_role("img", name="Latest overall effectiveness of local authorities")
    expect(chart).to_be_visible()
    national = page.locator("table.national-table tbody tr")
    expect(national).to_have_count(156)
    expect(page.get_by_text("Outcomes data last updated")).to_contain_text(
        "from ilacs-latest-outcomes.csv"
    )
    assert_accessible()
    screenshot("national-picture")

    # Filter as a person would: choose, tick, submit.
    page.get_by_label("Region", exact=True).select_option(label="South East")
    page.get_by_role("checkbox", name=re.compile(r"^Good \(")).check()
    page.get_by_role("button", name="Apply filters").click()
    south_east_good = [
        a.name
        for a in LocalAuthority.objects.with_latest_outcome().filter(
            region="SE", latest_grade="good"
        )
    ]
    assert len(south_east_good) > 1
    expect(
        page.get_by_role(
            "heading", name=f"{len(south_east_good)} local authorities match these filters"
        )
    ).to_be_visible()
    assert "region=SE" in page.url and "grade=good" in page.url
    expect(national).to_have_count(len(south_east_good))
    names = national.locator("th a").all_inner_texts()
    assert sorted(names) == sorted(south_east_good)
    # The form keeps what was chosen, and the table of grades follows.
    expect(page.get_by_role("checkbox", name=re.compile(r"^Good \("))).to_be_checked()
    expect(page.get_by_label("Region", exact=True)).to_have_value("SE")
    distribution = page.locator("table.distribution-table tbody tr")
    expect(distribution).to_have_count(2)
    expect(distribution.nth(1)).to_contain_text("South East")
    expect(distribution.nth(1).locator("td").last).to_have_text(str(len(south_east_good)))
    assert_accessible()
    screenshot("national-picture-filtered")

    # Narrow by a judgement area: the latest grade for help and protection.
    page.get_by_label("Judgement area", exact=True).select_option(value="help_and_protection")
    page.get_by_label("Graded", exact=True).select_option(label="Good")
    page.get_by_role("button", name="Apply filters").click()
    both = LocalAuthority.objects.with_latest_outcome().filter(
        region="SE", latest_grade="good", latest_help_and_protection="good"
    )
    expect(national).to_have_count(both.count())
    assert sorted(national.locator("th a").all_inner_texts()) == sorted(a.name for a in both)

    # A bad value in the address: a clear message, not an error.
    visit("/authorities/?region=Atlantis")
    expect(page.get_by_role("alert")).to_contain_text("“Atlantis” is not a region")
    expect(page.get_by_role("heading", name="No local authorities shown")).to_be_visible()
    assert_accessible()

    # On to an authority and its statistical neighbours.
    visit("/authorities/?q=wokingham")
    page.get_by_role("link", name="Wokingham", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wokingham")
    section = page.get_by_role("heading", name="Statistical neighbours")
    expect(section).to_be_visible()
    neighbours = page.locator("table.neighbours-table tbody tr")
    expect(neighbours).to_have_count(11)  # Wokingham itself, then its ten
    expect(neighbours.nth(1)).to_contain_text("Windsor and Maidenhead")
    expect(page.get_by_text("Of its 10 statistical neighbours")).to_be_visible()
    expect(page.get_by_text("Also listed as a neighbour by:")).to_contain_text("Isles of Scilly")
    assert_accessible()
    screenshot("authority-neighbours")

    # And back the other way: Surrey lists Wokingham and is listed by it.
    page.locator("table.neighbours-table").get_by_role("link", name="Surrey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Surrey")
    expect(page.locator("table.neighbours-table")).to_contain_text("Wokingham")
    expect(page.get_by_text("Also listed as a neighbour by:")).to_contain_text("Wokingham")
    assert_accessible()


def test_the_national_picture_fits_a_phone(page, visit, imported, screenshot, assert_accessible):
    page.set_viewport_size(PHONE)
    for path, name in [
        ("/authorities/?region=NW", "phone-national-picture"),
        ("/authorities/wokingham/", "phone-authority-neighbours"),
    ]:
        visit(path)
        assert_accessible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(name)
