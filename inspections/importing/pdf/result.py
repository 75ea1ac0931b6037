"""What the parser gives back: a ``ParsedReport`` of ``ParsedFinding``s, or a
``ReportError`` saying in plain words why the file was refused.

A module of its own because every stage of the reading raises ``ReportError``
and the draft writer (``importing/report.py``) names ``ParsedReport``; neither
needs pypdf or the parser for that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.errors import UserFacingError


class ReportError(UserFacingError):
    """A file refused as a report."""

    CODES = (
        "not_pdf",
        "corrupt",
        "encrypted",
        "too_large",
        "too_complex",
        "not_a_report",
        "empty",
    )


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
