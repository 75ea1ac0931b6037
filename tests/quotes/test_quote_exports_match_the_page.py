"""format=csv and format=json on the quotes address hold exactly the quotes
the page shows, in the same order, with every field and absolute links:
every matching row for CSV, a page at a time with a next link for JSON."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from core.choices import DatePrecision
from people.models import Role
from tests.factories import (
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quotes():
    council = LocalAuthorityFactory(name="Fenshire", official_name="Fenshire County Council")
    theme = ThemeFactory(name="Export test theme", slug="export-test-theme")
    person = OfficialFactory(name="Jo Exporter", slug="jo-exporter")
    PostFactory(official=person, authority=council, role=Role.DCS, start_date=None)
    other = OfficialFactory(name="Kim Elsewhere", slug="kim-elsewhere")
    inspection = InspectionFactory(authority=council, start_date=datetime.date(2019, 6, 3))
    source = SourceFactory(title="Fictional statement on the inspection", publisher="Fenshire")
    made = [
        StatementFactory(
            official=person,
            text=f"Fictional quote {n} about <b>children</b> & “families”.",
            said_on=datetime.date(2019, 7, 1) + datetime.timedelta(days=n),
            source=source,
            inspection=inspection,
            themes=[theme],
        )
        for n in range(30)
    ]
    made.append(
        StatementFactory(
            official=person,
            text="Known only to the month.",
            said_on=datetime.date(2019, 6, 1),
            said_precision=DatePrecision.MONTH,
            source=source,
            inspection=inspection,
            themes=[theme],
        )
    )
    StatementFactory(official=other, text="Not by Jo.")
    return made


FILTERS = {"official": "jo-exporter", "theme": "export-test-theme"}


def page_ids(client, params):
    ids, page = [], 1
    while True:
        response = client.get("/quotes/", {**params, "page": page})
        ids += [s.pk for s in response.context["object_list"]]
        if not response.context["page_obj"].has_next():
            return ids
        page += 1


def read_csv(response):
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_csv_holds_every_matching_row_in_page_order(client, quotes):
    response = client.get("/quotes/", {**FILTERS, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="quotes-{today}.csv"'
    rows = read_csv(response)
    # All 31, though the page shows 25 at a time.
    assert len(rows) == 31
    assert [int(row["id"]) for row in rows] == page_ids(client, FILTERS)
    first_page = client.get("/quotes/", FILTERS).context["object_list"]
    assert len(first_page) == 25


def test_csv_fields_are_complete_with_iso_dates_and_absolute_links(client, quotes):
    rows = {int(row["id"]): row for row in read_csv(client.get("/quotes/?format=csv"))}
    row = rows[quotes[0].pk]
    assert row["url"] == f"http://testserver/quotes/{quotes[0].pk}/"
    assert row["official_url"] == "http://testserver/people/jo-exporter/"
    assert row["inspection_url"].startswith("http://testserver/inspections/")
    assert row["text"] == "Fictional quote 0 about <b>children</b> & “families”."
    assert row["said_on"] == "2019-07-01"
    assert row["said_precision"] == "day"
    assert row["role"] == "Director of children's services"
    assert row["council"] == "Fenshire County Council"
    assert row["source_title"] == "Fictional statement on the inspection"
    assert row["source_kind"] == "Press release"
    assert row["themes"] == "Export test theme"
    assert row["citation"].startswith("Jo Exporter, Director of children's services,")
    # Never a day the source does not give.
    assert rows[quotes[-1].pk]["said_on"] == "2019-06"


def test_json_pages_hold_the_same_rows_with_a_next_link_keeping_the_filters(client, quotes):
    response = client.get("/quotes/", {**FILTERS, "format": "json", "page_size": 20})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["count"] == 31
    assert data["previous"] is None
    assert data["next"].startswith("http://testserver/quotes/?")
    assert "official=jo-exporter" in data["next"]
    assert "theme=export-test-theme" in data["next"]
    assert "format=json" in data["next"]
    assert "page=2" in data["next"]
    second = json.loads(client.get(data["next"]).content)
    assert second["next"] is None
    assert second["previous"].startswith("http://testserver/quotes/?")
    ids = [row["id"] for row in data["results"] + second["results"]]
    assert ids == page_ids(client, FILTERS)
    result = data["results"][0]
    assert result["text"].startswith("Fictional quote 29 about <b>children</b>")
    assert result["themes"] == ["Export test theme"]
    assert result["url"] == f"http://testserver/quotes/{result['id']}/"
    # Markup cannot be read as HTML from the raw response.
    assert b"<b>" not in response.content


def test_json_default_page_is_at_most_a_hundred(client, quotes):
    data = json.loads(client.get("/quotes/?format=json").content)
    assert data["count"] == 32
    assert len(data["results"]) == 32
    assert data["next"] is None
    response = client.get("/quotes/?format=json&page_size=101")
    assert response.status_code == 400
    assert "page_size" in json.loads(response.content)["detail"]


def test_exports_of_a_search_match_the_page(client, quotes):
    params = {"q": "Fictional quote 1", "sort": "oldest"}
    shown = page_ids(client, params)
    assert shown
    csv_ids = [
        int(row["id"]) for row in read_csv(client.get("/quotes/", {**params, "format": "csv"}))
    ]
    json_ids = [
        row["id"]
        for row in json.loads(client.get("/quotes/", {**params, "format": "json"}).content)[
            "results"
        ]
    ]
    assert csv_ids == json_ids == shown


def test_export_with_nothing_matching_is_empty_not_an_error(client, quotes):
    rows = read_csv(
        client.get(
            "/quotes/", {"official": "kim-elsewhere", "theme": "export-test-theme", "format": "csv"}
        )
    )
    assert rows == []
    data = json.loads(
        client.get(
            "/quotes/",
            {"official": "kim-elsewhere", "theme": "export-test-theme", "format": "json"},
        ).content
    )
    assert data == {"count": 0, "next": None, "previous": None, "results": []}


def test_the_page_links_to_its_exports_and_feed_with_its_filters(client, quotes):
    html = client.get("/quotes/", {**FILTERS, "page": 2}).content.decode()
    assert 'href="/quotes/?official=jo-exporter&amp;theme=export-test-theme&amp;format=csv"' in html
    assert (
        'href="/quotes/?official=jo-exporter&amp;theme=export-test-theme&amp;format=json"' in html
    )
    assert 'href="/quotes/feed/?official=jo-exporter&amp;theme=export-test-theme"' in html
