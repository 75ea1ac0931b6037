"""Password guessing at the admin login is stopped: after five failures the
account is locked out on that connection, even with the right password."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def staff():
    return User.objects.create_user("officer", password=PASSWORD, is_staff=True)


def attempt(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "officer", "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.9",
    )


def test_the_right_password_gets_in(client, staff):
    assert attempt(client, PASSWORD).status_code == 302


def test_a_few_failures_do_not_lock_out(client, staff):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302


def test_five_failures_lock_the_account_out(client, staff):
    for _ in range(5):
        attempt(client, "wrong")
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.text
    assert "_auth_user_id" not in client.session
