"""The quotes desk's filters and their facet counts. Every filter is a
queryset method on Statement (quotes/models.py); the FacetedFilterSet
(core.facets) reads the address, checks it, counts the facets, sorts and
says what is wrong or chosen."""

import django_filters
from django import forms
from django.db.models import Count

from core.choices import DatePrecision
from core.facets import FACET_LIMIT, FacetedFilterSet, PartialDateFilter, SearchFilter, SortFilter
from core.formatting import precise
from inspections.choices import InspectionKind
from inspections.models import Inspection, LocalAuthority, Theme
from people.models import Official, Role

from .models import SourceKind, Statement

__all__ = ["FACET_LIMIT", "StatementFilter", "facet_label", "inspection_label"]


def not_found(what):
    return {
        "invalid_choice": f"There is no {what} with the address “%(value)s”.",
        "invalid_pk_value": f"There is no {what} with the address “%(pk)s”.",
    }


def checkboxes(**kwargs):
    """A facet of records: ticked by their addresses (slugs)."""
    return django_filters.ModelMultipleChoiceFilter(
        to_field_name="slug", widget=forms.CheckboxSelectMultiple, **kwargs
    )


class StatementFilter(FacetedFilterSet):
    q = SearchFilter(
        label="Words",
        method="filter_words",
        help_text="Words or a “quoted phrase” from what was said or its context.",
    )
    official = checkboxes(
        label="Person",
        queryset=Official.objects.published(),
        method="filter_official",
        error_messages=not_found("person"),
    )
    role = django_filters.MultipleChoiceFilter(
        label="Role held when it was said",
        choices=Role.choices,
        method="filter_role",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "“%(value)s” is not one of the roles listed."},
    )
    authority = checkboxes(
        label="Council",
        queryset=LocalAuthority.objects.all(),
        method="filter_authority",
        error_messages=not_found("council"),
    )
    date_from = PartialDateFilter(label="From", method="filter_from")
    date_to = PartialDateFilter(label="To", method="filter_to", end=True)
    theme = checkboxes(
        label="Theme",
        queryset=Theme.objects.all(),
        method="filter_theme",
        error_messages=not_found("theme"),
    )
    inspection = checkboxes(
        label="Inspection it responds to",
        queryset=Inspection.objects.published().select_related("authority"),
        method="filter_inspection",
        error_messages=not_found("published inspection"),
    )
    source = django_filters.MultipleChoiceFilter(
        label="Kind of source",
        choices=SourceKind.choices,
        method="filter_source",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "“%(value)s” is not one of the kinds of source listed."},
    )
    sort = SortFilter(
        {
            "newest": ("Newest first", "newest_first"),
            "oldest": ("Oldest first", "oldest_first"),
            "relevance": ("Most relevant first", "most_relevant_first"),
        },
        relevance="relevance",
    )

    # The facets, in the order shown. A thousand people and thousands of
    # inspections: those list only what the quotes shown have.
    facets = {
        "official": None,
        "role": None,
        "authority": None,
        "inspection": None,
        "theme": None,
        "source": None,
    }
    found_facets = {"official", "authority", "inspection", "theme"}
    facet_elsewhere = {"official": ("the person", "official_list", "people page")}
    noun = ("quote", "quotes")
    ranked_search = True

    class Meta:
        model = Statement
        fields = []

    # -- Each filter is one queryset method -------------------------------

    def filter_words(self, queryset, name, value):
        return queryset.matching(value)

    def filter_official(self, queryset, name, value):
        return queryset.filter(official__in=value)

    def filter_role(self, queryset, name, value):
        return queryset.held_role(value)

    def filter_authority(self, queryset, name, value):
        return queryset.about_authorities(value)

    def filter_from(self, queryset, name, value):
        return queryset.said_between(start=value)

    def filter_to(self, queryset, name, value):
        return queryset.said_between(end=value)

    def filter_theme(self, queryset, name, value):
        return queryset.with_themes(value)

    def filter_inspection(self, queryset, name, value):
        return queryset.filter(inspection__in=value)

    def filter_source(self, queryset, name, value):
        return queryset.filter(source__kind__in=value)

    def prepare(self, queryset):
        return queryset.for_display()

    # -- Counting each facet over what the other filters allow -------------
    # One query each (two for councils), whatever the number of rows.

    def count_official(self, statements):
        rows = (
            statements.values("official__slug", "official__honorific", "official__name")
            .annotate(n=Count("pk"))
            .order_by("official__name", "official__slug")
        )
        return [
            (
                row["official__slug"],
                f"{row['official__honorific']} {row['official__name']}".strip(),
                row["n"],
            )
            for row in rows
        ]

    def count_role(self, statements):
        return statements.role_counts(Role.values)

    def count_authority(self, statements):
        counts = dict(statements.authority_counts())
        authorities = LocalAuthority.objects.filter(pk__in=counts).order_by("name")
        return [(a.slug, a.name, counts[a.pk]) for a in authorities]

    def count_inspection(self, statements):
        rows = (
            statements.filter(inspection__isnull=False)
            .values(
                "inspection__slug",
                "inspection__kind",
                "inspection__start_date",
                "inspection__dates_precision",
                "inspection__authority__name",
            )
            .annotate(n=Count("pk"))
            .order_by("-inspection__start_date", "inspection__slug")
        )
        return [
            (
                row["inspection__slug"],
                inspection_label(
                    row["inspection__authority__name"],
                    row["inspection__kind"],
                    row["inspection__start_date"],
                    row["inspection__dates_precision"],
                ),
                row["n"],
            )
            for row in rows
        ]

    def count_theme(self, statements):
        rows = (
            statements.filter(themes__isnull=False)
            .values("themes__slug", "themes__name")
            .annotate(n=Count("pk"))
            .order_by("themes__name")
        )
        return [(row["themes__slug"], row["themes__name"], row["n"]) for row in rows]

    def count_source(self, statements):
        # Grouped directly: the other filters in a subquery (the default for
        # a facet grouped by an expression) took twice as long here.
        return dict(statements.values_list("source__kind").annotate(n=Count("pk")))

    def option_label(self, name, item):
        return (
            facet_label(item) if isinstance(item, Inspection) else super().option_label(name, item)
        )


def inspection_label(authority_name, kind, start_date, precision):
    """e.g. "Wokingham, ILACS standard inspection, June 2019": named by its
    month, as elsewhere on the site (or its year, if that is all we know)."""
    if not start_date:
        when = "undated"
    elif precision == DatePrecision.YEAR:
        when = precise(start_date, precision)
    else:
        when = precise(start_date, DatePrecision.MONTH)
    return f"{authority_name}, {InspectionKind(kind).label}, {when}"


def facet_label(item):
    if isinstance(item, Inspection):
        return inspection_label(
            item.authority.name, item.kind, item.start_date, item.dates_precision
        )
    return str(item)
