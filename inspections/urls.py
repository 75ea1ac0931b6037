from django.urls import path

from . import views
from .feeds import InspectionFeed

# Public, shareable addresses: keep them stable.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("inspections/", views.InspectionListView.as_view(), name="inspection_list"),
    path("inspections/feed/", InspectionFeed(), name="inspection_feed"),
    path(
        "inspections/<slug:slug>/",
        views.InspectionDetailView.as_view(),
        name="inspection_detail",
    ),
    path("findings/", views.FindingListView.as_view(), name="finding_list"),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("authorities/", views.AuthorityListView.as_view(), name="authority_list"),
    path(
        "authorities/<slug:slug>/",
        views.AuthorityDetailView.as_view(),
        name="authority_detail",
    ),
]
