"""However the text is made, one check does no more work than its budget
(limits.WORK_BUDGET cells, counted by the check itself): the longest text
allowed, built to be slow (words of punctuation, thousands of distinct rare
words, the commonest words over and over, one word repeated, no spaces,
only punctuation, thousands of ellipses), completes within it. A text
whose work would not fit is answered with what was checked and, for the
rest, "this text is too complex to check in full", on the page and in the
JSON, instead of running on. Real text is checked in full, as before."""

import json
import random
import string

import pytest
from django.core.management import call_command

from quotecheck.engine import Budget, check_passages, limits
from quotecheck.engine.limits import MAX_CHARS, MAX_PASSAGES, QuoteCheckError
from tests import FIXTURES

pytestmark = pytest.mark.django_db

RELEASE = (FIXTURES / "seeds" / "2019-ilacs-press-release.txt").read_text(encoding="utf-8")
COMMON = ["the", "and", "of", "children", "social", "care", "good", "planning", "is", "are"]


@pytest.fixture(autouse=True)
def real_records(db):
    call_command("load_records", verbosity=0)


def longest(unit, separator=" "):
    """unit repeated, joined by separator, as long as the check allows."""
    return separator.join([unit] * (MAX_CHARS // (len(unit) + len(separator))))[:MAX_CHARS]


def rare_words():
    rng = random.Random(7)
    words, size = [], 0
    while size < MAX_CHARS - 12:
        words.append("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 11))))
        size += len(words[-1]) + 1
    return " ".join(words)[:MAX_CHARS]


def lines(words_per_line):
    text = "\n".join(
        " ".join(COMMON[(n + i) % len(COMMON)] for i in range(words_per_line))
        for n in range(MAX_PASSAGES)
    )
    return text[:MAX_CHARS]


HOSTILE = {
    "one word of punctuation": "a" + "!" * (MAX_CHARS - 2) + "a",
    "words of punctuation": longest("a" + "!" * 58 + "a"),
    "distinct rare words": rare_words(),
    "common words repeated": longest(" ".join(COMMON)),
    "one word repeated": longest("children"),
    "no spaces": longest("children", separator=""),
    "only punctuation and one word": ("Children " + longest("!?.,;:"))[:MAX_CHARS],
    "function words and one content word": " ".join(["the"] * 3000 + ["children"])[:MAX_CHARS],
    "fifty lines of common words": lines(60),
    "fifty lines of function words and one content word": "\n".join(
        " ".join(["the"] * 95 + ["children"]) for _ in range(MAX_PASSAGES)
    )[:MAX_CHARS],
    "thousands of ellipses": longest("children and care", separator=" … "),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_the_longest_hostile_text_completes_within_the_budget(name):
    text = HOSTILE[name]
    assert len(text) <= MAX_CHARS
    result = check_passages(text)
    assert 0 < result.budget.spent <= result.budget.cells == limits.WORK_BUDGET
    # Every passage has an answer: checked, or said to be too complex.
    assert result.results
    verdicts = [r.verdict for r in result.results]
    if not result.complete:
        first = verdicts.index("unchecked")
        assert set(verdicts[first:]) == {"unchecked"}  # the rest, not a gap
        assert "too complex to check in full" in result.summary


def test_text_of_only_punctuation_has_nothing_to_check():
    with pytest.raises(QuoteCheckError, match="no words to check"):
        check_passages(longest("!?.,;:"))


def test_the_budget_stops_the_check_and_says_the_rest_is_too_complex():
    result = check_passages(HOSTILE["fifty lines of function words and one content word"])
    assert not result.complete
    assert result.budget.exhausted and result.budget.spent <= result.budget.cells
    unchecked = [r for r in result.results if r.verdict == "unchecked"]
    assert unchecked and len(result.results) == MAX_PASSAGES
    assert unchecked[0].verdict_label == "Not checked: too complex to check in full"
    assert "This text is too complex to check in full" in unchecked[0].explanation
    assert result.counts()["unchecked"] == len(unchecked)
    assert result.summary.endswith("not checked. This text is too complex to check in full")


def test_the_json_and_the_page_say_so_too(client, monkeypatch):
    monkeypatch.setattr(limits, "WORK_BUDGET", check_passages(RELEASE).budget.spent * 3 // 4)
    data = client.post("/check/", json.dumps({"text": RELEASE}), "application/json").json()
    assert data["complete"] is False
    assert data["counts"]["unchecked"] == data["counts"]["passages"] - sum(
        data["counts"][verdict] for verdict in ("exact", "differs", "altered", "not_found")
    )
    assert data["notice"].startswith("This text is too complex to check in full: passages from")
    assert data["results"][-1]["verdict"] == "unchecked"

    page = client.post("/check/", {"text": RELEASE}).content.decode()
    assert "not checked. This text is too complex to check in full." in page
    assert "Not checked: too complex to check in full" in page


def test_a_smaller_budget_checks_the_passages_it_can_pay_for_in_order():
    full = check_passages(RELEASE)
    cells = full.budget.spent * 3 // 4
    part = check_passages(RELEASE, budget=Budget(cells))
    assert part.budget.spent <= cells
    checked = [r.verdict for r in part.results if r.verdict != "unchecked"]
    assert 0 < len(checked) < len(part.results)
    # What was checked is answered exactly as the full check answers it.
    assert checked == [r.verdict for r in full.results][: len(checked)]


def test_the_press_release_is_checked_in_full_and_well_within_the_budget(client):
    result = check_passages(RELEASE)
    assert result.complete and result.budget.spent < limits.WORK_BUDGET / 4
    assert "unchecked" not in result.counts()
    assert "too complex" not in result.summary
    data = client.post("/check/", json.dumps({"text": RELEASE}), "application/json").json()
    assert data["complete"] is True and "notice" not in data
    assert set(data["counts"]) == {"passages", "exact", "differs", "altered", "not_found"}


def test_work_not_asked_for_first_is_refused():
    budget = Budget(100)
    assert budget.affords(60)
    budget.spend(60)
    assert not budget.affords(41) and budget.exhausted
    with pytest.raises(ValueError):
        budget.spend(41)
    assert budget.spent == 60
