"""Template helpers for showing records honestly: dates at the precision the
source gives, and grades as words (never colour alone)."""

from django import template
from django.utils.dateformat import format as date_format

from inspections.choices import DatePrecision

register = template.Library()

FORMATS = {
    DatePrecision.DAY: "j F Y",
    DatePrecision.MONTH: "F Y",
    DatePrecision.YEAR: "Y",
}
ISO_FORMATS = {DatePrecision.DAY: "Y-m-d", DatePrecision.MONTH: "Y-m", DatePrecision.YEAR: "Y"}


@register.filter
def precise(value, precision=DatePrecision.DAY):
    """{{ statement.said_on|precise:statement.said_precision }} -> "July 2019"."""
    if not value:
        return ""
    return date_format(value, FORMATS.get(precision, FORMATS[DatePrecision.DAY]))


@register.filter
def precise_iso(value, precision=DatePrecision.DAY):
    """The ISO 8601 form at the same precision, for <time datetime>."""
    if not value:
        return ""
    return date_format(value, ISO_FORMATS.get(precision, ISO_FORMATS[DatePrecision.DAY]))


@register.inclusion_tag("includes/grade.html")
def grade_tag(grade, label=None):
    """A grade as a labelled tag; the words carry the meaning, colour only helps."""
    return {"grade": grade, "label": label}
