"""Sentences the council's 2019 press release quotes from Ofsted's report can be
traced to the finding they came from.

Wokingham Borough Council's statement (tests/fixtures/seeds/) lists 18 bulleted
quotations from wokingham-2019-07-15.pdf. Most are verbatim; some were altered
in the release. Each bullet's source paragraph was found by hand in the PDF.
"""

import difflib
import re

import pytest

from core.text import normalise_whitespace
from tests import FIXTURES
from tests.reports import parsed

FIXTURES = FIXTURES
RELEASE = FIXTURES / "seeds" / "2019-ilacs-press-release.txt"

VERBATIM = "verbatim"
# (opening words of the quotation, paragraph number in the report, how it was quoted)
SOURCES = [
    ("The duty, triage and assessment (DTA) team", 3, "spelt “focussed” for “focused”"),
    ("Two-way communication with the emergency duty team", 5, "“focussed” for “focused”"),
    ("Prompt action is taken to protect children", 6, "“focussed” for “focused”"),
    ("Children and young people have ready access", 14, VERBATIM),
    ("Children who go missing from home or care", 15, "“(RHIs)” dropped"),
    ("When children come into care", 21, VERBATIM),
    ("Care planning is thoughtful and creative", 24, VERBATIM),
    ("Good attention is paid to children’s physical health", 26, "“wellbeing”, no hyphen"),
    ("Social workers are particularly good", 29, "a comma moved"),
    ("Independent reviewing officers (IROs)", 30, VERBATIM),
    ("Foster carers talk positively", 33, VERBATIM),
    ("Since her appointment in November last year", 42, VERBATIM),
    ("There are clear signs that the action", 42, VERBATIM),
    ("The local authority is making progress", 48, VERBATIM),
    ("Poor performance is no longer tolerated", 51, "cut short with a full stop"),
    ("Senior leaders have succeeded in reducing", 53, VERBATIM),
    ("Staff, including agency staff", 55, VERBATIM),
    ("Newly qualified staff are well supported", 56, "two sentences joined by an ellipsis"),
]


def quoted_bullets():
    """The text inside the curly quotes of each '- “...”' line of the release."""
    quotes = []
    for line in RELEASE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^- “(.*)”", line.strip())
        if match:
            quotes.append(normalise_whitespace(match.group(1)))
    return quotes


def similarity(quote, text):
    """Share of the quotation's words found in runs of three or more words in
    ``text`` (difflib on words, so a changed word or comma costs little)."""
    a, b = quote.split(), normalise_whitespace(text).split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3) / len(a)


@pytest.fixture(scope="module")
def findings():
    return parsed("wokingham-2019-07-15.pdf").findings


def source_of(quote):
    (entry,) = [entry for entry in SOURCES if quote.startswith(entry[0])]
    return entry


def test_the_release_quotes_eighteen_bullets_each_listed_here():
    quotes = quoted_bullets()
    assert len(quotes) == len(SOURCES) == 18
    assert [source_of(q)[0] for q in quotes] == [entry[0] for entry in SOURCES]


@pytest.mark.parametrize("quote", quoted_bullets(), ids=lambda q: q[:40])
def test_each_quote_leads_to_the_paragraph_it_came_from(findings, quote):
    _, number, how = source_of(quote)
    holding = [f for f in findings if quote in normalise_whitespace(f.text)]
    if how == VERBATIM:
        assert [f.number for f in holding] == [number]
    else:
        assert holding == [], "quoted as altered, yet found verbatim"
        best = max(findings, key=lambda f: similarity(quote, f.text))
        assert best.number == number
        assert similarity(quote, best.text) >= 0.6


def test_release_alterations_are_the_ones_described(findings):
    """Undo each alteration by hand and the quotation is found verbatim."""
    by_number = {f.number: normalise_whitespace(f.text) for f in findings}
    repaired = {
        3: ("focussed", "focused"),
        5: ("focussed", "focused"),
        6: ("focussed", "focused"),
        15: ("interviews.", "interviews (RHIs)."),
        26: ("wellbeing", "well-being"),
        29: (
            "keeping open channels of communication with,",
            "keeping open, channels of communication with",
        ),
        51: ("a year ago.", "a year ago"),
    }
    for quote in quoted_bullets():
        _, number, how = source_of(quote)
        if number in repaired:
            old, new = repaired[number]
            assert quote.replace(old, new) in by_number[number]
    ellipsis = [q for q in quoted_bullets() if "…" in q]
    assert len(ellipsis) == 1
    for part in ellipsis[0].split("…"):
        part = part.strip()
        # The release starts the second sentence in lower case.
        assert part[0].upper() + part[1:] in by_number[56]
