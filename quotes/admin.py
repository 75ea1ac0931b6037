from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from core.publishing import PublishingAdmin, VersionedAdmin
from inspections.check import QuoteCheckForm, run_check

from .models import Source, Statement


@admin.register(Source)
class SourceAdmin(VersionedAdmin):
    list_display = ["title", "kind", "publisher", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"


@admin.register(Statement)
class StatementAdmin(PublishingAdmin):
    list_display = ["__str__", "said_on", "said_precision", "source", "inspection", "status"]
    list_filter = ["status", "source__kind", "themes", "official__posts__role"]
    list_select_related = ["official", "source", "inspection__authority"]
    search_fields = ["text", "context", "official__name", "source__title"]
    date_hierarchy = "said_on"
    autocomplete_fields = ["official", "source", "inspection", "themes"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["official", "text", ("said_on", "said_precision"), "status"]}),
        ("Where and why", {"fields": ["source", "context", "inspection", "themes"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    change_list_template = "admin/quotes/statement/change_list.html"

    # Quote check: are the report passages a statement or a press release
    # quotes really what Ofsted said?

    def get_urls(self):
        check = self.admin_site.admin_view(self.check_view)
        check_statement = self.admin_site.admin_view(self.check_statement_view)
        return [
            path("check/", check, name="quotes_statement_check"),
            path("<int:pk>/check/", check_statement, name="quotes_statement_check_statement"),
            *super().get_urls(),
        ]

    def check_view(self, request):
        """Paste a press release (or any text) being entered and check its
        quotations of Ofsted's reports."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        form = QuoteCheckForm(request.POST if request.method == "POST" else None)
        result = run_check(form) if form.is_bound else None
        return self._check_response(request, form, result, None)

    def check_statement_view(self, request, pk):
        """The same check, run on one statement's text."""
        statement = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, statement):
            raise PermissionDenied
        form = QuoteCheckForm({"text": statement.text})
        result = run_check(form)
        return self._check_response(request, form, result, statement)

    def _check_response(self, request, form, result, statement):
        context = {
            **self.admin_site.each_context(request),
            "title": "Check the quotes in this statement"
            if statement
            else "Check quotes against Ofsted’s reports",
            "opts": self.model._meta,
            "form": form,
            "result": result,
            "statement": statement,
        }
        return TemplateResponse(request, "admin/quotes/check.html", context)
