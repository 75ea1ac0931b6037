"""The public report pages. Every inspection, finding and statement shown
starts from published(); local authorities and themes are public reference
data. Each page makes a fixed number of queries, whatever the rows."""

from django.db.models import Count, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from people.models import Official, Post
from quotes.models import Statement

from .charts import grade_distribution, grade_timeline
from .choices import GRADE_RANK, Area, Grade, Section
from .exports import ExportMixin
from .filters import FINDING_SORTS, AuthorityFilterSet, FindingFilterSet, InspectionFilterSet
from .listing import FilteredListView
from .models import (
    Finding,
    Inspection,
    InspectionTheme,
    LocalAuthority,
    Region,
    StatisticalNeighbour,
    Theme,
)
from .search import highlighted
from .templatetags.record import precise_iso

# A theme page shows the latest of these and links to the full, filterable list.
THEME_FINDINGS_SHOWN = 20
THEME_STATEMENTS_SHOWN = 20


def count_of(queryset):
    """A correlated COUNT(*) of a queryset that filters on OuterRef, so a
    list can carry several counts without their joins multiplying."""
    counted = queryset.order_by().annotate(
        n=Func("pk", function="COUNT", output_field=IntegerField())
    )
    return Subquery(counted.values("n"))


def published_statements():
    return Statement.objects.published().select_related(
        "official", "source", "inspection__authority"
    )


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            nav=None,
            latest_inspections=Inspection.objects.published()
            .select_related("authority")
            .newest_first()[:5],
            latest_statements=published_statements().order_by("-said_on", "-pk")[:4],
            themes=Theme.objects.all(),
            **kwargs,
        )


class InspectionListView(ExportMixin, FilteredListView):
    filterset_class = InspectionFilterSet
    paginate_by = 20
    nav = "inspection"
    template_name = "inspections/inspection_list.html"
    export_name = "inspections"
    export_columns = [
        "url",
        "authority",
        "authority_url",
        "region",
        "kind",
        "start_date",
        "end_date",
        "published_on",
        "lead_inspector",
        "overall_effectiveness",
        "judgements",
        "priority_actions",
        "report_url",
        "findings_recorded",
    ]

    def get_queryset(self):
        return Inspection.objects.published().with_related().with_finding_count().newest_first()

    def export_row(self, inspection):
        """Everything the list shows, with absolute links, for CSV and JSON."""
        absolute = self.request.build_absolute_uri
        return {
            "url": absolute(inspection.get_absolute_url()),
            "authority": inspection.authority.name,
            "authority_url": absolute(inspection.authority.get_absolute_url()),
            "region": inspection.authority.get_region_display(),
            "kind": inspection.get_kind_display(),
            "start_date": precise_iso(inspection.start_date, inspection.dates_precision),
            "end_date": precise_iso(inspection.end_date, inspection.dates_precision),
            "published_on": precise_iso(inspection.published_on, inspection.published_precision),
            "lead_inspector": inspection.lead_inspector,
            "overall_effectiveness": inspection.get_overall_grade_display(),
            "judgements": [str(judgement) for judgement in inspection.judgements.all()],
            "priority_actions": inspection.priority_actions,
            "report_url": inspection.report_url,
            "findings_recorded": inspection.finding_count,
        }


class InspectionDetailView(DetailView):
    queryset = Inspection.objects.published().with_related()
    template_name = "inspections/inspection_detail.html"

    def get_context_data(self, **kwargs):
        inspection = self.object
        findings = list(inspection.findings.in_report_order().prefetch_related("themes"))
        statements = list(
            published_statements()
            .filter(inspection=inspection)
            .prefetch_related("themes")
            .order_by("said_on", "pk")
        )
        history = list(
            Inspection.objects.published()
            .filter(authority=inspection.authority_id)
            .select_related("authority")
            .defer("summary")
            .oldest_first()
        )
        here = next(n for n, i in enumerate(history) if i.pk == inspection.pk)
        # When the summary's paragraphs are recorded as findings they show as
        # findings, with permalinks, and not a second time.
        summary_as_findings = any(f.section == Section.SUMMARY for f in findings)
        return super().get_context_data(
            nav="inspection",
            summary_text="" if summary_as_findings else inspection.summary,
            findings=findings,
            sections=by_section(findings),
            statements=statements,
            compared=ofsted_and_council(findings, statements),
            previous_inspection=history[here - 1] if here > 0 else None,
            next_inspection=history[here + 1] if here + 1 < len(history) else None,
            **kwargs,
        )


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


class FindingListView(ExportMixin, FilteredListView):
    filterset_class = FindingFilterSet
    paginate_by = 25
    nav = "finding"
    template_name = "inspections/finding_list.html"
    export_name = "findings"
    export_columns = [
        "url",
        "inspection",
        "inspection_url",
        "published_on",
        "section",
        "paragraph_number",
        "kind",
        "area_grade",
        "themes",
        "text",
    ]

    def get_queryset(self):
        return Finding.objects.published().with_related().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for finding in context["object_list"]:
            finding.area_grade_label = grade_label(finding.area_grade)
            finding.highlighted_text = highlighted(getattr(finding, "search_headline", None))
        context.update(sort=self.filterset.sort_order, sort_choices=FINDING_SORTS)
        return context

    def export_row(self, finding):
        """A finding exactly as the report words it, with its permalink."""
        absolute = self.request.build_absolute_uri
        inspection = finding.inspection
        return {
            "url": absolute(finding.get_absolute_url()),
            "inspection": str(inspection),
            "inspection_url": absolute(inspection.get_absolute_url()),
            "published_on": precise_iso(inspection.published_on, inspection.published_precision),
            "section": finding.get_section_display(),
            "paragraph_number": finding.paragraph_number,
            "kind": finding.get_kind_display(),
            "area_grade": grade_label(finding.area_grade),
            "themes": [theme.name for theme in finding.themes.all()],
            "text": finding.text,
        }


def grade_label(grade):
    """The words for a grade held in an annotation, which has no get_..._display()."""
    return Grade(grade).label if grade else ""


class ThemeListView(ListView):
    template_name = "inspections/theme_list.html"
    context_object_name = "themes"
    extra_context = {"nav": "theme"}

    model = Theme

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Summed from the per-inspection counts the database keeps: 54,000
        # rows at national scale rather than 300,000 findings' links.
        findings = InspectionTheme.objects.published().finding_counts()
        statements = Statement.objects.published().theme_counts()
        for theme in context["themes"]:
            theme.finding_count = findings.get(theme.pk, 0)
            theme.statement_count = statements.get(theme.pk, 0)
        return context


class ThemeDetailView(DetailView):
    model = Theme
    template_name = "inspections/theme_detail.html"

    def get_context_data(self, **kwargs):
        findings = Finding.objects.published().filter(themes=self.object)
        statements = Statement.objects.published().filter(themes=self.object)
        return super().get_context_data(
            nav="theme",
            findings=findings.with_related().newest_first()[:THEME_FINDINGS_SHOWN],
            finding_count=findings.count(),
            statements=published_statements()
            .filter(themes=self.object)
            .order_by("-said_on", "-pk")[:THEME_STATEMENTS_SHOWN],
            statement_count=statements.count(),
            years=by_year(findings, statements),
            **kwargs,
        )


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


class AuthorityListView(ExportMixin, FilteredListView):
    """The national picture: every authority with its latest outcome,
    filterable, with the distribution of grades as a chart and a table."""

    filterset_class = AuthorityFilterSet
    # The national table: every authority on one page.
    paginate_by = 200
    nav = "authority"
    template_name = "inspections/authority_list.html"
    context_object_name = "authorities"
    export_name = "local-authorities"
    export_columns = [
        "name",
        "slug",
        "url",
        "region",
        "authority_type",
        "la_code",
        "ofsted_urn",
        "ons_code",
        "inspections_published",
        "latest_overall_effectiveness",
        *[f"latest_{area}" for area in Area.values],
        "latest_inspection_url",
        "latest_inspection_start_date",
        "latest_inspection_end_date",
        "latest_published_on",
        "latest_report_url",
        "source_file",
        "source_row",
        "imported_at",
        "latest_source_file",
        "latest_source_row",
        "latest_imported_at",
    ]

    def get_queryset(self):
        inspections = Inspection.objects.published().filter(authority=OuterRef("pk"))
        return LocalAuthority.objects.with_latest_outcome().annotate(
            inspection_count=count_of(inspections)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for authority in context["authorities"]:
            label_latest(authority)
        # The chart and the "last updated" line count the whole filtered
        # set, not only the page shown: that is the page itself when it shows
        # every authority (there are about 150), else one more query.
        if context["is_paginated"]:
            everything = list(self.object_list.prefetch_related(None))
        else:
            everything = list(context["authorities"])
        context["distribution"] = (
            grade_distribution(
                [(a.region, a.latest_grade or "") for a in everything], Region.choices
            )
            if everything
            else None
        )
        context["last_updated"] = last_updated(everything)
        context["table_areas"] = [label for _, label in TABLE_AREAS]
        return context

    def export_row(self, authority):
        absolute = self.request.build_absolute_uri
        row = {
            "name": authority.name,
            "slug": authority.slug,
            "url": absolute(authority.get_absolute_url()),
            "region": authority.get_region_display(),
            "authority_type": authority.get_authority_type_display(),
            "la_code": authority.la_code,
            "ofsted_urn": authority.ofsted_urn,
            "ons_code": authority.ons_code,
            "inspections_published": authority.inspection_count,
            "latest_overall_effectiveness": grade_label(authority.latest_grade),
            "latest_inspection_url": (
                absolute(reverse("inspection_detail", args=[authority.latest_slug]))
                if authority.latest_slug
                else ""
            ),
            "latest_inspection_start_date": precise_iso(
                authority.latest_start_date, authority.latest_dates_precision
            ),
            "latest_inspection_end_date": precise_iso(
                authority.latest_end_date, authority.latest_dates_precision
            ),
            "latest_published_on": precise_iso(
                authority.latest_published_on, authority.latest_published_precision
            ),
            "latest_report_url": authority.latest_report_url or "",
            "source_file": authority.source_file,
            "source_row": authority.source_row,
            "imported_at": authority.imported_at.isoformat() if authority.imported_at else "",
            "latest_source_file": authority.latest_source_file or "",
            "latest_source_row": authority.latest_source_row,
            "latest_imported_at": (
                authority.latest_imported_at.isoformat() if authority.latest_imported_at else ""
            ),
        }
        for area in Area.values:
            row[f"latest_{area}"] = grade_label(getattr(authority, f"latest_{area}"))
        return row


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


class AuthorityDetailView(DetailView):
    template_name = "inspections/authority_detail.html"
    context_object_name = "authority"

    def get_queryset(self):
        return LocalAuthority.objects.with_latest_outcome()

    def get_context_data(self, **kwargs):
        authority = label_latest(self.object)
        inspections = list(authority.inspections.published().with_related().oldest_first())
        posts = (
            Post.objects.filter(authority=authority, official__in=Official.objects.published())
            .select_related("official")
            .order_by("official__name", "-start_date")
        )
        # Statements about this authority: on its inspections, or said by
        # someone who held a post here when the statement is about no
        # inspection.
        statements = (
            published_statements()
            .filter(
                Q(inspection__authority=authority)
                | Q(inspection__isnull=True, official__posts__authority=authority)
            )
            .distinct()
            .order_by("-said_on", "-pk")
        )
        # Its statistical neighbours, closest first, each with its latest
        # outcome; and the authorities that list it as theirs. Two queries.
        rank = StatisticalNeighbour.objects.filter(
            authority=authority, neighbour=OuterRef("pk")
        ).values("rank")[:1]
        neighbours = [
            label_latest(neighbour)
            for neighbour in LocalAuthority.objects.with_latest_outcome()
            .filter(neighbour_of=authority)
            .annotate(rank=Subquery(rank))
            .order_by("rank", "name")
        ]
        listed_by = list(authority.neighbour_of.order_by("name"))
        return super().get_context_data(
            nav="authority",
            inspections=inspections,
            newest_first=inspections[::-1],
            chart=grade_timeline(authority, inspections),
            posts=posts,
            statements=statements,
            neighbours=neighbours,
            compared=compare_with_neighbours(authority, neighbours),
            listed_by=listed_by,
            last_updated=last_updated([authority, *neighbours], inspections),
            **kwargs,
        )
