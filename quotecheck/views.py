"""/check/: is this really what Ofsted said? (issue #9)

The page takes passages in a form (POST, CSRF-protected, for long text) or
in the address (GET ?text=..., so a check can be linked). The same results
come as JSON with ?format=json, or from a POST whose body is JSON, for
newsroom tools. The engine is quotecheck.engine.

Every check (a POST, or a GET with text) counts against the client's
QUOTE_CHECK_RATE_LIMIT (core.clients): past it the answer is a 429 with
Retry-After, as a JSON problem for the JSON API and as the site's page
otherwise. Unlimited, eight clients at once had 1,109 checks answered in
30 s on the production copy, each up to a worker's whole attention.
"""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from core.clients import rate_limited, too_many_requests

from .forms import QuoteCheckForm, run_check

# Longer checks are not offered as a link: addresses that long break.
MAX_LINK_LENGTH = 2000


def errors_dict(form):
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def _json_result(request, form, result):
    if result is None:
        return JsonResponse({"errors": errors_dict(form)}, status=400)
    return JsonResponse(result.as_dict(request.build_absolute_uri))


def _is_json(request):
    return request.content_type == "application/json"


def _wants_json(request):
    return _is_json(request) or "json" in (request.GET.get("format"), request.POST.get("format"))


def _too_many(request, retry_after):
    """429: this client has made as many checks as it may for now."""
    if not _wants_json(request):
        return too_many_requests(request, retry_after, "quote checks")
    detail = (
        "This connection has made more quote checks than the site takes from one "
        f"connection in a short time. Try again in {retry_after} seconds."
    )
    problem = {
        "type": "about:blank",
        "title": "Too many requests",
        "status": 429,
        "detail": detail,
        "retry_after": retry_after,
        # As every other error of this API gives its messages.
        "errors": {"rate": [detail]},
    }
    response = JsonResponse(problem, status=429, content_type="application/problem+json")
    response["Retry-After"] = str(retry_after)
    return response


# Exempt from CSRF so that tools can POST JSON; the HTML form's POST is
# checked in _page (csrf_protect). This is safe for the JSON body: the check
# only reads published data, changes nothing and uses no session, and a
# browser cannot send a cross-site request with Content-Type
# application/json without a CORS preflight, which this site never grants.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def quote_check(request):
    if request.method == "POST" or "text" in request.GET:
        retry_after = rate_limited(request, "quote-check", settings.QUOTE_CHECK_RATE_LIMIT)
        if retry_after is not None:
            return _too_many(request, retry_after)
    if request.method == "POST" and _is_json(request):
        return _json_api(request)
    return _page(request)


@csrf_protect
def _page(request):
    if request.method == "POST":
        data = request.POST
    elif "text" in request.GET:
        data = request.GET
    else:
        data = None
    wants_json = "json" in (request.GET.get("format"), request.POST.get("format"))
    form = QuoteCheckForm(data)
    result = run_check(form) if form.is_bound else None
    if wants_json:
        if not form.is_bound:
            form = QuoteCheckForm({})
            form.is_valid()
        return _json_result(request, form, result)
    link = json_link = ""
    if result is not None:
        query = {"text": form.cleaned_data["text"]}
        if form.cleaned_data["authority"]:
            query["authority"] = form.cleaned_data["authority"].slug
        if form.cleaned_data["inspection"]:
            query["inspection"] = form.cleaned_data["inspection"].slug
        address = reverse("quote_check") + "?" + urlencode(query)
        if len(address) <= MAX_LINK_LENGTH:
            link = address
            json_link = address + "&format=json"
    context = {
        "form": form,
        "result": result,
        "nav": "check",
        "link": link,
        "json_link": json_link,
    }
    return render(request, "quotecheck/check.html", context)


def _json_api(request):
    """POST {"text": "...", "authority": "wokingham", "inspection": "..."}."""
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"errors": {"body": ["The body is not valid JSON."]}}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse(
            {"errors": {"body": ['Send a JSON object, for example {"text": "..."}.']}},
            status=400,
        )
    errors = {}
    data = {}
    for name in QuoteCheckForm.base_fields:
        value = payload.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            errors[name] = ["Must be a string."]
        data[name] = value
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    form = QuoteCheckForm(data)
    return _json_result(request, form, run_check(form))
