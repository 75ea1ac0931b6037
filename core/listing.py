"""What every public filtered list shares: forgiving pagination, the
navigation marker, and what its FacetedFilterSet (core.facets) says about
the filters: whether they are valid, the chips of those in use, the facets
and the address's filters with a value, from which every link the page
makes (pages, chips, exports, its feed) is built. Views stay a few lines:
filterset_class, paginate_by and a get_queryset that starts from
published()."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.urls import reverse
from django_filters.views import FilterView


class FilteredListView(FilterView):
    paginate_by = 25
    # Which main navigation item is current.
    nav = None
    # The URL name of the list's Atom feed, which takes the same filters.
    feed_url_name = None
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
        filterset = self.filterset
        path = self.request.path
        context.update(
            nav=self.nav,
            page_message=getattr(self, "page_message", ""),
            invalid=filterset.is_bound and not filterset.is_valid(),
            # Only the filters given a value: no empty fields, page or format.
            query=filterset.query,
            chips=filterset.chips(path),
            clear_url=path,
            facets=filterset.facet_list,
        )
        if self.feed_url_name:
            # A feed is newest first whatever the list's order.
            context["feed_url"] = filterset.link(reverse(self.feed_url_name), sort=None)
        return context
