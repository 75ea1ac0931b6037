"""A reporter with a real browser (Chromium, through Playwright) and the real
Wokingham records pastes the council's July 2019 press release into the
quote check, reads the verdict on each passage it quotes from Ofsted's
report, follows one to the report's paragraph, and gets a plain message for
an empty form; every page passes an axe-core scan, at desktop and phone
widths. Screenshots go to test-artifacts/screenshots/."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests import FIXTURES

# serialized_rollback puts back the themes and groups the migrations create,
# which a transactional test's flush would otherwise remove for later tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("one_database_connection_under_playwright"),
]

PHONE = {"width": 375, "height": 812}
RELEASE = (FIXTURES / "seeds" / "2019-ilacs-press-release.txt").read_text(encoding="utf-8")


@pytest.fixture
def real_records():
    call_command("load_records", verbosity=0)


def passage(page, number):
    return page.locator(f"#passage-{number}")


def test_pasting_the_press_release_gives_a_verdict_on_every_passage(
    page, live_server, real_records, screenshot, assert_accessible
):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Check a quote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check a quote")
    assert_accessible()
    screenshot("quote-check-empty")

    page.get_by_label("Passages to check").fill(RELEASE)
    page.get_by_role("button", name="Check").click()

    expect(page.locator("#qc-summary")).to_have_text(
        "22 passages: 12 exact, 7 with differences, 0 altered, 3 not found."
    )
    expect(page.get_by_text("Not checked, as too short to trace on their own")).to_contain_text(
        "“ILACS”, “still too variable”"
    )
    # The release's first bullet: "focussed" for the report's "focused".
    first = passage(page, 2)
    expect(first.get_by_role("heading", level=3)).to_have_text("Passage 2: Found, with differences")
    expect(first).to_contain_text("“focussed” for “focused” (spelling variant)")
    expect(first.get_by_role("link", name=re.compile("paragraph 3$"))).to_be_visible()
    expect(first.locator("mark")).to_contain_text("The duty, triage and assessment (DTA) team")
    # Word for word, and a sentence left out at an ellipsis.
    expect(passage(page, 5).get_by_role("heading", level=3)).to_have_text("Passage 5: Exact")
    expect(passage(page, 19).get_by_role("heading", level=3)).to_have_text("Passage 19: Exact")
    expect(passage(page, 19)).to_contain_text("the ellipsis leaves words out")
    # The comma moved in paragraph 29 and the full stop in paragraph 51.
    expect(passage(page, 10)).to_contain_text("comma added after “with”")
    expect(passage(page, 16)).to_contain_text(
        "a full stop after “ago” where the report’s sentence carries on"
    )
    # The council's own words are not Ofsted's.
    expect(passage(page, 21).get_by_role("heading", level=3)).to_have_text(
        "Passage 21: Not found in any report we hold"
    )
    verdicts = page.locator(".qc-result__heading .qc-verdict").all_inner_texts()
    assert verdicts.count("Exact") == 12
    assert verdicts.count("Found, with differences") == 7
    assert verdicts.count("Not found in any report we hold") == 3
    assert_accessible()
    screenshot("quote-check-press-release")

    page.set_viewport_size(PHONE)
    assert_accessible()
    screenshot("quote-check-press-release-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Follow a passage to the report's paragraph.
    passage(page, 2).get_by_role("link", name=re.compile("paragraph 3$")).click()
    expect(page).to_have_url(
        re.compile(r"/wokingham-ilacs-standard-inspection-june-2019/#paragraph-3$")
    )
    expect(page.locator("#paragraph-3")).to_contain_text("Ofsted’s focused visit in October 2018")


def test_an_altered_passage_and_an_empty_form(
    page, live_server, real_records, screenshot, assert_accessible
):
    page.goto(live_server.url + "/check/")
    page.get_by_label("Passages to check").fill(
        "Poor performance is still tolerated in the way it might have been a year ago"
    )
    page.get_by_label("Only reports on (optional)").select_option(label="Wokingham")
    page.get_by_role("button", name="Check").click()
    result = passage(page, 1)
    expect(result.get_by_role("heading", level=3)).to_have_text("Passage 1: Altered")
    expect(result).to_contain_text("“still” where the report says “no”: changes a negation")
    expect(result.locator("del.qc-changed")).to_contain_text("no")
    expect(result.locator("ins.qc-changed")).to_contain_text("still")
    assert_accessible()
    screenshot("quote-check-altered")

    page.get_by_label("Passages to check").fill("")
    page.get_by_role("button", name="Check").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter the passage or passages to check")
    expect(page).to_have_title(re.compile("^Error: Check a quote"))
    assert_accessible()
    screenshot("quote-check-error")
