"""The quote check finds each word's edges by scanning, not with a pattern
that backtracks: a "word" of 20,000 characters ("a", 19,998 "!", "a") cost
the old pattern ([\\W_]*)(.*?)([\\W_]*) 12.5 s a check on the production
copy. The scan gives the same lead, word and trail as that pattern did for
every run of characters, and a run longer than MAX_WORD_CHARS is not a word
(no report has one): it is kept as punctuation, never searched for."""

import re

from hypothesis import given
from hypothesis import strategies as st

from quotecheck.engine import check_passages
from quotecheck.engine.limits import MAX_CHARS, MAX_WORD_CHARS
from quotecheck.engine.normalise import edges, tokenise

# The pattern the scan replaced, to compare with on short runs only.
OLD_EDGES = re.compile(r"([\W_]*)(.*?)([\W_]*)", re.DOTALL)
PUNCTUATION_AND_LETTERS = st.text(
    alphabet=st.sampled_from(list("aZ9é_!.,;:'’“”()[]-–—%&＆…") + ["\u00b2", "\u0301", "\u4e00"]),
    min_size=1,
    max_size=30,
)


@given(PUNCTUATION_AND_LETTERS)
def test_the_scan_finds_the_same_edges_as_the_pattern_did(chunk):
    assert edges(chunk) == OLD_EDGES.fullmatch(chunk).groups()


def test_words_with_punctuation_around_them_are_read_as_before():
    assert edges("(RHIs).") == ("(", "RHIs", ").")
    assert edges("“well-being,”") == ("“", "well-being", ",”")
    assert edges("–") == ("–", "", "")
    assert [(t.lead, t.core, t.trail) for t in tokenise("— “Good” work —")] == [
        ("—“", "Good", "”"),
        ("", "work", "—"),
    ]


def test_a_word_of_the_longest_allowed_length_is_a_word():
    word = "a" * MAX_WORD_CHARS
    (token,) = tokenise(f"the {word}.")[1:]
    assert (token.core, token.trail) == (word, ".")


def test_a_longer_run_is_punctuation_joined_to_the_word_before():
    run = "a" + "!" * (MAX_WORD_CHARS * 10) + "a"
    tokens = tokenise(f"Care planning {run} is thoughtful")
    assert [t.core for t in tokens] == ["Care", "planning", "is", "thoughtful"]
    assert tokens[1].trail == run
    assert tokenise("b" * (MAX_WORD_CHARS + 1)) == []


def test_a_check_of_one_twenty_thousand_character_word_has_no_word_to_look_for(db):
    text = "a" + "!" * (MAX_CHARS - 2) + "a"
    assert tokenise(text) == []
    result = check_passages(text)
    assert [r.verdict for r in result.results] == ["not_found"]
    assert result.results[0].closest == []
