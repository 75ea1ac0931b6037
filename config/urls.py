"""Wiring only: each app owns its addresses."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Each app's own lists before core's composed pages (see inspections.urls).
    path("", include("inspections.urls")),
    path("", include("quotes.urls")),
    path("", include("quotecheck.urls")),
    path("", include("core.urls")),
]
