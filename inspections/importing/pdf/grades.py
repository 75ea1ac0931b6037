"""Grades and judgement areas: the words for them, and reading them from the
judgement table (ILACS) or the front-page judgements (SIF), checked against the
grades printed in the section headings.

Apart from the walk through the text because the grades are read from the
front pages first, on their own; the headings only confirm them.
"""

import re

from core.text import normalise_whitespace
from inspections.choices import Area, Grade

from .text import APOS

GRADE_RE = re.compile(
    r"requires?\s+improvement(?:\s+to\s+be\s+good)?|requiring\s+improvement"
    r"|outstanding|inadequate|good",
    re.IGNORECASE,
)

# Order matters: the combined 2018-2022 area before "children in care" alone.
ILACS_AREAS = [
    (Area.IMPACT_OF_LEADERS, r"impact\s+of\s+leaders"),
    (Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS, r"children\s+in\s+care\s+and\s+care\s+leavers"),
    (Area.HELP_AND_PROTECTION, r"need\s+help\s+and\s+protection"),
    (Area.CHILDREN_IN_CARE, r"progress\s+of\s+children\s+in\s+care(?!\s+and\s+care\s+leavers)"),
    (Area.CARE_LEAVERS, r"progress\s+of\s+care\s+leavers"),
]
SIF_AREAS = [
    (Area.SIF_HELP_AND_PROTECTION, r"need\s+help\s+and\s+protection"),
    (Area.SIF_LOOKED_AFTER, r"looked\s+after\s+and\s+achieving\s+permanence"),
    (Area.SIF_ADOPTION, r"adoption\s+performance"),
    (Area.SIF_CARE_LEAVERS, r"experiences?\s+and\s+progress\s+of\s+care\s+leavers"),
    (Area.SIF_LEADERSHIP, r"leadership,?\s+management\s+and\s+governance"),
]
# The areas an ILACS report grades: three until 2022, four from 2023.
_ILACS_EXPECTED = {
    3: [
        Area.IMPACT_OF_LEADERS,
        Area.HELP_AND_PROTECTION,
        Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS,
    ],
    4: [
        Area.IMPACT_OF_LEADERS,
        Area.HELP_AND_PROTECTION,
        Area.CHILDREN_IN_CARE,
        Area.CARE_LEAVERS,
    ],
}


def grade_value(phrase):
    phrase = phrase.lower()
    if phrase.startswith("requir"):
        return Grade.REQUIRES_IMPROVEMENT.value
    return {
        "outstanding": Grade.OUTSTANDING.value,
        "good": Grade.GOOD.value,
        "inadequate": Grade.INADEQUATE.value,
    }[phrase.split()[0]]


def find_area(text, areas):
    for area, pattern in areas:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return area, match
    return None, None


def _area_tokens(areas, *others):
    """A pattern matching any of ``areas`` (as groups a0, a1, ...) or ``others``."""
    labels = "|".join(f"(?P<a{i}>{pattern})" for i, (_, pattern) in enumerate(areas))
    return re.compile("|".join([labels, *others]), re.IGNORECASE)


def read_ilacs_table(all_lines, warnings):
    """(grades by area, overall grade) from an ILACS report's judgement table."""
    text = _ilacs_table_text([line for line in all_lines if line.page <= 1])
    if text is None:
        warnings.append("The judgement table could not be found.")
        return {}, ""
    token = _area_tokens(
        ILACS_AREAS, r"(?P<overall>overall\s+effectiveness)", rf"(?P<grade>{GRADE_RE.pattern})"
    )
    grades, overall = {}, ""
    current = None
    for match in token.finditer(text):
        kind = match.lastgroup
        if kind == "grade":
            if current == "overall" and not overall:
                overall = grade_value(match.group(0))
            elif current not in (None, "overall") and current not in grades:
                grades[current] = grade_value(match.group(0))
            current = None
        elif kind == "overall":
            current = "overall"
        else:
            current = ILACS_AREAS[int(kind[1:])][0].value
    if not overall:
        warnings.append("The overall effectiveness grade could not be read.")
    return grades, overall


def _ilacs_table_text(lines):
    """The text of the judgement table: from "Judgements" to the overall grade."""
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"Judgements?\b", line.text, re.IGNORECASE)),
        None,
    )
    if start is None:
        return None
    table = []
    rest = lines[start + 1 :]
    for position, line in enumerate(rest):
        table.append(line.text)
        if re.match(r"Overall effectiveness\b", line.text, re.IGNORECASE):
            if not GRADE_RE.search(line.text) and position + 1 < len(rest):
                table.append(rest[position + 1].text)
            break
    return normalise_whitespace(" ".join(table))


def read_sif_grades(layout, warnings):
    """(grades by area, overall grade) from a SIF report's first page."""
    first = [line for line in layout.pages[0] if line.size >= 0.88 * layout.body_size]
    text = normalise_whitespace(" ".join(line.text for line in first))
    overall = ""
    match = re.search(
        rf"Children{APOS}s services in .+?\s+(?:(?:are|is)\s+)?"
        rf"(?:(?:judged|found)\s+to\s+be\s+)?({GRADE_RE.pattern})",
        text,
        re.IGNORECASE,
    )
    rest = text
    if match:
        overall = grade_value(match.group(1))
        rest = text[match.end() :]
    else:
        warnings.append("The overall judgement could not be read.")
    token = _area_tokens(SIF_AREAS, rf"(?P<grade>{GRADE_RE.pattern})")
    grades = {}
    current = None
    for found in token.finditer(rest):
        if found.lastgroup == "grade":
            if current is not None and current not in grades:
                grades[current] = grade_value(found.group(0))
            current = None
        else:
            current = SIF_AREAS[int(found.lastgroup[1:])][0].value
    warnings.append(_lscb_note(layout.all_lines))
    return grades, overall


def _lscb_note(all_lines):
    everything = normalise_whitespace(" ".join(line.text for line in all_lines))
    lscb = re.search(
        rf"Local Safeguarding Children Board\s+(?:is\s+)?({GRADE_RE.pattern})",
        everything,
        re.IGNORECASE,
    )
    judged = f" (judged “{lscb.group(1).lower()}”)" if lscb else ""
    return (
        f"The review of the Local Safeguarding Children Board (LSCB){judged} is "
        "not a judgement of children's services: that part of the report (its "
        "summary, recommendations and numbered paragraphs) was skipped."
    )


def reconcile_grades(family, grades, heading_grades, warnings):
    """Add to ``grades`` the grades only the section headings give; warn where
    they disagree with the table, and for every expected area left ungraded."""
    for area, grade in heading_grades.items():
        if area not in grades:
            grades[area] = grade
        elif grades[area] != grade:
            warnings.append(
                f"The judgement table and the section heading disagree on "
                f"“{Area(area).label}” ({Grade(grades[area]).label} or "
                f"{Grade(grade).label}); the table's grade was kept."
            )
    if family == "sif":
        expected = [area for area, _ in SIF_AREAS]
    else:
        four = any(a in grades for a in (Area.CHILDREN_IN_CARE, Area.CARE_LEAVERS))
        expected = _ILACS_EXPECTED[4 if four else 3]
    for area in expected:
        if area.value not in grades:
            warnings.append(f"No grade could be read for “{area.label}”.")
