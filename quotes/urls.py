from django.urls import path

from .feeds import StatementFeed
from .views import StatementDetailView, StatementListView

urlpatterns = [
    path("quotes/", StatementListView.as_view(), name="statement_list"),
    path("quotes/feed/", StatementFeed(), name="statement_feed"),
    path("quotes/<int:pk>/", StatementDetailView.as_view(), name="statement_detail"),
]
