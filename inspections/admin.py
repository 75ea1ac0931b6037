import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from core.publishing import (
    PartOfPublishedAdmin,
    PublishingAdmin,
    ShownWhenPublishedAdmin,
    can_publish,
)

from .importing.csv import ADMIN_MAX_ROWS, ImportFileError
from .importing.forms import CsvUploadForm, ReportUploadForm
from .importing.pdf.result import ReportError
from .importing.report import ReportRefused, import_report
from .importing.tasks import importer_for, queue_import, report_of
from .models import (
    Finding,
    ImportKind,
    ImportRun,
    Inspection,
    Judgement,
    LocalAuthority,
    StatisticalNeighbour,
    Theme,
)

admin.site.site_header = "Ofsted children's services record: staff"
admin.site.site_title = "Staff admin"
admin.site.index_title = "Enter and review records"
# How often the page of a background import reloads itself while it runs.
REFRESH_SECONDS = 3


def run_upload(model_admin, request, kind, title, allowed):
    """The admin page for a CSV import: upload, import, show what happened.

    A file of more rows than a request can import (``ADMIN_MAX_ROWS``) is
    kept and imported in the background instead; the upload is sent on to
    the page of that run, which shows how it is going."""
    if not allowed:
        raise PermissionDenied
    report = None
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            importer = importer_for(kind, request.user)
            report = importer(data, upload.name, max_rows=ADMIN_MAX_ROWS)
        except ImportFileError as exc:
            if exc.code != "too_many_rows":
                form.add_error("file", exc.message)
            else:
                run = queue_import(kind, data, upload.name, request.user)
                model_admin.message_user(
                    request,
                    f"Importing {run.rows:,} rows in the background… This page shows how it "
                    "is going.",
                    messages.INFO,
                )
                return redirect("admin:inspections_importrun_change", run.pk)
        else:
            model_admin.message_user(request, report.summary(), messages.SUCCESS)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "form": form,
        "report": report,
    }
    return TemplateResponse(request, "admin/inspections/csv_import.html", context)


def may_import(user, kind):
    """Authorities: whoever may add and change them. Outcomes are published
    as they are imported, so only publishers."""
    if kind == ImportKind.OUTCOMES:
        return can_publish(user, Inspection)
    return user.has_perm("inspections.add_localauthority") and user.has_perm(
        "inspections.change_localauthority"
    )


def duration(seconds):
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


class StatisticalNeighbourInline(admin.TabularInline):
    model = StatisticalNeighbour
    fk_name = "authority"
    extra = 0
    autocomplete_fields = ["neighbour"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(ShownWhenPublishedAdmin):
    # Its name and grades head every published report and post of it.
    published_via = ["inspections__status", "posts__official__status"]
    publish_permission = "inspections.publish_inspection"
    list_display = [
        "name",
        "official_name",
        "region",
        "authority_type",
        "la_code",
        "ofsted_urn",
        "imported_at",
    ]
    list_filter = ["region", "authority_type"]
    search_fields = ["name", "official_name", "la_code", "ofsted_urn", "ons_code"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["source_file", "source_row", "imported_at"]
    inlines = [StatisticalNeighbourInline]
    change_list_template = "admin/inspections/localauthority/change_list.html"

    def get_urls(self):
        return [
            path(
                "import-authorities/",
                self.admin_site.admin_view(self.import_authorities_view),
                name="inspections_localauthority_import",
            ),
            path(
                "import-outcomes/",
                self.admin_site.admin_view(self.import_outcomes_view),
                name="inspections_inspection_import_outcomes",
            ),
            *super().get_urls(),
        ]

    def import_authorities_view(self, request):
        allowed = self.has_add_permission(request) and self.has_change_permission(request)
        return run_upload(
            self, request, ImportKind.AUTHORITIES, "Import local authorities", allowed
        )

    def import_outcomes_view(self, request):
        # Outcomes are published as they are imported, so only publishers.
        allowed = may_import(request.user, ImportKind.OUTCOMES)
        return run_upload(
            self, request, ImportKind.OUTCOMES, "Import latest ILACS outcomes", allowed
        )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Background imports, read-only: each one's page shows its progress and
    then what was imported. Seen by whoever may run that import; deleted (the
    file with it) by publishers and superusers."""

    list_display = ["file_name", "kind", "status", "rows", "requested_by", "created_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["requested_by"]
    search_fields = ["file_name"]
    date_hierarchy = "created_at"

    def kinds(self, request):
        return [kind for kind in ImportKind if may_import(request.user, kind)]

    def get_queryset(self, request):
        # The file and the report can be megabytes each; the list needs neither.
        queryset = super().get_queryset(request).defer("data", "report")
        return queryset.filter(kind__in=self.kinds(request))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return bool(self.kinds(request))
        return may_import(request.user, obj.kind)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser or can_publish(request.user, Inspection)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The run's page: its stage, rows and time taken, refreshed every
        few seconds until it has finished, then what was imported."""
        run = ImportRun.objects.filter(pk=object_id).first() if object_id.isdecimal() else None
        if run is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        end = run.finished_at or timezone.now()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import of {run.file_name}",
            "opts": self.opts,
            "run": run,
            "report": report_of(run),
            "taken": duration((end - run.started_at).total_seconds()) if run.started_at else "",
            "waited": duration((timezone.now() - run.created_at).total_seconds()),
            "refresh_seconds": REFRESH_SECONDS,
            "import_url": reverse(
                "admin:inspections_inspection_import_outcomes"
                if run.kind == ImportKind.OUTCOMES
                else "admin:inspections_localauthority_import"
            ),
            "has_delete_permission": self.has_delete_permission(request, run),
        }
        return TemplateResponse(request, "admin/inspections/import_run.html", context)


@admin.register(Theme)
class ThemeAdmin(ShownWhenPublishedAdmin):
    published_via = ["findings__inspection__status", "statements__status"]
    publish_permission = "inspections.publish_inspection"
    list_display = ["name", "slug", "finding_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_findings=Count("findings"))

    @admin.display(description="confirmed findings", ordering="_findings")
    def finding_count(self, obj):
        return obj._findings


class JudgementInline(admin.TabularInline):
    model = Judgement
    extra = 0


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0
    fields = [
        ("section", "paragraph_number", "order", "kind"),
        "text",
        "themes",
        "suggested_themes",
    ]
    autocomplete_fields = ["themes", "suggested_themes"]


@admin.register(Inspection)
class InspectionAdmin(PublishingAdmin):
    list_display = [
        "authority",
        "kind",
        "start_date",
        "published_on",
        "overall_grade",
        "status",
    ]
    list_filter = ["status", "kind", "overall_grade", "authority__region"]
    list_select_related = ["authority"]
    search_fields = ["authority__name", "lead_inspector", "summary", "slug"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["authority"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [JudgementInline, FindingInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["authority", "kind", "overall_grade", "priority_actions", "status"]}),
        (
            "Dates and people",
            {
                "fields": [
                    ("start_date", "end_date", "dates_precision"),
                    ("published_on", "published_precision"),
                    "lead_inspector",
                ]
            },
        ),
        ("Report", {"fields": ["report_url", "summary", "slug"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    change_list_template = "admin/inspections/inspection/change_list.html"
    actions = [*PublishingAdmin.actions, "confirm_suggested_themes"]

    @admin.action(
        description="Confirm every suggested theme on the selected inspections' findings",
        permissions=["change"],
    )
    def confirm_suggested_themes(self, request, queryset):
        confirmed = 0
        for inspection in queryset:
            if self.is_locked(request, inspection):
                continue
            for finding in inspection.findings.prefetch_related("suggested_themes"):
                confirmed += finding.confirm_suggested_themes()
        self.message_user(request, f"Confirmed themes on {confirmed} finding(s).", messages.SUCCESS)

    def get_queryset(self, request):
        # __str__ names the authority, including in autocomplete results.
        return super().get_queryset(request).select_related("authority")

    def get_urls(self):
        return [
            path(
                "import-report/",
                self.admin_site.admin_view(self.import_report_view),
                name="inspections_inspection_import_report",
            ),
            *super().get_urls(),
        ]

    def import_report_view(self, request):
        """Upload a report PDF; show what was read; link to the draft."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        result = None
        form = ReportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    reversion.set_comment(f"Imported from {upload.name}.")
                    result = import_report(upload.read(), upload.name)
            except (ReportError, ReportRefused) as exc:
                form.add_error("file", exc.message)
            else:
                self.message_user(request, result.summary(), messages.SUCCESS)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a report",
            "opts": self.model._meta,
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "admin/inspections/report_import.html", context)


@admin.register(Judgement)
class JudgementAdmin(PartOfPublishedAdmin):
    parent_field = "inspection"
    list_display = ["inspection", "area", "grade"]
    list_filter = ["area", "grade"]
    list_select_related = ["inspection__authority"]
    search_fields = ["inspection__authority__name"]
    autocomplete_fields = ["inspection"]


@admin.register(Finding)
class FindingAdmin(PartOfPublishedAdmin):
    parent_field = "inspection"
    list_display = ["__str__", "section", "paragraph_number", "kind", "excerpt"]
    list_filter = ["section", "kind", "inspection__status", "themes"]
    list_select_related = ["inspection__authority"]
    search_fields = ["text", "inspection__authority__name"]
    autocomplete_fields = ["inspection", "themes", "suggested_themes"]
    actions = ["confirm_suggested_themes"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("inspection__authority")

    @admin.display(description="text")
    def excerpt(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:87] + "..."

    @admin.action(
        description="Confirm the suggested themes of the selected findings",
        permissions=["change"],
    )
    def confirm_suggested_themes(self, request, queryset):
        count = 0
        for finding in queryset.select_related("inspection").prefetch_related("suggested_themes"):
            if not self.is_locked(request, finding):
                count += finding.confirm_suggested_themes()
        self.message_user(request, f"Confirmed themes on {count} finding(s).", messages.SUCCESS)
