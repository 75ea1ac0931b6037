"""Text pasted for checking is split into the passages to check: the text in
double quotation marks when there is any (a press release or article),
otherwise one passage per non-empty line; fragments under four words are
skipped unless nothing longer is given; an ellipsis splits a passage into
pieces; and too much text, too many passages or no words at all is refused
with a clear message."""

import pytest

from quotecheck.engine import MAX_CHARS, MAX_PASSAGES, QuoteCheckError
from quotecheck.engine.passages import split_passages


def texts(text):
    passages, _skipped = split_passages(text)
    return [p.text for p in passages]


def test_text_in_curly_or_straight_double_quotes_is_checked_and_nothing_else():
    text = (
        "The council said inspectors found “care planning is thoughtful and creative” and "
        'that "staff have good access to training" in its services.\n'
        "This unquoted line of the release is not checked at all."
    )
    assert texts(text) == [
        "care planning is thoughtful and creative",
        "staff have good access to training",
    ]


def test_a_quotation_may_run_over_several_lines():
    assert texts("He said “care planning\nis thoughtful and\n  creative” today.") == [
        "care planning is thoughtful and creative"
    ]


def test_single_quotes_are_apostrophes_not_quotation_marks():
    line = "The council’s ‘good’ work with children's services continues."
    assert texts(line) == [line]


def test_without_quotation_marks_each_non_empty_line_is_a_passage_in_order():
    text = (
        "- Care planning is thoughtful and creative.\n\n"
        "• Staff have good access to training.\n"
        "3. Foster carers talk positively about support.\n"
        "   \n"
        "Children are seen and are seen alone."
    )
    passages, skipped = split_passages(text)
    assert [p.text for p in passages] == [
        "Care planning is thoughtful and creative.",
        "Staff have good access to training.",
        "Foster carers talk positively about support.",
        "Children are seen and are seen alone.",
    ]
    assert [p.position for p in passages] == [1, 2, 3, 4]
    assert skipped == []


def test_fragments_under_four_words_are_skipped_with_a_reason_beside_longer_passages():
    passages, skipped = split_passages(
        "The framework, “ILACS”, found services “still too variable” and said "
        "“care planning is thoughtful and creative”."
    )
    assert [p.text for p in passages] == ["care planning is thoughtful and creative"]
    assert [(s.text, s.reason) for s in skipped] == [
        ("ILACS", "too short to trace on its own (1 word)"),
        ("still too variable", "too short to trace on its own (3 words)"),
    ]


def test_short_fragments_are_checked_when_that_is_all_there_is():
    assert texts("“not easy reading”") == ["not easy reading"]


@pytest.mark.parametrize("mark", ["…", "...", ". . .", "[...]", "[…]", "[ … ]"])
def test_an_ellipsis_splits_a_passage_into_pieces(mark):
    (passage,) = split_passages(f"Newly qualified staff are well supported {mark} they value it")[0]
    assert passage.pieces == ["Newly qualified staff are well supported", "they value it"]


def test_an_ellipsis_at_either_end_leaves_one_piece():
    (passage,) = split_passages("… staff are well supported during the year …")[0]
    assert passage.pieces == ["staff are well supported during the year"]


def test_fifty_passages_are_checked_and_fifty_one_refused():
    lines = [f"Passage number {n} is long enough to check." for n in range(MAX_PASSAGES)]
    assert len(texts("\n".join(lines))) == MAX_PASSAGES
    with pytest.raises(QuoteCheckError) as refused:
        split_passages("\n".join([*lines, "One passage too many for a single check."]))
    assert refused.value.code == "too_many"
    assert refused.value.message == (
        "That text has 51 passages to check: check at most 50 at a time."
    )


def test_twenty_thousand_characters_are_checked_and_more_refused():
    line = "Care planning is thoughtful and creative.\n"
    text = (line * (MAX_CHARS // len(line) + 1))[:MAX_CHARS]
    with pytest.raises(QuoteCheckError) as too_many:
        split_passages(text)  # within the length, but far more than 50 lines
    assert too_many.value.code == "too_many"
    with pytest.raises(QuoteCheckError) as too_long:
        split_passages(text + "x")
    assert too_long.value.code == "too_long"
    assert too_long.value.message == ("That is 20,001 characters: check at most 20,000 at a time.")


def test_a_long_single_passage_within_the_limit_is_accepted():
    text = "“" + " ".join(["word"] * 3000) + "”"
    assert len(text) < MAX_CHARS
    assert len(texts(text)) == 1


@pytest.mark.parametrize("text", ["", "   \n\t ", None])
def test_nothing_to_check_is_refused(text):
    with pytest.raises(QuoteCheckError) as refused:
        split_passages(text)
    assert refused.value.code == "empty"
    assert refused.value.field == "text"


def test_punctuation_alone_is_refused():
    with pytest.raises(QuoteCheckError) as refused:
        split_passages("“…”\n- - -\n!!!")
    assert refused.value.message == "There are no words to check in that text."
