"""Links the record shows must be web links: http or https only.

A link is shown to the public as a live <a href>: a `javascript:` or `data:`
link stored from an import ran nothing only because the Content Security
Policy stopped it. Every form and every import checks links with this."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

WEB_SCHEMES = ["http", "https"]

# Its own code, so that a model form shows this message rather than the
# form field's own "Enter a valid URL." (which it puts in place of any
# model error coded "invalid").
validate_web_url = URLValidator(
    schemes=WEB_SCHEMES,
    message="Enter a web address starting with http:// or https://.",
    code="not_web_address",
)


def is_web_url(value):
    """Whether value is an http(s) address, for importers that report a
    bad row instead of raising."""
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True
