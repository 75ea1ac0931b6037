"""/check/: is this really what Ofsted said? (issue #9)

The page takes passages in a form (POST, CSRF-protected, for long text) or
in the address (GET ?text=..., so a check can be linked). The same results
come as JSON with ?format=json, or from a POST whose body is JSON, for
newsroom tools. The engine is inspections.quotecheck.
"""

import json
from urllib.parse import urlencode

from django import forms
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from .models import Inspection, LocalAuthority
from .quotecheck import MAX_CHARS, MAX_PASSAGES, QuoteCheckError, check_passages

# Longer checks are not offered as a link: addresses that long break.
MAX_LINK_LENGTH = 2000


class QuoteCheckForm(forms.Form):
    text = forms.CharField(
        label="Passages to check",
        # No maxlength: a browser would silently cut a long paste short. The
        # engine refuses too much text with a message instead.
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
        help_text=(
            "Paste a passage said to come from an Ofsted report, one passage per line, or a "
            "whole press release or article: then only the text in quotation marks is "
            f"checked. Up to {MAX_PASSAGES} passages and {MAX_CHARS:,} characters."
        ),
        error_messages={
            "required": (
                "Enter the passage or passages to check, one per line or in quotation marks."
            )
        },
    )
    authority = forms.ModelChoiceField(
        label="Only reports on (optional)",
        queryset=LocalAuthority.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any authority",
        error_messages={
            "invalid_choice": "There is no authority “%(value)s” on this site: choose one "
            "from the list."
        },
    )
    inspection = forms.SlugField(
        label="Only this inspection (optional)",
        required=False,
        help_text=(
            "The end of the inspection's address on this site, for example "
            "wokingham-ilacs-standard-inspection-june-2019."
        ),
        error_messages={
            "invalid": "An inspection's address uses only letters, numbers and hyphens."
        },
    )

    def clean_inspection(self):
        slug = self.cleaned_data["inspection"]
        if not slug:
            return None
        inspection = Inspection.objects.published().filter(slug=slug).first()
        if inspection is None:
            raise forms.ValidationError(
                f"There is no published inspection “{slug}” on this site.", code="unknown"
            )
        return inspection


def run_check(form):
    """The check for a bound form: the result, or None with the form's
    errors set (bad input, too long, too many passages)."""
    if not form.is_valid():
        return None
    try:
        return check_passages(
            form.cleaned_data["text"],
            authority=form.cleaned_data["authority"],
            inspection=form.cleaned_data["inspection"],
        )
    except QuoteCheckError as exc:
        form.add_error(exc.field if exc.field in form.fields else "text", exc.message)
        return None


def errors_dict(form):
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def _json_result(request, form, result):
    if result is None:
        return JsonResponse({"errors": errors_dict(form)}, status=400)
    return JsonResponse(result.as_dict(request.build_absolute_uri))


def _is_json(request):
    return request.content_type == "application/json"


# Exempt from CSRF so that tools can POST JSON; the HTML form's POST is
# checked in _page (csrf_protect). This is safe for the JSON body: the check
# only reads published data, changes nothing and uses no session, and a
# browser cannot send a cross-site request with Content-Type
# application/json without a CORS preflight, which this site never grants.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def quote_check(request):
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
    return render(request, "inspections/check.html", context)


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
