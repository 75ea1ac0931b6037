"""An Atom feed for any filtered view of the quotes desk: /quotes/feed/ takes
the same filters as /quotes/, so a journalist can follow a person, a council
or a theme."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks

from core.formatting import precise

from .filters import StatementFilter
from .models import Statement

FEED_LENGTH = 50


class InvalidFilters(Exception):
    def __init__(self, errors):
        super().__init__("invalid filters")
        self.errors = errors


def excerpt(text, words=12):
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


class StatementFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilters as error:
            lines = ["This feed's address has filters that are not valid:"]
            lines += [
                f"- {field}: {message}"
                for field, messages in error.errors.items()
                for message in messages
            ]
            return HttpResponse(
                "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
            )

    def get_object(self, request):
        query = request.GET.copy()
        for name in ("page", "format", "sort"):
            query.pop(name, None)
        filterset = StatementFilter(
            query or None, queryset=Statement.objects.published(), request=request
        )
        filterset.highlight = False
        if filterset.is_bound and not filterset.is_valid():
            raise InvalidFilters(filterset.errors)
        return filterset

    def title(self, filterset):
        described = filterset.describe()
        title = "Quotes from the Ofsted children's services record"
        return f"{title}: {described}" if described else title

    def subtitle(self, filterset):
        return (
            "What council officials said about Ofsted's inspections of children's "
            "services, newest first."
        )

    def link(self, filterset):
        return filterset.link(reverse("statement_list"))

    def feed_url(self, filterset):
        return filterset.link(reverse("statement_feed"))

    def items(self, filterset):
        # Newest first, whatever the list's sort.
        return filterset.qs.newest_first()[:FEED_LENGTH]

    def item_title(self, statement):
        when = precise(statement.said_on, statement.said_precision)
        return f"{statement.official}, {when}: “{excerpt(statement.text)}”"

    def item_description(self, statement):
        # Atom summaries are HTML: the words are escaped, so markup in them
        # reaches the reader as text.
        parts = [linebreaks(statement.text, autoescape=True)]
        if statement.context:
            parts.append(f"<p><em>{escape(statement.context)}</em></p>")
        return "".join(parts)

    def item_link(self, statement):
        return statement.get_absolute_url()

    def item_author_name(self, statement):
        return str(statement.official)

    def item_pubdate(self, statement):
        return timezone.make_aware(datetime.datetime.combine(statement.said_on, datetime.time()))

    def item_updateddate(self, statement):
        return statement.updated_at

    def item_categories(self, statement):
        return [theme.name for theme in statement.themes.all()]
