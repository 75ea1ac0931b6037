"""The front matter: which family of report this is (or that it is none),
whose it is, when the inspection was, who led it, where the running text
starts, and whether it was a short or a standard inspection.

Apart from the walk because all of it is read from the title page and the
page after it, line by line, before the body text is looked at.
"""

import re
from dataclasses import dataclass
from datetime import date

from core.text import normalise_whitespace
from inspections.choices import InspectionKind

from .dates import date_ranges
from .result import ReportError
from .text import APOS


@dataclass
class Front:
    authority: str
    start: date | None
    end: date | None
    published: date | None
    lead: str
    body_start: int | None  # idx of the last line before the running text
    onsite_days: int | None


def _title(layout):
    """The text of the title page, up to its inspection dates."""
    title = []
    for line in layout.pages[0]:
        if re.match(r"Inspection dates?\b", line.text, re.IGNORECASE):
            break
        if line.size < 0.88 * layout.body_size or re.fullmatch(r"\d+", line.text):
            continue  # page number, footnote
        title.append(line)
        if len(title) >= 12:
            break
    return normalise_whitespace(" ".join(line.text for line in title))


def identify(layout):
    """ "sif" or "ilacs", from the title page; ReportError for anything else."""
    title = _title(layout)
    visit = re.search(
        r"focused visit|monitoring visit|joint targeted area inspection"
        r"|joint inspection",
        title,
        re.IGNORECASE,
    )
    if visit:
        raise ReportError(
            f"This is an Ofsted {visit.group(0).lower()} letter, not a full "
            f"inspection report. Only ILACS and single inspection framework "
            f"reports can be read.",
            "not_a_report",
        )
    if re.search(
        r"inspection of services for children in need of help and protection",
        title,
        re.IGNORECASE,
    ):
        return "sif"
    if re.search(
        rf"inspection of .*children{APOS}s (?:social care )?services", title, re.IGNORECASE
    ):
        return "ilacs"
    raise ReportError(
        "This PDF does not look like an Ofsted inspection report of a local "
        "authority's children's services (its title page was not recognised).",
        "not_a_report",
    )


def read_front_matter(layout, family, warnings):
    authority = _authority(_title(layout))
    if not authority:
        warnings.append("The local authority's name could not be read.")
    found = _FrontLines(layout.all_lines)
    if found.start is None or found.end is None:
        warnings.append("The inspection dates could not be read.")
    if not found.lead:
        warnings.append("The lead inspector's name could not be read.")
    return Front(
        authority=authority,
        start=found.start,
        end=found.end,
        published=found.published,
        lead=found.lead,
        body_start=_body_start(family, layout.all_lines, found, warnings),
        onsite_days=found.onsite_days,
    )


def _authority(title):
    match = re.search(
        rf"Inspection of (.+?)(?: local authority)? children{APOS}s services",
        title,
        re.IGNORECASE,
    )
    if match:
        return match.group(1).strip(" ,")
    match = re.match(r"(.+?)\s+Inspection of\b", title, re.IGNORECASE)
    return match.group(1).strip(" ,") if match else ""


class _FrontLines:
    """The inspection dates, publication date and lead inspector, each from
    the first line that states it, and where the dates and inspector are."""

    def __init__(self, lines):
        self.start = self.end = self.published = self.onsite_days = None
        self.lead = ""
        self.lead_index = self.dates_index = None
        for index, line in enumerate(lines):
            text = line.text
            if (
                self.dates_index is None
                and line.page <= 1
                and re.match(r"Inspection dates?\s*:", text, re.IGNORECASE)
            ):
                self.dates_index = index
                self._dates(text, lines[index + 1].text if index + 1 < len(lines) else None)
            if self.published is None:
                found = re.search(r"Report published:\s*(.+)", text, re.IGNORECASE)
                if found and date_ranges(found.group(1)):
                    self.published = date_ranges(found.group(1))[0][0]
            if not self.lead:
                found = re.search(r"Lead inspector:\s*(.+)", text, re.IGNORECASE)
                if found:
                    self.lead = clean_inspector(found.group(1))
                    self.lead_index = index

    def _dates(self, text, next_text):
        ranges = date_ranges(text)
        if not ranges and next_text is not None:
            ranges = date_ranges(text + " " + next_text)
        if ranges:
            self.start = min(first for first, _ in ranges)
            self.end = max(last for _, last in ranges)
            self.onsite_days = sum((last - first).days + 1 for first, last in ranges)


def _body_start(family, lines, found, warnings):
    """Where the running text starts: after the judgement table (ILACS)."""
    if family != "ilacs":
        return None
    for index, line in enumerate(lines):
        if line.page > 1:
            break
        if re.match(r"Overall effectiveness\b", line.text, re.IGNORECASE):
            return index
    body_start = None
    fallback = [i for i in (found.dates_index, found.lead_index) if i is not None]
    if fallback and lines[max(fallback)].page <= 1:
        body_start = max(fallback)
    warnings.append("No judgement table was found, so the start of the summary is uncertain.")
    return body_start


def clean_inspector(text):
    """'Lisa Summers, His Majesty’s Inspector' -> 'Lisa Summers'."""
    name = normalise_whitespace(text).split(",")[0]
    name = re.sub(
        rf"\s+(?:(?:His|Her) Majesty{APOS}s\s+Inspector|S?HMI|Ofsted Inspector|OI)$",
        "",
        name,
        flags=re.IGNORECASE,
    )
    return name.strip()


def read_kind(layout, family, onsite_days, warnings):
    """The InspectionKind value: SIF, or an ILACS short or standard inspection."""
    if family == "sif":
        return InspectionKind.SIF.value
    text = normalise_whitespace(" ".join(line.text for line in layout.all_lines))
    said = re.search(r"\bthis (short|standard) inspection\b", text, re.IGNORECASE)
    if said:
        short = said.group(1).lower() == "short"
    elif onsite_days:
        # The report does not name its type, but its dates tell it: a short
        # inspection spends one working week on site, a standard one two.
        short = onsite_days <= 8
    else:
        warnings.append(
            "Whether this was a short or a standard inspection could not be "
            "told (no inspection dates); it was recorded as a standard one."
        )
        short = False
    if short:
        return InspectionKind.ILACS_SHORT.value
    return InspectionKind.ILACS_STANDARD.value
