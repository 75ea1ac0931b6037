"""Failed admin sign-ins lock out what they should and nothing more: for a
name that is no account, the address they came from (whatever names it
tries next); for a real account, that account from that address only, so
no one can lock a member of staff out from everywhere by failing as them.
Behind the proxy the address is the visitor's (core.clients), not the
proxy's, which every visitor shares: before, five failures as a staff
member's name from anywhere locked that account out for an hour."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
A, B = "203.0.113.30", "203.0.113.31"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def staff(settings):
    settings.ADMIN_LOGIN_RATE_LIMIT = None  # this module is about lock-outs, not the rate
    return User.objects.create_user("officer", password=PASSWORD, is_staff=True)


def sign_in(client, username, password, address, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def locked(response):
    return response.status_code == 429 and "Too many sign-in attempts" in response.text


def fail_five_times(client, username, address, **extra):
    """AXES_FAILURE_LIMIT failures: the last of them is answered with the lock-out."""
    answers = [sign_in(client, username, "wrong", address, **extra) for _ in range(5)]
    assert [locked(answer) for answer in answers] == [False] * 4 + [True]


def test_failures_as_unknown_names_lock_that_address_for_every_unknown_name(client):
    answers = [sign_in(client, f"nobody-{n}", "wrong", A) for n in range(5)]
    assert [locked(answer) for answer in answers] == [False] * 4 + [True]
    assert locked(sign_in(client, "someone-else", "wrong", A))
    assert locked(sign_in(client, "nobody-0", "wrong", A))


def test_failures_as_unknown_names_lock_no_other_address_and_no_real_account(client):
    fail_five_times(client, "nobody", A)
    assert not locked(sign_in(client, "nobody", "wrong", B))
    # The address is locked for names that are no account, not for staff.
    assert sign_in(client, "officer", PASSWORD, A).status_code == 302


def test_failures_as_a_real_account_lock_it_from_that_address(client):
    fail_five_times(client, "officer", A)
    assert locked(sign_in(client, "officer", PASSWORD, A))


def test_failures_as_a_real_account_from_one_address_do_not_lock_it_from_another(client):
    fail_five_times(client, "officer", A)
    response = sign_in(client, "officer", PASSWORD, B)
    assert response.status_code == 302 and client.session["_auth_user_id"]


def test_behind_the_proxy_failures_lock_the_visitor_not_everyone(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail_five_times(client, "officer", PROXY, HTTP_X_FORWARDED_FOR=A)
    assert locked(sign_in(client, "officer", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=A))
    # Another visitor coming through the same proxy signs in.
    response = sign_in(client, "officer", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=B)
    assert response.status_code == 302
