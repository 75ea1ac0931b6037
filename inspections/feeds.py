"""An Atom feed of published inspections that honours the list page's
filters: /inspections/feed/?judgement=inadequate is the feed of
/inspections/?judgement=inadequate."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .filters import InspectionFilterSet
from .models import Inspection

FEED_LENGTH = 50


def filterset_for(request):
    queryset = Inspection.objects.published().select_related("authority")
    return InspectionFilterSet(request.GET or None, queryset=queryset, request=request)


class InspectionFeed(Feed):
    feed_type = Atom1Feed
    title = "Inspections – Ofsted children's services record"
    subtitle = "Ofsted's published inspections of English councils' children's services."

    def __call__(self, request, *args, **kwargs):
        # A feed reader shows no page to put an error on, so a filter that is
        # not valid is refused with a plain explanation instead of an empty
        # feed that would look like "nothing new".
        filterset = filterset_for(request)
        if filterset.is_bound and not filterset.is_valid():
            problems = [f"{e}" for errors in filterset.form.errors.values() for e in errors]
            return HttpResponseBadRequest(
                "This feed's filters are not valid:\n" + "\n".join(problems) + "\n",
                content_type="text/plain; charset=utf-8",
            )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return filterset_for(request)

    def link(self, filterset):
        return filterset.link(reverse("inspection_list"), sort=None)

    def items(self, filterset):
        # Newest first, whatever the list's sort.
        return filterset.qs.newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        grade = item.get_overall_grade_display() or "not graded"
        return f"{item.authority.name}: {item.get_kind_display()} ({grade})"

    def item_description(self, item):
        return Truncator(item.summary).words(80) or item.get_kind_display()

    def item_pubdate(self, item):
        day = item.published_on or item.start_date
        if day:
            return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return "Ofsted"
