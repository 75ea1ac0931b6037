"""Wiring only: each app owns its addresses."""

from django.contrib import admin
from django.urls import include, path

from inspections.check import quote_check

urlpatterns = [
    path("admin/", admin.site.urls),
    path("check/", quote_check, name="quote_check"),
    # Each app's own lists before core's composed pages (see inspections.urls).
    path("", include("inspections.urls")),
    path("", include("quotes.urls")),
    path("", include("core.urls")),
]
