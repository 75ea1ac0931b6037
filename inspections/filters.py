"""The inspection lists' filters: inspections, findings and the national
table of authorities. Each is a FacetedFilterSet (core.facets), which reads
the address, counts the facets, sorts and names the filters in use; this
module says which filters each list has and how each is applied."""

from functools import cached_property

import django_filters
from django import forms
from django.db.models import F

from core.facets import (
    FacetedFilterSet,
    PartialDateFilter,
    SearchFilter,
    SortFilter,
    choice_error,
)

from .choices import Area, FindingKind, Grade, InspectionKind, Section
from .models import AuthorityType, Finding, Inspection, LocalAuthority, Region, Theme


def date_filter(end, field_name="published_on"):
    """The start (end=False) or end of a range of publication dates."""
    which = "to" if end else "from"
    return PartialDateFilter(
        field_name=field_name,
        lookup_expr="lte" if end else "gte",
        label=f"Published {which}",
        end=end,
    )


def theme_filter(help_text, method):
    return django_filters.ModelMultipleChoiceFilter(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        label="Theme",
        help_text=help_text,
        method=method,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "There is no theme called “%(value)s”. Choose from the list.",
        },
    )


# The grade given in one judgement area: the filterset's judgement_area()
# method applies the two together, so both hold for the same judgement.
def area_filter():
    return django_filters.ChoiceFilter(
        label="Judgement area",
        choices=Area.choices,
        empty_label="Any judgement area",
        method="judgement_area",
        error_messages=choice_error("judgement area"),
    )


def area_grade_filter():
    return django_filters.ChoiceFilter(
        label="Graded",
        choices=Grade.choices,
        empty_label="Any grade",
        method="judgement_area",
        error_messages=choice_error("grade"),
    )


def authority_filter(field_name):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=LocalAuthority.objects.all(),
        to_field_name="slug",
        label="Local authority",
        empty_label="Any authority",
        error_messages={
            "invalid_choice": "There is no local authority called that. Choose from the list.",
        },
    )


class ThemedFilterSet(FacetedFilterSet):
    """Methods for the filters the inspection and finding lists share: their
    querysets both offer in_any_theme()."""

    def in_themes(self, queryset, name, value):
        return queryset.in_any_theme(value)


class InspectionFilterSet(ThemedFilterSet):
    q = SearchFilter(
        label="Search",
        help_text="Words in the summary, the findings or the authority’s name",
        method="search",
    )
    date_from = date_filter(end=False)
    date_to = date_filter(end=True)
    judgement = django_filters.MultipleChoiceFilter(
        field_name="overall_grade",
        label="Overall effectiveness",
        choices=Grade.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_error("judgement"),
    )
    area = area_filter()
    area_grade = area_grade_filter()
    theme = theme_filter(
        "Inspections with findings in any of the themes you choose", method="in_themes"
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Kind of inspection",
        choices=InspectionKind.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_error("kind of inspection"),
    )
    authority = authority_filter("authority")
    region = django_filters.ChoiceFilter(
        field_name="authority__region",
        label="Region",
        choices=Region.choices,
        empty_label="Any region",
        error_messages=choice_error("region"),
    )
    sort = SortFilter(
        {
            "newest": ("Newest first", "newest_first"),
            "oldest": ("Oldest first", "oldest_first"),
            "authority": ("Authority, A to Z", "by_authority"),
        }
    )

    facets = {"judgement": F("overall_grade"), "theme": None, "kind": F("kind")}
    noun = ("inspection", "inspections")

    class Meta:
        model = Inspection
        fields = []

    def judgement_area(self, queryset, name, value):
        # Area and grade must hold for the same judgement, so both are applied
        # together, once: by the area filter when there is an area.
        area = self.valid_values.get("area")
        if name == "area_grade" and area:
            return queryset
        return queryset.graded(area=area, grade=self.valid_values.get("area_grade"))

    def search(self, queryset, name, value):
        # Which inspections match, found once: the list, its count and each
        # facet then filter by their ids. A search of every finding behind
        # each of those five queries read up to 300,000 findings five times
        # (0.9 s for "children"); there are only thousands of inspections.
        return queryset.filter(pk__in=self.matched_ids)

    @cached_property
    def matched_ids(self):
        return list(Inspection.objects.search(self.words).values_list("pk", flat=True))

    def count_theme(self, inspections):
        # From the per-inspection theme counts the database keeps, not
        # through every finding (0.5 s at national scale).
        return inspections.theme_counts()


class FindingFilterSet(ThemedFilterSet):
    q = SearchFilter(label="Search", help_text="Words in the finding", method="search")
    theme = theme_filter("Findings in any of the themes you choose", method="in_themes")
    area = django_filters.ChoiceFilter(
        field_name="section",
        label="Report section",
        help_text="The judgement area it sits under, or the summary",
        choices=Section.choices,
        empty_label="Any section",
        error_messages=choice_error("report section"),
    )
    area_grade = django_filters.MultipleChoiceFilter(
        field_name="area_grade",
        label="Grade given to that area",
        choices=Grade.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_error("grade"),
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Strength or area for improvement",
        choices=FindingKind.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_error("kind of finding"),
    )
    authority = authority_filter("inspection__authority")
    date_from = date_filter(end=False, field_name="inspection__published_on")
    date_to = date_filter(end=True, field_name="inspection__published_on")
    sort = SortFilter(
        {
            "newest": ("Newest report first", "newest_first"),
            "oldest": ("Oldest report first", "oldest_first"),
            "relevance": ("Most relevant first", "most_relevant_first"),
        },
        relevance="relevance",
    )

    facets = {"theme": None, "area_grade": F("area_grade"), "kind": F("kind")}
    noun = ("finding", "findings")
    # Search words only say which findings match, for the facets; the
    # page's rows are then ranked and highlighted (qs).
    ranked_search = True

    class Meta:
        model = Finding
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        # The grade of a finding's area is an annotation that both its filter
        # and its facet read.
        if queryset is None:
            queryset = Finding.objects.published()
        super().__init__(data, queryset.with_area_grade(), **kwargs)

    def search(self, queryset, name, value):
        return queryset.matching(value)

    def count_theme(self, findings):
        # On the link table alone: joining every finding to its themes
        # first cost 0.3 s for a search that matched a few thousand.
        return findings.theme_counts(key="theme__slug")


class AuthorityFilterSet(FacetedFilterSet):
    """The national table: every authority with its latest outcome, by
    region, type, the overall grade of that outcome and its grade in any
    judgement area."""

    q = SearchFilter(
        label="Local authority name", help_text="Part of the name is enough", method="search"
    )
    region = django_filters.ChoiceFilter(
        label="Region",
        choices=Region.choices,
        empty_label="Any region",
        error_messages=choice_error("region"),
    )
    type = django_filters.ChoiceFilter(
        field_name="authority_type",
        label="Type of authority",
        choices=AuthorityType.choices,
        empty_label="Any type",
        error_messages=choice_error("type of authority"),
    )
    grade = django_filters.MultipleChoiceFilter(
        field_name="latest_grade",
        label="Latest overall effectiveness",
        choices=Grade.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_error("grade"),
    )
    area = area_filter()
    area_grade = area_grade_filter()

    facets = {"grade": F("latest_grade")}
    noun = ("authority", "authorities")

    class Meta:
        model = LocalAuthority
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        # The latest outcome is a set of annotations the filters read.
        if queryset is None:
            queryset = LocalAuthority.objects.with_latest_outcome()
        super().__init__(data, queryset, **kwargs)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def judgement_area(self, queryset, name, value):
        # Area and grade must hold for the same judgement of the latest
        # inspection, so both are applied together, once.
        area = self.valid_values.get("area")
        if name == "area_grade" and area:
            return queryset
        return queryset.latest_graded(area=area, grade=self.valid_values.get("area_grade"))
