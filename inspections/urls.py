from django.urls import path

from . import views
from .feeds import InspectionFeed

# Public, shareable addresses: keep them stable. The report, authority and
# theme pages are composed in core.urls; this app's lists come first so that
# "inspections/feed/" is not read as a report's slug.
urlpatterns = [
    path("inspections/", views.InspectionListView.as_view(), name="inspection_list"),
    path("inspections/feed/", InspectionFeed(), name="inspection_feed"),
    path("findings/", views.FindingListView.as_view(), name="finding_list"),
    path("authorities/", views.AuthorityListView.as_view(), name="authority_list"),
]
