"""What every public filtered list shares: forgiving pagination and the
navigation marker. Views stay a few lines: filterset_class, paginate_by and
a get_queryset that starts from published()."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django_filters.views import FilterView


class FilteredListView(FilterView):
    paginate_by = 25
    # Which main navigation item is current.
    nav = None
    # Show the errors and no results for an invalid filter, rather than
    # silently ignoring the bad value.
    strict = True

    def paginate_queryset(self, queryset, page_size):
        """A page number that is not a number, or past the end, shows the
        nearest real page with a message instead of a 404."""
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get(self.page_kwarg) or 1
        self.page_message = ""
        try:
            page = paginator.page(raw)
        except PageNotAnInteger:
            self.page_message = f"“{raw}” is not a page number, so this is page 1."
            page = paginator.page(1)
        except EmptyPage:
            last = paginator.num_pages
            self.page_message = f"There is no page {raw}; the last page is {last}, shown here."
            page = paginator.page(last)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = self.nav
        context["page_message"] = getattr(self, "page_message", "")
        return context
