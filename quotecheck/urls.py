from django.urls import path

from .views import quote_check

urlpatterns = [
    path("check/", quote_check, name="quote_check"),
]
