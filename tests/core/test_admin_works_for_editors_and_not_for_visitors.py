"""Council staff in the Editors group can use every admin page for content;
an anonymous visitor is sent to the login page instead."""

import pytest
from django.urls import reverse

from tests.factories import (
    FindingFactory,
    JudgementFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ("inspections", "localauthority"),
    ("inspections", "theme"),
    ("inspections", "inspection"),
    ("inspections", "judgement"),
    ("inspections", "finding"),
    ("people", "official"),
    ("people", "post"),
    ("quotes", "source"),
    ("quotes", "statement"),
]


@pytest.fixture
def one_of_everything():
    finding = FindingFactory()
    judgement = JudgementFactory(inspection=finding.inspection)
    statement = StatementFactory(inspection=finding.inspection)
    post = PostFactory(official=statement.official, authority=finding.inspection.authority)
    return {
        "localauthority": finding.inspection.authority,
        "theme": ThemeFactory(),
        "inspection": finding.inspection,
        "judgement": judgement,
        "finding": finding,
        "official": statement.official,
        "post": post,
        "source": statement.source,
        "statement": statement,
    }


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_editor_can_open_changelist_add_and_change_pages(
    editor_client, one_of_everything, app, model
):
    obj = one_of_everything[model]
    for url in (
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_add"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_anonymous_visitor_is_sent_to_login(client, one_of_everything, app, model):
    obj = one_of_everything[model]
    for url in (
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_add"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


def test_editor_can_search_and_filter_inspections(editor_client, one_of_everything):
    url = reverse("admin:inspections_inspection_changelist")
    name = one_of_everything["inspection"].authority.name
    response = editor_client.get(url, {"q": name, "status__exact": "published"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    response = editor_client.get(url, {"q": "no such authority"})
    assert response.context["cl"].result_count == 0


def test_autocomplete_finds_authorities_for_editors(editor_client, one_of_everything):
    authority = one_of_everything["localauthority"]
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "inspections",
            "model_name": "inspection",
            "field_name": "authority",
            "term": authority.name[:6],
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [authority.name]
