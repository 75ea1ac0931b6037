"""The quote check traces every passage Wokingham Borough Council's July 2019
press release quotes from Ofsted's report to the paragraph it came from.

The release (tests/fixtures/seeds/) quotes 18 passages as bullets. Each one's
paragraph was found by hand in the report (see
test_report_parser_finds_press_release_quotes.py); eleven are word for word,
seven were changed in the release: "focussed" for "focused" three times,
"wellbeing" for "well-being", "(RHIs)" left out, a comma moved, and a full
stop where the report's sentence carries on. The ellipsis in the last bullet
stands for a sentence left out, which is not a difference.
"""

import pytest
from django.core.management import call_command

from quotecheck.engine import check_passages
from quotecheck.engine.align import OMITTED
from tests import FIXTURES

pytestmark = pytest.mark.django_db

RELEASE = FIXTURES / "seeds" / "2019-ilacs-press-release.txt"
INSPECTION = "wokingham-ilacs-standard-inspection-june-2019"

# (opening words, paragraph, verdict, differences as (kind, quoted, report's))
BULLETS = [
    (
        "The duty, triage and assessment (DTA) team",
        3,
        "differs",
        [("variant", "focussed", "focused")],
    ),
    (
        "Two-way communication with the emergency duty team",
        5,
        "differs",
        [("variant", "focussed", "focused")],
    ),
    (
        "Prompt action is taken to protect children",
        6,
        "differs",
        [("variant", "focussed", "focused")],
    ),
    ("Children and young people have ready access", 14, "exact", []),
    (
        "Children who go missing from home or care",
        15,
        "differs",
        [("missing", "", "(RHIs)")],
    ),
    ("When children come into care", 21, "exact", []),
    ("Care planning is thoughtful and creative", 24, "exact", []),
    (
        "Good attention is paid to children’s physical health",
        26,
        "differs",
        [("variant", "wellbeing", "well-being")],
    ),
    (
        "Social workers are particularly good",
        29,
        "differs",
        [("punctuation", "", ","), ("punctuation", ",", "")],
    ),
    ("Independent reviewing officers (IROs)", 30, "exact", []),
    ("Foster carers talk positively", 33, "exact", []),
    ("Since her appointment in November last year", 42, "exact", []),
    ("There are clear signs that the action", 42, "exact", []),
    ("The local authority is making progress", 48, "exact", []),
    (
        "Poor performance is no longer tolerated",
        51,
        "differs",
        [("punctuation", ".", "")],
    ),
    ("Senior leaders have succeeded in reducing", 53, "exact", []),
    ("Staff, including agency staff", 55, "exact", []),
    ("Newly qualified staff are well supported", 56, "exact", []),
]


@pytest.fixture
def real_records(db):
    call_command("load_records", verbosity=0)


@pytest.fixture
def release_result(real_records):
    return check_passages(RELEASE.read_text(encoding="utf-8"))


def bullet_results(result):
    """The results for the 18 bullets, in the release's order."""
    picked = []
    for opening, *_ in BULLETS:
        (item,) = [r for r in result.results if r.quote.startswith(opening)]
        picked.append(item)
    return picked


def test_every_bullet_is_traced_to_the_paragraph_it_came_from(release_result):
    for item, (opening, paragraph, _verdict, _differences) in zip(
        bullet_results(release_result), BULLETS, strict=True
    ):
        assert item.best is not None, f"{opening!r} was not found"
        finding = item.best.finding
        assert finding.inspection.slug == INSPECTION, opening
        assert finding.paragraph_number == paragraph, opening
        assert item.best.url.endswith(f"/{INSPECTION}/#paragraph-{paragraph}")


def test_unchanged_bullets_are_exact_and_changed_ones_list_each_change(release_result):
    for item, (opening, _paragraph, verdict, differences) in zip(
        bullet_results(release_result), BULLETS, strict=True
    ):
        found = [(d.kind, d.quote, d.report) for d in item.best.differences]
        assert (item.verdict, found) == (verdict, differences), opening
        # Nothing the release changed alters what Ofsted said.
        assert not item.best.meaning_changes, opening


def test_the_changes_are_described_plainly(release_result):
    described = {
        item.quote[:20]: [d.describe() for d in item.best.differences]
        for item in bullet_results(release_result)
    }
    assert described["The duty, triage and"] == ["“focussed” for “focused” (spelling variant)"]
    assert described["Good attention is pa"] == ["“wellbeing” for “well-being” (hyphenation)"]
    assert described["Children who go miss"] == ["“(RHIs)” left out"]
    assert described["Social workers are p"] == [
        "comma after “open” left out",
        "comma added after “with”",
    ]
    assert described["Poor performance is "] == [
        "a full stop after “ago” where the report’s sentence carries on"
    ]


def test_the_ellipsis_leaves_out_a_sentence_without_counting_as_a_difference(release_result):
    item = bullet_results(release_result)[-1]
    assert "…" in item.quote
    assert item.verdict == "exact"
    omitted = [p for p in item.best.alignment.parts if p.kind == OMITTED]
    assert len(omitted) == 1
    # "New recruits spoke very positively ... with the local authority."
    assert item.best.alignment.omitted_words == 29
    # Both pieces are marked in the paragraph, the sentence between them not.
    html = str(item.best.paragraph_html())
    assert html.count("<mark>") == 2
    assert "<mark>New recruits" not in html


def test_the_rest_of_the_release_is_checked_too(release_result):
    """Outside the bullets the release quotes the grade, two phrases from
    the summary, and its own officials, whose words are not Ofsted's."""
    assert release_result.summary == (
        "22 passages: 12 exact, 7 with differences, 0 altered, 3 not found"
    )
    assert [s.text for s in release_result.skipped] == ["ILACS", "still too variable"]
    by_start = {r.quote[:24]: r for r in release_result.results}
    renewed = by_start["renewed optimism among m"]
    assert renewed.verdict == "exact"
    assert renewed.best.finding.section == "summary"
    # The grade is not a paragraph of the report.
    assert by_start["requires improvement to "].verdict == "not_found"
    for officials_words in ("Our relentless focus mus", "I welcome this inspectio"):
        item = by_start[officials_words]
        assert item.verdict == "not_found"
        assert all(c.score < 0.5 for c in item.closest)


def test_one_bullet_per_line_gives_the_same_verdicts_as_the_whole_release(
    real_records, release_result
):
    lines = [item.quote for item in bullet_results(release_result)]
    per_line = check_passages("\n".join(lines))
    assert [r.verdict for r in per_line.results] == [b[2] for b in BULLETS]
    assert [r.best.finding.paragraph_number for r in per_line.results] == [b[1] for b in BULLETS]
