"""Records shown honestly: dates at the precision the source gives. Plain
functions, for exports and feeds; core.templatetags.record wraps them for
templates."""

import functools

from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

from .choices import DatePrecision

FORMATS = {
    DatePrecision.DAY: "j F Y",
    DatePrecision.MONTH: "F Y",
    DatePrecision.YEAR: "Y",
}
# How much of the ISO 8601 date (2019-07-15) each precision keeps.
ISO_LENGTHS = {DatePrecision.DAY: 10, DatePrecision.MONTH: 7, DatePrecision.YEAR: 4}


def precise(value, precision=DatePrecision.DAY):
    """{{ statement.said_on|precise:statement.said_precision }} -> "July 2019"."""
    if not value:
        return ""
    return formatted(value, FORMATS.get(precision, FORMATS[DatePrecision.DAY]))


def formatted(value, format_string):
    """date_format, remembered: an export formats the same few hundred days
    thousands of times."""
    return _formatted(value, format_string, get_language())


@functools.lru_cache(maxsize=4096)
def _formatted(value, format_string, language):
    return date_format(value, format_string)


def precise_iso(value, precision=DatePrecision.DAY):
    """The ISO 8601 form at the same precision, for <time datetime>."""
    if not value:
        return ""
    # Sliced rather than formatted: exports call this twice a row.
    return value.isoformat()[: ISO_LENGTHS.get(precision, 10)]
