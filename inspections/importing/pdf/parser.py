"""The entry points, ``parse_report`` and ``parse_report_file``: a report PDF
in, a ``ParsedReport`` out (or a ``ReportError``), each stage of the reading
called in turn and the results put together.

Any failure other than a ``ReportError`` is logged and refused as a damaged
file: a hostile or unusual PDF must never escape as a crash.
"""

import logging

from inspections.choices import InspectionKind, Section

from .front import identify, read_front_matter, read_kind
from .grades import read_ilacs_table, read_sif_grades, reconcile_grades
from .layout import Layout
from .result import ParsedFinding, ParsedReport, ReportError
from .text import checked_bytes, read_file, read_pages
from .walk import Walk

logger = logging.getLogger(__name__)


def parse_report_file(path) -> ParsedReport:
    """Parse the report at ``path`` (str or path-like)."""
    return parse_report(read_file(path))


def parse_report(data: bytes) -> ParsedReport:
    """Parse the bytes of a report PDF. Raises ``ReportError`` for anything else."""
    data = checked_bytes(data)
    try:
        return _read(read_pages(data))
    except ReportError:
        raise
    except Exception as exc:  # a hostile or unusual file must never escape as a crash
        logger.exception("Unexpected failure while reading a report PDF")
        raise ReportError(
            "This PDF could not be read: its contents are damaged or in a form we cannot process.",
            "corrupt",
        ) from exc


def _read(pages):
    if not any(line.text for page in pages for line in page):
        raise ReportError(
            "This PDF has no readable text (it may be a scanned image), so it "
            "cannot be read as an Ofsted inspection report.",
            "not_a_report",
        )
    warnings = []
    layout = Layout(pages)
    family = identify(layout)
    front = read_front_matter(layout, family, warnings)
    if family == "sif":
        grades, overall = read_sif_grades(layout, warnings)
    else:
        grades, overall = read_ilacs_table(layout.all_lines, warnings)
    body = layout.body_lines()
    if front.body_start is not None:
        body = [line for line in body if line.idx > front.body_start]
    walk = Walk(family, layout, warnings).run(layout.blocks(body))
    reconcile_grades(family, grades, walk.heading_grades, warnings)
    if not grades and not overall and not walk.paras.numbered:
        raise ReportError(
            "This looks like an Ofsted document, but no judgements or numbered "
            "findings could be read from it, so it cannot be used as an "
            "inspection report.",
            "not_a_report",
        )
    kind = read_kind(layout, family, front.onsite_days, warnings)
    _note_what_was_not_read(walk, kind, warnings)
    return ParsedReport(
        authority_name=front.authority,
        kind=kind,
        start_date=front.start,
        end_date=front.end,
        publication_date=front.published,
        lead_inspector=front.lead,
        overall_grade=overall,
        judgements=dict(grades),
        summary="\n\n".join(para.text() for para in walk.paras.summary),
        improvements=[para.text() for para in walk.paras.improvements],
        findings=_findings(walk.paras),
        warnings=warnings,
        page_count=layout.page_count,
    )


def _findings(paras):
    """Summary paragraphs, improvement items, then the numbered paragraphs."""
    findings = [(Section.SUMMARY.value, None, para.text()) for para in paras.summary]
    findings += [
        (Section.WHAT_NEEDS_TO_IMPROVE.value, p.number, p.text()) for p in paras.improvements
    ]
    findings += [(para.section, para.number, para.text()) for para in paras.numbered]
    return [
        ParsedFinding(section=s, number=n, text=t, order=i)
        for i, (s, n, t) in enumerate(findings, start=1)
    ]


def _note_what_was_not_read(walk, kind, warnings):
    """Warn of each part missing; a SIF report's notes go first."""
    if not walk.paras.summary:
        warnings.append("No summary was found.")
    if not walk.paras.improvements:
        warnings.append("No “what needs to improve” items were found.")
    if not walk.paras.numbered:
        warnings.append("No numbered paragraphs were found.")
    if kind != InspectionKind.SIF.value:
        return
    notes = [
        "This is a single inspection framework (SIF) report. Read: the "
        "dates, the grades, the executive summary, the recommendations "
        "(kept as “what needs to improve” items, with the numbers the "
        "report gives them) and the numbered inspection findings under "
        "each judgement. The unnumbered summary that opens each "
        "judgement section was not read (the numbered findings cover the "
        "same ground)."
    ]
    if walk.skipped_parts:
        notes.append(
            "These parts of the report were not read: "
            + "; ".join(f"“{part}”" for part in walk.skipped_parts)
            + "."
        )
    warnings[:0] = notes
