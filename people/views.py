"""The people whose words the record keeps: each official's posts, what
they said and the inspections of their council while they held office."""

from django.db.models import F, Prefetch
from django.urls import reverse
from django.views.generic import DetailView

from inspections.listing import FilteredListView
from quotes.models import Statement

from .filters import OfficialFilter
from .models import Official, Post

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
            .with_statement_counts()
            .prefetch_related(Prefetch("posts", queryset=posts_newest_first()))
            .order_by("name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invalid"] = self.filterset.is_bound and not self.filterset.is_valid()
        return context


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
