from django.contrib import admin

from core.publishing import PartOfPublishedAdmin, PublishingAdmin

from .models import Official, Post


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    autocomplete_fields = ["authority"]
    fields = [
        "title",
        "role",
        "authority",
        "party",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "source_url",
        "source_note",
    ]


@admin.register(Official)
class OfficialAdmin(PublishingAdmin):
    list_display = ["name", "honorific", "status", "updated_at"]
    list_filter = ["status", "posts__role", "posts__authority__region"]
    search_fields = ["name", "posts__title", "posts__authority__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [PostInline]


@admin.register(Post)
class PostAdmin(PartOfPublishedAdmin):
    parent_field = "official"
    list_display = ["official", "title", "role", "authority", "start_date", "end_date"]
    list_filter = ["role", "authority__region"]
    list_select_related = ["official", "authority"]
    search_fields = ["official__name", "title", "authority__name"]
    autocomplete_fields = ["official", "authority"]
    date_hierarchy = "start_date"
