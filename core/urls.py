from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

# Public, shareable addresses: keep them stable.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "inspections/<slug:slug>/",
        views.InspectionDetailView.as_view(),
        name="inspection_detail",
    ),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path(
        "authorities/<slug:slug>/",
        views.AuthorityDetailView.as_view(),
        name="authority_detail",
    ),
    path("people/", views.OfficialListView.as_view(), name="official_list"),
    path("people/<slug:slug>/", views.OfficialDetailView.as_view(), name="official_detail"),
]
