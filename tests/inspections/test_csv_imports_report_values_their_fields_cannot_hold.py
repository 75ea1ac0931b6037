"""A CSV cell longer than its model field allows skips that row with its
line, column and limit, and every other row imports, in the importer, the
admin and the command; a value exactly at the limit imports whole. The
limits are read from the model fields. (On PostgreSQL such a value made the
whole import fail, a 500 in the admin; SQLite stored it whole.) A population
too large for its field is left blank with a note; a long file name is kept
to the length its field holds, and a file with a NUL byte anywhere is refused."""

import csv
import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from inspections.importing.csv import ImportFileError, import_authorities, import_outcomes
from inspections.models import Inspection, LocalAuthority
from tests import FIXTURES

pytestmark = pytest.mark.django_db

DATA = FIXTURES / "data"
AUTHORITIES = (DATA / "local-authorities.csv").read_bytes()
OUTCOMES = (DATA / "ilacs-latest-outcomes.csv").read_bytes()
# Barnsley (URN 80426, LA code 370) is line 4 of the authorities, line 2 of
# the outcomes.
BARNSLEY = 4
BARNSLEY_OUTCOME = 2


def edited(data, line, **cells):
    """``data`` with the cells of one line (the header is line 1) changed."""
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    rows[line - 2].update(cells)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def limit(model, name):
    return model._meta.get_field(name).max_length


@pytest.mark.parametrize(
    ("column", "field"),
    [
        ("local_authority_ons_name", "name"),
        ("la_code", "la_code"),
        ("urn", "ofsted_urn"),
        ("la_code_new", "ons_code"),
    ],
)
def test_an_over_long_authority_value_skips_its_row_and_the_rest_import(column, field):
    too_long = "7" * (limit(LocalAuthority, field) + 1)
    report = import_authorities(edited(AUTHORITIES, BARNSLEY, **{column: too_long}), "la.csv")
    assert report.skipped == [
        (BARNSLEY, f"{column} is longer than {limit(LocalAuthority, field)} characters")
    ]
    assert (report.rows, report.created) == (156, 155)
    assert LocalAuthority.objects.count() == 155
    assert not LocalAuthority.objects.filter(name="Barnsley").exists()


def test_the_two_the_attack_used_are_named_as_asked():
    data = edited(AUTHORITIES, BARNSLEY, local_authority_ons_name="B" * 200)
    data = edited(data, BARNSLEY + 1, la_code="8" * 20)
    report = import_authorities(data, "la.csv")
    assert report.skipped == [
        (BARNSLEY, "local_authority_ons_name is longer than 100 characters"),
        (BARNSLEY + 1, "la_code is longer than 3 characters"),
    ]
    assert report.created == 154


def test_a_value_exactly_at_the_limit_imports_whole():
    name = "B" * limit(LocalAuthority, "name")
    report = import_authorities(
        edited(AUTHORITIES, BARNSLEY, local_authority_ons_name=name), "la.csv"
    )
    assert (report.created, report.skipped) == (156, [])
    assert LocalAuthority.objects.get(la_code="370").name == name


@pytest.mark.parametrize(
    ("column", "field", "value"),
    [
        ("inspector_name", "lead_inspector", "a" * 101),
        ("inspection_link", "report_url", "https://files.ofsted.gov.uk/v1/file/" + "5" * 300),
    ],
)
def test_an_over_long_outcome_value_skips_its_row_and_the_rest_import(column, field, value):
    import_authorities(AUTHORITIES, "la.csv")
    report = import_outcomes(edited(OUTCOMES, BARNSLEY_OUTCOME, **{column: value}), "outcomes.csv")
    assert report.skipped == [
        (BARNSLEY_OUTCOME, f"{column} is longer than {limit(Inspection, field)} characters")
    ]
    assert (report.rows, report.created) == (153, 152)
    assert not Inspection.objects.filter(authority__name="Barnsley").exists()


def test_an_outcome_value_at_the_limit_imports_whole():
    import_authorities(AUTHORITIES, "la.csv")
    link = "https://files.ofsted.gov.uk/v1/file/" + "5" * (300 - 36)
    report = import_outcomes(
        edited(OUTCOMES, BARNSLEY_OUTCOME, inspection_link=link), "outcomes.csv"
    )
    assert (report.created, report.skipped) == (153, [])
    assert Inspection.objects.get(authority__name="Barnsley").report_url == link


def test_a_population_too_large_to_store_is_left_blank_with_a_note():
    data = edited(AUTHORITIES, BARNSLEY, **{"ons_population_0-25": "9" * 30})
    report = import_authorities(data, "la.csv")
    assert (BARNSLEY, "Barnsley: population “" + "9" * 30 + "” is too large; left blank") in (
        report.notes
    )
    assert (report.created, report.skipped) == (156, [])
    assert LocalAuthority.objects.get(name="Barnsley").population_0_25 is None
    assert LocalAuthority.objects.get(name="Barnet").population_0_25 == 124296


def test_a_population_written_in_superscript_digits_is_left_blank_not_a_crash():
    data = edited(AUTHORITIES, BARNSLEY, **{"ons_population_0-25": "6²"})
    report = import_authorities(data, "la.csv")
    assert (report.created, report.skipped) == (156, [])
    assert LocalAuthority.objects.get(name="Barnsley").population_0_25 is None


def test_a_file_name_longer_than_its_field_is_kept_to_the_field():
    name = "a" * 240 + ".csv"
    import_authorities(AUTHORITIES, name)
    kept = set(LocalAuthority.objects.values_list("source_file", flat=True))
    assert kept == {name[: limit(LocalAuthority, "source_file")]}


def test_the_admin_shows_the_over_long_row_and_imports_the_others(editor_client):
    data = edited(AUTHORITIES, BARNSLEY, local_authority_ons_name="B" * 200)
    response = editor_client.post(
        reverse("admin:inspections_localauthority_import"),
        {"file": SimpleUploadedFile("la.csv", data, content_type="text/csv")},
    )
    assert response.status_code == 200
    assert "156 rows: 155 created, 0 updated, 0 unchanged, 1 skipped" in response.text
    assert (
        f"<td>{BARNSLEY}</td><td>local_authority_ons_name is longer than 100 characters</td>"
        in response.text
    )
    assert LocalAuthority.objects.count() == 155


def test_the_command_names_the_line_and_the_column(tmp_path):
    path = tmp_path / "la.csv"
    path.write_bytes(edited(AUTHORITIES, BARNSLEY, la_code="8" * 20))
    out, err = StringIO(), StringIO()
    call_command("import_authorities", str(path), stdout=out, stderr=err)
    assert f"line {BARNSLEY}: skipped: la_code is longer than 3 characters" in err.getvalue()
    assert "156 rows: 155 created, 0 updated, 0 unchanged, 1 skipped." in out.getvalue()


def test_a_nul_byte_anywhere_in_the_file_refuses_it_and_writes_nothing():
    """PostgreSQL cannot store NUL in text; a file with one in its first 4 KB
    was always refused as not text, and one further down is refused too."""
    data = edited(AUTHORITIES, 150, local_authority_ons_name="Wok\x00ingham")
    assert b"\x00" not in data[:4096]
    with pytest.raises(ImportFileError) as refused:
        import_authorities(data, "la.csv")
    assert refused.value.code == "not_csv"
    assert LocalAuthority.objects.count() == 0
    assert import_authorities(edited(AUTHORITIES, 150), "la.csv").created == 156
