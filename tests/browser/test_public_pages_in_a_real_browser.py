"""A person with a real browser (Chromium, through Playwright) can find
Wokingham's 2019 report from the home page, filter every inspection to
"requires improvement to be good" in 2019 with the theme "front door", read a
finding and copy its permalink; bad filters give a clear message; and every
page type passes an axe-core scan. Screenshots go to test-artifacts/."""

import datetime
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from inspections.choices import Grade
from inspections.models import Finding
from tests.factories import InspectionFactory, LocalAuthorityFactory

# serialized_rollback puts back the themes and groups the migrations create,
# which a transactional test's flush would otherwise remove for later tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("one_database_connection_under_playwright"),
]

REPORT = "/inspections/wokingham-ilacs-standard-inspection-june-2019/"
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def real_records():
    # The module's django_db mark gives the database. Asking for
    # transactional_db here as well would set it up a second time without
    # serialized_rollback, and every test after the first would find no
    # themes.
    call_command("load_records", verbosity=0)


@pytest.fixture
def visit(page, live_server):
    def go(path):
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path} answered {response.status}"
        return response

    return go


def test_someone_new_finds_the_2019_report_filters_and_copies_a_permalink(
    page, live_server, visit, real_records, screenshot, assert_accessible
):
    visit("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ofsted children’s services record")
    assert_accessible()
    screenshot("home")

    # From the home page, by authority, to Wokingham's 2019 report.
    page.get_by_role("link", name="By local authority").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Local authorities")
    assert_accessible()
    screenshot("authority-list")
    page.get_by_role("link", name="Wokingham", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wokingham")
    expect(
        page.get_by_role("img", name=re.compile("Overall effectiveness of Wokingham"))
    ).to_be_visible()
    assert_accessible()
    screenshot("authority-detail")
    page.get_by_role("link", name="ILACS standard inspection", exact=True).click()
    expect(page).to_have_url(live_server.url + REPORT)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ILACS standard inspection, June 2019"
    )
    assert_accessible()
    screenshot("report")

    # Every inspection, filtered as a person would: tick, type, submit.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Inspections").click()
    expect(page.get_by_role("heading", name="2 inspections")).to_be_visible()
    page.get_by_label("Requires improvement to be good").check()
    page.get_by_label("Published from").fill("2019-01-01")
    page.get_by_label("Published to").fill("2019-12-31")
    page.get_by_label("Front door and MASH").check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_role("heading", name="1 inspection matches these filters")).to_be_visible()
    for part in (
        "judgement=requires_improvement",
        "theme=front-door",
        "date_from=2019-01-01",
        "date_to=2019-12-31",
    ):
        assert part in page.url
    # The form keeps what was chosen.
    expect(page.get_by_label("Requires improvement to be good")).to_be_checked()
    expect(page.get_by_label("Front door and MASH")).to_be_checked()
    expect(page.get_by_label("Published from")).to_have_value("2019-01-01")
    assert_accessible()
    screenshot("inspection-list-filtered")

    # The URL is the whole state: copying it reproduces the page.
    filtered = page.url
    other = page.context.new_page()
    other.goto(filtered)
    expect(other.get_by_role("heading", name="1 inspection matches these filters")).to_be_visible()
    other.close()

    # Follow the result, read a finding, and take its permalink.
    page.get_by_role("link", name="Wokingham: ILACS standard inspection, June 2019").click()
    expect(page).to_have_url(live_server.url + REPORT)
    finding = page.locator("#paragraph-3")
    expect(finding).to_contain_text("The duty, triage and assessment (DTA) team is more effective")
    expect(finding.get_by_role("link", name="Front door and MASH")).to_be_visible()
    permalink = finding.get_by_role("link", name="Link to paragraph 3")
    assert permalink.get_attribute("href") == REPORT + "#paragraph-3"
    permalink.click()
    expect(page).to_have_url(live_server.url + REPORT + "#paragraph-3")
    assert page.evaluate("document.querySelector(':target').id") == "paragraph-3"

    # Someone opening the copied permalink lands on that finding.
    shared = page.context.new_page()
    shared.goto(live_server.url + REPORT + "#paragraph-3")
    assert shared.evaluate("document.querySelector(':target').id") == "paragraph-3"
    expect(shared.locator("#paragraph-3")).to_be_in_viewport()
    shared.close()

    # Ofsted said / the council said, side by side.
    compared = page.locator("#ofsted-and-council").locator("xpath=..")
    expect(compared.get_by_role("heading", name="Leadership and governance")).to_be_visible()
    expect(compared).to_contain_text("Our relentless focus must be on improving outcomes")


def test_bad_and_empty_filters_say_so_clearly(
    page, visit, real_records, screenshot, assert_accessible
):
    visit("/inspections/?date_from=banana&theme=no-such-theme&page=99999999999")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem with the filters")
    expect(summary).to_contain_text("like 2019-07-15")
    expect(summary).to_contain_text("There is no theme called “no-such-theme”")
    expect(page.get_by_role("heading", name="No inspections shown")).to_be_visible()
    expect(page.get_by_label("Published from")).to_have_value("banana")
    assert_accessible()
    screenshot("inspection-list-error")
    # The error links to the field to fix.
    summary.get_by_role("link", name=re.compile("‘from’ date")).click()
    expect(page.get_by_label("Published from")).to_be_focused()

    visit("/inspections/?judgement=outstanding")
    expect(page.get_by_role("heading", name="0 inspections match these filters")).to_be_visible()
    page.get_by_role("link", name="clear all filters").click()
    expect(page.get_by_role("heading", name="2 inspections")).to_be_visible()


def test_filters_survive_paging_on(page, live_server, visit, screenshot, assert_accessible):
    fictional = LocalAuthorityFactory(name="Exampleshire", slug="exampleshire")
    for n in range(30):
        InspectionFactory(
            authority=fictional,
            overall_grade=Grade.INADEQUATE if n % 2 else Grade.GOOD,
            start_date=datetime.date(2019, 1, 7) + datetime.timedelta(weeks=n),
        )
    visit("/inspections/")
    page.get_by_label("Inadequate").check()
    page.get_by_label("Local authority").select_option(label="Exampleshire")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="15 inspections match these filters")).to_be_visible()
    expect(page.locator(".results > li")).to_have_count(15)

    for _ in range(9):
        InspectionFactory(authority=fictional, overall_grade=Grade.INADEQUATE)
    page.reload()
    expect(page.get_by_role("heading", name="24 inspections match these filters")).to_be_visible()
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    assert "judgement=inadequate" in page.url and "authority=exampleshire" in page.url
    expect(page.locator(".results > li")).to_have_count(4)
    expect(page.get_by_label("Inadequate")).to_be_checked()
    assert_accessible()
    screenshot("inspection-list-page-2")


def test_every_other_page_type_passes_axe(page, visit, real_records, screenshot, assert_accessible):
    visit("/findings/")
    total = Finding.objects.published().count()
    expect(page.get_by_role("heading", name=f"{total} findings")).to_be_visible()
    page.get_by_label("Front door and MASH").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="2 findings match these filters")).to_be_visible()
    assert_accessible()
    screenshot("finding-list")
    page.get_by_role("link", name=re.compile("paragraph 3$")).click()
    expect(page).to_have_url(re.compile("/inspections/wokingham-.*#paragraph-3$"))
    page.wait_for_load_state()
    assert page.evaluate("document.querySelector(':target').id") == "paragraph-3"

    visit("/themes/")
    assert_accessible()
    screenshot("theme-list")
    page.get_by_role("link", name="Front door and MASH").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Front door and MASH")
    assert_accessible()
    screenshot("theme-detail")

    visit("/inspections/wokingham-focused-visit-october-2018/")
    assert_accessible()
    screenshot("report-visit")


def test_pages_work_at_phone_width_and_the_report_prints_cleanly(
    page, visit, real_records, screenshot, assert_accessible
):
    page.set_viewport_size(PHONE)
    for path, name in [
        ("/", "phone-home"),
        ("/inspections/?judgement=requires_improvement", "phone-inspection-list"),
        (REPORT, "phone-report"),
        ("/authorities/wokingham/", "phone-authority"),
    ]:
        visit(path)
        assert_accessible()
        # Nothing is wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(name)

    page.set_viewport_size({"width": 1024, "height": 800})
    visit(REPORT)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator(".contents")).to_be_hidden()
    expect(page.locator("#paragraph-3")).to_be_visible()
    screenshot("report-print")
