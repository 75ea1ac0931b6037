"""At national scale (300,000 findings) the candidate query on PostgreSQL names
only a passage's rare words and asks for enough of them to keep the matches
few, so it stays fast; yet it still finds a passage with a word changed.
The query is built from word frequencies (quotecheck.engine.candidates._tsquery_for); on
PostgreSQL the whole path, frequencies sampled from the table, runs here on
the real records with the small-table shortcut switched off."""

import pytest
from django.core.management import call_command
from django.db import connection

from quotecheck.engine import candidates, check_passages
from quotecheck.engine.candidates import _expected_rows, _Stats, _tsquery_for

pytestmark = pytest.mark.django_db

COMMON = {"children": 0.85, "care": 0.5, "social": 0.33, "worker": 0.32, "plan": 0.2}
RARE = {"thought": 0.004, "creativ": 0.003, "tangibl": 0.0002}
NATIONAL = _Stats(rows=300_000, frequencies={**COMMON, **RARE}, floor=0.0002)


def test_expected_matches_are_the_chance_of_holding_at_least_k_words():
    assert _expected_rows([0.5, 0.5], 1, 100) == pytest.approx(75)
    assert _expected_rows([0.5, 0.5], 2, 100) == pytest.approx(25)
    assert _expected_rows([0.1, 0.2, 0.3], 3, 1000) == pytest.approx(6)


def test_common_words_are_left_out_of_the_query_when_rare_ones_exist():
    slots = [{w} for w in ("children", "care", "thought", "creativ", "social", "tangibl")]
    filter_query, counted = _tsquery_for(slots, NATIONAL)
    for common in COMMON:
        assert f"'{common}'" not in filter_query
    # Any one of the three rare words would match about 2,200 findings by
    # chance, over the budget of 1,500, so any two of them are asked for.
    assert filter_query == (
        "(('tangibl') & ('creativ')) | (('tangibl') & ('thought')) | (('creativ') & ('thought'))"
    )
    # All the passage's words still order the matches, rarest first.
    assert counted[:3] == [{"tangibl"}, {"creativ"}, {"thought"}]
    assert len(counted) == len(slots)


def test_a_passage_of_common_words_asks_for_all_of_its_three_least_common():
    slots = [{w} for w in COMMON]
    filter_query, _counted = _tsquery_for(slots, NATIONAL)
    assert filter_query == "(('plan') & ('worker') & ('social'))"


def test_each_word_stands_for_all_its_spellings():
    filter_query, _counted = _tsquery_for([{"focus", "focuss"}, {"tangibl"}], NATIONAL)
    assert "('focus' | 'focuss')" in filter_query


def test_small_tables_need_no_frequencies_and_ask_for_any_word():
    filter_query, _counted = _tsquery_for([{"a1"}, {"b2"}], None)
    assert filter_query == "('a1') | ('b2')"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="word frequencies come from PostgreSQL"
)
def test_on_postgresql_sampled_frequencies_still_find_the_release_and_its_changes(db, monkeypatch):
    call_command("load_records", verbosity=0)
    monkeypatch.setattr(candidates, "SMALL_TABLE_PAGES", 0)
    monkeypatch.setattr(candidates, "ROW_BUDGET", 5)  # force k above 1
    monkeypatch.setattr(candidates, "_stats_cache", {})
    result = check_passages(
        "Care planning is thoughtful and creative.\n"
        "Care planning is not thoughtful and creative.\n"
        "When children come into care, the local authority’s commitment to helping them "
        "achieve permanence is obvious.\n"
        "The council has opened a new swimming pool for every child in the borough."
    )
    stats = next(iter(candidates._stats_cache.values()))[1]
    assert stats is not None and stats.frequencies
    assert [r.verdict for r in result.results] == ["exact", "altered", "altered", "not_found"]
    assert [r.best.finding.paragraph_number for r in result.results[:3]] == [24, 24, 21]
