"""Read Ofsted inspection reports of local authority children's services (PDF).

Two families of report are understood:

* ILACS (inspection of local authority children's services, 2018 on), short and
  standard inspections, with three graded areas (2018-2022) or four (2023 on);
* the single inspection framework (SIF, 2013-2017), with its own judgement names.

The parser works from the PDF's text layer only (pypdf), using the size, weight
and position of each line to drop running headers, footers, page numbers and
footnotes, to join hard-wrapped lines into paragraphs, and to tell headings,
bullets and numbered paragraphs apart. It never touches the database: it returns
a plain ``ParsedReport`` or raises ``ReportError`` with a user-facing message.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from pypdf import PdfReader

from core.errors import UserFacingError
from core.text import normalise_whitespace
from inspections.choices import Area, Grade, InspectionKind, Section

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
# Ofsted reports run to a few dozen pages; anything far longer is not one, and
# reading thousands of pages would tie up the server.
MAX_PAGES = 300


class ReportError(UserFacingError):
    """A file refused as a report."""

    CODES = ("not_pdf", "corrupt", "encrypted", "too_large", "not_a_report", "empty")


@dataclass
class ParsedFinding:
    """One paragraph of the report, as printed."""

    section: str  # a Section value
    # The paragraph number printed in the report; None for the summary and for
    # "what needs to improve" bullets. (A SIF report numbers its recommendations
    # in the same sequence as its findings; they keep those numbers.)
    number: int | None
    text: str  # exact text: lines joined, whitespace runs collapsed
    order: int  # 1.. in report order across the whole report


@dataclass
class ParsedReport:
    authority_name: str  # as printed: "Wokingham Borough Council", "Harrow"
    kind: str  # an InspectionKind value
    start_date: date | None
    end_date: date | None
    publication_date: date | None  # only if the PDF states it ("Report published")
    lead_inspector: str  # "" if not stated
    overall_grade: str  # a Grade value, or "" if not graded
    judgements: dict[str, str]  # Area value -> Grade value, every graded area
    summary: str  # the unnumbered summary, paragraphs joined by a blank line
    improvements: list[str]  # each "what needs to improve" item
    # Summary paragraphs, improvement items, then every numbered paragraph under
    # the judgement area it sits in, in report order.
    findings: list[ParsedFinding]
    warnings: list[str] = field(default_factory=list)  # what could not be read
    page_count: int = 0


def parse_report_file(path) -> ParsedReport:
    """Parse the report at ``path`` (str or path-like)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ReportError(_too_large_message(size), "too_large")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        raise ReportError("The file could not be opened for reading.", "corrupt") from None
    return parse_report(data)


def parse_report(data: bytes) -> ParsedReport:
    """Parse the bytes of a report PDF. Raises ``ReportError`` for anything else."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ReportError("No file was given.", "empty")
    data = bytes(data)
    if not data.strip():
        raise ReportError("The file is empty: there is nothing in it to read.", "empty")
    if len(data) > MAX_BYTES:
        raise ReportError(_too_large_message(len(data)), "too_large")
    if not data.startswith(b"%PDF-"):
        raise ReportError(
            "This file is not a PDF. Please upload the inspection report as the PDF "
            "published by Ofsted.",
            "not_pdf",
        )
    if not data.rstrip(b" \t\r\n\x00\x0c").endswith(b"%%EOF"):
        # A PDF ends with an end-of-file marker; without one the file was cut
        # short (an interrupted download, say), even if part of it can be read.
        raise ReportError(
            "This PDF is incomplete: it seems to have been cut short, perhaps while "
            "downloading. Please download the report again and re-upload it.",
            "corrupt",
        )
    try:
        pages = _read_pages(data)
        return _Parser(pages).parse()
    except ReportError:
        raise
    except Exception as exc:  # a hostile or unusual file must never escape as a crash
        logger.exception("Unexpected failure while reading a report PDF")
        raise ReportError(
            "This PDF could not be read: its contents are damaged or in a form we cannot process.",
            "corrupt",
        ) from exc


def _too_large_message(size):
    return (
        f"The file is too large ({size / 1024 / 1024:.1f} MB). Ofsted reports are "
        f"well under {MAX_BYTES // 1024 // 1024} MB."
    )


# ---------------------------------------------------------------------------
# Reading the text layer
# ---------------------------------------------------------------------------


@dataclass
class _Frag:
    text: str
    x: float
    y: float
    size: float
    font: str


@dataclass
class _Line:
    page: int
    y: float
    x: float
    size: float
    bold: bool
    raw: str  # text as extracted (superscript markers removed), not stripped
    symbol_start: bool  # first visible glyph drawn in a symbol font
    height: float = 842.0  # height of the page
    idx: int = -1  # position in the whole document, in extraction order

    @property
    def text(self):
        return self.raw.strip()


_SYMBOL_FONT = re.compile(r"symbol|wingding|dingbat|webding", re.IGNORECASE)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)


def _read_pages(data):
    """Return a list (one per page) of lists of _Line, in extraction order."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception:
        raise ReportError(
            "This PDF is damaged or incomplete (it may have been cut short while "
            "downloading). Please download the report again and re-upload it.",
            "corrupt",
        ) from None
    try:
        encrypted = reader.is_encrypted
    except Exception:
        encrypted = False
    if encrypted:
        try:
            # Many PDFs are "encrypted" only to restrict editing, with an empty
            # password for reading; those can be read like any other.
            opened = bool(reader.decrypt(""))
        except Exception:
            opened = False
        if not opened:
            raise ReportError(
                "This PDF is password-protected, so its text cannot be read. Please "
                "upload the unprotected report as published by Ofsted.",
                "encrypted",
            )
    try:
        page_objects = list(reader.pages)
    except Exception:
        raise ReportError(
            "This PDF is damaged: its list of pages cannot be read.", "corrupt"
        ) from None
    if not page_objects:
        raise ReportError("This PDF is damaged: it has no pages that can be read.", "corrupt")
    if len(page_objects) > MAX_PAGES:
        raise ReportError(
            f"This PDF has {len(page_objects)} pages; Ofsted inspection reports are "
            f"far shorter (at most a few dozen pages).",
            "too_large",
        )
    pages = []
    for number, page in enumerate(page_objects):
        try:
            pages.append(_page_lines(page, number))
        except ReportError:
            raise
        except Exception:
            raise ReportError(
                f"Page {number + 1} of this PDF is damaged and its text cannot be read.",
                "corrupt",
            ) from None
    return pages


def _page_lines(page, number):
    raw_lines = [[]]

    def visit(text, cm, tm, font_dict, font_size):
        if text == "\n":
            raw_lines.append([])
            return
        if not text:
            return
        a, b, c, d, e, f = (float(v) for v in tm)
        ca, cb, cc, cd, ce, cf = (float(v) for v in cm)
        x = e * ca + f * cc + ce
        y = e * cb + f * cd + cf
        scale = math.hypot(c * ca + d * cc, c * cb + d * cd)
        size = float(font_size or 0) * (scale or 1.0)
        font = ""
        if font_dict is not None:
            try:
                font = str(font_dict.get("/BaseFont", ""))
            except Exception:
                font = ""
        raw_lines[-1].append(_Frag(text, x, y, size, font))

    page.extract_text(visitor_text=visit)
    try:
        height = float(page.mediabox.top) - float(page.mediabox.bottom)
    except Exception:
        height = 842.0
    lines = []
    for frags in raw_lines:
        line = _make_line(frags, number)
        if line is not None:
            line.height = height if height > 0 else 842.0
            lines.append(line)
    return lines


def _make_line(frags, page_number):
    visible = [f for f in frags if f.text.strip()]
    if not visible:
        return None
    weights = Counter()
    for f in visible:
        weights[round(f.size * 2) / 2] += len(f.text.strip())
    dominant = weights.most_common(1)[0][0]
    # Footnote markers are superscript digits in a markedly smaller size.
    kept = [
        f
        for f in frags
        if not (
            re.fullmatch(r"\s*\d{1,3}(?:[,\s]+\d{1,3})*\s*", f.text)
            and f.size < 0.8 * dominant
            and f is not visible[0]
        )
    ]
    visible = [f for f in kept if f.text.strip()]
    if not visible:
        return None
    raw = "".join(f.text for f in kept).translate(_LIGATURES)
    weights = Counter()
    for f in visible:
        weights[round(f.size * 2) / 2] += len(f.text.strip())
    size = weights.most_common(1)[0][0]
    words = [f for f in visible if not _SYMBOL_FONT.search(f.font)]
    bold = bool(words) and all(_BOLD_FONT.search(f.font) for f in words)
    first = visible[0]
    return _Line(
        page=page_number,
        y=first.y,
        x=first.x,
        size=size,
        bold=bold,
        raw=raw,
        symbol_start=bool(_SYMBOL_FONT.search(first.font)),
    )


# ---------------------------------------------------------------------------
# Vocabulary: headings, grades, judgement areas
# ---------------------------------------------------------------------------

_APOS = "[’'‘`]"
_GRADE_RE = re.compile(
    r"requires?\s+improvement(?:\s+to\s+be\s+good)?|requiring\s+improvement"
    r"|outstanding|inadequate|good",
    re.IGNORECASE,
)

# Order matters: the combined 2018-2022 area before "children in care" alone.
_ILACS_AREAS = [
    (Area.IMPACT_OF_LEADERS, r"impact\s+of\s+leaders"),
    (Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS, r"children\s+in\s+care\s+and\s+care\s+leavers"),
    (Area.HELP_AND_PROTECTION, r"need\s+help\s+and\s+protection"),
    (Area.CHILDREN_IN_CARE, r"progress\s+of\s+children\s+in\s+care(?!\s+and\s+care\s+leavers)"),
    (Area.CARE_LEAVERS, r"progress\s+of\s+care\s+leavers"),
]
_SIF_AREAS = [
    (Area.SIF_HELP_AND_PROTECTION, r"need\s+help\s+and\s+protection"),
    (Area.SIF_LOOKED_AFTER, r"looked\s+after\s+and\s+achieving\s+permanence"),
    (Area.SIF_ADOPTION, r"adoption\s+performance"),
    (Area.SIF_CARE_LEAVERS, r"experiences?\s+and\s+progress\s+of\s+care\s+leavers"),
    (Area.SIF_LEADERSHIP, r"leadership,?\s+management\s+and\s+governance"),
]
# The areas an ILACS report grades: three until 2022, four from 2023.
_ILACS_EXPECTED = {
    3: [
        Area.IMPACT_OF_LEADERS,
        Area.HELP_AND_PROTECTION,
        Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS,
    ],
    4: [
        Area.IMPACT_OF_LEADERS,
        Area.HELP_AND_PROTECTION,
        Area.CHILDREN_IN_CARE,
        Area.CARE_LEAVERS,
    ],
}

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

_STOP_RE = re.compile(
    r"^(?:The Office for Standards in Education|Any complaints about the inspection"
    r"|If you would like a copy of this document|©\s*Crown copyright)",
    re.IGNORECASE,
)
_NUMBERED_RE = re.compile(r"^(\d{1,3})\.(?!\d)\s*(\S.*)$", re.DOTALL)
_BULLET_CHARS = "◼■▪•●◦▫□➢➤►‣⁃∙·"
_TERMINAL_RE = re.compile(r"[.!?:;][’”'\")\]]*$")


def _grade_value(phrase):
    phrase = phrase.lower()
    if phrase.startswith("requir"):
        return Grade.REQUIRES_IMPROVEMENT.value
    return {
        "outstanding": Grade.OUTSTANDING.value,
        "good": Grade.GOOD.value,
        "inadequate": Grade.INADEQUATE.value,
    }[phrase.split()[0]]


def _find_area(text, areas):
    for area, pattern in areas:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return area, match
    return None, None


def _parse_day(day, month, year):
    month_number = _MONTHS.get((month or "").lower().rstrip("."))
    if month_number is None:
        return None
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


def _date_ranges(text):
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
        d1, m1, y1, d2, m2, y2 = match.groups()
        end = _parse_day(d2, m2, y2)
        if end is None:
            continue
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
            ranges.append((start, end))
    if not ranges:
        match = _DATE_RE.search(text)
        if match:
            single = _parse_day(*match.groups())
            if single is not None:
                ranges.append((single, single))
    return ranges


# ---------------------------------------------------------------------------
# Paragraph assembly
# ---------------------------------------------------------------------------


class _Vocabulary:
    """Words the report itself uses, to judge line-end hyphens.

    Ofsted's reports are set without automatic hyphenation, so a hyphen at the
    end of a line is almost always part of a compound ("multi-agency",
    "under-developed") and is kept. It is dropped only when the report itself
    spells the joined word solid elsewhere and never with a hyphen, which marks
    a word broken by the typesetter.
    """

    def __init__(self, lines):
        self.solid = set()
        self.hyphenated = set()
        for line in lines:
            text = line.text
            if text.endswith("-"):  # leave out the broken word itself
                text = text.rsplit(None, 1)[0] if " " in text else ""
            for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
                word = word.lower()
                if "-" in word:
                    parts = word.split("-")
                    for left, right in zip(parts, parts[1:], strict=False):
                        self.hyphenated.add(f"{left}-{right}")
                else:
                    self.solid.add(word)

    def broken_word(self, left, right):
        joined = (left + right).lower()
        return joined in self.solid and f"{left}-{right}".lower() not in self.hyphenated


def _glue(left, right, vocabulary, tight):
    """Join paragraph text ``left`` and the next line's text ``right``, undoing
    the hard line break. ``tight``: the line broke with no space before it."""
    left = left.rstrip()
    right = right.strip()
    if not left:
        return right
    if left.endswith("\u00ad"):  # soft hyphen: a word broken by the typesetter
        return left[:-1] + right
    if left.endswith("-") and len(left) >= 2 and left[-2].isalnum():
        head = re.search(r"([A-Za-z]+)-$", left)
        tail = re.match(r"([a-z]+)", right)
        if head and tail and vocabulary.broken_word(head.group(1), tail.group(1)):
            return left[:-1] + right
        return left + right
    if tight and left.endswith(("/", "–", "—")):
        return left + right
    return left + " " + right


class _Para:
    """A paragraph being assembled from lines. Visually separate pieces within
    it (such as sub-bullets) are kept apart by newlines."""

    def __init__(self, section, number, first_text, line):
        self.section = section
        self.number = number
        self.segments = [first_text]
        self.last_line = line

    def new_segment(self, text, line):
        self.segments.append(text)
        self.last_line = line

    def extend(self, line, vocabulary):
        previous = self.last_line
        tight = previous.page == line.page and not previous.raw[-1:].isspace()
        self.segments[-1] = _glue(self.segments[-1], line.text, vocabulary, tight)
        self.last_line = line

    def text(self):
        parts = [normalise_whitespace(segment) for segment in self.segments]
        return "\n".join(part for part in parts if part)


def _clean_inspector(text):
    """'Lisa Summers, His Majesty’s Inspector' -> 'Lisa Summers'."""
    name = normalise_whitespace(text).split(",")[0]
    name = re.sub(
        rf"\s+(?:(?:His|Her) Majesty{_APOS}s\s+Inspector|S?HMI|Ofsted Inspector|OI)$",
        "",
        name,
        flags=re.IGNORECASE,
    )
    return name.strip()


def _bullet_text(text):
    return re.sub(rf"^[{_BULLET_CHARS}\ue000-\uf8ff\-–]\s*", "", text)


# ---------------------------------------------------------------------------
# The parser
# ---------------------------------------------------------------------------


@dataclass
class _Block:
    lines: list
    heading: bool
    bullet: bool
    page_start: bool  # first body line on its page


class _Parser:
    def __init__(self, pages):
        self.pages = pages
        self.page_count = len(pages)
        self.warnings = []
        self.skipped_parts = []
        self.all_lines = [line for page in pages for line in page]
        for index, line in enumerate(self.all_lines):
            line.idx = index

    # -- entry point ---------------------------------------------------------

    def parse(self):
        if not any(line.text for line in self.all_lines):
            raise ReportError(
                "This PDF has no readable text (it may be a scanned image), so it "
                "cannot be read as an Ofsted inspection report.",
                "not_a_report",
            )
        self._measure()
        family = self._identify()
        front = self._front_matter(family)
        if family == "sif":
            grades, overall = self._sif_grades()
        else:
            grades, overall = self._ilacs_table()
        body = self._body_lines()
        if front["body_start"] is not None:
            body = [line for line in body if line.idx > front["body_start"]]
        result = self._walk(self._blocks(body), family)
        self._reconcile_grades(family, grades, result["heading_grades"])
        if not grades and not overall and not result["numbered"]:
            raise ReportError(
                "This looks like an Ofsted document, but no judgements or numbered "
                "findings could be read from it, so it cannot be used as an "
                "inspection report.",
                "not_a_report",
            )
        kind = self._kind(family, front["onsite_days"])
        return self._assemble(front, kind, overall, grades, result)

    # -- measurements --------------------------------------------------------

    def _measure(self):
        weights = Counter()
        for line in self.all_lines:
            weights[line.size] += len(line.text)
        self.body_size = weights.most_common(1)[0][0] or 12.0
        gaps = Counter()
        bottoms = []
        for page in self.pages:
            previous = None
            for line in page:
                if not self._body_sized(line):
                    previous = None
                    continue
                if previous is not None:
                    gap = round(previous.y - line.y, 1)
                    if 0.8 * self.body_size < gap < 2.5 * self.body_size:
                        gaps[gap] += 1
                previous = line
            ys = [line.y for line in page if self._body_sized(line)]
            if ys:
                bottoms.append(min(ys))
        self.pitch = gaps.most_common(1)[0][0] if gaps else 1.2 * self.body_size
        self.bottom = min(bottoms) if bottoms else 0.0
        lengths = sorted(len(line.text) for line in self.all_lines if self._body_sized(line))
        self.full_length = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 80
        self.vocabulary = _Vocabulary([line for line in self.all_lines if self._body_sized(line)])

    def _body_sized(self, line):
        return abs(line.size - self.body_size) <= 0.6

    # -- what is this document? ----------------------------------------------

    def _title_lines(self):
        title = []
        for line in self.pages[0]:
            if re.match(r"Inspection dates?\b", line.text, re.IGNORECASE):
                break
            if line.size < 0.88 * self.body_size or re.fullmatch(r"\d+", line.text):
                continue  # page number, footnote
            title.append(line)
            if len(title) >= 12:
                break
        return title

    def _identify(self):
        title = normalise_whitespace(" ".join(line.text for line in self._title_lines()))
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
            rf"inspection of .*children{_APOS}s (?:social care )?services", title, re.IGNORECASE
        ):
            return "ilacs"
        raise ReportError(
            "This PDF does not look like an Ofsted inspection report of a local "
            "authority's children's services (its title page was not recognised).",
            "not_a_report",
        )

    def _front_matter(self, family):
        title = normalise_whitespace(" ".join(line.text for line in self._title_lines()))
        authority = ""
        match = re.search(
            rf"Inspection of (.+?)(?: local authority)? children{_APOS}s services",
            title,
            re.IGNORECASE,
        )
        if match:
            authority = match.group(1)
        else:
            match = re.match(r"(.+?)\s+Inspection of\b", title, re.IGNORECASE)
            if match:
                authority = match.group(1)
        authority = authority.strip(" ,")
        if not authority:
            self.warnings.append("The local authority's name could not be read.")

        start = end = published = onsite_days = None
        lead = ""
        lead_index = dates_index = None
        lines = self.all_lines
        for index, line in enumerate(lines):
            text = line.text
            front_page = line.page <= 1
            if (
                dates_index is None
                and front_page
                and re.match(r"Inspection dates?\s*:", text, re.IGNORECASE)
            ):
                dates_index = index
                ranges = _date_ranges(text)
                if not ranges and index + 1 < len(lines):
                    ranges = _date_ranges(text + " " + lines[index + 1].text)
                if ranges:
                    start = min(first for first, _ in ranges)
                    end = max(last for _, last in ranges)
                    onsite_days = sum((last - first).days + 1 for first, last in ranges)
            if published is None:
                found = re.search(r"Report published:\s*(.+)", text, re.IGNORECASE)
                if found and _date_ranges(found.group(1)):
                    published = _date_ranges(found.group(1))[0][0]
            if not lead:
                found = re.search(r"Lead inspector:\s*(.+)", text, re.IGNORECASE)
                if found:
                    lead = _clean_inspector(found.group(1))
                    lead_index = index
        if start is None or end is None:
            self.warnings.append("The inspection dates could not be read.")
        if not lead:
            self.warnings.append("The lead inspector's name could not be read.")

        # Where the running text starts: after the judgement table (ILACS).
        body_start = None
        if family == "ilacs":
            for index, line in enumerate(lines):
                if line.page > 1:
                    break
                if re.match(r"Overall effectiveness\b", line.text, re.IGNORECASE):
                    body_start = index
                    break
            if body_start is None:
                fallback = [i for i in (dates_index, lead_index) if i is not None]
                if fallback and lines[max(fallback)].page <= 1:
                    body_start = max(fallback)
                self.warnings.append(
                    "No judgement table was found, so the start of the summary is uncertain."
                )
        return {
            "authority": authority,
            "start": start,
            "end": end,
            "published": published,
            "lead": lead,
            "body_start": body_start,
            "onsite_days": onsite_days,
        }

    # -- grades ----------------------------------------------------------------

    def _ilacs_table(self):
        lines = [line for line in self.all_lines if line.page <= 1]
        start = next(
            (
                i
                for i, line in enumerate(lines)
                if re.match(r"Judgements?\b", line.text, re.IGNORECASE)
            ),
            None,
        )
        if start is None:
            self.warnings.append("The judgement table could not be found.")
            return {}, ""
        table = []
        rest = lines[start + 1 :]
        for position, line in enumerate(rest):
            table.append(line.text)
            if re.match(r"Overall effectiveness\b", line.text, re.IGNORECASE):
                if not _GRADE_RE.search(line.text) and position + 1 < len(rest):
                    table.append(rest[position + 1].text)
                break
        text = normalise_whitespace(" ".join(table))
        labels = "|".join(f"(?P<a{i}>{pattern})" for i, (_, pattern) in enumerate(_ILACS_AREAS))
        token = re.compile(
            rf"{labels}|(?P<overall>overall\s+effectiveness)"
            rf"|(?P<grade>{_GRADE_RE.pattern})",
            re.IGNORECASE,
        )
        grades, overall = {}, ""
        current = None
        for match in token.finditer(text):
            kind = match.lastgroup
            if kind == "grade":
                if current == "overall" and not overall:
                    overall = _grade_value(match.group(0))
                elif current not in (None, "overall") and current not in grades:
                    grades[current] = _grade_value(match.group(0))
                current = None
            elif kind == "overall":
                current = "overall"
            else:
                current = _ILACS_AREAS[int(kind[1:])][0].value
        if not overall:
            self.warnings.append("The overall effectiveness grade could not be read.")
        return grades, overall

    def _sif_grades(self):
        first = [line for line in self.pages[0] if line.size >= 0.88 * self.body_size]
        text = normalise_whitespace(" ".join(line.text for line in first))
        overall = ""
        match = re.search(
            rf"Children{_APOS}s services in .+?\s+(?:(?:are|is)\s+)?"
            rf"(?:(?:judged|found)\s+to\s+be\s+)?({_GRADE_RE.pattern})",
            text,
            re.IGNORECASE,
        )
        rest = text
        if match:
            overall = _grade_value(match.group(1))
            rest = text[match.end() :]
        else:
            self.warnings.append("The overall judgement could not be read.")
        labels = "|".join(f"(?P<a{i}>{pattern})" for i, (_, pattern) in enumerate(_SIF_AREAS))
        token = re.compile(rf"{labels}|(?P<grade>{_GRADE_RE.pattern})", re.IGNORECASE)
        grades = {}
        current = None
        for found in token.finditer(rest):
            if found.lastgroup == "grade":
                if current is not None and current not in grades:
                    grades[current] = _grade_value(found.group(0))
                current = None
            else:
                current = _SIF_AREAS[int(found.lastgroup[1:])][0].value
        everything = normalise_whitespace(" ".join(line.text for line in self.all_lines))
        lscb = re.search(
            rf"Local Safeguarding Children Board\s+(?:is\s+)?({_GRADE_RE.pattern})",
            everything,
            re.IGNORECASE,
        )
        judged = f" (judged “{lscb.group(1).lower()}”)" if lscb else ""
        self.warnings.append(
            f"The review of the Local Safeguarding Children Board (LSCB){judged} is "
            "not a judgement of children's services: that part of the report (its "
            "summary, recommendations and numbered paragraphs) was skipped."
        )
        return grades, overall

    def _reconcile_grades(self, family, grades, heading_grades):
        for area, grade in heading_grades.items():
            if area not in grades:
                grades[area] = grade
            elif grades[area] != grade:
                self.warnings.append(
                    f"The judgement table and the section heading disagree on "
                    f"“{Area(area).label}” ({Grade(grades[area]).label} or "
                    f"{Grade(grade).label}); the table's grade was kept."
                )
        if family == "sif":
            expected = [area for area, _ in _SIF_AREAS]
        else:
            four = any(a in grades for a in (Area.CHILDREN_IN_CARE, Area.CARE_LEAVERS))
            expected = _ILACS_EXPECTED[4 if four else 3]
        for area in expected:
            if area.value not in grades:
                self.warnings.append(f"No grade could be read for “{area.label}”.")

    def _kind(self, family, onsite_days):
        if family == "sif":
            return InspectionKind.SIF.value
        text = normalise_whitespace(" ".join(line.text for line in self.all_lines))
        said = re.search(r"\bthis (short|standard) inspection\b", text, re.IGNORECASE)
        if said:
            short = said.group(1).lower() == "short"
        elif onsite_days:
            # The report does not name its type, but its dates tell it: a short
            # inspection spends one working week on site, a standard one two.
            short = onsite_days <= 8
        else:
            self.warnings.append(
                "Whether this was a short or a standard inspection could not be "
                "told (no inspection dates); it was recorded as a standard one."
            )
            short = False
        if short:
            return InspectionKind.ILACS_SHORT.value
        return InspectionKind.ILACS_STANDARD.value

    # -- body text -------------------------------------------------------------

    def _in_margin(self, line):
        return line.y < 0.07 * line.height or line.y > 0.93 * line.height

    def _body_lines(self):
        """Lines of running text: headers, footers, page numbers and footnotes
        (set smaller, or larger, or repeated in the page margins) removed."""
        repeated = Counter()
        for page in self.pages:
            keys = {
                re.sub(r"\d+", "#", line.text.lower()) for line in page if self._in_margin(line)
            }
            repeated.update(keys)
        threshold = max(3, 0.4 * self.page_count)
        furniture = {key for key, count in repeated.items() if count >= threshold}
        body = []
        for line in self.all_lines:
            text = line.text
            if line.size < 0.88 * self.body_size:
                continue  # footers, footnotes
            if re.fullmatch(r"\d{1,3}", text) and (
                line.size > 1.25 * self.body_size or self._in_margin(line)
            ):
                continue  # page numbers
            if self._in_margin(line) and re.sub(r"\d+", "#", text.lower()) in furniture:
                continue  # running headers and footers
            body.append(line)
        return body

    def _is_bullet(self, line):
        first = line.text[:1]
        if not first:
            return False
        return (
            first in _BULLET_CHARS
            or 0xE000 <= ord(first) <= 0xF8FF
            or (line.symbol_start and not first.isalnum())
        )

    def _heading_style(self, line):
        if self._is_bullet(line):
            return False
        return line.bold or line.size >= 1.1 * self.body_size

    def _blocks(self, body):
        """Group lines into visual paragraphs: a new one starts at a new page, a
        heading, a bullet, or a vertical gap wider than the line spacing."""
        blocks = []
        previous = None
        for line in body:
            heading = self._heading_style(line)
            bullet = self._is_bullet(line)
            page_start = previous is None or previous.page != line.page
            new = page_start or bullet or heading != self._heading_style(previous)
            if not new and heading and abs(line.size - previous.size) > 1:
                new = True  # a heading over a smaller sub-heading
            if not new:
                gap = previous.y - line.y
                scale = max(line.size, previous.size) / self.body_size
                spaced = gap > 1.35 * self.pitch * scale or gap < 0.3 * self.pitch
                new = spaced or (not heading and self._ends_paragraph(previous, line))
            if new:
                blocks.append(_Block([line], heading, bullet, page_start))
            else:
                blocks[-1].lines.append(line)
            previous = line
        return blocks

    def _ends_paragraph(self, previous, line):
        """A paragraph break with no extra space before it: ``previous`` ends a
        sentence well short of the margin, though the first word of ``line``
        would have fitted after it."""
        if not _TERMINAL_RE.search(previous.text) or abs(line.x - previous.x) > 2:
            return False
        next_word = line.text.split(" ", 1)[0]
        return len(previous.text) + 1 + len(next_word) < 0.7 * self.full_length

    def _finished(self, para):
        """Does ``para`` look complete where its page ends? It must end a
        sentence, and either end short of the margin or end well above the
        foot of the page (so the text had room to go on but did not)."""
        line = para.last_line
        if not _TERMINAL_RE.search(line.text):
            return False
        short = len(line.text) < 0.8 * self.full_length
        high = line.y > self.bottom + 3 * self.pitch
        return short or high

    # -- the walk through the report's structure -----------------------------

    def _classify_heading(self, text, family):
        low = text.lower()
        if re.match(r"contents\b", low):
            return ("contents", None, None)
        if re.search(r"\s\d{1,3}$", low):
            return ("toc", None, None)  # an entry in a table of contents
        if re.search(r"local safeguarding children board|\blscb\b", low):
            return ("lscb", None, None)
        if re.match(r"what needs to improve", low):
            return ("improve", None, None)
        if re.match(r"areas? for priority action", low):
            return ("priority", None, None)
        if re.match(r"recommendations?\b", low):
            return ("improve", None, None)
        if re.match(r"executive summary", low):
            return ("summary", None, None)
        if re.fullmatch(r"summary:?", low):
            return ("subsummary", None, None)
        if re.match(r"inspection findings", low):
            return ("findings", None, None)
        areas = _SIF_AREAS if family == "sif" else _ILACS_AREAS
        area, match = _find_area(text, areas)
        if area is not None and len(text) < 200:
            grade = _GRADE_RE.search(text, match.end())
            grade_value = _grade_value(grade.group(0)) if grade else None
            return ("area", area.value, grade_value)
        return ("other", None, None)

    def _walk(self, blocks, family):
        vocabulary = self.vocabulary
        summary, improvements, numbered = [], [], []
        heading_grades = {}
        mode = "front" if family == "sif" else "summary"
        section = None
        last_number = 0
        current = None  # the _Para being written
        said = set()
        number_margin = None

        def warn_once(key, message):
            if key not in said:
                said.add(key)
                self.warnings.append(message)

        for block in blocks:
            first = block.lines[0]
            text = normalise_whitespace(" ".join(line.text for line in block.lines))
            if _STOP_RE.match(text):
                break

            if block.heading and len(text) < 250:
                role, area, grade = self._classify_heading(text, family)
                if role == "toc" or (
                    mode == "front" and role not in ("summary", "improve", "area")
                ):
                    continue  # title page, table of contents
                current = None
                if role == "contents":
                    mode = "skip"
                elif role == "lscb":
                    if family == "sif":
                        break
                    mode = "skip"
                elif role in ("improve", "priority"):
                    mode = "improve"
                    if role == "priority":
                        warn_once(
                            "priority",
                            "The report's areas for priority action were read as "
                            "“what needs to improve” items.",
                        )
                elif role == "summary":
                    mode = "summary"
                elif role == "subsummary":
                    mode = "subsummary"
                elif role == "findings":
                    mode = "section" if section else "skip"
                elif role == "area":
                    section = area
                    mode = "section"
                    if grade and area not in heading_grades:
                        heading_grades[area] = grade
                elif section and mode == "section" and _GRADE_RE.fullmatch(text):
                    # The grade set apart from its area heading.
                    heading_grades.setdefault(section, _grade_value(text))
                elif family == "sif":
                    mode = "skip"
                    major = block.lines[0].size >= 1.1 * self.body_size
                    if major and text not in self.skipped_parts:
                        self.skipped_parts.append(text)
                # An unknown heading in an ILACS report is a sub-heading: the
                # current part carries on.
                continue

            match = _NUMBERED_RE.match(first.text)
            if match and not block.bullet:
                number = int(match.group(1))
                numbered_mode = mode in ("section", "subsummary") or (
                    family == "sif" and mode == "improve"
                )
                # The next number in sequence starts a paragraph. A number out of
                # sequence does only where a paragraph could start (at the left
                # margin, first under a heading or close to the expected number);
                # elsewhere it is a figure that happens to begin a line.
                near_margin = number_margin is None or first.x <= number_margin + 2
                at_section_start = current is None
                accepted = number == last_number + 1 or (
                    near_margin
                    and (
                        last_number < number <= last_number + 5
                        or (at_section_start and number > last_number)
                        or (at_section_start and number == 1)
                    )
                )
                if accepted and (numbered_mode or family == "ilacs") and mode != "front":
                    if number == 1 and last_number:
                        self.warnings.append(
                            f"Paragraph numbering starts again at 1 after {last_number}."
                        )
                    elif number != last_number + 1:
                        self.warnings.append(
                            f"Paragraph numbers jump from {last_number} to {number}."
                        )
                    if mode == "improve" and family == "sif":
                        target = Section.WHAT_NEEDS_TO_IMPROVE.value
                    elif mode in ("section", "subsummary"):
                        mode = "section"
                        target = section
                    else:
                        # A numbered paragraph where none was expected: the
                        # heading above it was not recognised.
                        target = section or Section.MAIN_FINDINGS.value
                        warn_once(
                            "unplaced",
                            f"Paragraph {number} (and any following it) could not "
                            f"be placed under a judgement area heading.",
                        )
                        mode = "section"
                        section = target
                    current = _Para(target, number, match.group(2), first)
                    for line in block.lines[1:]:
                        current.extend(line, vocabulary)
                    if target == Section.WHAT_NEEDS_TO_IMPROVE.value:
                        improvements.append(current)
                    else:
                        numbered.append(current)
                    last_number = number
                    if number_margin is None or first.x < number_margin:
                        number_margin = first.x
                    continue

            if mode in ("front", "skip", "subsummary"):
                continue

            if block.bullet:
                bullet = _bullet_text(first.text)
                if mode == "improve" and (current is None or current.number is None):
                    current = _Para(Section.WHAT_NEEDS_TO_IMPROVE.value, None, bullet, first)
                    improvements.append(current)
                elif current is not None:
                    current.new_segment(bullet, first)  # a sub-bullet
                elif mode == "summary":
                    current = _Para(Section.SUMMARY.value, None, bullet, first)
                    summary.append(current)
                else:
                    warn_once(
                        f"bullet:{section}",
                        "Some bulleted text that is not part of a numbered paragraph was not read.",
                    )
                    continue
                for line in block.lines[1:]:
                    current.extend(line, vocabulary)
                continue

            # Plain text: the rest of a paragraph broken by a page, or a new one.
            if (
                current is not None
                and block.page_start
                and (current.number is not None or not self._finished(current))
            ):
                for line in block.lines:
                    current.extend(line, vocabulary)
                continue
            if mode == "summary":
                current = _Para(Section.SUMMARY.value, None, first.text, first)
                summary.append(current)
            elif current is not None:
                # Another visual paragraph within a numbered paragraph or item.
                current.new_segment(first.text, first)
            elif family == "sif" and mode == "section":
                continue  # the unnumbered summary that opens a SIF judgement section
            else:
                warn_once(
                    f"unnumbered:{section}:{mode}",
                    f"Some unnumbered text was not read: “{text[:60]}…”.",
                )
                continue
            for line in block.lines[1:]:
                current.extend(line, vocabulary)
        return {
            "summary": summary,
            "improvements": improvements,
            "numbered": numbered,
            "heading_grades": heading_grades,
        }

    # -- result ----------------------------------------------------------------

    def _assemble(self, front, kind, overall, grades, result):
        findings = []
        for para in result["summary"]:
            findings.append((Section.SUMMARY.value, None, para.text()))
        improvements = []
        for para in result["improvements"]:
            improvements.append(para.text())
            findings.append((Section.WHAT_NEEDS_TO_IMPROVE.value, para.number, para.text()))
        for para in result["numbered"]:
            findings.append((para.section, para.number, para.text()))
        if not result["summary"]:
            self.warnings.append("No summary was found.")
        if not result["improvements"]:
            self.warnings.append("No “what needs to improve” items were found.")
        if not result["numbered"]:
            self.warnings.append("No numbered paragraphs were found.")
        if kind == InspectionKind.SIF.value:
            notes = [
                "This is a single inspection framework (SIF) report. Read: the "
                "dates, the grades, the executive summary, the recommendations "
                "(kept as “what needs to improve” items, with the numbers the "
                "report gives them) and the numbered inspection findings under "
                "each judgement. The unnumbered summary that opens each "
                "judgement section was not read (the numbered findings cover the "
                "same ground)."
            ]
            if self.skipped_parts:
                notes.append(
                    "These parts of the report were not read: "
                    + "; ".join(f"“{part}”" for part in self.skipped_parts)
                    + "."
                )
            self.warnings[:0] = notes
        return ParsedReport(
            authority_name=front["authority"],
            kind=kind,
            start_date=front["start"],
            end_date=front["end"],
            publication_date=front["published"],
            lead_inspector=front["lead"],
            overall_grade=overall,
            judgements=dict(grades),
            summary="\n\n".join(para.text() for para in result["summary"]),
            improvements=improvements,
            findings=[
                ParsedFinding(section=s, number=n, text=t, order=i)
                for i, (s, n, t) in enumerate(findings, start=1)
            ],
            warnings=self.warnings,
            page_count=self.page_count,
        )
