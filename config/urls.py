from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config.views import healthz, robots_txt
from inspections.check import quote_check
from inspections.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("check/", quote_check, name="quote_check"),
    path("", include("inspections.urls")),
    path("", include("people.urls")),
    path("", include("quotes.urls")),
]
