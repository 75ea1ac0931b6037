"""Unknown addresses, malformed dates, absurd page numbers and hostile words
give a clear message, never a server error; and words that contain markup
are shown as text on every page, feed and export."""

import csv
import io
import json

import pytest
from django.utils.html import escape

from tests.factories import OfficialFactory, StatementFactory

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)> & <b>bold</b>'


@pytest.fixture
def said():
    person = OfficialFactory(name="Chris Careful", slug="chris-careful")
    return StatementFactory(official=person, text=MARKUP, context=f"Context {MARKUP}")


def page(client, params):
    response = client.get("/quotes/", params)
    assert response.status_code == 200
    return response, " ".join(response.content.decode().split())


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"official": "nobody-here"}, "There is no person with the address “nobody-here”"),
        ({"theme": "no-such-theme"}, "There is no theme with the address “no-such-theme”"),
        ({"authority": "atlantis"}, "There is no council with the address “atlantis”"),
        ({"inspection": "never-happened"}, "There is no published inspection with the address"),
        ({"role": "king"}, "“king” is not one of the roles listed."),
        ({"source": "rumour"}, "“rumour” is not one of the kinds of source listed."),
        # The one sort mechanism (core.facets.SortFilter) words this as every
        # list does; the quotes desk had its own wording.
        ({"sort": "random"}, "“random” is not a way of sorting this site knows."),
        # One date field on every list (core.dates): one message.
        ({"date_from": "yesterday"}, "Enter a date as year-month-day, like 2019-07-15"),
        ({"date_from": "July"}, "The ‘from’ date must be a real date"),
        ({"date_to": "31/02/2019"}, "“31/02/2019” is not a real date."),
        ({"date_from": "2019-13-45"}, "“2019-13-45” is not a real date."),
        ({"date_to": "2019-13"}, "“2019-13” is not a real date."),
        ({"date_to": "2019-02-30"}, "“2019-02-30” is not a real date."),
        ({"date_from": "0019"}, "Enter a date as year-month-day"),
        ({"date_from": "2020", "date_to": "2019"}, "The ‘to’ date must be the same as or after"),
        # One message for over-long search text on every list, not Django's.
        ({"q": "x" * 201}, "Search text can be at most 200 characters long (this is 201)."),
        ({"q": "null\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_invalid_filters_explain_and_show_no_results(client, said, params, message):
    response, html = page(client, params)
    assert escape(message) in html or message in html
    assert "There is a problem with the filters" in html
    assert list(response.context["object_list"]) == []
    assert response.context["invalid"]
    # The error links to the field to fix.
    assert 'href="#id_' in html


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "“abc” is not a page number, so this is page 1."),
        ("-1", "There is no page -1; the last page is 1, shown here."),
        ("999999999999999999999", "There is no page 999999999999999999999; the last page is 1"),
        ("0", "There is no page 0"),
    ],
)
def test_absurd_page_numbers_show_a_real_page(client, said, raw, message):
    response, html = page(client, {"page": raw})
    assert message in html
    assert [s.pk for s in response.context["object_list"]] == [said.pk]


@pytest.mark.parametrize(
    "q",
    [
        "' OR 1=1 --",
        '"; DROP TABLE quotes_statement; --',
        "<script>alert(1)</script>",
        '"unclosed phrase',
        "-",
        "!!! && || ((",
        "%_%",
        "😀 ünïcödé",
    ],
)
def test_hostile_words_are_just_words(client, said, q):
    response, html = page(client, {"q": q})
    assert "<script>alert(1)</script>" not in html
    assert not response.context["invalid"]


@pytest.mark.parametrize("q", ["\x1b", "a\x1bb", "\x07\x08\x0b\x0c\x7f\x85", "\ufffe"])
def test_control_characters_in_search_text_are_dropped_not_a_server_error(client, said, q):
    # A fuzz test found /quotes/feed/?q=%1B answering 500: the words reach
    # the feed's title, and XML cannot carry a control character.
    feed = client.get("/quotes/feed/", {"q": q})
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert not any(0x01 <= ord(c) < 0x20 and c not in "\t\n\r" for c in feed.content.decode())
    response, _ = page(client, {"q": q})
    assert not response.context["invalid"]
    assert "\x1b" not in response.context["filter"].words


def test_markup_in_statements_is_text_on_the_list_and_permalink(client, said):
    for url in ("/quotes/", said.get_absolute_url(), "/people/chris-careful/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>bold</b>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url


def test_markup_is_text_in_the_feed(client, said):
    body = client.get("/quotes/feed/").content.decode()
    # The Atom summary is HTML, so the words are escaped once for HTML and
    # once more for XML: a reader shows the characters, never runs them.
    assert "&amp;lt;script&amp;gt;" in body
    assert "<script>" not in body
    assert "<img" not in body


def test_markup_is_exact_text_in_exports(client, said):
    body = b"".join(client.get("/quotes/?format=csv").streaming_content).decode("utf-8")
    [row] = csv.DictReader(io.StringIO(body.lstrip("\ufeff")))
    assert row["text"] == MARKUP
    response = client.get("/quotes/?format=json")
    assert json.loads(response.content)["results"][0]["text"] == MARKUP
    assert b"<script>" not in response.content


@pytest.mark.parametrize(
    ("params", "status", "fragment"),
    [
        ({"format": "xml"}, 400, "There is no “xml” format. Use format=csv"),
        ({"format": "csv", "official": "nobody"}, 400, "There is no person with the address"),
        ({"format": "json", "date_from": "soon"}, 400, "Enter a date as year-month-day"),
        ({"format": "json", "page": "99"}, 404, "There is no page 99; the last page is 1."),
        ({"format": "json", "page": "abc"}, 400, "page must be a whole number from 1."),
        ({"format": "json", "page_size": "0"}, 400, "page_size must be a whole number"),
    ],
)
def test_bad_export_requests_explain_themselves(client, said, params, status, fragment):
    response = client.get("/quotes/", params)
    assert response.status_code == status
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert fragment in text


def test_bad_feed_filters_explain_themselves(client, said):
    response = client.get("/quotes/feed/", {"theme": "nope", "date_to": "never"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is no theme with the address “nope”" in text
    assert "Enter a date as year-month-day" in text


def test_unknown_permalinks_and_people_are_not_found(client, said):
    assert client.get("/quotes/999999/").status_code == 404
    assert client.get("/people/nobody-at-all/").status_code == 404


def test_bad_people_filters_explain_themselves(client, said):
    response = client.get("/people/", {"role": "emperor", "page": "zzz"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "“emperor” is not one of the posts listed." in html
    assert list(response.context["object_list"]) == []
