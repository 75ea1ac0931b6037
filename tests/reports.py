"""Each fixture report parsed once per test session.

Parsing one of the PDFs in tests/fixtures/reports takes 0.35-1 s, and four
test modules read the same seven; parsed once each, they cost about 3 s of a
run instead of about 15 s. The tests only read the ParsedReport they get (none
changes it), so every caller shares one copy: treat it as read-only.
"""

from functools import cache

from inspections.importing.pdf.parser import parse_report_file
from inspections.importing.pdf.result import ParsedReport
from tests import FIXTURES

REPORTS = FIXTURES / "reports"


@cache
def parsed(name: str) -> ParsedReport:
    """The ParsedReport of tests/fixtures/reports/``name``, shared: do not change it."""
    return parse_report_file(REPORTS / name)
