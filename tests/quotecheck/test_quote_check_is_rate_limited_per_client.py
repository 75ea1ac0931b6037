"""One client may ask for only QUOTE_CHECK_RATE_LIMIT checks (30 a minute
by default): past that, every way of asking (the form's POST, a GET with
text, the JSON POST, ?format=json) is answered 429 with Retry-After, as a
JSON problem for the JSON API and as the site's own page otherwise, and no
check is run. Other clients, and the empty form, are not held back.
(Unlimited, eight clients at once had 1,109 checks in 30 s.)"""

import json
import types

import pytest
from django.core.management import call_command

from quotecheck import views

pytestmark = pytest.mark.django_db

TEXT = "Care planning is thoughtful and creative."
A, B = "198.51.100.7", "198.51.100.8"


@pytest.fixture(autouse=True)
def three_a_minute(settings, db, monkeypatch):
    call_command("load_records", verbosity=0)
    settings.QUOTE_CHECK_RATE_LIMIT = "3/m"
    # Counts are kept per minute: a test must not straddle two.
    monkeypatch.setattr("django_ratelimit.core.time", types.SimpleNamespace(time=lambda: 1e9))


def form_post(client, address=A):
    return client.post("/check/", {"text": TEXT}, REMOTE_ADDR=address)


def link(client, address=A):
    return client.get("/check/", {"text": TEXT}, REMOTE_ADDR=address)


def json_post(client, address=A):
    body = json.dumps({"text": TEXT})
    return client.post("/check/", body, "application/json", REMOTE_ADDR=address)


def json_link(client, address=A):
    return client.get("/check/", {"text": TEXT, "format": "json"}, REMOTE_ADDR=address)


def use_up(client, address=A):
    for _ in range(3):
        assert form_post(client, address).status_code == 200


def test_checks_within_the_limit_are_answered(client):
    answers = [form_post(client), link(client), json_post(client)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert "Exact" in answers[0].text and answers[2].json()["results"]


@pytest.mark.parametrize("ask", [form_post, link])
def test_past_the_limit_the_page_is_a_429_in_the_sites_style(client, ask):
    use_up(client)
    response = ask(client)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "<h1>Too many requests</h1>" in response.text
    assert 'class="site-header"' in response.text
    assert "Try again in" in response.text and "quote checks" in response.text
    assert 'class="qc-results"' not in response.text


@pytest.mark.parametrize("ask", [json_post, json_link])
def test_past_the_limit_the_json_api_answers_a_problem(client, ask):
    use_up(client)
    response = ask(client)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 429 and problem["title"] == "Too many requests"
    assert problem["retry_after"] == int(response["Retry-After"]) >= 1
    assert "Try again in" in problem["detail"]
    assert problem["errors"] == {"rate": [problem["detail"]]}


def test_no_check_is_run_past_the_limit(client, monkeypatch):
    use_up(client)
    ran = []
    monkeypatch.setattr(views, "run_check", lambda form: ran.append(form))
    assert json_post(client).status_code == 429
    assert ran == []


def test_another_client_is_not_held_back(client):
    use_up(client, A)
    assert form_post(client, A).status_code == 429
    assert form_post(client, B).status_code == 200
    assert json_post(client, B).status_code == 200


def test_the_empty_form_is_never_limited(client):
    use_up(client)
    for _ in range(5):
        assert client.get("/check/", REMOTE_ADDR=A).status_code == 200


def test_the_limit_can_be_turned_off(client, settings):
    settings.QUOTE_CHECK_RATE_LIMIT = None
    for _ in range(6):
        assert json_post(client).status_code == 200
