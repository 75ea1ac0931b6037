from django.urls import path

from .views import OfficialDetailView, OfficialListView

urlpatterns = [
    path("people/", OfficialListView.as_view(), name="official_list"),
    path("people/<slug:slug>/", OfficialDetailView.as_view(), name="official_detail"),
]
