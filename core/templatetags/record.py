"""Template helpers for showing records honestly: dates at the precision the
source gives, and grades as words (never colour alone)."""

from django import template

from core import formatting

register = template.Library()

register.filter("precise", formatting.precise)
register.filter("precise_iso", formatting.precise_iso)


@register.inclusion_tag("includes/grade.html")
def grade_tag(grade, label=None):
    """A grade as a labelled tag; the words carry the meaning, colour only helps."""
    return {"grade": grade, "label": label}
