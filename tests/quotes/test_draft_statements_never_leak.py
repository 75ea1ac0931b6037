"""Nothing unpublished reaches the public: not a draft statement, nor a
statement by a draft person, nor one about a draft inspection. Not in
lists, counts, permalinks, feeds, exports or people's pages."""

import csv
import io
import json

import pytest

from core.choices import Status
from tests.factories import (
    InspectionFactory,
    OfficialFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "UNPUBLISHED-WORDS"


@pytest.fixture
def records():
    theme = ThemeFactory(name="Leak test theme", slug="leak-test-theme")
    person = OfficialFactory(name="Pat Public", slug="pat-public")
    hidden_person = OfficialFactory(name="Drew Draft", slug="drew-draft", status=Status.DRAFT)
    draft_inspection = InspectionFactory(status=Status.DRAFT)
    public = StatementFactory(official=person, text="Published words.", themes=[theme])
    drafts = [
        StatementFactory(
            official=person, text=f"{SECRET} draft", status=Status.DRAFT, themes=[theme]
        ),
        StatementFactory(
            official=hidden_person, text=f"{SECRET} by a draft person", themes=[theme]
        ),
        StatementFactory(
            official=person,
            text=f"{SECRET} about a draft inspection",
            inspection=draft_inspection,
            themes=[theme],
        ),
    ]
    return {
        "public": public,
        "drafts": drafts,
        "draft_inspection": draft_inspection,
        "hidden_person": hidden_person,
    }


def test_lists_and_counts_show_only_published(client, records):
    response = client.get("/quotes/", {"theme": "leak-test-theme"})
    html = response.content.decode()
    assert [s.pk for s in response.context["object_list"]] == [records["public"].pk]
    assert SECRET not in html
    assert "Drew Draft" not in html
    assert records["draft_inspection"].slug not in html
    facets = {f["name"]: f for f in response.context["facets"]}
    assert [o["value"] for o in facets["official"]["options"]] == ["pat-public"]
    assert [(o["value"], o["count"]) for o in facets["theme"]["options"]] == [
        ("leak-test-theme", 1)
    ]
    assert facets["inspection"]["options"] == []
    assert sum(o["count"] for o in facets["source"]["options"]) == 1


def test_searching_for_draft_words_finds_nothing(client, records):
    response = client.get("/quotes/", {"q": SECRET})
    assert list(response.context["object_list"]) == []
    html = response.content.decode()
    for statement in records["drafts"]:
        assert statement.text not in html
    assert "No quotes match these filters" in html


def test_choosing_a_draft_person_or_inspection_is_an_unknown_address(client, records):
    response = client.get("/quotes/", {"official": "drew-draft"})
    assert "There is no person with the address “drew-draft”" in response.content.decode()
    assert list(response.context["object_list"]) == []
    response = client.get("/quotes/", {"inspection": records["draft_inspection"].slug})
    assert "There is no published inspection" in response.content.decode()


def test_permalinks_of_drafts_are_not_found(client, records):
    assert client.get(records["public"].get_absolute_url()).status_code == 200
    for statement in records["drafts"]:
        assert client.get(statement.get_absolute_url()).status_code == 404


def test_feeds_hold_only_published(client, records):
    body = client.get("/quotes/feed/").content.decode()
    assert "Published words." in body
    assert SECRET not in body
    assert client.get("/quotes/feed/?official=drew-draft").status_code == 400


def test_exports_hold_only_published(client, records):
    body = b"".join(client.get("/quotes/?format=csv").streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [int(row["id"]) for row in rows] == [records["public"].pk]
    assert SECRET not in body
    data = json.loads(client.get("/quotes/?format=json").content)
    assert data["count"] == 1
    assert [row["id"] for row in data["results"]] == [records["public"].pk]


def test_people_pages_hold_only_published(client, records):
    people = client.get("/people/")
    assert "Drew Draft" not in people.content.decode()
    assert [o.slug for o in people.context["object_list"]] == ["pat-public"]
    assert people.context["object_list"][0].statement_count == 1
    assert client.get("/people/drew-draft/").status_code == 404
    page = client.get("/people/pat-public/")
    assert page.status_code == 200
    assert "Published words." in page.content.decode()
    assert SECRET not in page.content.decode()
