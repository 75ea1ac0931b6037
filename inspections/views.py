"""The public report pages. Every inspection, finding and statement shown
starts from published(); local authorities and themes are public reference
data. Each page makes a fixed number of queries, whatever the rows."""

from django.db.models import Count, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear
from django.views.generic import DetailView, ListView, TemplateView

from people.models import Official, Post
from quotes.models import Statement

from .charts import grade_timeline
from .choices import Grade, Section
from .filters import FindingFilterSet, InspectionFilterSet
from .listing import FilteredListView
from .models import Finding, Inspection, LocalAuthority, Theme

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


class InspectionListView(FilteredListView):
    filterset_class = InspectionFilterSet
    paginate_by = 20
    nav = "inspection"
    template_name = "inspections/inspection_list.html"

    def get_queryset(self):
        return Inspection.objects.published().with_related().with_finding_count().newest_first()


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
            statements=statements,
            compared=ofsted_and_council(findings, statements),
            previous_inspection=history[here - 1] if here > 0 else None,
            next_inspection=history[here + 1] if here + 1 < len(history) else None,
            **kwargs,
        )


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


class FindingListView(FilteredListView):
    filterset_class = FindingFilterSet
    paginate_by = 25
    nav = "finding"
    template_name = "inspections/finding_list.html"

    def get_queryset(self):
        return Finding.objects.published().with_related().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for finding in context["object_list"]:
            finding.area_grade_label = grade_label(finding.area_grade)
        return context


def grade_label(grade):
    """The words for a grade held in an annotation, which has no get_..._display()."""
    return Grade(grade).label if grade else ""


class ThemeListView(ListView):
    template_name = "inspections/theme_list.html"
    context_object_name = "themes"
    extra_context = {"nav": "theme"}

    def get_queryset(self):
        return Theme.objects.annotate(
            finding_count=count_of(Finding.objects.published().filter(themes=OuterRef("pk"))),
            statement_count=count_of(Statement.objects.published().filter(themes=OuterRef("pk"))),
        )


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


class AuthorityListView(ListView):
    template_name = "inspections/authority_list.html"
    context_object_name = "authorities"
    extra_context = {"nav": "authority"}

    def get_queryset(self):
        inspections = Inspection.objects.published().filter(authority=OuterRef("pk"))
        latest_graded = inspections.exclude(overall_grade="").newest_first()
        return LocalAuthority.objects.annotate(
            inspection_count=count_of(inspections),
            latest_grade=Subquery(latest_graded.values("overall_grade")[:1]),
            latest_slug=Subquery(latest_graded.values("slug")[:1]),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for authority in context["authorities"]:
            authority.latest_grade_label = grade_label(authority.latest_grade)
        return context


class AuthorityDetailView(DetailView):
    model = LocalAuthority
    template_name = "inspections/authority_detail.html"
    context_object_name = "authority"

    def get_context_data(self, **kwargs):
        authority = self.object
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
        return super().get_context_data(
            nav="authority",
            inspections=inspections,
            newest_first=inspections[::-1],
            chart=grade_timeline(authority, inspections),
            posts=posts,
            statements=statements,
            **kwargs,
        )
