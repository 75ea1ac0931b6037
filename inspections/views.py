"""The inspection domain's own lists: inspections, findings and the national
table of authorities, each filterable and exportable. Pages that also show
what officials said are composed in core.views."""

from django.db.models import OuterRef
from django.urls import reverse

from core.exports import ExportMixin
from core.formatting import precise_iso
from core.listing import FilteredListView
from core.search import highlighted

from .charts import grade_distribution
from .choices import Area
from .filters import AuthorityFilterSet, FindingFilterSet, InspectionFilterSet
from .models import Finding, Inspection, LocalAuthority, Region
from .presenters import TABLE_AREAS, count_of, grade_label, label_latest, last_updated


class InspectionListView(ExportMixin, FilteredListView):
    filterset_class = InspectionFilterSet
    paginate_by = 20
    nav = "inspection"
    feed_url_name = "inspection_feed"
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
        # In the order the filterset's sort gives.
        return Inspection.objects.published().with_related().with_finding_count()

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
        return Finding.objects.published().with_related()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for finding in context["object_list"]:
            finding.area_grade_label = grade_label(finding.area_grade)
            finding.highlighted_text = highlighted(getattr(finding, "search_headline", None))
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
        return (
            LocalAuthority.objects.public()
            .with_latest_outcome()
            .annotate(inspection_count=count_of(inspections))
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
