"""Anything that is not a readable Ofsted report is refused with ReportError,
a machine code and a message a user can act on, never another exception."""

import io
import random

import pytest
from pypdf import PdfReader, PdfWriter

from inspections.importing.pdf.parser import parse_report, parse_report_file
from inspections.importing.pdf.result import ReportError
from inspections.importing.pdf.text import MAX_BYTES
from tests import FIXTURES

REPORTS = FIXTURES / "reports"
REAL = REPORTS / "wokingham-2019-07-15.pdf"


def one_line_pdf(*lines):
    """A minimal, valid one-page PDF showing ``lines`` of text in Helvetica."""
    text = "".join(f"({line.replace('(', '[').replace(')', ']')}) Tj 0 -16 Td " for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text}ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def encrypted_copy(path, user_password):
    writer = PdfWriter()
    writer.append(PdfReader(path))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def refusal(data):
    with pytest.raises(ReportError) as caught:
        parse_report(data)
    error = caught.value
    # A readable sentence for a person, not a Python error.
    assert str(error) == error.message
    assert error.message[0].isupper() and error.message.endswith(".")
    assert len(error.message) > 20
    for jargon in ("Traceback", "pypdf", "Error", "None", "xref", "b'"):
        assert jargon not in error.message
    return error


def test_the_minimal_pdf_helper_makes_a_pdf_pypdf_can_read():
    reader = PdfReader(io.BytesIO(one_line_pdf("Quarterly sales report")))
    assert "Quarterly sales report" in reader.pages[0].extract_text()


def test_random_bytes_are_not_a_pdf():
    data = random.Random(20240601).randbytes(4096)
    assert refusal(data).code == "not_pdf"


def test_an_html_page_is_not_a_pdf():
    html = (
        b"<!DOCTYPE html>\n<html><head><title>Ofsted report</title></head>"
        b"<body><h1>Inspection of Wokingham local authority children's services</h1>"
        b"</body></html>"
    )
    error = refusal(html)
    assert error.code == "not_pdf"
    assert "not a PDF" in error.message


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_copy_of_a_real_report_is_corrupt(fraction):
    data = REAL.read_bytes()
    error = refusal(data[: int(len(data) * fraction)])
    assert error.code == "corrupt"


def test_a_pdf_header_followed_by_junk_is_corrupt():
    data = b"%PDF-1.7\n" + random.Random(7).randbytes(20_000)
    assert refusal(data).code == "corrupt"


def test_a_password_protected_report_is_refused_as_encrypted():
    error = refusal(encrypted_copy(REAL, user_password="secret"))
    assert error.code == "encrypted"
    assert "password" in error.message


def test_a_report_encrypted_only_against_editing_is_still_read():
    """An empty user password means anyone may open it: that is not a refusal."""
    report = parse_report(encrypted_copy(REAL, user_password=""))
    assert report.authority_name == "Wokingham Borough Council"
    assert len([f for f in report.findings if f.number]) == 56


def test_an_unrelated_pdf_is_not_a_report():
    data = one_line_pdf("Quarterly sales report", "Sales rose by 4% in the third quarter.")
    error = refusal(data)
    assert error.code == "not_a_report"
    assert "Ofsted" in error.message


def test_a_pdf_without_any_text_is_not_a_report():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    error = refusal(buffer.getvalue())
    assert error.code == "not_a_report"
    assert "no readable text" in error.message


def test_an_ofsted_visit_letter_is_named_and_refused():
    data = one_line_pdf(
        "Focused visit to Anytown local authority children's services",
        "Dear Director of Children's Services",
    )
    error = refusal(data)
    assert error.code == "not_a_report"
    assert "focused visit" in error.message


def test_a_title_page_alone_without_judgements_or_findings_is_not_a_report():
    data = one_line_pdf("Inspection of Anytown local authority children's services")
    assert refusal(data).code == "not_a_report"


def test_oversize_input_is_too_large():
    data = b"%PDF-1.7\n" + b"0" * MAX_BYTES
    error = refusal(data)
    assert error.code == "too_large"
    assert "MB" in error.message


def test_an_oversize_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is actually written
    with pytest.raises(ReportError) as caught:
        parse_report_file(path)
    assert caught.value.code == "too_large"


def test_empty_input_is_empty():
    assert refusal(b"").code == "empty"


@pytest.mark.parametrize("seed", range(20))
def test_damaged_copies_of_a_real_report_never_raise_anything_but_report_error(seed):
    """Flip bytes all through a real report: the parser either reads what is
    left or refuses it, but never lets another exception escape."""
    rng = random.Random(seed)
    data = bytearray(REAL.read_bytes())
    for _ in range(rng.choice([5, 50, 500])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    try:
        parse_report(bytes(data))
    except ReportError as error:
        assert error.code in {"corrupt", "not_a_report", "encrypted"}
