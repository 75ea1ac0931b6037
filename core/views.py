"""The pages that compose the record's apps: the home page, and every page
that sets Ofsted's words beside what officials said (a report, an
authority, a theme, a person). Only this module and the sitemaps and data
commands import every domain app; each app's own lists live in that app.
Also the health check and robots.txt, which touch no domain at all."""

from django.db import DatabaseError, connection
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from core.listing import FilteredListView
from inspections.charts import grade_timeline
from inspections.choices import Section
from inspections.models import (
    Finding,
    Inspection,
    InspectionTheme,
    LocalAuthority,
    StatisticalNeighbour,
    Theme,
)
from inspections.presenters import (
    by_section,
    by_year,
    compare_with_neighbours,
    label_latest,
    last_updated,
    ofsted_and_council,
)
from people.filters import OfficialFilter
from people.models import Official, Post
from quotes.models import Statement, public_statement_count


@never_cache
def healthz(request):
    """For load balancers and monitors: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


ROBOTS = "User-agent: *\nAllow: /\nDisallow: /admin/\nSitemap: {sitemap}\n"


def robots_txt(request):
    """Touches no database, so the benchmark also uses it as its ceiling:
    the fastest any page can be through the same middleware."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain")


# A theme page shows the latest of these and links to the full, filterable list.
THEME_FINDINGS_SHOWN = 20
THEME_STATEMENTS_SHOWN = 20


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            nav=None,
            latest_inspections=Inspection.objects.published()
            .select_related("authority")
            .newest_first()[:5],
            latest_statements=Statement.objects.published()
            .with_speaker()
            .order_by("-said_on", "-pk")[:4],
            themes=Theme.objects.all(),
            **kwargs,
        )


class InspectionDetailView(DetailView):
    queryset = Inspection.objects.published().with_related()
    template_name = "inspections/inspection_detail.html"

    def get_context_data(self, **kwargs):
        inspection = self.object
        findings = list(inspection.findings.in_report_order().prefetch_related("themes"))
        statements = list(
            Statement.objects.published()
            .with_speaker()
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
            statements=Statement.objects.published()
            .with_speaker()
            .filter(themes=self.object)
            .order_by("-said_on", "-pk")[:THEME_STATEMENTS_SHOWN],
            statement_count=statements.count(),
            years=by_year(findings, statements),
            **kwargs,
        )


class AuthorityDetailView(DetailView):
    template_name = "inspections/authority_detail.html"
    context_object_name = "authority"

    def get_queryset(self):
        return LocalAuthority.objects.public().with_latest_outcome()

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
            Statement.objects.published()
            .with_speaker()
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


# How many of a person's quotes their page shows before linking to the rest.
STATEMENTS_SHOWN = 20


def posts_newest_first():
    return Post.objects.select_related("authority").order_by(
        F("start_date").desc(nulls_last=True), "-pk"
    )


class OfficialListView(FilteredListView):
    model = Official
    filterset_class = OfficialFilter
    template_name = "people/official_list.html"
    nav = "official"

    def get_queryset(self):
        return (
            Official.objects.published()
            .annotate(statement_count=public_statement_count())
            .prefetch_related(Prefetch("posts", queryset=posts_newest_first()))
            .order_by("name", "pk")
        )


class OfficialDetailView(DetailView):
    template_name = "people/official_detail.html"
    context_object_name = "official"

    def get_queryset(self):
        return Official.objects.published().prefetch_related(
            Prefetch("posts", queryset=posts_newest_first())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        official = self.object
        posts = official.posts.all()
        inspections = list(posts.inspections_while_held()) if posts else []
        statements = (
            Statement.objects.published()
            .filter(official=official)
            .for_display()
            .order_by("-said_on", "-pk")
        )
        shown = list(statements[: STATEMENTS_SHOWN + 1])
        context.update(
            nav="official",
            posts=[
                {
                    "post": post,
                    "inspections": [
                        i
                        for i in inspections
                        if i.authority_id == post.authority_id and post.held_during(i)
                    ],
                }
                for post in posts
            ],
            statements=shown[:STATEMENTS_SHOWN],
            more_statements=len(shown) > STATEMENTS_SHOWN,
            all_statements_url=reverse("statement_list") + f"?official={official.slug}",
        )
        return context
