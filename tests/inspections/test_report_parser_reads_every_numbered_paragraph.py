"""Every numbered paragraph of an ILACS report is read, once, under the right
judgement area, with its exact text and no page furniture mixed in.

The counts, section boundaries and paragraph texts below were established by
hand from each PDF's text (dumped with pypdf and read through); they are not
taken from the parser's output.
"""

import re

import pytest
from pypdf import PdfReader

from core.text import normalise_whitespace
from tests import FIXTURES
from tests.reports import parsed as parsed_report

REPORTS = FIXTURES / "reports"

# file -> (number of numbered paragraphs, {section: (first number, last number)})
STRUCTURE = {
    "bexley-2018-08-20.pdf": (
        41,
        {
            "help_and_protection": (1, 13),
            "in_care_and_care_leavers": (14, 32),
            "impact_of_leaders": (33, 41),
        },
    ),
    "wokingham-2019-07-15.pdf": (
        56,
        {
            "help_and_protection": (1, 18),
            "in_care_and_care_leavers": (19, 41),
            "impact_of_leaders": (42, 56),
        },
    ),
    "liverpool-2023-05-25.pdf": (
        50,
        {
            "help_and_protection": (1, 14),
            "in_care": (15, 26),
            "care_leavers": (27, 37),
            "impact_of_leaders": (38, 50),
        },
    ),
    "wokingham-2023-05-09.pdf": (
        61,
        {
            "help_and_protection": (1, 18),
            "in_care": (19, 36),
            "care_leavers": (37, 48),
            "impact_of_leaders": (49, 61),
        },
    ),
    "essex-2023-08-11.pdf": (
        47,
        {
            "help_and_protection": (1, 14),
            "in_care": (15, 27),
            "care_leavers": (28, 37),
            "impact_of_leaders": (38, 47),
        },
    ),
    "harrow-2025-03-04.pdf": (
        59,
        {
            "help_and_protection": (1, 20),
            "in_care": (21, 33),
            "care_leavers": (34, 46),
            "impact_of_leaders": (47, 59),
        },
    ),
}

# (file, paragraph number, the paragraph as printed). For each file: the first
# paragraph, the last, and at least one that runs over a page break.
PARAGRAPHS = [
    (
        "wokingham-2019-07-15.pdf",
        1,
        "Early help is not fully developed. While early help is making a positive difference "
        "for some children and families, they do not always get the support they need "
        "quickly enough. There is little evidence of other agencies completing early help "
        "assessments (EHAs). This is placing an additional burden on the local authority’s "
        "early help teams, which are struggling under the weight of competing demands "
        "and unfilled vacancies. However, when needs and/or risks increase, cases are "
        "stepped up promptly from early help to children’s social care.",
    ),
    (  # runs from page 4 to page 5
        "wokingham-2019-07-15.pdf",
        6,
        "Prompt action is taken to protect children who are at immediate risk of "
        "significant harm. Strategy meetings are better managed and recorded now than "
        "at the time of the focused visit. The balance between strategy meetings and "
        "telephone strategy discussions is also better. These improvements are, however, "
        "more evident at the front door, where the local authority’s preferred method of "
        "social work is being used to great effect to develop a shared understanding, with "
        "partners, of children’s experiences. Elsewhere, strategy discussions are still more "
        "likely to take the form of a telephone conversation involving only children’s social "
        "care and the police. This inevitably limits the richness of the information "
        "exchanged.",
    ),
    (  # a compound hyphenated at a line end: "two-\nday"
        "wokingham-2019-07-15.pdf",
        55,
        "Staff, including agency staff, have good access to training. This includes a two-"
        "day introduction for all to the local authority’s preferred method of social work, "
        "followed by an intensive five-day workshop.",
    ),
    (
        "wokingham-2019-07-15.pdf",
        56,
        "Newly qualified staff are well supported during their assisted and supported year "
        "in employment. New recruits spoke very positively about the quality of their "
        "learning experience as student social workers in Wokingham, which persuaded "
        "them to seek permanent employment with the local authority. They value the "
        "support, supervision and training they receive.",
    ),
    (
        "bexley-2018-08-20.pdf",
        1,
        "The family well-being service established in June 2016, together with a wide "
        "range of commissioned early help services, is providing highly effective help "
        "and support to children and families in Bexley. The offer is well publicised, "
        "and partners and the public are well aware of it. A broad range of support is "
        "provided by highly skilled practitioners who work effectively together. Creative "
        "direct work and good assessments lead to dynamic plans, all of which are "
        "making a positive difference in improving children’s circumstances. A "
        "relentless focus on providing early support results in a high number of "
        "families receiving the right level of help at the right time, with fewer families "
        "needing statutory intervention.",
    ),
    (  # runs from page 4 to page 5
        "bexley-2018-08-20.pdf",
        10,
        "Multi-agency partners are very well engaged in child protection core groups "
        "and child in need meetings. This ensures that they helpfully contribute to "
        "assessments and plans and aid decision-making. Reviews are timely and "
        "regular, and collaboration between professionals and parents, using scaling "
        "tools, measures progress for children. Imaginative and creative direct work "
        "with children is intuitive and adaptive to individual needs, including for "
        "disabled children who have complex needs. Shared with parents and carers, "
        "this work helps families make sustainable changes. This is a real "
        "strength. Workers have ‘broken down barriers’ in order to help parents "
        "develop insight into their parenting and how to make changes. They use "
        "direct work generated by children or build trusting relationships with them to "
        "support meaningful conversations. Practical solutions, alongside emotional "
        "support, are provided to improve outcomes for children, for example help "
        "with housing and benefit applications.",
    ),
    (
        "bexley-2018-08-20.pdf",
        41,
        "Courageous conversations are the norm, with great importance is placed on "
        "learning to collectively manage risk. This is making a real difference and "
        "contributes to staff remaining in Bexley because it is a safe and supportive "
        "place to work. The nurturing conditions created by leaders have enabled "
        "social work to flourish. The workforce is well supported to deliver the ethos of "
        "relationship-based social work. This is resulting in an increasingly stable "
        "workforce that feels valued, with manageable caseloads creating space for "
        "meaningful direct work with children. Inspectors saw reflective practice and "
        "very effective multi-agency working. Good practice is celebrated. Without "
        "exception, staff were incredibly positive about working in Bexley and the "
        "support and training they receive to improve children's lives.",
    ),
    (
        "liverpool-2023-05-25.pdf",
        1,
        "The response to children who need help and protection is inadequate in "
        "Liverpool due to serious failures to safeguard children. Significant harm is not "
        "always identified and when it is, it is not always robustly responded to. Many "
        "children experience drift and delay in having their needs met, as a result of "
        "insufficient workforce capacity and a lack of regular management oversight and "
        "direction. Some children have had their child protection plan removed too soon "
        "and risks have not been mitigated. This is leaving some children at risk of, or "
        "suffering, ongoing significant harm.",
    ),
    (  # runs from page 3 to page 4, past the running footer
        "liverpool-2023-05-25.pdf",
        5,
        "When children are at risk of immediate harm, the response at the ‘front door’ is "
        "mostly swift, using partners in the MASH to take action in progressing strategy "
        "meetings. While most strategy meetings are timely, those held outside of the "
        "MASH are not always well attended by partners, with key agencies, especially "
        "health services, absent. This means that decisions are often being made "
        "without full information. The quality of strategy discussions is inconsistent. "
        "Some are too adult-focused; analysis is weak and there is a lack of focus on "
        "what risks mean for children’s experiences. When there is a potential crime and "
        "there are child protection concerns, joint enquiries with the police are not "
        "always started. In particular, the response from agencies, including the police, "
        "to children who experience sexual harm is sometimes poor. As a result, these "
        "children are not getting the help and support they need and these serious "
        "crimes are not always investigated.",
    ),
    (
        "liverpool-2023-05-25.pdf",
        50,
        "Social workers, PAs, IROs and managers are committed to Liverpool and remain "
        "focused on seeking to make children’s lives better. Workers described the team "
        "culture as supportive, and they aspire to provide good-quality support and "
        "services. Despite workload pressures, some are working creatively with their "
        "children and young people. Senior managers recognised that the current social "
        "work model is not having the necessary impact for children, and work has "
        "started on implementing a new practice model. Social workers welcome this "
        "new approach, which is more aligned to their values and beliefs.",
    ),
    (
        "wokingham-2023-05-09.pdf",
        1,
        "Consistent and reliable initial screening of contacts ensures that concerns about "
        "children receive an appropriate response. Stable, long-standing managers and "
        "staff in the multi-agency safeguarding hub (MASH) make appropriate decisions "
        "about the level of support or intervention that is needed for children. For most "
        "children at immediate risk of harm, swift action is taken to protect them. "
        "However, when information suggests that children are at lower levels of risk, "
        "the pace of progress of contacts and subsequent decision-making is often slow. "
        "Leaders have already identified this delay and are recruiting an additional "
        "worker to improve timeliness. In the MASH, written case direction by managers "
        "at the point of allocation is minimal. Staff are not provided with clarity about "
        "what activity is required or timescales for the completion of information-"
        "gathering. Once checks with other agencies are completed, there is thorough "
        "management recording on children’s records. This management oversight "
        "includes a clear rationale for the longer-term response provided to children.",
    ),
    (  # runs from page 3 to page 4, past the running footer
        "wokingham-2023-05-09.pdf",
        11,
        "Good use is made of legal advice and there is appropriate escalation to pre-"
        "proceedings arrangements under the Public Law Outline. Once in this arena, "
        "there is good oversight and direction provided to practitioners. Enhanced "
        "support and intervention have been effective in diverting some children from "
        "entering care. However, pre-proceedings letters are not sufficiently clear in "
        "enabling parents to fully understand the concerns.",
    ),
    (
        "wokingham-2023-05-09.pdf",
        61,
        "Children who spoke to inspectors described varying experiences of support. "
        "Some said that they know their workers well and enjoy being able to talk to "
        "them, while others were not so positive. Care leavers were complimentary "
        "about the practical and emotional support that they receive. Children in receipt "
        "of services and care leavers do not sufficiently influence the way in which "
        "services are designed and developed.",
    ),
    (
        "essex-2023-08-11.pdf",
        1,
        "Children and families who need help and support receive a timely and "
        "proportionate response from the children and families hub. A number of "
        "consultation telephone lines give professionals and members of the public the "
        "opportunity to talk through their concerns with workers and to agree next "
        "steps. Workers in the hub gather a range of information from parents, schools "
        "and partners to help them to understand the needs of children and to identify "
        "the services that are best suited to meet their needs. Parents provide informed "
        "consent at every stage of the process; when necessary, decisions to dispense "
        "with parental consent are appropriately taken by senior workers. Managers "
        "have consistent oversight of key information and decision-making for children "
        "at this early stage. When there is risk of harm to children, workers take "
        "immediate safeguarding action and child protection referrals are passed swiftly "
        "to statutory services.",
    ),
    (  # runs from page 2 to page 3
        "essex-2023-08-11.pdf",
        4,
        "Child and family assessments, including those for disabled children and for "
        "unborn children, are comprehensive, thoughtful and analytical. The trauma-"
        "informed approach taken by workers sensitively explores how children see and "
        "feel about themselves. Meaningful direct work clearly captures each child’s "
        "sense of identity. Assessments are informed by children and include the views "
        "of parents and carers. Management oversight is strong and evaluative and "
        "assessments lead to well-formulated plans that focus on what needs to change "
        "to improve children’s lives. Social workers work closely with parents and carers "
        "to improve children’s progress and experiences, and to help them to "
        "understand why decisions are taken to move into child protection or pre-"
        "proceedings and court proceedings if these actions are necessary.",
    ),
    (
        "essex-2023-08-11.pdf",
        47,
        "Workers enjoy working for Essex and morale is extremely high. They are rightly "
        "proud of their work with children. Their words and actions convey a genuine "
        "sense of belonging, safety and trust in managers, leaders and the organisation.",
    ),
    (
        "harrow-2025-03-04.pdf",
        1,
        "Contacts and referrals into the multi-agency safeguarding hub (MASH) are dealt "
        "with in a timely way and are prioritised in line with risk and need. Experienced "
        "and knowledgeable practitioners in the MASH undertake thorough screening, "
        "where family history is carefully evaluated alongside the views of parents and "
        "children. Thresholds are mostly understood and appropriately applied, so that "
        "most children receive the right level of support and intervention.",
    ),
    (  # runs from page 2 to page 3, past a footnote at the foot of page 2
        "harrow-2025-03-04.pdf",
        2,
        "Children and families in Harrow benefit from a comprehensive range of early "
        "help services. Although there is some variability in the application of thresholds "
        "for early help, most children receive the right help at the right time, with some "
        "minor delays to allocation in a few children’s cases. Most children who are "
        "referred to early help receive effective support from experienced and "
        "knowledgeable practitioners. Thorough, multi-agency early help assessments "
        "are resulting in effective and positive change for children and families, although "
        "plans are not consistently timebound.",
    ),
    (  # printed with two spaces after the number
        "harrow-2025-03-04.pdf",
        31,
        "Staff working as part of the virtual school know children well. Most children are "
        "making strong academic progress from often very low starting points. Personal "
        "education plans (PEPs) are of good quality and are completed in a timely "
        "fashion. Many children benefit from bespoke and exciting enrichment activities.",
    ),
    (
        "harrow-2025-03-04.pdf",
        59,
        "Most staff told inspectors that they enjoy working in Harrow, and that they are "
        "well supported by visible, available and approachable managers, who care and "
        "make them feel valued. Most workers, including agency workers and "
        "international social workers, say that they have access to relevant training to "
        "assist them in their work. However, PAs told inspectors that their training is not "
        "prioritised, and they are not afforded the same opportunities as social workers.",
    ),
]

# Running headers, footers, footnotes and back-page text that must never end up
# inside a finding.
FURNITURE = {
    "liverpool-2023-05-25.pdf": [
        "Inspection of Liverpool local authority children’s services",
        "13 to 24 March 2023",
    ],
    "wokingham-2023-05-09.pdf": [
        "Inspection of Wokingham Borough Council local authority children’s services",
        "6 to 17 March 2023",
    ],
    "essex-2023-08-11.pdf": [
        "Inspection of Essex local authority children’s services",
        "26 to 30 June 2023",
    ],
    "harrow-2025-03-04.pdf": [
        "Inspection of Harrow local authority children’s services",
        "20 to 24 January 2025",
        "cross-referenced with the outcomes, enablers or principles",  # a footnote
        "National Framework",
    ],
    "bexley-2018-08-20.pdf": [],
    "wokingham-2019-07-15.pdf": [],
}
EVERYWHERE = ["Crown copyright", "Piccadilly Gate", "enquiries@ofsted.gov.uk", "Open Government"]


@pytest.fixture(scope="module")
def parsed():
    return {name: parsed_report(name) for name in STRUCTURE}


def numbered(report):
    """The findings that carry a paragraph number (ILACS: the judgement sections)."""
    return [f for f in report.findings if f.number is not None]


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_count_of_numbered_findings_is_the_count_in_the_report(parsed, name):
    expected_count, _ = STRUCTURE[name]
    assert len(numbered(parsed[name])) == expected_count


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_numbers_run_from_one_without_gaps_or_repeats(parsed, name):
    expected_count, _ = STRUCTURE[name]
    numbers = [f.number for f in numbered(parsed[name])]
    assert numbers == list(range(1, expected_count + 1))


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_each_numbered_paragraph_sits_under_its_judgement_area(parsed, name):
    _, sections = STRUCTURE[name]
    expected = {
        number: section
        for section, (first, last) in sections.items()
        for number in range(first, last + 1)
    }
    assert {f.number: f.section for f in numbered(parsed[name])} == expected


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_findings_are_in_report_order_summary_then_improvements_then_numbered(parsed, name):
    findings = parsed[name].findings
    assert [f.order for f in findings] == list(range(1, len(findings) + 1))
    sections = [f.section for f in findings]
    summary = sections.count("summary")
    improve = sections.count("improve")
    assert summary >= 1 and improve >= 1
    assert sections[:summary] == ["summary"] * summary
    assert sections[summary : summary + improve] == ["improve"] * improve
    assert "summary" not in sections[summary + improve :]
    assert all(f.number is None for f in findings[: summary + improve])


@pytest.mark.parametrize(
    ("name", "number", "text"),
    PARAGRAPHS,
    ids=[f"{name[:-4]}-para{number}" for name, number, _ in PARAGRAPHS],
)
def test_paragraph_text_is_exactly_the_reports(parsed, name, number, text):
    (finding,) = [f for f in numbered(parsed[name]) if f.number == number]
    assert normalise_whitespace(finding.text) == normalise_whitespace(text)


def test_every_ilacs_fixture_has_spot_checks():
    assert {name for name, _, _ in PARAGRAPHS} == set(STRUCTURE)


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_no_finding_contains_headers_footers_or_footnotes(parsed, name):
    for finding in parsed[name].findings:
        for debris in FURNITURE[name] + EVERYWHERE:
            assert debris not in finding.text, (finding.number, debris)
        assert finding.text == finding.text.strip()
        assert not re.fullmatch(r"\d+", finding.text)


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_no_finding_contains_a_stray_page_number(parsed, name):
    """Every bare number in a finding must stand next to the same word on one
    line of the PDF's own text; a page number picked up at a page break stands
    alone on its line, so it fails this."""
    reader = PdfReader(REPORTS / name)
    lines = [
        normalise_whitespace(line)
        for page in reader.pages
        for line in page.extract_text().splitlines()
    ]
    text_on_lines = "\n".join(lines)
    strays = []
    for finding in parsed[name].findings:
        words = normalise_whitespace(finding.text).split(" ")
        for i, word in enumerate(words):
            if not word.isdigit():
                continue
            before = f"{words[i - 1]} {word}" if i else None
            after = f"{word} {words[i + 1]}" if i + 1 < len(words) else None
            if not any(pair and pair in text_on_lines for pair in (before, after)):
                strays.append((finding.number, before, after))
    assert strays == []


# The SIF report (2016) numbers its recommendations 1-12 and its inspection
# findings 13-134 in one sequence; 115-134 belong to the review of the Local
# Safeguarding Children Board, which is not a children's services judgement.
SIF = "wokingham-2016-01-05.pdf"
SIF_SECTIONS = {
    "improve": (1, 12),
    "sif_help_and_protection": (13, 37),
    "sif_looked_after": (38, 64),
    "sif_adoption": (65, 75),
    "sif_care_leavers": (76, 90),
    "sif_leadership": (91, 114),
}
SIF_PARAGRAPHS = [
    (
        13,
        "Children and young people in Wokingham benefit from a range of well-"
        "coordinated services that provide targeted and specialist help, underpinned "
        "by a coherent multi-agency ‘early help innovation’ strategy. There is good "
        "partnership working and full commitment to developing the Signs of Safety "
        "model. Appropriate training is in place for all partners who are involved in "
        "supporting children and young people who need early help.",
    ),
    (  # runs from page 14 to page 15
        32,
        "At the time of the inspection, the child sexual exploitation panel was "
        "monitoring six children. Cases reviewed by inspectors demonstrated "
        "interventions were proportionate to the assessed risk. The numbers have "
        "remained low and are in keeping with the profile of the local authority. The "
        "prevalence of risk is predominantly from lone offenders targeting adolescent "
        "girls through social media and through friendship groups. Child sexual "
        "exploitation champions are actively disseminating good practice and available "
        "to social workers for consultation. Members of the champions group are "
        "piloting a revised assessment tool to assist in the assessment, analysis and "
        "planning for young people deemed to be at risk.",
    ),
    (  # "under-\ndeveloped" at a line end keeps its hyphen
        104,
        "Senior managers have developed effective strategies and led their "
        "implementation, although the full impact is yet to be established. There are "
        "examples of effective commissioning and re-commissioning of services. "
        "However, joint commissioning of children’s services with partners is under-"
        "developed. Pooled funding arrangements are not well established, although "
        "the local authority has agreed development work, key priorities and "
        "strategies with partners and commissioning actions are being progressed as "
        "a result. For example, a joint review by the Clinical Commissioning Groups "
        "(CCG) and local authority of CAMHS has resulted in significant additional "
        "investment from partners and change in service specification. Partners have "
        "also developed a joint ‘children with disability strategy’ for approval, but it is "
        "too early to assess any impact.",
    ),
    (
        114,
        "The local authority collates data relating to complaints and aggregated "
        "information is fully utilised to inform service developments. It is positive that "
        "37% of complaints are resolved through the offer of a meeting, enabling "
        "resolution at an early stage. The response to individual complaints is timely, "
        "with the children’s rights officer sensitively supporting children and young "
        "people.",
    ),
]


@pytest.fixture(scope="module")
def sif():
    return parsed_report(SIF)


def test_sif_numbered_paragraphs_run_1_to_114_each_under_its_judgement(sif):
    expected = {
        number: section
        for section, (first, last) in SIF_SECTIONS.items()
        for number in range(first, last + 1)
    }
    found = [(f.number, f.section) for f in sif.findings if f.number is not None]
    assert [number for number, _ in found] == list(range(1, 115))
    assert dict(found) == expected


def test_sif_lscb_paragraphs_are_not_read(sif):
    assert max(f.number for f in sif.findings if f.number) == 114
    assert not any("LSCB" in f.text[:40] for f in sif.findings if (f.number or 0) > 90)


@pytest.mark.parametrize(("number", "text"), SIF_PARAGRAPHS, ids=lambda v: str(v)[:12])
def test_sif_paragraph_text_is_exactly_the_reports(sif, number, text):
    (finding,) = [f for f in sif.findings if f.number == number]
    assert normalise_whitespace(finding.text) == normalise_whitespace(text)
