"""The check in the admin, for staff entering what officials said: a page
to paste a press release (or any text) into, and a check of one record's
text from its change page. Nothing is saved.

A mixin for the ModelAdmin of the records that quote Ofsted, so that the
pages sit, and are named, under that model's admin (quotes' StatementAdmin:
admin:quotes_statement_check and admin:quotes_statement_check_statement)
and this app need not know the model.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from .forms import QuoteCheckForm, run_check


class QuoteCheckAdminMixin:
    """Adds check/ (<app>_<model>_check) and <pk>/check/
    (<app>_<model>_check_<model>) to a ModelAdmin; the record's
    quote_check_field is the text checked."""

    quote_check_field = "text"

    def get_urls(self):
        app_label, model_name = self.opts.app_label, self.opts.model_name
        check = self.admin_site.admin_view(self.check_view)
        check_one = self.admin_site.admin_view(self.check_one_view)
        return [
            path("check/", check, name=f"{app_label}_{model_name}_check"),
            path("<int:pk>/check/", check_one, name=f"{app_label}_{model_name}_check_{model_name}"),
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

    def check_one_view(self, request, pk):
        """The same check, run on one record's text."""
        original = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, original):
            raise PermissionDenied
        form = QuoteCheckForm({"text": getattr(original, self.quote_check_field)})
        result = run_check(form)
        return self._check_response(request, form, result, original)

    def _check_response(self, request, form, result, original):
        context = {
            **self.admin_site.each_context(request),
            "title": f"Check the quotes in this {self.opts.verbose_name}"
            if original
            else "Check quotes against Ofsted’s reports",
            "opts": self.opts,
            "form": form,
            "result": result,
            "original": original,
        }
        return TemplateResponse(request, "admin/quotecheck/check.html", context)
