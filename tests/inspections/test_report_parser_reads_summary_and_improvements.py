"""The unnumbered summary and the "what needs to improve" list are read whole:
the right number of paragraphs and items, each exactly as printed. Figures were
counted by hand in each PDF."""

import pytest

from core.text import normalise_whitespace
from tests.reports import parsed as parsed_report

# file -> (summary paragraphs, "what needs to improve" items)
COUNTS = {
    "wokingham-2016-01-05.pdf": (10, 12),  # SIF: executive summary, recommendations
    "bexley-2018-08-20.pdf": (3, 4),
    "wokingham-2019-07-15.pdf": (2, 5),
    "liverpool-2023-05-25.pdf": (3, 11),
    "wokingham-2023-05-09.pdf": (2, 5),
    "essex-2023-08-11.pdf": (2, 1),
    "harrow-2025-03-04.pdf": (2, 8),
}


@pytest.fixture(scope="module")
def parsed():
    return {name: parsed_report(name) for name in COUNTS}


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_summary_and_improvement_counts(parsed, name):
    report = parsed[name]
    paragraphs, items = COUNTS[name]
    assert len(report.summary.split("\n\n")) == paragraphs
    assert len(report.improvements) == items
    sections = [f.section for f in report.findings]
    assert sections.count("summary") == paragraphs
    assert sections.count("improve") == items
    assert [f.text for f in report.findings if f.section == "summary"] == (
        report.summary.split("\n\n")
    )
    assert [f.text for f in report.findings if f.section == "improve"] == report.improvements


def test_a_summary_paragraph_running_over_a_page_is_whole(parsed):
    (second,) = [
        p
        for p in parsed["wokingham-2019-07-15.pdf"].summary.split("\n\n")
        if p.startswith("Six months on")
    ]
    assert second.endswith(
        "Those whose cases are held by the social workers in the disabled children’s "
        "team or one of the three long-term teams generally fare less well than those "
        "who are supported by social workers in Here4U, the local authority’s children "
        "in care and care leavers team."
    )


def test_sif_summary_rejoins_a_compound_broken_across_a_page(parsed):
    paragraphs = parsed["wokingham-2016-01-05.pdf"].summary.split("\n\n")
    assert paragraphs[4].endswith(
        "The domestic abuse repeat incident management group provides an effective "
        "arena for additional multi-agency scrutiny and risk assessment."
    )
    # The next paragraph follows on the next line with no space between them.
    assert paragraphs[5].startswith("Where the Signs of Safety model is used")
    assert paragraphs[6].startswith("When children need to be looked after")
    assert "Life story work for children looked after is under-developed." in paragraphs[6]


def test_improvement_bullets_are_exact_without_their_bullet_marks(parsed):
    assert parsed["wokingham-2019-07-15.pdf"].improvements == [
        "The stability of the workforce in the disabled children’s team and the three "
        "long-term teams.",
        "The effectiveness of child in need and child protection plans.",
        "The quality and effectiveness of the social work support that disabled "
        "children and their families receive.",
        "The level of critical scrutiny, and quality of supervision, provided by "
        "frontline managers.",
        "The oversight and impact of the corporate parenting board.",
    ]
    assert parsed["essex-2023-08-11.pdf"].improvements == [
        "Consistent, high-quality care and support for all separated migrant children "
        "and care leavers."
    ]
    harrow = parsed["harrow-2025-03-04.pdf"].improvements
    assert harrow[2] == (
        "The identification of, and response to, risks to care leavers’ welfare (Outcome three)."
    )


def test_harrow_heading_footnote_stays_out_of_the_text(parsed):
    report = parsed["harrow-2025-03-04.pdf"]
    assert not any("National Framework" in f.text for f in report.findings)


def test_sif_recommendations_keep_their_numbers_and_sub_points(parsed):
    findings = parsed["wokingham-2016-01-05.pdf"].findings
    recommendations = [f for f in findings if f.section == "improve"]
    assert [f.number for f in recommendations] == list(range(1, 13))
    fifth = recommendations[4].text
    assert fifth.split("\n") == [
        "Improve the quality of assessments and plans by:",
        "ensuring that assessments include consideration of absent significant adults "
        "(page 13, paragraph 20)",
        "ensuring that assessments are of a consistently good standard, supported by "
        "good analysis of risks and protective factors (page 13, paragraph 20)",
        "ensuring that they consider and reflect equality and diversity factors (page 13, "
        "paragraph 21).",
    ]
    assert normalise_whitespace(recommendations[0].text) == (
        "Monitor and improve the frequency and quality of management oversight and "
        "supervision to all staff to ensure that they are regular, reflective and "
        "challenging and focused on ensuring good outcomes for children with rationale "
        "for decisions made clearly recorded (pages 13, 31, paragraphs 19, 94)."
    )
