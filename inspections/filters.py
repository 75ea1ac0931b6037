"""The public filters. The address is the whole state of a list page, so
every filter reads plain GET parameters with stable names, and a value that
is not valid is a form error that the page shows, never a server error."""

from collections import namedtuple
from functools import cached_property

import django_filters
from django import forms
from django.db.models import Count, F

from .choices import Area, FindingKind, Grade, InspectionKind, Section
from .models import AuthorityType, Finding, Inspection, LocalAuthority, Region, Theme

# One checkbox of a faceted filter: count is None when the form is invalid.
Option = namedtuple("Option", "value label count checked")

ISO_DATE = "%Y-%m-%d"


class DateRangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to",
                "The ‘to’ date must be the same as or after the ‘from’ date.",
            )
        return cleaned


def date_filter(lookup_expr, which, field_name="published_on"):
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=f"Published {which}",
        help_text="For example, 2019-07-15",
        input_formats=[ISO_DATE],
        widget=forms.DateInput(format=ISO_DATE),
        error_messages={
            "invalid": (
                f"The ‘{which}’ date must be a real date written as year-month-day, "
                "like 2019-07-15."
            )
        },
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


def choice_error(noun):
    return {"invalid_choice": f"“%(value)s” is not a {noun} this site knows. Choose from the list."}


def has_value(cleaned):
    """Whether a filter's cleaned value chooses anything: an empty choice of
    records arrives as an empty QuerySet, which is not None or []."""
    if hasattr(cleaned, "exists"):
        return bool(list(cleaned))  # evaluated once by the form already
    return cleaned not in (None, "", [], ())


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet whose checkbox filters show, beside each option, how many
    results choosing it would give.

    Each facet is counted over the results of every other filter but not its
    own, as faceted search does: ticking one judgement still shows how many
    there are of the others. One aggregate query per facet, whatever the
    number of options or rows."""

    # Filter name -> what to group the results by to count that facet; or
    # None where the filterset has a count_<name>(matching) method that
    # counts it more cheaply, returning {value: count}.
    facets = {}

    def filter_queryset(self, queryset, skip=None):
        for name, value in self.form.cleaned_data.items():
            if name != skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @cached_property
    def facet_options(self):
        """{filter name: [Option, ...]} for every facet."""
        # Counts for a filter that is not valid would mislead: show none.
        valid = not self.is_bound or self.is_valid()
        options = {}
        for name, group_by in self.facets.items():
            counts = self.facet_counts(name, group_by) if valid else None
            bound = self.form[name]
            chosen = {str(v) for v in (bound.value() or [])}
            options[name] = [
                Option(
                    value=str(value),
                    label=label,
                    count=None if counts is None else counts.get(str(value), 0),
                    checked=str(value) in chosen,
                )
                for value, label in bound.field.choices
            ]
        return options

    def narrowed_by_others(self, name):
        """Whether any filter but this one (and the sort) has a value."""
        if not self.is_bound:
            return False
        return any(
            has_value(value)
            for other, value in self.form.cleaned_data.items()
            if other not in (name, "sort")
        )

    def facet_counts(self, name, group_by):
        """{value: count} for one facet, over what every other filter allows."""
        narrowed = self.narrowed_by_others(name)
        matching = self.queryset.all()
        if narrowed:
            matching = self.filter_queryset(matching, skip=name)
        if group_by is None:
            counts = getattr(self, f"count_{name}")(matching)
            return {str(value): n for value, n in counts.items() if value is not None}
        queryset = self.queryset.all()
        if narrowed:
            # The other filters go in a subquery, evaluated once per row of
            # the list, not once per row of any join the grouping needs.
            queryset = queryset.filter(pk__in=matching.order_by().values("pk"))
        rows = (
            queryset.order_by()
            .prefetch_related(None)
            .values(facet=group_by)
            .annotate(n=Count("pk"))
        )
        return {str(row["facet"]): row["n"] for row in rows if row["facet"] is not None}

    # Methods for the filters both lists share: their querysets both offer
    # search() and in_any_theme().

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_themes(self, queryset, name, value):
        # An empty choice arrives as an empty QuerySet, which django-filter
        # does not count as "no value".
        return queryset.in_any_theme(value) if value else queryset


class InspectionFilterSet(FacetedFilterSet):
    q = django_filters.CharFilter(
        label="Search",
        help_text="Words in the summary, the findings or the authority’s name",
        method="search",
    )
    date_from = date_filter("gte", "from")
    date_to = date_filter("lte", "to")
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
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[("oldest", "Oldest first"), ("authority", "Authority, A to Z")],
        empty_label="Newest first",
        method="sort_by",
        error_messages=choice_error("way of sorting"),
    )

    facets = {"judgement": F("overall_grade"), "theme": None, "kind": F("kind")}

    class Meta:
        model = Inspection
        fields = []
        form = DateRangeForm

    def judgement_area(self, queryset, name, value):
        # Area and grade must hold for the same judgement, so both are applied
        # together, once: by the area filter when there is an area.
        area = self.form.cleaned_data.get("area")
        if name == "area_grade" and area:
            return queryset
        return queryset.graded(area=area, grade=self.form.cleaned_data.get("area_grade"))

    def sort_by(self, queryset, name, value):
        if value == "oldest":
            return queryset.oldest_first()
        return queryset.by_authority()

    def search(self, queryset, name, value):
        # Which inspections match, found once: the list, its count and each
        # facet then filter by their ids. A search of every finding behind
        # each of those five queries read up to 300,000 findings five times
        # (0.9 s for "children"); there are only thousands of inspections.
        return queryset.filter(pk__in=self.matched_ids)

    @cached_property
    def matched_ids(self):
        return list(
            Inspection.objects.search(self.form.cleaned_data["q"]).values_list("pk", flat=True)
        )

    def count_theme(self, inspections):
        # From the per-inspection theme counts the database keeps, not
        # through every finding (0.5 s at national scale).
        return inspections.theme_counts()


FINDING_SORTS = [
    ("newest", "Newest report first"),
    ("oldest", "Oldest report first"),
    ("relevance", "Most relevant first"),
]


class FindingFilterSet(FacetedFilterSet):
    q = django_filters.CharFilter(label="Search", help_text="Words in the finding", method="search")
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
    date_from = date_filter("gte", "from", field_name="inspection__published_on")
    date_to = date_filter("lte", "to", field_name="inspection__published_on")
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=FINDING_SORTS,
        empty_label=None,
        # Ordering is applied last, in qs.
        method="keep_order",
        error_messages=choice_error("way of sorting"),
    )

    facets = {"theme": None, "area_grade": F("area_grade"), "kind": F("kind")}
    # Set False where the highlighted text is not shown (exports).
    highlight = True

    class Meta:
        model = Finding
        fields = []
        form = DateRangeForm

    def __init__(self, data=None, queryset=None, **kwargs):
        # The grade of a finding's area is an annotation that both its filter
        # and its facet read.
        if queryset is None:
            queryset = Finding.objects.published()
        super().__init__(data, queryset.with_area_grade(), **kwargs)

    def search(self, queryset, name, value):
        # Only which findings match, here: the facets count over this, and
        # ranking and highlighting are for the page's rows alone (qs).
        return queryset.matching(value)

    def keep_order(self, queryset, name, value):
        return queryset

    @property
    def words(self):
        if not self.is_bound or not self.is_valid():
            return ""
        return self.form.cleaned_data.get("q") or ""

    @property
    def sort_order(self):
        """The order shown: as chosen, else best match first for a search
        and newest first without one."""
        chosen = self.form.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        if chosen == "relevance" and not self.words:
            return "newest"
        return chosen or ("relevance" if self.words else "newest")

    @property
    def qs(self):
        if not hasattr(self, "_ordered_qs"):
            qs = super().qs
            if self.words:
                qs = qs.search(self.words, highlight=self.highlight)
            order = self.sort_order
            if order == "relevance":
                qs = qs.most_relevant_first()
            elif order == "oldest":
                qs = qs.oldest_first()
            else:
                qs = qs.newest_first()
            self._ordered_qs = qs
        return self._ordered_qs

    def count_theme(self, findings):
        # On the link table alone: joining every finding to its themes
        # first cost 0.3 s for a search that matched a few thousand.
        return findings.theme_counts(key="theme__slug")


class AuthorityFilterSet(FacetedFilterSet):
    """The national table: every authority with its latest outcome, by
    region, type, the overall grade of that outcome and its grade in any
    judgement area."""

    q = django_filters.CharFilter(
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

    class Meta:
        model = LocalAuthority
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        # The latest outcome is a set of annotations the filters read.
        if queryset is None:
            queryset = LocalAuthority.objects.with_latest_outcome()
        super().__init__(data, queryset, **kwargs)

    def judgement_area(self, queryset, name, value):
        # Area and grade must hold for the same judgement of the latest
        # inspection, so both are applied together, once.
        area = self.form.cleaned_data.get("area")
        if name == "area_grade" and area:
            return queryset
        return queryset.latest_graded(area=area, grade=self.form.cleaned_data.get("area_grade"))
