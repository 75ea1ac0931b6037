"""A small PDF that would take hours to read is refused, within the reading
budget, as too complex: by the parser, by the admin upload and by
``manage.py import_report``; the seven real reports use a small part of it.

The two files an attack used are built here. Both stay under pypdf's own
limits and under the 300-page cap: one content stream of 190,000 text
objects (950,000 operations, 6.3 MB) that every one of 300 pages names as its
/Contents (67 KB; 10-14 s a page, an hour in all, without the budget), and a
page that draws one form of twenty lines of text 5,000 times (43 KB; 14-36 s
a page, more than an hour for 300 pages). Measured without the budget, each
test here was still reading when stopped after 60 s; with it the slowest
refusal takes about 6 s. The tests check the reader's own counters and the
refusal code, not the clock; the clock only stops a test that would
otherwise run for an hour.
"""

import io
import signal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from inspections.importing.pdf.parser import parse_report
from inspections.importing.pdf.result import ReportError
from inspections.importing.pdf.text import (
    MAX_CONTENT_BYTES,
    MAX_FORMS_DRAWN,
    MAX_OPERATIONS,
    ReadingBudget,
    read_pages,
)
from inspections.models import Inspection
from tests import FIXTURES

REPORTS = FIXTURES / "reports"
REAL = sorted(REPORTS.glob("*.pdf"))


class TookTooLong(BaseException):
    """Not an Exception, so that no ``except Exception`` in pypdf or the
    parser can swallow it."""


@pytest.fixture(autouse=True)
def fail_rather_than_hang():
    """Without the budget each of these files takes an hour or more: fail
    after two minutes instead (the budget refuses them in seconds)."""

    def stop(signum, frame):
        raise TookTooLong("still reading after 120 s: the reading budget was not enforced")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _font_resources(writer):
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    return DictionaryObject({NameObject("/F1"): font})


def _stream(writer, data, entries=None):
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update(entries or {})
    return writer._add_object(stream.flate_encode(level=9))


def _pdf(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def shared_stream_bomb(texts=190_000, pages=300):
    """One compressed content stream of ``texts`` text objects (five
    operations, 33 bytes each) named as /Contents by every page."""
    writer = PdfWriter()
    fonts = _font_resources(writer)
    content = _stream(writer, b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * texts)
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        page[NameObject("/Contents")] = content
    return _pdf(writer)


def form_bomb(draws=5000, pages=300):
    """Pages whose content draws one form XObject, itself all text, ``draws`` times."""
    writer = PdfWriter()
    fonts = _font_resources(writer)
    text = b"".join(
        b"BT /F1 12 Tf 72 %d Td (Inspection of Anytown local authority children's services) "
        b"Tj ET\n" % (720 - 14 * line)
        for line in range(20)
    )
    box = ArrayObject([NumberObject(0), NumberObject(0), NumberObject(612), NumberObject(792)])
    form = _stream(
        writer,
        text,
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): box,
            NameObject("/Resources"): DictionaryObject({NameObject("/Font"): fonts}),
        },
    )
    resources = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Font"): fonts,
                NameObject("/XObject"): DictionaryObject({NameObject("/Fm1"): form}),
            }
        )
    )
    content = _stream(writer, b"q /Fm1 Do Q\n" * draws)
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = content
    return _pdf(writer)


BOMBS = {
    # 6.3 MB of content a page: more than the whole budget before page 1 is parsed.
    "one stream shared by 300 pages": (shared_stream_bomb, "content"),
    # 660 KB a page, under the page's share: the operations run out on page 4.
    "a smaller stream shared by 300 pages": (
        lambda: shared_stream_bomb(texts=20_000),
        "operations",
    ),
    "a form drawn 5,000 times a page": (form_bomb, "forms"),
}


UPLOADED = ["one stream shared by 300 pages", "a form drawn 5,000 times a page"]


def within_budget(budget):
    assert budget.content_bytes <= MAX_CONTENT_BYTES
    assert budget.operations <= MAX_OPERATIONS
    assert budget.forms_drawn <= MAX_FORMS_DRAWN


def assert_too_complex(error):
    assert error.code == "too_complex"
    assert error.message.startswith("This PDF takes too much work to read (more than ")
    assert error.message.endswith("it is not a report as Ofsted publishes them.")


def test_the_bombs_are_small_files_within_pypdfs_limits_and_the_page_cap():
    for build, _ in BOMBS.values():
        data = build()
        assert len(data) < 80 * 1024
        assert len(PdfReader(io.BytesIO(data)).pages) == 300


@pytest.mark.parametrize("bomb", BOMBS)
def test_the_reader_stops_each_bomb_at_its_budget(bomb):
    build, limit = BOMBS[bomb]
    budget = ReadingBudget()
    with pytest.raises(ReportError) as refused:
        read_pages(build(), budget)
    assert_too_complex(refused.value)
    assert budget.exceeded == limit
    within_budget(budget)
    # Refused within the first few of the 300 pages.
    assert budget.pages_read <= 4


@pytest.mark.parametrize("bomb", BOMBS)
def test_parse_report_refuses_each_bomb_as_too_complex(bomb):
    build, _ = BOMBS[bomb]
    with pytest.raises(ReportError) as refused:
        parse_report(build())
    assert_too_complex(refused.value)


def test_the_time_budget_is_a_setting_and_stops_the_reader(settings):
    data = REAL[0].read_bytes()
    settings.REPORT_PARSE_SECONDS = 0
    with pytest.raises(ReportError) as refused:
        parse_report(data)
    assert_too_complex(refused.value)
    assert "more than 0 seconds" in refused.value.message
    settings.REPORT_PARSE_SECONDS = 20
    assert parse_report(data).findings


@pytest.mark.parametrize("path", REAL, ids=lambda path: path.name)
def test_the_real_reports_use_less_than_a_quarter_of_the_budget(path):
    budget = ReadingBudget()
    pages = read_pages(path.read_bytes(), budget)
    assert budget.exceeded == ""
    assert budget.pages_read == len(pages)
    assert budget.content_bytes < MAX_CONTENT_BYTES / 4
    assert budget.operations < MAX_OPERATIONS / 4
    assert budget.forms_drawn == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bomb", ["one stream shared by 300 pages", "a form drawn 5,000 times a page"]
)
def test_the_admin_upload_refuses_each_bomb_with_a_clear_message(editor_client, bomb):
    build, _ = BOMBS[bomb]
    upload = SimpleUploadedFile("report.pdf", build(), content_type="application/pdf")
    response = editor_client.post(
        reverse("admin:inspections_inspection_import_report"), {"file": upload}
    )
    assert response.status_code == 200
    assert "This PDF takes too much work to read" in response.text
    assert "What was read" not in response.text
    assert not Inspection.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_the_bombs_and_imports_the_report_after_them(tmp_path):
    shared, form = tmp_path / "shared.pdf", tmp_path / "form.pdf"
    shared.write_bytes(shared_stream_bomb())
    form.write_bytes(form_bomb())
    real = REPORTS / "wokingham-2019-07-15.pdf"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 3 report"):
        call_command("import_report", str(shared), str(form), str(real), stdout=out, stderr=err)
    assert "[1/3] shared.pdf: not imported: This PDF takes too much work to read" in err.getvalue()
    assert "[2/3] form.pdf: not imported: This PDF takes too much work to read" in err.getvalue()
    assert "[3/3] wokingham-2019-07-15.pdf: Created draft" in out.getvalue()
    assert Inspection.objects.count() == 1
