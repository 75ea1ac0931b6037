"""Sign-in attempts at the admin are limited per client address
(ADMIN_LOGIN_RATE_LIMIT, 10 a minute by default): past the limit a POST to
the login page is answered 429 with Retry-After, in the site's style, before
any password is checked. The login page itself, other addresses and the
rest of the admin are not held back. (django-axes locks accounts after
failures: test_a_lock_out_never_locks_staff_out_everywhere.py.)"""

import types

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
A, B = "203.0.113.20", "203.0.113.21"


@pytest.fixture(autouse=True)
def three_a_minute(settings, monkeypatch):
    settings.ADMIN_LOGIN_RATE_LIMIT = "3/m"
    settings.AXES_FAILURE_LIMIT = 100  # this module is about the rate, not lock-outs
    monkeypatch.setattr("django_ratelimit.core.time", types.SimpleNamespace(time=lambda: 1e9))
    User.objects.create_user("officer", password=PASSWORD, is_staff=True)


def sign_in(client, password, address=A):
    return client.post(
        reverse("admin:login"),
        {"username": "officer", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_attempts_within_the_limit_are_answered_as_usual(client):
    assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_past_the_limit_even_the_right_password_gets_a_429(client):
    for _ in range(3):
        sign_in(client, "wrong")
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "<h1>Too many requests</h1>" in response.text
    assert "sign-in attempts" in response.text and 'class="site-header"' in response.text
    assert "_auth_user_id" not in client.session


def test_the_login_page_and_other_addresses_are_not_held_back(client):
    for _ in range(4):
        sign_in(client, "wrong")
    assert client.get(reverse("admin:login"), REMOTE_ADDR=A).status_code == 200
    assert sign_in(client, PASSWORD, address=B).status_code == 302


def test_the_limit_can_be_turned_off(client, settings):
    settings.ADMIN_LOGIN_RATE_LIMIT = None
    for _ in range(5):
        assert sign_in(client, "wrong").status_code == 200
