"""How the inspection pages present what the database holds: findings by
section, the report beside the council's words, grades in words, and an
authority's standing among its neighbours. Plain functions over rows
already fetched, so they cost no queries."""

from django.db.models import Count, Func, IntegerField, Subquery
from django.db.models.functions import ExtractYear

from .choices import GRADE_RANK, Area, Grade, Section


def count_of(queryset):
    """A correlated COUNT(*) of a queryset that filters on OuterRef, so a
    list can carry several counts without their joins multiplying."""
    counted = queryset.order_by().annotate(
        n=Func("pk", function="COUNT", output_field=IntegerField())
    )
    return Subquery(counted.values("n"))


def by_section(findings):
    """[(section label, section, [findings])] with sections in the order
    they first appear in the report and findings in report order; each
    section once, even if the recorded order interleaves them."""
    sections = {}
    for finding in findings:
        sections.setdefault(finding.section, []).append(finding)
    return [(Section(key).label, key, found) for key, found in sections.items()]


def ofsted_and_council(findings, statements):
    """For each theme the council's statements touch, the report's findings
    on that theme beside those statements, themes A to Z.

    Themes only the findings touch are left out: they would repeat the report
    with nothing to set beside it."""
    themes = {theme.pk: theme for s in statements for theme in s.themes.all()}
    return [
        {
            "theme": theme,
            "findings": [f for f in findings if theme in f.themes.all()],
            "statements": [s for s in statements if theme in s.themes.all()],
        }
        for theme in sorted(themes.values(), key=lambda t: t.name)
    ]


def grade_label(grade):
    """The words for a grade held in an annotation, which has no get_..._display()."""
    return Grade(grade).label if grade else ""


def by_year(findings, statements):
    """[(year, findings, statements)]: findings by the year their report was
    published, statements by the year they were said. Two queries."""

    def counts(queryset, date_field):
        rows = (
            queryset.order_by()
            .annotate(year=ExtractYear(date_field))
            .values("year")
            .annotate(n=Count("pk"))
        )
        return {row["year"]: row["n"] for row in rows if row["year"]}

    found = counts(findings, "inspection__published_on")
    said = counts(statements, "said_on")
    return [(year, found.get(year, 0), said.get(year, 0)) for year in sorted(found.keys() | said)]


# The judgement areas the national table has a column for (ILACS, 2018 on).
# An inspection before 2023 graded children in care and care leavers
# together: that grade shows in both columns.
TABLE_AREAS = [
    (Area.IMPACT_OF_LEADERS, "Impact of leaders"),
    (Area.HELP_AND_PROTECTION, "Help and protection"),
    (Area.CHILDREN_IN_CARE, "Children in care"),
    (Area.CARE_LEAVERS, "Care leavers"),
]
TOGETHER = {Area.CHILDREN_IN_CARE, Area.CARE_LEAVERS}


def latest_area_grades(authority):
    """[(area label, grade, grade label, judged together)] for the table's
    columns, from with_latest_outcome()'s annotations."""
    together = getattr(authority, f"latest_{Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS}", None)
    grades = []
    for area, label in TABLE_AREAS:
        grade = getattr(authority, f"latest_{area}", None)
        combined = not grade and area in TOGETHER and bool(together)
        if combined:
            grade = together
        grades.append((label, grade or "", grade_label(grade), combined))
    return grades


def label_latest(authority):
    """Words for the annotated grades, which have no get_..._display()."""
    authority.latest_grade_label = grade_label(authority.latest_grade)
    authority.area_grades = latest_area_grades(authority)
    return authority


def last_updated(authorities, inspections=()):
    """[(what, imported_at, source_file)]: the newest import among the
    authorities shown and among the outcomes shown (their latest, and any
    inspections given), for "last updated" lines."""
    lines = []
    for what, records in (
        ("Authority data", [(a.imported_at, a.source_file) for a in authorities]),
        (
            "Outcomes data",
            [(a.latest_imported_at, a.latest_source_file) for a in authorities]
            + [(i.imported_at, i.source_file) for i in inspections],
        ),
    ):
        dated = [record for record in records if record[0]]
        if dated:
            imported_at, source_file = max(dated, key=lambda record: record[0])
            lines.append((what, imported_at, source_file))
    return lines


def compare_with_neighbours(authority, neighbours):
    """How many neighbours fared better, the same or worse than the authority
    at their latest inspection, by GRADE_RANK; those with no grade that can
    be compared (none, or "not known") apart. None if the authority itself
    has no grade to compare with."""
    own = GRADE_RANK.get(authority.latest_grade)
    counts = {"better": 0, "same": 0, "worse": 0, "not_comparable": 0}
    for neighbour in neighbours:
        theirs = GRADE_RANK.get(neighbour.latest_grade)
        if own is None or theirs is None:
            counts["not_comparable"] += 1
        elif theirs < own:
            counts["better"] += 1
        elif theirs == own:
            counts["same"] += 1
        else:
            counts["worse"] += 1
    counts["total"] = len(neighbours)
    counts["comparable"] = own is not None
    return counts
