"""A journalist with a real browser (Chromium, through Playwright) and the
real Wokingham records lists everything Wokingham's director of children's
services said about its 2019 inspection, reads it beside the findings it
answers, copies its citation and downloads the list as a spreadsheet with
working links; filters by theme and searches a phrase; and every quotes and
people page passes an axe-core scan, at desktop and phone widths.
Screenshots go to test-artifacts/screenshots/."""

import csv
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

# serialized_rollback puts back the themes and groups the migrations create,
# which a transactional test's flush would otherwise remove for later tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("one_database_connection_under_playwright"),
]

PHONE = {"width": 375, "height": 812}
INSPECTION_2019 = "Wokingham, ILACS standard inspection, June 2019"
RELENTLESS = "Our relentless focus must be on improving outcomes"


@pytest.fixture
def real_records():
    call_command("load_records", verbosity=0)


@pytest.fixture
def visit(page, live_server):
    def go(path):
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path} answered {response.status}"
        return response

    return go


def results(page):
    return page.locator("ol.quotes-list > li")


def test_the_director_on_the_2019_inspection_read_cited_and_exported(
    page, live_server, visit, real_records, screenshot, assert_accessible, tmp_path
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    visit("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quotes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What officials said")
    expect(page.get_by_role("heading", name="9 quotes")).to_be_visible()
    assert_accessible()
    screenshot("quotes-list")

    # Filter as a person would: tick the person and the inspection, apply.
    page.get_by_role("checkbox", name=re.compile("^Carol Cammiss")).check()
    page.get_by_role("checkbox", name=re.compile("^" + re.escape(INSPECTION_2019))).check()
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page.get_by_role("heading", name="1 quote matches these filters")).to_be_visible()
    assert "official=carol-cammiss" in page.url
    assert "inspection=wokingham-ilacs-standard-inspection-june-2019" in page.url
    expect(results(page)).to_have_count(1)
    expect(results(page).first).to_contain_text(RELENTLESS)
    expect(results(page).first).to_contain_text(
        "Director of children's services, Wokingham Borough Council"
    )
    # The role filter agrees: the same quote as director of children's services.
    page.get_by_role("checkbox", name=re.compile("^Director of children's services")).check()
    page.get_by_role("button", name="Apply filters").first.click()
    expect(results(page)).to_have_count(1)
    filtered_url = page.url
    assert_accessible()
    screenshot("quotes-list-filtered")

    # Read it beside the findings it answers.
    results(page).first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What Carol Cammiss said, July 2019")
    quote = page.locator("[itemtype='https://schema.org/Quotation']")
    expect(quote.locator("[itemprop=text]")).to_contain_text(RELENTLESS)
    expect(quote.locator("[itemprop=dateCreated]")).to_have_attribute("datetime", "2019-07")
    findings = page.get_by_role("region", name="What Ofsted found, on the same themes")
    expect(findings).to_contain_text("Paragraph 42")
    expect(findings).to_contain_text("Since her appointment in November last year")
    expect(findings).to_contain_text("comprehensive performance culture")
    assert_accessible()
    screenshot("quote-permalink")

    # Copy the citation: the text is on the page; the button copies it.
    citation = page.locator("#citation")
    expect(citation).to_contain_text(
        "Carol Cammiss, Director of children's services, Wokingham Borough Council, "
        "July 2019, in \"[Wokingham Borough Council's statement on its 2019 Ofsted "
        "inspection of children's services]\" (Wokingham Borough Council, press release). "
        "Ofsted children's services record, " + live_server.url + "/quotes/"
    )
    page.get_by_role("button", name="Copy the citation").click()
    expect(page.locator("#citation-status")).to_have_text("Copied to the clipboard.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == citation.inner_text().strip()

    page.set_viewport_size(PHONE)
    assert_accessible()
    screenshot("quote-permalink-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Download the list as a spreadsheet, and follow its links.
    page.goto(filtered_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as a spreadsheet (CSV)").click()
    download = download_info.value
    assert re.fullmatch(r"quotes-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 1
    [row] = rows
    assert row["official"] == "Carol Cammiss"
    assert row["role"] == "Director of children's services"
    assert row["said_on"] == "2019-07"
    assert row["text"].startswith(RELENTLESS)
    for link in ("url", "official_url", "inspection_url"):
        assert row[link].startswith(live_server.url), link
        assert page.goto(row[link]).status == 200, row[link]


def test_filter_by_theme_and_search_a_phrase(
    page, live_server, visit, real_records, screenshot, assert_accessible
):
    visit("/quotes/")
    page.get_by_role("checkbox", name=re.compile("^Front door and MASH")).check()
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page.get_by_role("heading", name="2 quotes match these filters")).to_be_visible()
    expect(
        page.get_by_text("some of these children do not need that level of protection")
    ).to_be_visible()
    expect(page.get_by_text("without all the information")).to_be_visible()

    # A quoted phrase, with the theme removed.
    page.get_by_role("link", name=re.compile("Remove filter Theme: Front door and MASH")).click()
    page.get_by_label("Words").fill('"true reflection"')
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page.get_by_role("heading", name="1 quote matches these filters")).to_be_visible()
    expect(results(page).first).to_contain_text("We are satisfied that this is a true reflection")
    assert_accessible()
    screenshot("quotes-search")

    # A phrase no one said, then a bad date: clear messages, no results.
    page.get_by_label("Words").fill('"never said this"')
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page.get_by_text("No quotes match these filters.")).to_be_visible()
    page.get_by_label("Words").fill("")
    page.get_by_label("From").fill("the 31st of Juneuary")
    page.get_by_role("button", name="Apply filters").first.click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem with the filters")
    expect(summary).to_contain_text("Enter a date as year-month-day")
    assert_accessible()
    screenshot("quotes-error")

    page.set_viewport_size(PHONE)
    visit("/quotes/?official=carol-cammiss")
    assert_accessible()
    screenshot("quotes-list-phone")


def test_people_pages(page, live_server, visit, real_records, screenshot, assert_accessible):
    visit("/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    expect(page.get_by_role("heading", name="3 people")).to_be_visible()
    assert_accessible()
    screenshot("people-list")

    page.get_by_role("link", name="Carol Cammiss", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carol Cammiss")
    expect(page.get_by_text("From November 2018; still in post as far as we know.")).to_be_visible()
    inspections = page.get_by_role("region", name="Inspections while in office")
    expect(inspections.get_by_role("link")).to_have_text(
        [
            "Wokingham: ILACS standard inspection, June 2019",
            "Wokingham: Focused visit, October 2018",
        ]
    )
    assert_accessible()
    screenshot("person")

    page.set_viewport_size(PHONE)
    assert_accessible()
    screenshot("person-phone")
    visit("/people/")
    assert_accessible()
    screenshot("people-list-phone")
