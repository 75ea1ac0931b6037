"""A passage no published paragraph holds is "not found in any report we
hold", with the closest paragraphs and their similarity. Sentences from
draft inspections are never found, suggested or offered as closest: drafts
never leak. Narrowing to an authority or an inspection looks nowhere else."""

import pytest
from django.core.management import call_command

from core.choices import Status
from quotecheck.engine import MAX_CLOSEST, THRESHOLD, QuoteCheckError, check_passages
from tests.factories import FindingFactory, InspectionFactory, LocalAuthorityFactory

pytestmark = pytest.mark.django_db

INVENTED = [
    "The council has opened a new swimming pool for every child in the borough.",
    "Inspectors found that every social worker in the authority now has a company car.",
    "Social workers in Wokingham are the best in the country.",
    # Shares a stock phrase with paragraph 16 ("... children and young people
    # are getting ...") and nothing more.
    "Children and young people are listened to.",
]
LIGHTHOUSE = "Fictional inspectors praised the lighthouse keeping service for its bright lamps."


@pytest.fixture
def real_records(db):
    call_command("load_records", verbosity=0)


@pytest.mark.parametrize("sentence", INVENTED)
def test_an_invented_sentence_is_not_found(real_records, sentence):
    (item,) = check_passages(sentence).results
    assert item.verdict == "not_found"
    assert item.verdict_label == "Not found in any report we hold"
    assert item.matches == []
    assert 0 < len(item.closest) <= MAX_CLOSEST
    scores = [c.score for c in item.closest]
    assert scores == sorted(scores, reverse=True)
    assert all(score < THRESHOLD for score in scores)
    assert "closest" in item.explanation


def test_the_closest_candidate_shows_what_it_shares(real_records):
    (item,) = check_passages("Children and young people are listened to.").results
    closest = item.closest[0]
    assert closest.finding.paragraph_number == 16
    assert 0.6 < closest.score < THRESHOLD
    assert closest.percent == round(closest.score * 100)
    assert "<mark>children and young people are" in str(closest.paragraph_html())


def test_a_sentence_with_no_word_in_any_report_has_no_candidates(real_records):
    (item,) = check_passages("Zebras juggle quinces beside xylophones.").results
    assert item.verdict == "not_found"
    assert item.closest == []
    assert item.explanation == "No paragraph we hold shares enough of these words."


def test_a_sentence_from_a_draft_inspection_is_not_found_until_it_is_published(db):
    draft = InspectionFactory(status=Status.DRAFT)
    FindingFactory(inspection=draft, text=LIGHTHOUSE, paragraph_number=4)
    (item,) = check_passages(LIGHTHOUSE).results
    assert item.verdict == "not_found"
    assert item.closest == []  # not even offered as the closest

    draft.status = Status.PUBLISHED
    draft.save()
    (item,) = check_passages(LIGHTHOUSE).results
    assert item.verdict == "exact"
    assert item.best.finding.inspection == draft


def test_where_a_draft_and_a_published_report_share_a_sentence_only_the_published_is_named(db):
    published = FindingFactory(text=LIGHTHOUSE)
    FindingFactory(inspection=InspectionFactory(status=Status.DRAFT), text=LIGHTHOUSE)
    (item,) = check_passages(LIGHTHOUSE).results
    assert [m.finding for m in item.matches] == [published]
    assert item.more == 0


def test_narrowed_to_another_authority_a_wokingham_passage_is_not_found(real_records):
    passage = "Care planning is thoughtful and creative."
    elsewhere = LocalAuthorityFactory()
    (item,) = check_passages(passage, authority=elsewhere.slug).results
    assert item.verdict == "not_found"
    (item,) = check_passages(passage, authority="wokingham").results
    assert item.verdict == "exact"


def test_narrowed_to_an_inspection_only_its_paragraphs_count(real_records):
    passage = "Care planning is thoughtful and creative."
    (item,) = check_passages(passage, inspection="wokingham-focused-visit-october-2018").results
    assert item.verdict == "not_found"
    (item,) = check_passages(
        passage, inspection="wokingham-ilacs-standard-inspection-june-2019"
    ).results
    assert item.verdict == "exact"


def test_an_unknown_authority_or_a_draft_inspection_is_refused_by_name(db):
    draft = InspectionFactory(status=Status.DRAFT)
    with pytest.raises(QuoteCheckError) as unknown:
        check_passages(LIGHTHOUSE, authority="atlantis")
    assert (unknown.value.field, unknown.value.code) == ("authority", "unknown")
    assert "atlantis" in unknown.value.message
    with pytest.raises(QuoteCheckError) as hidden:
        check_passages(LIGHTHOUSE, inspection=draft.slug)
    assert (hidden.value.field, hidden.value.code) == ("inspection", "unknown")
