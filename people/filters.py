"""Filters for the list of people: the council and the kind of post they held."""

import django_filters
from django.db.models import Exists, OuterRef

from core.choices import Status
from core.facets import FacetedFilterSet, SearchFilter
from inspections.models import LocalAuthority

from .models import Official, Post, Role


class OfficialFilter(FacetedFilterSet):
    q = SearchFilter(label="Name", field_name="name", lookup_expr="icontains")
    authority = django_filters.ModelChoiceFilter(
        label="Council",
        queryset=LocalAuthority.objects.filter(
            Exists(Post.objects.filter(authority=OuterRef("pk"), official__status=Status.PUBLISHED))
        ).order_by("name"),
        to_field_name="slug",
        method="filter_authority",
        empty_label="Any council",
        error_messages={"invalid_choice": "There is no council with that address."},
    )
    role = django_filters.ChoiceFilter(
        label="Post",
        choices=Role.choices,
        method="filter_role",
        empty_label="Any post",
        error_messages={"invalid_choice": "“%(value)s” is not one of the posts listed."},
    )

    noun = ("person", "people")

    class Meta:
        model = Official
        fields = []

    # Exists, not a join, so that someone with two posts is listed once.
    def filter_authority(self, queryset, name, value):
        return queryset.filter(
            Exists(Post.objects.filter(official=OuterRef("pk"), authority=value))
        )

    def filter_role(self, queryset, name, value):
        return queryset.filter(Exists(Post.objects.filter(official=OuterRef("pk"), role=value)))
