from django.contrib import admin

from core.publishing import PublishingAdmin, ShownWhenPublishedAdmin
from quotecheck.admin import QuoteCheckAdminMixin

from .models import Source, Statement


@admin.register(Source)
class SourceAdmin(ShownWhenPublishedAdmin):
    # Its title and link are cited under every published statement from it.
    published_via = ["statements__status"]
    publish_permission = "quotes.publish_statement"
    list_display = ["title", "kind", "publisher", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"


# Quote check: are the report passages a statement or a press release
# quotes really what Ofsted said? (admin:quotes_statement_check, and
# admin:quotes_statement_check_statement for one statement's text.)
@admin.register(Statement)
class StatementAdmin(QuoteCheckAdminMixin, PublishingAdmin):
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
