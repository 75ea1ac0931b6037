"""Searching findings puts the best match first and marks every match in
the finding's text, escaped; the other orders still find the same
findings, and an export is in the order shown. Ranking and marks are
PostgreSQL's full-text search; elsewhere the same findings are found,
newest first, unmarked."""

import csv
import io

import pytest
from django.db import connection

from core.search import highlighted
from inspections.models import Finding
from tests.factories import FindingFactory, InspectionFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
)


@pytest.fixture
def found():
    older = InspectionFactory(slug="older-report")
    newer = InspectionFactory(slug="newer-report")
    return {
        # In an older report, but about little else.
        "best": FindingFactory(
            inspection=older,
            text="Strategy meetings are timely. Strategy meetings include the police.",
        ),
        "passing": FindingFactory(
            inspection=newer,
            text=(
                "Assessments are thorough and plans are reviewed, and most children "
                "are seen alone; a strategy meeting is held when one is needed."
            ),
        ),
        "hostile": FindingFactory(
            inspection=newer, text="<b>strategy</b> meetings & <script>run()</script>"
        ),
        "elsewhere": FindingFactory(inspection=newer, text="Caseloads are manageable."),
    }


def shown(client, **params):
    response = client.get("/findings/", params)
    assert response.status_code == 200
    return response, [finding.pk for finding in response.context["object_list"]]


@on_postgresql
def test_a_search_shows_the_best_match_first_and_marks_the_words(client, found):
    response, ids = shown(client, q="strategy meetings")
    assert ids[0] == found["best"].pk
    assert set(ids) == {found["best"].pk, found["passing"].pk, found["hostile"].pk}
    html = response.content.decode()
    assert "<mark>Strategy</mark> <mark>meetings</mark> are timely" in html
    assert '<option value="relevance" selected>' in html


@on_postgresql
def test_marks_are_the_only_markup_let_through(found):
    hostile = Finding.objects.search("strategy").get(pk=found["hostile"].pk)
    html = highlighted(hostile.search_headline)
    assert "&lt;b&gt;<mark>strategy</mark>&lt;/b&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;run()&lt;/script&gt;" in html


@on_postgresql
def test_stems_match_and_unmatched_findings_are_not_marked(client, found):
    response, ids = shown(client, q="strategies meeting")
    assert found["best"].pk in ids
    assert found["elsewhere"].pk not in ids
    assert "<mark>" in response.content.decode()


def test_other_orders_find_the_same_findings(client, found):
    _, by_default = shown(client, q="strategy")
    _, newest = shown(client, q="strategy", sort="newest")
    _, oldest = shown(client, q="strategy", sort="oldest")
    assert sorted(newest) == sorted(oldest) == sorted(by_default)
    assert oldest[0] == found["best"].pk  # the older report
    assert newest[-1] == found["best"].pk


def test_without_words_the_newest_report_comes_first_and_nothing_is_marked(client, found):
    response, ids = shown(client, sort="relevance")
    assert ids[0] != found["best"].pk  # relevance means nothing without words
    assert "<mark>" not in response.content.decode()
    assert '<option value="newest" selected>' in response.content.decode()


def test_an_unknown_order_is_a_clear_error(client, found):
    response = client.get("/findings/", {"sort": "loudest"})
    assert response.status_code == 200
    assert "is not a way of sorting this site knows" in response.content.decode()
    assert list(response.context["object_list"]) == []


def test_the_export_is_in_the_order_shown(client, found):
    _, ids = shown(client, q="strategy meetings")
    response = client.get("/findings/", {"q": "strategy meetings", "format": "csv"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    urls = [row["url"] for row in rows]
    expected = [Finding.objects.get(pk=pk).get_absolute_url() for pk in ids]
    assert [url.removeprefix("http://testserver") for url in urls] == expected
    assert all("<mark>" not in row["text"] for row in rows)
