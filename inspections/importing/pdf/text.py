"""Getting the text out of a PDF: the refusals made before reading anything
(empty, too large, not a PDF, cut short, password-protected, damaged, too many
pages) and each page's lines, with the size, weight and position of each.

Everything that touches pypdf is here, so that the rest of the parser works on
plain ``Line`` objects and can be followed without knowing pypdf.
"""

from __future__ import annotations

import io
import math
import os
import re
from collections import Counter
from dataclasses import dataclass

from pypdf import PdfReader

from .result import ReportError

MAX_BYTES = 20 * 1024 * 1024
# Ofsted reports run to a few dozen pages; anything far longer is not one, and
# reading thousands of pages would tie up the server.
MAX_PAGES = 300

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
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)


def read_pages(data):
    """Return a list (one per page) of lists of Line, in extraction order."""
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
            pages.append(_page_lines(page, number))
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
        raw_lines[-1].append(Frag(text, x, y, size, font))

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
    raw = "".join(f.text for f in kept).translate(_LIGATURES)
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
