from django.contrib import admin, messages
from django.db.models import Count

from .choices import Status
from .models import Finding, Inspection, Judgement, LocalAuthority, Theme

admin.site.site_header = "Ofsted children's services record: staff"
admin.site.site_title = "Staff admin"
admin.site.index_title = "Enter and review records"


@admin.action(description="Publish the selected records")
def publish(modeladmin, request, queryset):
    count = queryset.exclude(status=Status.PUBLISHED).update(status=Status.PUBLISHED)
    modeladmin.message_user(request, f"Published {count} record(s).", messages.SUCCESS)


@admin.action(description="Unpublish the selected records (back to draft)")
def unpublish(modeladmin, request, queryset):
    count = queryset.filter(status=Status.PUBLISHED).update(status=Status.DRAFT)
    modeladmin.message_user(request, f"Unpublished {count} record(s).", messages.SUCCESS)


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "official_name", "region", "la_code", "ofsted_urn", "ons_code"]
    list_filter = ["region"]
    search_fields = ["name", "official_name", "la_code", "ofsted_urn", "ons_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
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
class InspectionAdmin(admin.ModelAdmin):
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
    actions = [publish, unpublish]
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

    def get_queryset(self, request):
        # __str__ names the authority, including in autocomplete results.
        return super().get_queryset(request).select_related("authority")


@admin.register(Judgement)
class JudgementAdmin(admin.ModelAdmin):
    list_display = ["inspection", "area", "grade"]
    list_filter = ["area", "grade"]
    list_select_related = ["inspection__authority"]
    search_fields = ["inspection__authority__name"]
    autocomplete_fields = ["inspection"]


@admin.action(description="Confirm the suggested themes of the selected findings")
def confirm_suggested_themes(modeladmin, request, queryset):
    count = 0
    for finding in queryset.prefetch_related("suggested_themes"):
        suggested = list(finding.suggested_themes.all())
        if suggested:
            finding.themes.add(*suggested)
            finding.suggested_themes.clear()
            count += 1
    modeladmin.message_user(request, f"Confirmed themes on {count} finding(s).", messages.SUCCESS)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "paragraph_number", "kind", "excerpt"]
    list_filter = ["section", "kind", "inspection__status", "themes"]
    list_select_related = ["inspection__authority"]
    search_fields = ["text", "inspection__authority__name"]
    autocomplete_fields = ["inspection", "themes", "suggested_themes"]
    actions = [confirm_suggested_themes]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("inspection__authority")

    @admin.display(description="text")
    def excerpt(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:87] + "..."
