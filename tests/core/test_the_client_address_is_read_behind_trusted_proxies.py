"""Every limit by address (the rate limits and the sign-in lock-outs) reads
the client's address from core.clients: REMOTE_ADDR, unless
TRUSTED_PROXY_COUNT says how many proxies stand in front of the app; then
the X-Forwarded-For entry the first of them wrote, and never what the
client wrote to its left. Behind a proxy without it, every visitor would
share the proxy's one address and one limit."""

import types

import pytest
from django.test import RequestFactory

from core.clients import client_address, rate_limit_key

PROXY = "10.0.0.2"


def request(forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_with_no_trusted_proxy_the_address_is_the_connections(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request()) == PROXY
    # What the client writes in X-Forwarded-For changes nothing.
    assert client_address(request("203.0.113.5")) == PROXY


def test_behind_one_proxy_the_address_is_the_one_it_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("203.0.113.5")) == "203.0.113.5"
    # Entries the client wrote itself, to the left, are not believed.
    assert client_address(request("1.1.1.1, 8.8.8.8, 203.0.113.5")) == "203.0.113.5"


def test_behind_two_proxies_the_address_is_the_one_the_first_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request("9.9.9.9, 203.0.113.5, 10.0.0.1")) == "203.0.113.5"


def test_a_request_that_skipped_the_proxies_is_known_by_its_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request("203.0.113.5")) == PROXY
    assert client_address(request()) == PROXY
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("not-an-address")) == PROXY
    assert client_address(request(" 2001:DB8::1 ")) == "2001:db8::1"


def test_no_address_at_all_is_one_unknown_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request(remote="")) is None
    assert rate_limit_key("group", request(remote="")) == "unknown"


def test_rate_limits_count_an_ipv6_client_by_its_64_and_ipv4_by_its_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    one = rate_limit_key("g", request(remote="2001:db8:1:2:aaaa::1"))
    other = rate_limit_key("g", request(remote="2001:db8:1:2:bbbb::9"))
    assert one == other == "2001:db8:1:2::"
    assert rate_limit_key("g", request(remote="2001:db8:1:3::1")) != one
    assert rate_limit_key("g", request(remote="203.0.113.5")) == "203.0.113.5"
    assert rate_limit_key("g", request(remote="203.0.113.6")) == "203.0.113.6"


@pytest.mark.django_db
def test_behind_the_proxy_each_visitor_has_a_limit_of_their_own(client, settings, monkeypatch):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.QUOTE_CHECK_RATE_LIMIT = "2/m"
    monkeypatch.setattr("django_ratelimit.core.time", types.SimpleNamespace(time=lambda: 1e9))

    def check(forwarded):
        return client.get(
            "/check/", {"text": "a b c d"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert [check("203.0.113.5") for _ in range(3)] == [200, 200, 429]
    # Writing another address to the left does not make a new visitor...
    assert check("198.51.100.1, 203.0.113.5") == 429
    # ...and another visitor behind the same proxy is not held back.
    assert check("203.0.113.6") == 200
