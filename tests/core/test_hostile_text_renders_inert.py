"""Hostile text stored in every text field (script tags, attribute breakers,
right-to-left overrides, very long words) is shown as text on every page, in
feeds and in exports: it never becomes markup, script or a formula."""

import csv
import io
import json

import pytest
from django.urls import reverse

from core.choices import Status
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
BREAKER = '"><img src=x onerror=alert(1)>'
RTL = "\u202eexe.txt"
LONG = "W" * 3000
HOSTILE = f"{SCRIPT} {BREAKER} {RTL} {LONG}"
# For the short text fields (titles, names), which refuse the very long word.
SHORT = f"{SCRIPT} {BREAKER} {RTL}"
FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def hostile():
    authority = LocalAuthorityFactory(name=f"Evil {SCRIPT}", official_name=BREAKER)
    theme = ThemeFactory(name=f"Theme {BREAKER}", description=HOSTILE)
    inspection = InspectionFactory(
        authority=authority,
        summary=HOSTILE,
        lead_inspector=BREAKER,
        report_url="https://example.org/report?a=1&b=<2>",
    )
    FindingFactory(inspection=inspection, text=HOSTILE, themes=[theme])
    official = OfficialFactory(name=f"Person {SCRIPT}", honorific='"><b>x')
    PostFactory(official=official, authority=authority, title=SHORT, party=BREAKER)
    source = SourceFactory(title=f"{SHORT} {LONG[:200]}", publisher=BREAKER)
    statement = StatementFactory(
        official=official,
        text=f"{FORMULA} {HOSTILE}",
        context=HOSTILE,
        source=source,
        inspection=inspection,
        themes=[theme],
        status=Status.PUBLISHED,
    )
    return {
        "authority": authority,
        "theme": theme,
        "inspection": inspection,
        "official": official,
        "statement": statement,
    }


def text_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode("utf-8")


def pages(h):
    return [
        "/",
        "/inspections/",
        h["inspection"].get_absolute_url(),
        "/findings/",
        "/themes/",
        h["theme"].get_absolute_url(),
        "/authorities/",
        h["authority"].get_absolute_url(),
        "/quotes/",
        reverse("statement_detail", args=[h["statement"].pk]),
        "/people/",
        h["official"].get_absolute_url(),
        "/check/?text=" + "alert",
    ]


def test_pages_show_hostile_text_escaped(client, hostile):
    for address in pages(hostile):
        response = client.get(address)
        assert response.status_code == 200, address
        html = text_of(response)
        assert SCRIPT not in html, f"raw script tag on {address}"
        assert BREAKER not in html, f"raw attribute breaker on {address}"
        assert "<img src=x" not in html, f"injected element on {address}"


def test_the_escaped_text_is_there_to_read(client, hostile):
    html = text_of(client.get(hostile["inspection"].get_absolute_url()))
    assert "&lt;script&gt;alert(" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("feed", ["/inspections/feed/", "/quotes/feed/"])
def test_feeds_escape_hostile_text(client, hostile, feed):
    xml = text_of(client.get(feed))
    assert SCRIPT not in xml
    assert BREAKER not in xml


def test_csv_export_neutralises_formulas_and_keeps_text(client, hostile):
    response = client.get("/quotes/?format=csv")
    rows = list(csv.reader(io.StringIO(text_of(response))))
    header, row = rows[0], rows[1]
    words = row[header.index(next(h for h in header if "words" in h.lower() or h == "text"))]
    assert words.startswith("'=HYPERLINK")
    assert SCRIPT in words  # data, exactly as stored; a spreadsheet shows it as text


def test_json_export_carries_the_text_as_data(client, hostile):
    data = json.loads(text_of(client.get("/quotes/?format=json")))
    (result,) = data["results"]
    assert SCRIPT in json.dumps(result, ensure_ascii=False)
