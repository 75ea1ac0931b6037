"""On PostgreSQL, searching quotes uses its full-text search: English stems
match ("fostered" finds "fostering"), the words themselves rank above the
context, web-search syntax works, and matches are marked in an escaped
snippet."""

import pytest
from django.db import connection

from core.search import highlighted
from quotes.models import Statement
from tests.factories import OfficialFactory, StatementFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
    ),
]


@pytest.fixture
def said():
    speaker = OfficialFactory(name="Alex Speaker")
    return {
        "in_text": StatementFactory(
            official=speaker,
            text="Our fostering service has improved, and more carers are fostering.",
            context="Said at a council meeting.",
        ),
        "in_context": StatementFactory(
            official=speaker,
            text="We are proud of our carers.",
            context="Answering a question about fostered children.",
        ),
        "elsewhere": StatementFactory(
            official=speaker,
            text="Caseloads have come down.",
            context="From a press release about staffing.",
        ),
        "hostile": StatementFactory(
            official=speaker,
            text="<b>fostering</b> & <script>run()</script> more",
            context="",
        ),
    }


def test_stemmed_words_match_and_the_quote_itself_ranks_first(said):
    results = list(Statement.objects.published().search("fostered").order_by("-search_rank"))
    assert {s.pk for s in results} == {
        said["in_text"].pk,
        said["in_context"].pk,
        said["hostile"].pk,
    }
    assert said["elsewhere"].pk not in {s.pk for s in results}
    ranks = {s.pk: s.search_rank for s in results}
    assert ranks[said["in_text"].pk] > ranks[said["in_context"].pk]


def test_web_search_syntax_phrases_and_exclusions(said):
    def found(q):
        return {s.pk for s in Statement.objects.published().search(q)}

    assert found('"fostering service"') == {said["in_text"].pk}
    assert found("carers -proud") == {said["in_text"].pk}
    assert found("carers or caseloads") == {
        said["in_text"].pk,
        said["in_context"].pk,
        said["elsewhere"].pk,
    }
    # Only stop words, or nothing searchable: no match and no error.
    assert found("the and of") == set()
    assert found("&&& !!! ((") == set()


def test_matches_are_marked_and_everything_else_escaped(said):
    hostile = Statement.objects.published().search("fostering").get(pk=said["hostile"].pk)
    html = highlighted(hostile.search_headline)
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;b&gt;<mark>fostering</mark>&lt;/b&gt;" in html
    assert "&amp; &lt;script&gt;run()&lt;/script&gt; more" in html


def test_the_list_page_orders_by_relevance_and_shows_marks(client, said):
    response = client.get("/quotes/", {"q": "fostered"})
    assert response.status_code == 200
    ids = [s.pk for s in response.context["object_list"]]
    assert ids.index(said["in_text"].pk) < ids.index(said["in_context"].pk)
    html = response.content.decode()
    assert "<mark>fostering</mark>" in html
    assert "<script>run" not in html
    # Sorting by date instead still finds the same quotes.
    response = client.get("/quotes/", {"q": "fostered", "sort": "oldest"})
    assert sorted(s.pk for s in response.context["object_list"]) == sorted(ids)
