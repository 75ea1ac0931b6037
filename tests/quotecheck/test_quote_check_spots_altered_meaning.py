"""A passage that changes a word carrying meaning is found, but called
"altered", and the change is named: a negation put in or taken out, a number
changed, "more" for "less", a negating prefix, one word for another. A
spelling variant, a hyphen or a dropped comma alone is a difference that
leaves the meaning alone ("differs"), never "altered".

The passages are sentences of Ofsted's real 2019 Wokingham report, changed
here on purpose: they are checked, never stored.
"""

import pytest
from django.core.management import call_command
from django.utils.safestring import SafeData

from quotecheck.engine import check_passages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def real_records(db):
    call_command("load_records", verbosity=0)


def check_one(passage):
    (item,) = check_passages(passage).results
    return item


def changes(item):
    return [(d.kind, d.quote, d.report, d.meaning) for d in item.best.differences]


@pytest.mark.parametrize(
    "passage, paragraph, expected",
    [
        pytest.param(
            "Care planning is not thoughtful and creative.",
            24,
            [("added", "not", "", "a negation")],
            id="negation-added",
        ),
        pytest.param(
            "Early help is fully developed.",
            1,
            [("missing", "", "not", "a negation")],
            id="negation-dropped",
        ),
        pytest.param(
            "Poor performance is always tolerated in the way it might have been a year ago",
            51,
            [("changed", "always", "no", "a negation"), ("missing", "", "longer", "")],
            id="no-longer-made-always",
        ),
        pytest.param(
            "In one team alone, 3% of the team’s caseload has changed hands since March.",
            51,
            [("changed", "3%", "30%", "a number")],
            id="number-changed",
        ),
        pytest.param(
            "They are certainly less in touch with and responsive to what is happening at "
            "the frontline.",
            42,
            [("changed", "less", "more", "a word of quantity or degree")],
            id="more-made-less",
        ),
        pytest.param(
            "Child protection enquiries are always thorough.",
            7,
            [("changed", "always", "generally", "a word of quantity or degree")],
            id="generally-made-always",
        ),
        pytest.param(
            "Care planning is thoughtless and creative.",
            24,
            [("changed", "thoughtless", "thoughtful", "the opposite word")],
            id="opposite",
        ),
        pytest.param(
            "The local authority’s oversight of children who are missing education is ineffective.",
            16,
            [("changed", "ineffective", "effective", "a negating prefix")],
            id="negating-prefix",
        ),
        pytest.param(
            "Care planning is thoughtful and chaotic.",
            24,
            [("changed", "chaotic", "creative", "a different word")],
            id="another-word",
        ),
    ],
)
def test_a_change_of_meaning_is_altered_and_named(passage, paragraph, expected):
    item = check_one(passage)
    assert item.verdict == "altered"
    assert item.best.finding.paragraph_number == paragraph
    assert changes(item) == expected
    assert expected[0][3] in item.explanation


@pytest.mark.parametrize(
    "passage, expected",
    [
        pytest.param(
            "Good attention is paid to children’s physical health and emotional wellbeing",
            [("variant", "wellbeing", "well-being", "")],
            id="hyphenation",
        ),
        pytest.param(
            "Senior leaders are organizing a series of workshops at the end of June to "
            "address this.",
            [("variant", "organizing", "organising", "")],
            id="american-spelling",
        ),
        pytest.param(
            "Independent reviewing officers (IROs) are child centred and conscientious.",
            [("variant", "child centred", "child-centred", "")],
            id="compound-written-apart",
        ),
        pytest.param(
            "In one team alone, 30 per cent of the team’s caseload has changed hands since March.",
            [("variant", "30 per cent", "30%", "")],
            id="per-cent",
        ),
        pytest.param(
            "Care planning is thoughtful, and creative.",
            [("punctuation", ",", "", "")],
            id="comma-added",
        ),
    ],
)
def test_a_variant_alone_differs_but_is_not_altered(passage, expected):
    item = check_one(passage)
    assert item.verdict == "differs"
    assert changes(item) == expected
    assert item.explanation.endswith("none of which changes the meaning.")


def test_case_curly_quotes_and_hyphen_characters_alone_are_exact():
    # Straight apostrophe for the report's curly one, a non-breaking hyphen,
    # capitals, and the whole in straight quotation marks.
    item = check_one(
        '"PLANS, including reunification plans, are child\u2011centred, provide a clear '
        "sense of direction, and are generally implemented within children's timescales.\""
    )
    assert item.verdict == "exact"
    assert item.best.finding.paragraph_number == 24


def test_line_breaks_inside_a_quoted_passage_are_only_whitespace():
    (item,) = check_passages("“Care planning is\nthoughtful and\r\n  creative.”").results
    assert item.verdict == "exact"
    assert item.best.finding.paragraph_number == 24


def test_the_words_shown_are_the_ones_quoted_and_the_reports():
    item = check_one("Care planning is thoughtless and creative.")
    html = item.best.diff_html()
    assert isinstance(html, SafeData) and isinstance(item.best.paragraph_html(), SafeData)
    assert "<del" in html and "thoughtful</del>" in html
    assert "<ins" in html and "thoughtless</ins>" in html
    assert '<span class="visually-hidden">report says: </span>' in html
    assert '<span class="visually-hidden">quoted as: </span>' in html
