"""/sitemap.xml: every public page, and nothing that is a draft."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from inspections.models import Inspection, LocalAuthority, Theme
from people.models import Official
from quotes.models import Statement


class PageSitemap(Sitemap):
    def items(self):
        return ["home", "inspection_list", "finding_list", "theme_list", "authority_list"]

    def location(self, item):
        return reverse(item)


class InspectionSitemap(Sitemap):
    def items(self):
        return Inspection.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class AuthoritySitemap(Sitemap):
    def items(self):
        return LocalAuthority.objects.public().order_by("pk")


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.order_by("pk")


class OfficialSitemap(Sitemap):
    def items(self):
        return Official.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class StatementSitemap(Sitemap):
    def items(self):
        return Statement.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "inspections": InspectionSitemap,
    "authorities": AuthoritySitemap,
    "themes": ThemeSitemap,
    "officials": OfficialSitemap,
    "statements": StatementSitemap,
}
