"""The check's form, for the public page, its JSON API and the admin alike,
and run_check, which checks a bound form's text or sets its errors."""

from django import forms

from inspections.models import Inspection, LocalAuthority

from .engine import MAX_CHARS, MAX_PASSAGES, QuoteCheckError, check_passages


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
