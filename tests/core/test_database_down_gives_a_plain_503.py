"""When the database cannot be reached, pages answer with a plain 503 page
(no stack trace, no settings), static files still load, and /healthz says
so; with the database up, /healthz answers 200."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse


@pytest.fixture
def database_down():
    """Every new cursor fails as a refused connection does."""
    with mock.patch.object(
        BaseDatabaseWrapper,
        "cursor",
        side_effect=OperationalError('connection to server at "db" failed: Connection refused'),
    ):
        yield


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.text == "ok\n"


def test_healthz_reports_the_failure(client, database_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert "database unavailable" in response.text


@pytest.mark.parametrize("name", ["home", "inspection_list", "statement_list", "authority_list"])
def test_public_pages_answer_503_without_details(client, database_down, name):
    response = client.get(reverse(name))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Sorry, the service is unavailable" in response.text
    for leak in ("Traceback", "OperationalError", "Connection refused", "DATABASES", "SECRET"):
        assert leak not in response.text


def test_static_files_are_still_served(client, database_down):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"--text" in b"".join(response.streaming_content)
