"""The quotes desk: every published statement, filterable and exportable,
and one page per statement with the findings it answers and a citation."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView

from core.exports import ExportMixin
from core.formatting import formatted, precise, precise_iso
from core.listing import FilteredListView
from core.search import highlighted
from inspections.models import Finding
from people.models import Role

from .filters import StatementFilter
from .models import Statement

EXPORT_COLUMNS = [
    "id",
    "url",
    "text",
    "said_on",
    "said_precision",
    "official",
    "official_url",
    "role",
    "post_title",
    "council",
    "context",
    "source_title",
    "source_publisher",
    "source_kind",
    "source_url",
    "source_published_on",
    "inspection",
    "inspection_url",
    "themes",
    "citation",
]


def role_label(statement):
    role = getattr(statement, "role_held", None)
    return Role(role).label if role else ""


def council(statement):
    """The council the speaker worked for that day, else the one inspected."""
    if getattr(statement, "post_authority", None):
        return statement.post_authority
    if statement.inspection_id:
        authority = statement.inspection.authority
        return authority.official_name or authority.name
    return ""


def citation(statement, permalink, accessed=None):
    """A plain-text citation, e.g. Carol Cammiss, Director of children's
    services, Wokingham Borough Council, July 2019, in "[title]" (Wokingham
    Borough Council, press release). Ofsted children's services record,
    https://.../quotes/8/ (accessed 25 November 2026)."""
    accessed = accessed or timezone.localdate()
    who = [str(statement.official)]
    if getattr(statement, "post_title", None):
        who.append(statement.post_title)
    if getattr(statement, "post_authority", None):
        who.append(statement.post_authority)
    who.append(precise(statement.said_on, statement.said_precision))
    source = statement.source
    where = [part for part in (source.publisher, source.get_kind_display().lower()) if part]
    if source.url:
        where.append(source.url)
    return (
        f'{", ".join(who)}, in "{source.title}" ({", ".join(where)}). '
        f"Ofsted children's services record, {permalink} "
        f"(accessed {formatted(accessed, 'j F Y')})."
    )


def statement_row(request, statement, accessed=None):
    """Everything about a statement, with absolute links, for CSV and JSON.
    Text is exactly as stored: never HTML."""
    absolute = request.build_absolute_uri
    permalink = absolute(statement.get_absolute_url())
    inspection = statement.inspection
    return {
        "id": statement.pk,
        "url": permalink,
        "text": statement.text,
        "said_on": precise_iso(statement.said_on, statement.said_precision),
        "said_precision": statement.said_precision,
        "official": str(statement.official),
        "official_url": absolute(statement.official.get_absolute_url()),
        "role": role_label(statement),
        "post_title": getattr(statement, "post_title", None) or "",
        "council": council(statement),
        "context": statement.context,
        "source_title": statement.source.title,
        "source_publisher": statement.source.publisher,
        "source_kind": statement.source.get_kind_display(),
        "source_url": statement.source.url,
        "source_published_on": precise_iso(
            statement.source.published_on, statement.source.published_precision
        ),
        "inspection": str(inspection) if inspection else "",
        "inspection_url": absolute(inspection.get_absolute_url()) if inspection else "",
        "themes": [theme.name for theme in statement.themes.all()],
        "citation": citation(statement, permalink, accessed),
    }


class StatementListView(ExportMixin, FilteredListView):
    model = Statement
    filterset_class = StatementFilter
    template_name = "quotes/statement_list.html"
    nav = "statement"
    feed_url_name = "statement_feed"
    export_name = "quotes"
    export_columns = EXPORT_COLUMNS

    def get_queryset(self):
        return Statement.objects.published()

    def export_row(self, statement):
        return statement_row(self.request, statement, self.accessed)

    def get(self, request, *args, **kwargs):
        self.accessed = timezone.localdate()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for statement in context["object_list"]:
            statement.highlighted_text = highlighted(getattr(statement, "search_headline", None))
            statement.highlighted_context = highlighted(
                getattr(statement, "context_headline", None)
            )
        return context


class StatementDetailView(DetailView):
    template_name = "quotes/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        return Statement.objects.published().for_display()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.object
        themes = list(statement.themes.all())
        findings = []
        if statement.inspection_id and themes:
            # Findings of the same inspection on any of the statement's themes.
            tagged = Finding.themes.through.objects.filter(
                finding=OuterRef("pk"), theme__in=[theme.pk for theme in themes]
            )
            findings = (
                Finding.objects.filter(Exists(tagged), inspection_id=statement.inspection_id)
                .select_related("inspection")
                .prefetch_related("themes")
                .order_by("order", "paragraph_number", "pk")
            )
        permalink = self.request.build_absolute_uri(statement.get_absolute_url())
        context.update(
            nav="statement",
            themes=themes,
            theme_ids={theme.pk for theme in themes},
            findings=findings,
            role=role_label(statement),
            council=council(statement),
            permalink=permalink,
            official_url=self.request.build_absolute_uri(statement.official.get_absolute_url()),
            citation=citation(statement, permalink),
            list_of_same_inspection=(
                reverse("statement_list") + f"?inspection={statement.inspection.slug}"
                if statement.inspection_id
                else ""
            ),
        )
        return context
