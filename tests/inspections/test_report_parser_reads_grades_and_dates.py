"""The parser reads each report's front matter exactly: kind, authority, dates,
lead inspector and every grade. Expected values were read by hand from the PDFs."""

from datetime import date

import pytest

from tests.reports import parsed as parsed_report

RI = "requires_improvement"

EXPECTED = {
    "wokingham-2016-01-05.pdf": {
        "kind": "sif",
        "authority_name": "Wokingham",
        "start_date": date(2015, 10, 12),
        "end_date": date(2015, 11, 5),
        "publication_date": date(2016, 1, 5),
        "lead_inspector": "Linda Steele",
        "overall_grade": RI,
        "judgements": {
            "sif_help_and_protection": RI,
            "sif_looked_after": RI,
            "sif_adoption": "good",
            "sif_care_leavers": RI,
            "sif_leadership": RI,
        },
        "page_count": 41,
    },
    "bexley-2018-08-20.pdf": {
        "kind": "ilacs_standard",
        "authority_name": "London Borough of Bexley",
        "start_date": date(2018, 7, 9),
        "end_date": date(2018, 7, 20),
        "publication_date": None,
        "lead_inspector": "Marcie Taylor",
        "overall_grade": "outstanding",
        "judgements": {
            "impact_of_leaders": "outstanding",
            "help_and_protection": "outstanding",
            "in_care_and_care_leavers": "good",
        },
        "page_count": 13,
    },
    "wokingham-2019-07-15.pdf": {
        "kind": "ilacs_standard",
        "authority_name": "Wokingham Borough Council",
        "start_date": date(2019, 6, 3),
        "end_date": date(2019, 6, 14),
        "publication_date": None,
        "lead_inspector": "Nigel Parkes",
        "overall_grade": RI,
        "judgements": {
            "impact_of_leaders": RI,
            "help_and_protection": RI,
            "in_care_and_care_leavers": RI,
        },
        "page_count": 13,
    },
    "liverpool-2023-05-25.pdf": {
        "kind": "ilacs_standard",
        "authority_name": "Liverpool",
        "start_date": date(2023, 3, 13),
        "end_date": date(2023, 3, 24),
        "publication_date": None,
        "lead_inspector": "Lisa Summers",
        "overall_grade": "inadequate",
        "judgements": {
            "impact_of_leaders": "inadequate",
            "help_and_protection": "inadequate",
            "in_care": RI,
            "care_leavers": "inadequate",
        },
        "page_count": 13,
    },
    "wokingham-2023-05-09.pdf": {
        "kind": "ilacs_standard",
        "authority_name": "Wokingham Borough Council",
        "start_date": date(2023, 3, 6),
        "end_date": date(2023, 3, 17),
        "publication_date": None,
        "lead_inspector": "Tom Anthony",
        "overall_grade": RI,
        "judgements": {
            "impact_of_leaders": RI,
            "help_and_protection": RI,
            "in_care": "good",
            "care_leavers": RI,
        },
        "page_count": 11,
    },
    "essex-2023-08-11.pdf": {
        "kind": "ilacs_short",
        "authority_name": "Essex",
        "start_date": date(2023, 6, 26),
        "end_date": date(2023, 6, 30),
        "publication_date": None,
        "lead_inspector": "Kendra Bell",
        "overall_grade": "outstanding",
        "judgements": {
            "impact_of_leaders": "outstanding",
            "help_and_protection": "outstanding",
            "in_care": "outstanding",
            "care_leavers": "outstanding",
        },
        "page_count": 12,
    },
    "harrow-2025-03-04.pdf": {
        "kind": "ilacs_short",
        "authority_name": "Harrow",
        "start_date": date(2025, 1, 20),
        "end_date": date(2025, 1, 24),
        "publication_date": None,
        "lead_inspector": "Rebekah Tucker",
        "overall_grade": "inadequate",
        "judgements": {
            "impact_of_leaders": RI,
            "help_and_protection": "good",
            "in_care": "good",
            "care_leavers": "inadequate",
        },
        "page_count": 13,
    },
}


@pytest.fixture(scope="module")
def parsed():
    """Each fixture parsed once for the whole module."""
    return {name: parsed_report(name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("field", sorted(EXPECTED["bexley-2018-08-20.pdf"]))
def test_each_front_matter_field_is_read_exactly(parsed, name, field):
    assert getattr(parsed[name], field) == EXPECTED[name][field]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_graded_area_is_a_known_area_and_grade(parsed, name):
    from inspections.choices import Area, Grade

    report = parsed[name]
    assert set(report.judgements) <= set(Area.values)
    assert set(report.judgements.values()) <= set(Grade.values) - {Grade.UNKNOWN}
    assert report.overall_grade in Grade.values


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n]["kind"] != "sif"))
def test_ilacs_reports_read_without_warnings(parsed, name):
    assert parsed[name].warnings == []


def test_sif_report_says_plainly_what_it_did_not_read(parsed):
    warnings = " ".join(parsed["wokingham-2016-01-05.pdf"].warnings)
    assert "single inspection framework" in warnings
    assert "Local Safeguarding Children Board" in warnings
    assert "requires improvement" in warnings  # the LSCB's own judgement, not stored
    assert "Summary for children and young people" in warnings
    assert "lscb" not in " ".join(parsed["wokingham-2016-01-05.pdf"].judgements)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Inspection dates: 13 to 24 March 2023", [(date(2023, 3, 13), date(2023, 3, 24))]),
        (
            "Inspection dates: 3 June 2019 to 14 June 2019",
            [(date(2019, 6, 3), date(2019, 6, 14))],
        ),
        (
            "Inspection date: 12 October 2015 – 5 November 2015",
            [(date(2015, 10, 12), date(2015, 11, 5))],
        ),
        # Forms found in other published reports (noted by the data-to-insight
        # ofsted-ilacs-scrape-tool project).
        (
            "Inspection dates: 28 February to 4 March 2019",
            [(date(2019, 2, 28), date(2019, 3, 4))],
        ),
        (
            "Inspection dates: 19 November–30 November 2018",
            [(date(2018, 11, 19), date(2018, 11, 30))],
        ),
        (
            "Inspection dates: 8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August 2019",
            [(date(2019, 7, 8), date(2019, 7, 12)), (date(2019, 8, 7), date(2019, 8, 8))],
        ),
        (
            "Inspection dates: 1 9 June 2019 to 28 June 2019",
            [(date(2019, 6, 19), date(2019, 6, 28))],
        ),
        (
            "Inspection dates: 28 November to 9 December 2022",
            [(date(2022, 11, 28), date(2022, 12, 9))],
        ),
        ("Inspection dates: 15 to 26 November", []),  # no year: not guessed
        ("Inspection dates: 31 February 2023 to 3 March 2023", []),  # no such day
    ],
)
def test_inspection_dates_are_read_in_every_form_ofsted_has_printed(printed, expected):
    from inspections.importing.pdf.dates import date_ranges

    assert date_ranges(printed) == expected
