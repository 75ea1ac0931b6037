"""Who is asking: the client's address, written once for every limit that
counts requests by address (the quote check's and the admin sign-in's rate
limits, django-ratelimit's; and django-axes' lock-outs), and what a failed
sign-in locks.

Behind a reverse proxy every request comes from the proxy's address, so a
limit by REMOTE_ADDR is one limit for everyone: one visitor could use up
the quote check for all, and five failed sign-ins as a staff member's name
from anywhere locked that account out for an hour. The proxies' own
X-Forwarded-For entries say who the client was; entries to their left are
whatever the client sent, so only the right-most one the trusted proxies
wrote is believed, and only when TRUSTED_PROXY_COUNT says how many proxies
there are. With none (the default) the address is REMOTE_ADDR.
"""

import contextlib
import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.urls import reverse
from django_ratelimit.core import get_usage

# Rate limits count an IPv6 client by its /64, the block one home or one
# server is given: one client can use any of its 2**64 addresses.
IPV6_PREFIX = 64
# For a request with no address at all (a Unix socket with no proxy count).
UNKNOWN = "unknown"


def _address(text):
    """text as a normalised IP address, or None if it is not one."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request):
    """The address of the client that sent request: REMOTE_ADDR, or behind
    TRUSTED_PROXY_COUNT proxies the entry the first of them added to
    X-Forwarded-For (the count-th from the right: each proxy appends the
    address it was sent the request from). A request with fewer entries did
    not come through every proxy, so what it says is not believed and
    REMOTE_ADDR, the address it came from, is used. None if there is none.
    (AXES_CLIENT_IP_CALLABLE.)"""
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return _address(hops[-proxies]) or remote


def rate_limit_key(group, request):
    """What a rate limit counts requests by (django-ratelimit's key): the
    client's address, an IPv6 address by its /64."""
    address = client_address(request)
    if address is None:
        return UNKNOWN
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False).network_address)
    return address


def rate_limited(request, group, rate):
    """Count this request against the limit group allows one client (rate,
    as "30/m"; None for no limit). The seconds until the client may ask
    again if it is over the limit, else None."""
    usage = get_usage(request, group=group, key=rate_limit_key, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, usage["time_left"])


def lockout_parameters(request_or_attempt, credentials=None):
    """What failed sign-ins lock (AXES_LOCKOUT_PARAMETERS): for the name of
    an account that exists, that account from that address only, so
    failures from one address never lock a member of staff out everywhere;
    for any other name, the address alone, so guessing names from one
    address soon stops and locks no one else."""
    from axes.helpers import get_client_username
    from axes.models import AccessBase

    if isinstance(request_or_attempt, AccessBase):
        username = request_or_attempt.username
    else:
        username = get_client_username(request_or_attempt, credentials)
    if username and _account_exists(request_or_attempt, username):
        return [["username", "ip_address"]]
    return ["ip_address"]


def _account_exists(request_or_attempt, username):
    """Whether username names an account, asked once per request."""
    known = getattr(request_or_attempt, "_account_exists", {})
    if username not in known:
        model = get_user_model()
        query = {model.USERNAME_FIELD: username}
        known[username] = model._default_manager.filter(**query).exists()
        with contextlib.suppress(AttributeError):  # an object that takes no attributes
            request_or_attempt._account_exists = known
    return known[username]


class AdminLoginRateLimitMiddleware:
    """Sign-in attempts at the admin (POSTs to its login page) from one
    client beyond ADMIN_LOGIN_RATE_LIMIT are answered 429, before any
    password is checked: django-axes locks an account after a few failures,
    this bounds how fast anyone may try at all."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = None

    def __call__(self, request):
        if request.method == "POST":
            if self.login_path is None:
                self.login_path = reverse("admin:login")
            if request.path == self.login_path:
                retry_after = rate_limited(request, "admin-login", settings.ADMIN_LOGIN_RATE_LIMIT)
                if retry_after is not None:
                    return too_many_requests(request, retry_after, "sign-in attempts")
        return self.get_response(request)


def too_many_requests(request, retry_after, what):
    """The site's 429 page, saying when to try again (Retry-After too)."""
    context = {"retry_after": retry_after, "what": what}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
