"""Dates as people type them into a filter: a day, a month or just a year,
written the ISO way (2019-07-15, 2019-07, 2019) or the way a person in
England writes one (15/07/2019, 15/7/2019, 07/2019, July 2019, Jul 2019,
15 July 2019, 15th of July 2019, July 15, 2019).

A filter reads what was given at its precision: the start of a range takes
the first day of it and the end the last, so ?date_from=2019&date_to=2019
is the whole of 2019 and ?date_to=2019-07 runs to 31 July. Every list that
filters by date uses PartialDateField, so every list reads the same forms
and says the same thing about one it cannot read."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django import forms

from .choices import DatePrecision
from .formatting import precise

# English month names and their usual abbreviations, whatever the locale:
# the site is in English.
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, start=1)}
MONTHS |= {name[:3]: n for name, n in list(MONTHS.items())}
MONTHS["sept"] = 9

# Each form, anchored and without nested repeats, so any text is read (or
# refused) in time proportional to its length. ASCII digits only: int()
# would read other scripts' digits too.
ISO = re.compile(r"(?P<year>\d{4})(?:[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?)?", re.ASCII)
DAY_FIRST = re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})", re.ASCII)
MONTH_YEAR = re.compile(r"(?P<month>\d{1,2})[/.-](?P<year>\d{4})", re.ASCII)
ORDINAL = r"(?:st|nd|rd|th)?"
IN_WORDS = re.compile(
    rf"(?:(?P<day>\d{{1,2}}){ORDINAL} (?:of )?)?(?P<name>[a-z]+)\.?,? (?P<year>\d{{4}})",
    re.ASCII,
)
US_WORDS = re.compile(
    rf"(?P<name>[a-z]+)\.? (?P<day>\d{{1,2}}){ORDINAL},? (?P<year>\d{{4}})", re.ASCII
)
FORMS = (ISO, DAY_FIRST, MONTH_YEAR, IN_WORDS, US_WORDS)

# The earliest and latest years the record can hold a date for.
FIRST_YEAR, LAST_YEAR = 1000, 9999


class UnreadableDate(ValueError):
    """The text is not a date in any form this reads."""


class ImpossibleDate(ValueError):
    """The text is in a date's form, but no such day or month exists."""


@dataclass(frozen=True)
class PartialDate:
    """A day, a month (day None) or a year (month and day None)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self):
        if self.month is None:
            return DatePrecision.YEAR
        return DatePrecision.MONTH if self.day is None else DatePrecision.DAY

    @property
    def first(self):
        """Its first day."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self):
        """Its last day."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(
                self.year, self.month, calendar.monthrange(self.year, self.month)[1]
            )
        return self.first

    def __str__(self):
        """As the site writes it: "15 July 2019", "July 2019" or "2019"."""
        return precise(self.first, self.precision)


def read_date(text):
    """The PartialDate the text gives. Raises UnreadableDate for text in no
    form read here (including a year before 1000 or after 9999), and
    ImpossibleDate for one in a date's form that is no real day or month
    (2019-13, 31/02/2019)."""
    words = " ".join(str(text).lower().split())
    for form in FORMS:
        match = form.fullmatch(words)
        if match:
            break
    else:
        raise UnreadableDate(text)
    parts = match.groupdict()
    if "name" in parts:
        month = MONTHS.get(parts["name"])
        if month is None:
            raise UnreadableDate(text)
    else:
        month = int(parts["month"]) if parts.get("month") else None
    day = int(parts["day"]) if parts.get("day") else None
    year = int(parts["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UnreadableDate(text)
    if month is not None and not 1 <= month <= 12:
        raise ImpossibleDate(text)
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ImpossibleDate(text)
    return PartialDate(year, month, day)


EXAMPLES = "15/07/2019, 2019-07-15, July 2019 or just 2019"


class PartialDateField(forms.Field):
    """A date as a person types it (read_date). end=False gives the first
    day of what was given, end=True its last; which ("from" or "to") names
    the end in the messages."""

    default_error_messages = {
        "invalid": (
            "The ‘%(which)s’ date must be a real date. Enter a date as year-month-day, "
            "like 2019-07-15, or as 15/07/2019, July 2019, 2019-07 or just 2019."
        ),
        "impossible": (
            "“%(value)s” is not a real date. The ‘%(which)s’ date must be a real date, "
            "like 2019-07-15, 15/07/2019 or July 2019."
        ),
    }

    def __init__(self, *, end=False, which=None, **kwargs):
        self.end = end
        self.which = which or ("to" if end else "from")
        super().__init__(**kwargs)

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        try:
            partial = read_date(text)
        except ImpossibleDate:
            raise forms.ValidationError(
                self.error_messages["impossible"],
                code="impossible",
                params={"value": text, "which": self.which},
            ) from None
        except UnreadableDate:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"which": self.which}
            ) from None
        return partial.last if self.end else partial.first

    @staticmethod
    def describe(text):
        """What was given, as the site writes it ("July 2019"); "" if it
        cannot be read."""
        try:
            return str(read_date(text))
        except ValueError:
            return ""
