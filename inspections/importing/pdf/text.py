"""Getting the text out of a PDF: the refusals made before reading anything
(empty, too large, not a PDF, cut short, password-protected, damaged, too many
pages), each page's lines, with the size, weight and position of each, and
the reading budget that refuses a file taking too much work to read.

Everything that touches pypdf is here, so that the rest of the parser works on
plain ``Line`` objects and can be followed without knowing pypdf.
"""

from __future__ import annotations

import io
import math
import os
import re
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from pypdf import PdfReader
from pypdf.generic import StreamObject

from .result import ReportError

MAX_BYTES = 20 * 1024 * 1024
# Ofsted reports run to a few dozen pages; anything far longer is not one, and
# reading thousands of pages would tie up the server.
MAX_PAGES = 300

# The reading budget, per document. A 67 KB file whose one content stream
# (190,000 pieces of text, 950,000 operations, 6.3 MB) is every page's
# /Contents, or a 43 KB one whose pages draw one form of text 5,000 times,
# stays under pypdf's own limits and the page cap, and took 10-36 s a page:
# an hour or more for 300 pages; each is now refused within 3 s. The
# seven real reports (tests/fixtures/reports) parse at most 678 KB of content
# (the 41-page 2016 SIF report), run at most 39,467 operations (Harrow 2025),
# draw no forms (only images) and take at most 1 s (14% of any limit); the
# limits are seven to ten times that, and the slowest file built to reach
# them took 6.4 s. The callbacks add about 5% to the time a report takes.
#
# Content-stream bytes handed to pypdf's parser: each page's content each
# time a page names it, each form's each time it is drawn. Parsing runs at
# about 1.3 MB/s and cannot be stopped midway, so this is charged before.
MAX_CONTENT_BYTES = 5_000_000
# Content-stream operations run, inside forms included.
MAX_OPERATIONS = 400_000
# Form XObjects drawn. pypdf adds each drawn form's text to the page's text
# by copying it, so the work grows with the square of the forms on a page.
MAX_FORMS_DRAWN = 1_000

# The apostrophes a report's text layer gives for the one in print.
APOS = "[’'‘`]"


def read_file(path) -> bytes:
    """The bytes of the file at ``path``, refused unread if it is too large."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ReportError(too_large_message(size), "too_large")
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError:
        raise ReportError("The file could not be opened for reading.", "corrupt") from None


def checked_bytes(data) -> bytes:
    """``data`` as bytes, if it could be a whole PDF; raises ``ReportError``
    for anything that plainly is not, before pypdf is asked to read it."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ReportError("No file was given.", "empty")
    data = bytes(data)
    if not data.strip():
        raise ReportError("The file is empty: there is nothing in it to read.", "empty")
    if len(data) > MAX_BYTES:
        raise ReportError(too_large_message(len(data)), "too_large")
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
    return data


def too_large_message(size):
    return (
        f"The file is too large ({size / 1024 / 1024:.1f} MB). Ofsted reports are "
        f"well under {MAX_BYTES // 1024 // 1024} MB."
    )


@dataclass
class Frag:
    text: str
    x: float
    y: float
    size: float
    font: str


@dataclass
class Line:
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
# Ligatures as their letters; NUL, which no report prints and PostgreSQL
# cannot store in text (a finding with one would fail the import), dropped.
_LIGATURES_AND_NUL = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\x00": None}
)


class ReadingBudget:
    """The work one document may cost: seconds (``REPORT_PARSE_SECONDS``),
    content bytes parsed, operations run and forms drawn. The reader charges
    it per page, per operation and per text fragment, and a file over any
    limit is refused as ``too_complex``; ``exceeded`` names the limit.

    The checks happen in pypdf's visitor callbacks. pypdf logs and carries on
    past an exception raised inside a form, so once exceeded every later
    charge raises again, and the reader checks once more after each page.
    """

    def __init__(self, seconds=None):
        self.seconds = settings.REPORT_PARSE_SECONDS if seconds is None else seconds
        self.started = time.monotonic()
        self.deadline = self.started + self.seconds
        self.content_bytes = 0
        self.operations = 0
        self.forms_drawn = 0
        self.pages_read = 0
        self.exceeded = ""

    def elapsed(self):
        return time.monotonic() - self.started

    def check_time(self):
        if self.exceeded:
            self.refuse(self.exceeded)
        if time.monotonic() > self.deadline:
            self.refuse("seconds")

    def charge_content(self, size):
        """Charge ``size`` bytes of content about to be parsed, or refuse them."""
        if self.content_bytes + size > MAX_CONTENT_BYTES:
            self.refuse("content")
        self.content_bytes += size
        self.check_time()

    def charge_operation(self):
        if self.operations >= MAX_OPERATIONS:
            self.refuse("operations")
        self.operations += 1
        self.check_time()

    def charge_form(self, size):
        if self.forms_drawn >= MAX_FORMS_DRAWN:
            self.refuse("forms")
        self.forms_drawn += 1
        self.charge_content(size)

    def refuse(self, limit):
        self.exceeded = limit
        what = {
            "seconds": f"more than {self.seconds:g} seconds",
            "content": f"more than {MAX_CONTENT_BYTES / 1_000_000:g} MB of page content",
            "operations": f"more than {MAX_OPERATIONS:,} drawing operations",
            "forms": f"more than {MAX_FORMS_DRAWN:,} drawn forms",
        }[limit]
        raise ReportError(
            f"This PDF takes too much work to read ({what}); it is not a report as "
            "Ofsted publishes them.",
            "too_complex",
        )


def read_pages(data, budget=None):
    """Return a list (one per page) of lists of Line, in extraction order,
    within ``budget`` (a new ``ReadingBudget`` if none is given)."""
    budget = ReadingBudget() if budget is None else budget
    reader = _open(data)
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
            pages.append(_page_lines(page, number, budget))
            budget.pages_read += 1
        except ReportError:
            raise
        except Exception:
            raise ReportError(
                f"Page {number + 1} of this PDF is damaged and its text cannot be read.",
                "corrupt",
            ) from None
    return pages


def _open(data):
    """A PdfReader for ``data``, decrypted if it has an empty reading password."""
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
    return reader


def _stream_size(obj):
    """The decoded length of a content stream (or array of them); 0 if it
    cannot be decoded, which pypdf then deals with as it always has."""
    try:
        obj = obj.get_object()
        parts = obj if isinstance(obj, list) else [obj]
        return sum(len(part.get_object().get_data()) for part in parts)
    except Exception:
        return 0


class _Forms:
    """The size of each form a page may draw, by name, for the budget.

    A drawn form's names are looked up in its own resources, which the
    callback is not told; so every name the page's resources and the forms
    already drawn give is kept, and a name given to several forms is charged
    at the largest. A form's names are added when it is first drawn, before
    pypdf reads it, so a form it draws is known when that is drawn.
    """

    def __init__(self, page):
        self.candidates = {}
        self.sizes = {}
        self.entered = set()
        self.add(page.get("/Resources"))

    def add(self, resources):
        try:
            xobjects = resources.get_object().get("/XObject")
            items = list(xobjects.get_object().items()) if xobjects is not None else []
        except Exception:
            return
        for name, ref in items:
            self.candidates.setdefault(name, []).append(ref)
            self.sizes.pop(name, None)

    def size(self, name):
        """The bytes drawing ``name`` parses, or None if it is not a form."""
        if name not in self.sizes:
            sizes = [self._form_size(ref) for ref in self.candidates.get(name, [])]
            forms = [size for size in sizes if size is not None]
            self.sizes[name] = max(forms) if forms else None
        return self.sizes[name]

    def _form_size(self, ref):
        try:
            form = ref.get_object()
            if not isinstance(form, StreamObject) or form.get("/Subtype") != "/Form":
                return None
            if id(form) not in self.entered:
                self.entered.add(id(form))
                self.add(form.get("/Resources"))
            return len(form.get_data())
        except Exception:
            return None


def _page_lines(page, number, budget):
    raw_lines = [[]]
    forms = _Forms(page)

    def before(operator, operands, cm, tm):
        budget.charge_operation()
        if operator == b"Do" and operands:
            size = forms.size(operands[0])
            if size is not None:
                budget.charge_form(size)

    def visit(text, cm, tm, font_dict, font_size):
        budget.check_time()
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
        raw_lines[-1].append(Frag(text, x, y, size, font))

    budget.check_time()
    budget.charge_content(_stream_size(page.get("/Contents")) if "/Contents" in page else 0)
    page.extract_text(visitor_operand_before=before, visitor_text=visit)
    # A refusal raised inside a form is logged by pypdf, which reads on.
    budget.check_time()
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
    dominant = _dominant_size(visible)
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
    raw = "".join(f.text for f in kept).translate(_LIGATURES_AND_NUL)
    size = _dominant_size(visible)
    words = [f for f in visible if not _SYMBOL_FONT.search(f.font)]
    bold = bool(words) and all(_BOLD_FONT.search(f.font) for f in words)
    first = visible[0]
    return Line(
        page=page_number,
        y=first.y,
        x=first.x,
        size=size,
        bold=bold,
        raw=raw,
        symbol_start=bool(_SYMBOL_FONT.search(first.font)),
    )


def _dominant_size(frags):
    """The size (to the half point) that most of the fragments' characters are set in."""
    weights = Counter()
    for f in frags:
        weights[round(f.size * 2) / 2] += len(f.text.strip())
    return weights.most_common(1)[0][0]
