"""`manage.py time_quote_check` times check_passages end to end on whatever
data the database holds and prints one line a benchmark can read."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from core.choices import Status
from tests.factories import FindingFactory, InspectionFactory

pytestmark = pytest.mark.django_db

LINE = re.compile(r"^quote check: median \d+\.\d\d s, p95 \d+\.\d\d s over 3 checks$")


def test_it_prints_the_median_and_95th_percentile_in_one_line(db):
    for n in range(6):
        FindingFactory(
            text=f"Fictional paragraph {n}: managers in the example service review every "
            f"child's plan each month and record what changed and why, number {n}."
        )
    out = io.StringIO()
    call_command("time_quote_check", checks=3, passages=2, stdout=out)
    assert LINE.match(out.getvalue().strip())


def test_with_more_detail_it_says_how_many_passages_were_traced(db):
    FindingFactory(
        text="Fictional managers review every child's plan each month and record what changed."
    )
    out = io.StringIO()
    call_command("time_quote_check", checks=3, passages=1, verbosity=2, stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert re.match(r"^3 of 3 passages from findings traced to their words", lines[1])
    assert lines[1].endswith("invented sentences found: 0")
    assert LINE.match(lines[-1])


def test_it_refuses_a_database_without_published_findings(db):
    FindingFactory(inspection=InspectionFactory(status=Status.DRAFT))
    with pytest.raises(CommandError, match="no published findings"):
        call_command("time_quote_check", checks=1, stdout=io.StringIO())
