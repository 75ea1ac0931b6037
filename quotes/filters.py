"""The quotes desk's filters, their facet counts and the words that describe
them. Every filter is a queryset method on Statement (quotes/models.py); this
module only reads the address, checks it and says what is wrong with it."""

import calendar
import datetime
import re

import django_filters
from django import forms
from django.db.models import Count
from django.utils.dateformat import format as date_format

from core.choices import DatePrecision
from core.formatting import precise
from inspections.choices import InspectionKind
from inspections.filters import has_value
from inspections.models import Inspection, LocalAuthority, Theme
from people.models import Official, Role

from .models import SourceKind, Statement

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

SORT_CHOICES = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("relevance", "Most relevant first"),
]


class PartialDateField(forms.Field):
    """A date as 2019-07-15, or just 2019-07 or 2019. A partial "from" date
    means its first day and a partial "to" date its last."""

    default_error_messages = {
        "invalid": (
            "Enter a date as year-month-day, for example 2019-07-15 (or just 2019-07, or 2019)."
        ),
        "impossible": "“%(value)s” is not a real date.",
    }

    def __init__(self, *, end=False, **kwargs):
        self.end = end
        super().__init__(**kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        match = PARTIAL_DATE.match(value)
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year, month, day = (int(part) if part else None for part in match.groups())
        if not 1000 <= year <= 9999:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            if month is None:
                return datetime.date(year, 12, 31) if self.end else datetime.date(year, 1, 1)
            if day is None:
                last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 1
                return datetime.date(year, month, last if self.end else 1)
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["impossible"], code="impossible", params={"value": value}
            ) from None


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


class StatementFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The “to” date must be the same as or after the “from” date.")
        return cleaned


def not_found(what):
    return {
        "invalid_choice": f"There is no {what} with the address “%(value)s”.",
        "invalid_pk_value": f"There is no {what} with the address “%(pk)s”.",
    }


# Most options a facet lists (speakers, councils, inspections, themes).
FACET_LIMIT = 20


class StatementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words",
        method="filter_words",
        max_length=200,
        help_text="Words or a “quoted phrase” from what was said or its context.",
    )
    official = django_filters.ModelMultipleChoiceFilter(
        label="Person",
        queryset=Official.objects.published(),
        to_field_name="slug",
        method="filter_official",
        error_messages=not_found("person"),
    )
    role = django_filters.MultipleChoiceFilter(
        label="Role held when it was said",
        choices=Role.choices,
        method="filter_role",
        error_messages={"invalid_choice": "“%(value)s” is not one of the roles listed."},
    )
    authority = django_filters.ModelMultipleChoiceFilter(
        label="Council",
        queryset=LocalAuthority.objects.all(),
        to_field_name="slug",
        method="filter_authority",
        error_messages=not_found("council"),
    )
    date_from = PartialDateFilter(label="From", method="filter_from")
    date_to = PartialDateFilter(label="To", method="filter_to", end=True)
    theme = django_filters.ModelMultipleChoiceFilter(
        label="Theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
        error_messages=not_found("theme"),
    )
    inspection = django_filters.ModelMultipleChoiceFilter(
        label="Inspection it responds to",
        queryset=Inspection.objects.published().select_related("authority"),
        to_field_name="slug",
        method="filter_inspection",
        error_messages=not_found("published inspection"),
    )
    source = django_filters.MultipleChoiceFilter(
        label="Kind of source",
        choices=SourceKind.choices,
        method="filter_source",
        error_messages={"invalid_choice": "“%(value)s” is not one of the kinds of source listed."},
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORT_CHOICES,
        method="filter_nothing",
        empty_label=None,
        error_messages={"invalid_choice": "“%(value)s” is not a way to sort these quotes."},
    )

    # The filters shown as checkboxes with counts, in the order shown.
    FACETS = ("official", "role", "authority", "inspection", "theme", "source")
    # Set False where the highlighted snippets are not shown (exports, feeds).
    highlight = True

    class Meta:
        model = Statement
        fields = []
        form = StatementFilterForm

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

    def filter_nothing(self, queryset, name, value):
        return queryset

    # -- Applying them ----------------------------------------------------

    @property
    def valid_values(self):
        """The valid values given, by filter name (empty ones left out)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {
            name: value
            for name, value in getattr(self.form, "cleaned_data", {}).items()
            if has_value(value)
        }

    def apply(self, queryset, exclude=()):
        """The queryset narrowed by every valid filter except those named."""
        for name, value in self.valid_values.items():
            if name in exclude or name == "sort":
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def words(self):
        return self.valid_values.get("q", "")

    @property
    def sort_order(self):
        sort = self.valid_values.get("sort")
        if sort == "relevance" and not self.words:
            return "newest"
        return sort or ("relevance" if self.words else "newest")

    def filter_queryset(self, queryset):
        queryset = self.apply(queryset, exclude={"q"})
        if self.words:
            queryset = queryset.search(self.words, highlight=self.highlight)
        queryset = queryset.for_display()
        if self.sort_order == "relevance":
            return queryset.order_by("-search_rank", "-said_on", "-pk")
        if self.sort_order == "oldest":
            return queryset.order_by("said_on", "pk")
        return queryset.order_by("-said_on", "-pk")

    @property
    def qs(self):
        # Unlike django-filter's, this orders and prepares the rows even when
        # no filter is given.
        if not hasattr(self, "_qs"):
            self._qs = self.filter_queryset(self.queryset.all())
        return self._qs

    # -- Facets -----------------------------------------------------------

    def facets(self):
        """Each facet's options with how many statements each would give,
        counted over the statements every other filter allows: one query
        per facet (two for councils), whatever the number of rows."""
        selected = {name: self._selected(name) for name in self.FACETS}
        return [
            self._facet(name, selected[name], getattr(self, f"_count_{name}")())
            for name in self.FACETS
        ]

    def _selected(self, name):
        if not self.is_bound:
            return []
        return [str(v) for v in self.data.getlist(name)] if hasattr(self.data, "getlist") else []

    def _facet(self, name, selected, counted):
        """counted: [(value, label, count)] in display order."""
        options, seen = [], set()
        for value, label, count in counted:
            seen.add(value)
            if count or value in selected or name in ("role", "source"):
                options.append(self._option(name, value, label, count, value in selected))
        options, hidden = self._shortened(options)
        # A valid choice that no statement now matches still shows, ticked,
        # so it can be unticked.
        for item in self.valid_values.get(name, []):
            value = getattr(item, "slug", item)
            if value not in seen:
                options.append(self._option(name, value, facet_label(item), 0, True))
        errors = self.form.errors.get(name, []) if self.is_bound else []
        return {
            "name": name,
            "legend": self.filters[name].label,
            "options": options,
            "hidden": hidden,
            "errors": errors,
        }

    @staticmethod
    def _shortened(options):
        """(the FACET_LIMIT options with most quotes, and every ticked one,
        in display order; how many others were left out). A broad search
        touches most of a thousand speakers and thousands of inspections:
        listing them all made a page of a megabyte."""
        if len(options) <= FACET_LIMIT:
            return options, 0
        by_count = sorted(options, key=lambda option: -option["count"])
        kept = {id(option) for option in by_count[:FACET_LIMIT]}
        shown = [option for option in options if id(option) in kept or option["checked"]]
        return shown, len(options) - len(shown)

    @staticmethod
    def _option(name, value, label, count, checked):
        return {
            "value": value,
            "label": label,
            "count": count,
            "checked": checked,
            "id": f"{name}-{value}",
        }

    def _without(self, name):
        return self.apply(self.queryset.all(), exclude={name}).order_by()

    def _count_official(self):
        rows = (
            self._without("official")
            .values("official__slug", "official__honorific", "official__name")
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

    def _count_role(self):
        counts = self._without("role").role_counts(Role.values)
        return [(role.value, role.label, counts[role.value]) for role in Role]

    def _count_authority(self):
        counts = dict(self._without("authority").authority_counts())
        authorities = LocalAuthority.objects.filter(pk__in=counts).order_by("name")
        return [(a.slug, a.name, counts[a.pk]) for a in authorities]

    def _count_inspection(self):
        rows = (
            self._without("inspection")
            .filter(inspection__isnull=False)
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

    def _count_theme(self):
        rows = (
            self._without("theme")
            .filter(themes__isnull=False)
            .values("themes__slug", "themes__name")
            .annotate(n=Count("pk"))
            .order_by("themes__name")
        )
        return [(row["themes__slug"], row["themes__name"], row["n"]) for row in rows]

    def _count_source(self):
        counts = dict(self._without("source").values_list("source__kind").annotate(n=Count("pk")))
        return [(kind.value, kind.label, counts.get(kind.value, 0)) for kind in SourceKind]

    # -- Words for what is chosen ------------------------------------------

    def chosen(self):
        """[(filter label, value label, name, value)] for each valid choice,
        to show above the results and to title the feed."""
        chosen = []
        for name, value in self.valid_values.items():
            if name == "sort":
                continue
            label = self.filters[name].label
            if name == "q":
                chosen.append((label, f"“{value}”", name, value))
            elif name in ("date_from", "date_to"):
                chosen.append((label, date_format(value, "j F Y"), name, self.data.get(name)))
            elif name in ("role", "source"):
                names = dict(self.filters[name].extra["choices"])
                chosen.extend((label, names[v], name, v) for v in value)
            else:
                chosen.extend((label, facet_label(v), name, v.slug) for v in value)
        return chosen

    def describe(self):
        """One line, e.g. "Person: Carol Cammiss; Theme: Workforce"."""
        return "; ".join(f"{label}: {value}" for label, value, _, _ in self.chosen())


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
