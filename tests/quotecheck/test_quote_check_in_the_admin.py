"""Staff entering a statement or press release can check its quotations of
Ofsted's reports in the admin: a page to paste text into, and from each
statement's change page a link that checks that statement's text. Visitors
who are not signed in are sent to the login page."""

import html

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from core.choices import Status
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

# A fictional statement quoting the real 2019 report, once faithfully and
# once with "not" put in.
QUOTING = (
    "We are proud that Ofsted found “Care planning is thoughtful and creative.” "
    "We reject the claim that “the local authority is not making progress in developing "
    "a comprehensive performance culture”."
)


@pytest.fixture(autouse=True)
def real_records(db):
    call_command("load_records", verbosity=0)


@pytest.fixture
def statement():
    return StatementFactory(text=QUOTING, status=Status.DRAFT)


def test_visitors_not_signed_in_are_sent_to_log_in(client, statement):
    for url in (
        reverse("admin:quotes_statement_check"),
        reverse("admin:quotes_statement_check_statement", args=[statement.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login"))
        assert client.post(url, {"text": QUOTING}).status_code == 302


def test_signed_in_users_who_are_not_staff_are_sent_to_log_in_too(client, statement):
    client.force_login(User.objects.create_user("reader", password="correct-horse-battery"))
    response = client.get(reverse("admin:quotes_statement_check"))
    assert response.status_code == 302


def test_an_editor_pastes_a_press_release_and_reads_the_verdicts(editor_client):
    url = reverse("admin:quotes_statement_check")
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "Check quotes against Ofsted’s reports" in page.content.decode()

    response = editor_client.post(url, {"text": QUOTING})
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "2 passages: 1 exact, 0 with differences, 1 altered, 0 not found." in content
    assert "“not” added: not in the report: changes a negation" in content
    assert "Wokingham: ILACS standard inspection, June 2019, paragraph 24" in content
    assert "Wokingham: ILACS standard inspection, June 2019, paragraph 48" in content


def test_bad_input_in_the_admin_is_a_message_not_an_error(editor_client):
    url = reverse("admin:quotes_statement_check")
    response = editor_client.post(url, {"text": "x" * 20_001})
    assert response.status_code == 200
    content = response.content.decode()
    assert "That is 20,001 characters: check at most 20,000 at a time." in content
    assert "errornote" in content
    response = editor_client.post(url, {"text": "Care planning", "authority": "atlantis"})
    assert "There is no authority “atlantis” on this site" in html.unescape(
        response.content.decode()
    )


def test_a_statements_change_page_links_to_checking_its_quotes(editor_client, statement):
    change = editor_client.get(reverse("admin:quotes_statement_change", args=[statement.pk]))
    check_url = reverse("admin:quotes_statement_check_statement", args=[statement.pk])
    assert f'<a href="{check_url}">Check the quotes in this statement</a>' in (
        change.content.decode()
    )
    add = editor_client.get(reverse("admin:quotes_statement_add"))
    assert reverse("admin:quotes_statement_check") in add.content.decode()


def test_the_link_checks_that_statements_text(editor_client, statement):
    response = editor_client.get(
        reverse("admin:quotes_statement_check_statement", args=[statement.pk])
    )
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "Check the quotes in this statement" in content
    assert "2 passages: 1 exact, 0 with differences, 1 altered, 0 not found." in content
    # The text is in the form, ready to change and check again.
    assert "We are proud that Ofsted found" in content


def test_a_statement_that_does_not_exist_is_a_404(editor_client):
    response = editor_client.get(reverse("admin:quotes_statement_check_statement", args=[99999]))
    assert response.status_code == 404


def test_the_statements_list_links_to_the_check_and_keeps_recover_deleted(editor_client):
    response = editor_client.get(reverse("admin:quotes_statement_changelist"))
    assert reverse("admin:quotes_statement_check") in response.text
    assert reverse("admin:quotes_statement_recoverlist") in response.text
