"""/authorities/?format=csv|json exports the national table, with the same
filters as the page: every authority's latest outcome, each area's grade,
links and where each record came from."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from inspections.choices import Area, Grade
from inspections.models import AuthorityType
from inspections.views import AuthorityListView
from tests.factories import InspectionFactory, JudgementFactory, LocalAuthorityFactory

pytestmark = pytest.mark.django_db
URL = reverse("authority_list")


@pytest.fixture
def authorities():
    imported = datetime.datetime(2026, 11, 25, 9, 30, tzinfo=datetime.UTC)
    home = LocalAuthorityFactory(
        name="Exportshire",
        slug="exportshire",
        region="SE",
        authority_type=AuthorityType.COUNTY,
        la_code="999",
        ofsted_urn="80999",
        ons_code="E10000999",
        source_file="local-authorities.csv",
        source_row=7,
        imported_at=imported,
    )
    old = InspectionFactory(
        authority=home,
        overall_grade=Grade.INADEQUATE,
        start_date=datetime.date(2019, 6, 3),
        end_date=datetime.date(2019, 6, 14),
        published_on=datetime.date(2019, 7, 26),
    )
    latest = InspectionFactory(
        authority=home,
        slug="exportshire-latest",
        overall_grade=Grade.GOOD,
        start_date=datetime.date(2025, 6, 2),
        end_date=datetime.date(2025, 6, 13),
        published_on=datetime.date(2025, 8, 5),
        report_url="https://files.ofsted.gov.uk/v1/file/1",
        source_file="ilacs-latest-outcomes.csv",
        source_row=12,
        imported_at=imported,
    )
    assert old.published_on < latest.published_on
    JudgementFactory(inspection=latest, area=Area.HELP_AND_PROTECTION, grade=Grade.OUTSTANDING)
    JudgementFactory(inspection=latest, area=Area.CARE_LEAVERS, grade=Grade.REQUIRES_IMPROVEMENT)
    LocalAuthorityFactory(name="=Formulaby", slug="formulaby", region="NW")
    return home


def read_csv(client, query=""):
    response = client.get(URL + "?format=csv" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_every_column_and_every_authority(client, authorities):
    rows = read_csv(client)
    assert list(rows[0]) == AuthorityListView.export_columns
    assert [row["name"] for row in rows] == ["'=Formulaby", "Exportshire"]
    row = rows[1]
    assert row == {
        **row,
        "slug": "exportshire",
        "url": "http://testserver/authorities/exportshire/",
        "region": "South East",
        "authority_type": "County",
        "la_code": "999",
        "ofsted_urn": "80999",
        "ons_code": "E10000999",
        "inspections_published": "2",
        "latest_overall_effectiveness": "Good",
        "latest_help_and_protection": "Outstanding",
        "latest_care_leavers": "Requires improvement to be good",
        "latest_impact_of_leaders": "",
        "latest_inspection_url": "http://testserver/inspections/exportshire-latest/",
        "latest_inspection_start_date": "2025-06-02",
        "latest_inspection_end_date": "2025-06-13",
        "latest_published_on": "2025-08-05",
        "latest_report_url": "https://files.ofsted.gov.uk/v1/file/1",
        "source_file": "local-authorities.csv",
        "source_row": "7",
        "imported_at": "2026-11-25T09:30:00+00:00",
        "latest_source_file": "ilacs-latest-outcomes.csv",
        "latest_source_row": "12",
        "latest_imported_at": "2026-11-25T09:30:00+00:00",
    }
    assert rows[0]["latest_overall_effectiveness"] == ""
    assert rows[0]["latest_inspection_url"] == ""


def test_the_export_follows_the_filters_and_matches_the_page(client, authorities):
    query = "&region=SE&grade=good&area=help_and_protection&area_grade=outstanding"
    assert [row["slug"] for row in read_csv(client, query)] == ["exportshire"]
    page = client.get(URL + "?" + query.lstrip("&"))
    assert [a.slug for a in page.context["authorities"]] == ["exportshire"]

    data = json.loads(client.get(URL + "?format=json" + query).content)
    assert data["count"] == 1
    assert data["results"][0]["latest_overall_effectiveness"] == "Good"
    assert data["results"][0]["source_row"] == 7
    assert read_csv(client, "&grade=inadequate") == []


def test_json_pages_and_bad_filters_are_clear(client, authorities):
    data = json.loads(client.get(URL + "?format=json&page_size=1").content)
    assert data["count"] == 2
    assert data["next"].endswith("page=2") and data["previous"] is None
    response = client.get(URL + "?format=json&region=XX")
    assert response.status_code == 400
    assert "region" in json.loads(response.content)["errors"]
    response = client.get(URL + "?format=csv&grade=brilliant")
    assert response.status_code == 400
    assert "brilliant" in response.content.decode()
