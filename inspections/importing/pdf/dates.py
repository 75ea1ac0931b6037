"""Dates as Ofsted prints them: '13 to 24 March 2023', '3 June 2019 to 14 June
2019', '12 October 2015 – 5 November 2015' and the other forms listed in
``date_ranges``.

Apart from the parser because the forms are many and each was met in a real
report; the tests check them one by one, without a PDF.
"""

import re
from datetime import date

from core.text import normalise_whitespace

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# "13 to 24 March 2023", "3 June 2019 to 14 June 2019", "12 October 2015 –
# 5 November 2015", "27 February to 10 March 2023".
_DATE_RANGE_RE = re.compile(
    rf"{_DAY}(?:\s+([A-Za-z]+)\.?)?(?:\s+(\d{{4}}))?\s*(?:to|–|—|-|until)\s*"
    rf"{_DAY}\s+([A-Za-z]+)\.?,?\s+(\d{{4}})",
    re.IGNORECASE,
)
_DATE_RE = re.compile(_DAY + r"\s+([A-Za-z]+)\.?,?\s+(\d{4})", re.IGNORECASE)


def _parse_day(day, month, year):
    month_number = _MONTHS.get((month or "").lower().rstrip("."))
    if month_number is None:
        return None
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


def date_ranges(text):
    """Every (start, end) range in text such as '13 to 24 March 2023', in order.

    Real reports also write '28 February to 4 March 2019', '19 November–30
    November 2018', '8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August
    2019' (an inspection in two parts) and, once, '1 9 June 2019'. A lone date
    counts as a one-day range.
    """
    text = normalise_whitespace(text)
    text = re.sub(r"\b(\d) (\d)\b", r"\1\2", text)  # '1 9 June' is 19 June
    ranges = []
    for match in _DATE_RANGE_RE.finditer(text):
        found = _range(*match.groups())
        if found is not None:
            ranges.append(found)
    if not ranges:
        match = _DATE_RE.search(text)
        if match:
            single = _parse_day(*match.groups())
            if single is not None:
                ranges.append((single, single))
    return ranges


def _range(d1, m1, y1, d2, m2, y2):
    """The (start, end) of one range matched, or None if it names no real days."""
    end = _parse_day(d2, m2, y2)
    if end is None:
        return None
    if m1 and m1.lower().rstrip(".") not in _MONTHS:
        m1 = None  # a word such as 'and' caught between the day and 'to'
    month = m1 or m2
    year = y1
    if year is None:
        year = end.year
        if _MONTHS[month.lower().rstrip(".")] > end.month:
            year = end.year - 1  # '28 December to 6 January 2023'
    start = _parse_day(d1, month, year)
    if start is not None and start <= end:
        return (start, end)
    return None
