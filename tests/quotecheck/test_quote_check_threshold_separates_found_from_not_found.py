"""Either side of the threshold (quotecheck.engine.limits.THRESHOLD, justified there): a
passage of the shortest length checked with one word replaced is still
found (and "altered"); a passage with two words of six replaced is a
paraphrase, "not found", with the paragraph it echoes as the closest."""

import pytest
from django.core.management import call_command

from quotecheck.engine import MIN_WORDS, THRESHOLD, check_passages

pytestmark = pytest.mark.django_db

# Paragraph 24 of the 2019 report: "Care planning is thoughtful and creative. ..."


@pytest.fixture(autouse=True)
def real_records(db):
    call_command("load_records", verbosity=0)


def check_one(passage):
    (item,) = check_passages(passage).results
    return item


def test_the_threshold_is_three_words_in_four():
    assert MIN_WORDS == 4
    assert THRESHOLD == 0.75


def test_one_word_replaced_in_the_shortest_passage_is_on_the_line_and_found():
    item = check_one("Care planning is excellent")
    assert item.verdict == "altered"
    assert item.best.score == THRESHOLD
    assert item.best.finding.paragraph_number == 24
    assert [(d.kind, d.quote, d.report) for d in item.best.differences] == [
        ("changed", "excellent", "thoughtful")
    ]


def test_one_word_put_in_is_well_above_the_line():
    item = check_one("Care planning is not thoughtful")
    assert item.verdict == "altered"
    assert item.best.score == pytest.approx(8 / 9, abs=0.001)


def test_two_words_of_six_replaced_fall_below_the_line():
    item = check_one("Care planning is haphazard and unimaginative.")
    assert item.verdict == "not_found"
    closest = item.closest[0]
    assert closest.finding.paragraph_number == 24
    assert closest.score == pytest.approx(8 / 12, abs=0.001)
    assert closest.percent == 67


def test_words_added_beyond_the_reports_sentence_count_against_the_match():
    # The report's sentence ends at "creative."; four words past it leave
    # six of ten matched: a different sentence, not a longer quotation.
    item = check_one("Care planning is thoughtful and creative, inspectors were told today.")
    assert item.verdict == "not_found"
    assert item.closest[0].finding.paragraph_number == 24
    assert item.closest[0].score == pytest.approx(12 / 20, abs=0.001)
