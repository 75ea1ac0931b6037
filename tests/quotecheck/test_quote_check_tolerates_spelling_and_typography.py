"""What counts as the same word in a quote check: case, curly and straight
apostrophes, hyphenation, British and American spellings and a few common
variants; and what does not, however alike the spelling (four and for, our
and or, filled and filed). The words shown are always the ones written."""

import pytest

from quotecheck.engine.normalise import tokenise, word_key


@pytest.mark.parametrize(
    "one, other",
    [
        ("focussed", "focused"),
        ("Focussing", "focusing"),
        ("judgement", "judgment"),
        ("programme", "program"),
        ("whilst", "while"),
        ("amongst", "among"),
        ("organise", "organize"),
        ("prioritised", "prioritized"),
        ("organisation", "organization"),
        ("organisations", "organizations"),
        ("analyse", "analyze"),
        ("behaviour", "behavior"),
        ("behavioural", "behavioral"),
        ("neighbourhood", "neighborhood"),
        ("centre", "center"),
        ("child-centred", "child-centered"),
        ("paediatric", "pediatric"),
        ("counselling", "counseling"),
        ("practise", "practice"),
        ("well-being", "wellbeing"),
        ("co‑ordinate", "coordinate"),  # with a non-breaking hyphen
        ("children’s", "children's"),
        ("CHILDREN", "children"),
        ("five", "5"),
        ("five-day", "5-day"),
        ("e.g.", "eg"),
        ("&", "and"),
    ],
)
def test_the_same_word_whatever_the_spelling(one, other):
    assert word_key(one) == word_key(other)


@pytest.mark.parametrize(
    "one, other",
    [
        ("four", "for"),
        ("our", "or"),
        ("hour", "or"),
        ("your", "yor"),
        ("filled", "filed"),
        ("not", "no"),
        ("more", "less"),
        ("30%", "3%"),
        ("effective", "ineffective"),
        ("form", "from"),
    ],
)
def test_different_words_stay_different(one, other):
    assert word_key(one) != word_key(other)


def test_words_keep_their_punctuation_apart_and_their_place_in_the_text():
    text = "interviews (RHIs). Based in early help – the RHI"
    tokens = tokenise(text)
    assert [(t.lead, t.core, t.trail) for t in tokens] == [
        ("", "interviews", ""),
        ("(", "RHIs", ")."),
        ("", "Based", ""),
        ("", "in", ""),
        ("", "early", ""),
        ("", "help", "–"),  # a dash standing alone joins the word before
        ("", "the", ""),
        ("", "RHI", ""),
    ]
    assert [text[t.start : t.end] for t in tokens][1] == "(RHIs)."
    assert [text[t.start : t.end] for t in tokens][5] == "help –"


def test_a_percentage_is_one_word_equal_to_the_same_written_in_words():
    (token,) = tokenise("30%,")
    assert (token.core, token.trail, token.key) == ("30%", ",", "30percent")
    assert "".join(t.key for t in tokenise("thirty per cent")) == "30percent"
