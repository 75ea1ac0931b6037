"""/check/ gives the same results as a page (form POST or a GET link) and as
JSON (GET ?format=json, or a POST with a JSON body for newsroom tools). Bad
input gives a clear message on the page, or a 400 with {"errors": ...} as
JSON, never a server error. The form's POST needs its CSRF token; the JSON
POST, an API for tools, does not."""

import html
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

from tests import FIXTURES

pytestmark = pytest.mark.django_db

RELEASE = (FIXTURES / "seeds" / "2019-ilacs-press-release.txt").read_text(encoding="utf-8")
FEW = (
    "Care planning is thoughtful and creative.\n"
    "Care planning is not thoughtful and creative.\n"
    "Good attention is paid to children’s physical health and emotional wellbeing\n"
    "The council has opened a new swimming pool for every child in the borough."
)
VERDICT_CLASSES = re.compile(r'class="qc-verdict qc-verdict--(\w+)"')


@pytest.fixture(autouse=True)
def real_records(db):
    call_command("load_records", verbosity=0)


def page_verdicts(response):
    assert response.status_code == 200
    return VERDICT_CLASSES.findall(response.content.decode())


def json_verdicts(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return [r["verdict"] for r in response.json()["results"]]


def post_json(client, payload, **extra):
    return client.post(
        "/check/", data=json.dumps(payload), content_type="application/json", **extra
    )


def test_form_link_get_json_and_post_json_agree_on_a_whole_press_release(client):
    form = page_verdicts(client.post("/check/", {"text": RELEASE}))
    as_json = json_verdicts(client.get("/check/", {"text": RELEASE, "format": "json"}))
    posted = json_verdicts(post_json(client, {"text": RELEASE}))
    assert form == as_json == posted
    assert len(form) == 22
    assert form.count("exact") == 12 and form.count("differs") == 7


def test_a_linked_check_shows_the_same_page_as_the_form(client):
    by_form = client.post("/check/", {"text": FEW})
    by_link = client.get("/check/", {"text": FEW})
    assert (
        page_verdicts(by_form)
        == page_verdicts(by_link)
        == [
            "exact",
            "altered",
            "differs",
            "not_found",
        ]
    )
    page = by_link.content.decode()
    assert "4 passages: 1 exact, 1 with differences, 1 altered, 1 not found." in page
    assert "Link to this check" in page and "format=json" in page


def test_the_json_mirrors_the_page_field_by_field(client):
    data = post_json(client, {"text": FEW, "authority": "wokingham"}).json()
    assert data["summary"] == "4 passages: 1 exact, 1 with differences, 1 altered, 1 not found"
    assert data["counts"] == {
        "passages": 4,
        "exact": 1,
        "differs": 1,
        "altered": 1,
        "not_found": 1,
    }
    exact, altered, differs, not_found = data["results"]
    match = exact["matches"][0]
    assert match["permalink"] == (
        "http://testserver/inspections/wokingham-ilacs-standard-inspection-june-2019/#paragraph-24"
    )
    assert match["paragraph_number"] == 24
    assert match["section"] == "in_care_and_care_leavers"
    assert match["authority"] == {"name": "Wokingham", "slug": "wokingham"}
    assert match["inspection"]["slug"] == "wokingham-ilacs-standard-inspection-june-2019"
    assert match["matched_text"] == "Care planning is thoughtful and creative."
    assert match["differences"] == []
    assert altered["matches"][0]["differences"] == [
        {
            "kind": "added",
            "quote": "not",
            "report": "",
            "note": "",
            "changes_meaning": True,
            "description": "“not” added: not in the report: changes a negation",
        }
    ]
    assert [d["kind"] for d in differs["matches"][0]["differences"]] == ["variant"]
    assert not_found["verdict_label"] == "Not found in any report we hold"
    assert not_found["matches"] == [] and len(not_found["closest"]) <= 3


def test_the_page_marks_the_passage_and_the_differences(client):
    page = client.get("/check/", {"text": FEW}).content.decode()
    assert "<mark>Care planning is thoughtful and creative.</mark>" in page
    assert '<ins class="qc-added"><span class="visually-hidden">added: </span>not</ins>' in page
    assert 'href="/inspections/wokingham-ilacs-standard-inspection-june-2019/#paragraph-24"' in (
        page
    )
    assert "“not” added: not in the report: changes a negation" in html.unescape(page)


def test_what_is_pasted_is_escaped_everywhere(client):
    evil = '<script>alert("x")</script> Care planning is <b>thoughtful</b> and creative.'
    page = client.get("/check/", {"text": evil}).content.decode()
    assert "<script>alert" not in page and "<b>thoughtful" not in page
    assert "&lt;script&gt;" in page


def test_the_page_has_no_inline_style_or_script(client):
    page = client.get("/check/", {"text": FEW}).content.decode()
    assert not re.search(r"\sstyle=", page)
    assert "<style" not in page
    for script in re.findall(r"<script[^>]*>", page):
        assert "src=" in script


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"text": ""}, "text", "Enter the passage or passages to check"),
        ({"text": "x" * 20_001}, "text", "That is 20,001 characters"),
        (
            {"text": "\n".join(f"Passage number {n} is long enough." for n in range(51))},
            "text",
            "That text has 51 passages to check",
        ),
        ({"text": "Care planning is thoughtful", "authority": "atlantis"}, "authority", "atlantis"),
        (
            {"text": "Care planning is thoughtful", "inspection": "no-such-inspection"},
            "inspection",
            "There is no published inspection “no-such-inspection”",
        ),
        (
            {"text": "Care planning is thoughtful", "inspection": "bad slug!"},
            "inspection",
            "hyphens",
        ),
    ],
)
def test_bad_input_is_a_400_in_json_and_a_clear_message_on_the_page(client, data, field, message):
    as_json = post_json(client, data)
    assert as_json.status_code == 400
    errors = as_json.json()["errors"]
    assert list(errors) == [field]
    assert message in errors[field][0]

    linked = client.get("/check/", {**data, "format": "json"})
    assert linked.status_code == 400 and linked.json() == as_json.json()

    page = client.post("/check/", data)
    assert page.status_code == 200
    content = html.unescape(page.content.decode())
    assert '<div class="error-summary"' in content
    assert f'<a href="#id_{field}">' in content
    assert message in content
    assert "<title>Error: Check a quote" in content
    assert 'class="qc-results"' not in content


def test_json_without_text_or_with_a_bad_body_is_a_400(client):
    assert client.get("/check/", {"format": "json"}).status_code == 400
    assert client.get("/check/", {"format": "json"}).json()["errors"]["text"]
    for body in ["not json", "[1, 2]", '"text"', "null"]:
        response = client.post("/check/", data=body, content_type="application/json")
        assert response.status_code == 400
        assert "body" in response.json()["errors"]
    response = post_json(client, {"text": ["a", "list"]})
    assert response.status_code == 400
    assert response.json() == {"errors": {"text": ["Must be a string."]}}


def test_the_empty_page_shows_the_form_and_marks_the_navigation(client):
    page = client.get("/check/").content.decode()
    assert '<label for="id_text">Passages to check</label>' in page
    assert '<a href="/check/" aria-current="page">Check a quote</a>' in page
    assert 'class="qc-results"' not in page
    assert client.put("/check/").status_code == 405


def test_the_form_post_needs_its_csrf_token_but_the_json_api_does_not():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/check/", {"text": FEW}).status_code == 403
    assert post_json(strict, {"text": FEW}).status_code == 200

    page = strict.get("/check/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    assert strict.post("/check/", {"text": FEW, "csrfmiddlewaretoken": token}).status_code == 200
