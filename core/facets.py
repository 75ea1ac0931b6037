"""What every public list's filters share, on django-filter: the address is
the whole state of a list page, so every filter reads plain GET parameters
with stable names, and a value that is not valid is a form error that the
page shows, never a server error.

A list's FilterSet subclasses FacetedFilterSet and declares its filters;
the base gives it

- facets: checkbox filters that show, beside each option, how many results
  choosing it would give (each counted over every other filter but not its
  own, as faceted search does; one aggregate query per facet);
- one way to sort: a SortFilter whose choices are QuerySet methods
  (newest_first(), oldest_first(), ...), applied last;
- one search field (SearchFilter) that drops control characters and says
  one thing about text too long to search for;
- one date field (PartialDateFilter, core.dates) and the check that a
  range does not end before it starts;
- chips: each filter in use, with a link that removes just that value;
- query: the filters given a value, so that every link a page makes
  (chips, pages, exports, feeds) carries only those.

Nothing here knows a domain app: the apps' filtersets say what to count."""

import re
from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django import forms
from django.db import models
from django.db.models import Count
from django.http import QueryDict

from .dates import PartialDateField

# Most options a facet that lists only what it finds (people, inspections)
# shows: a broad search touches most of a thousand speakers.
FACET_LIMIT = 20

SEARCH_MAX_LENGTH = 200
SEARCH_TOO_LONG = (
    "Search text can be at most %(limit_value)d characters long (this is "
    "%(show_value)d). Search for fewer or shorter words."
)
# Control characters, which no search means and XML (the feeds) cannot
# carry; and the two non-characters XML refuses. NUL is left for Django's
# own check, which refuses it with a message.
CONTROL_CHARACTERS = re.compile("[\x01-\x1f\x7f-\x9f\ufffe\uffff]")

DATE_ORDER = "The ‘to’ date must be the same as or after the ‘from’ date."


def choice_error(noun):
    return {"invalid_choice": f"“%(value)s” is not a {noun} this site knows. Choose from the list."}


def has_value(cleaned):
    """Whether a filter's cleaned value chooses anything: an empty choice of
    records arrives as an empty QuerySet, which is not None or []."""
    if hasattr(cleaned, "exists"):
        return bool(list(cleaned))  # evaluated once by the form already
    return cleaned not in (None, "", [], ())


class SearchField(forms.CharField):
    """Search text: control characters become spaces (an escape character
    pasted into a search reached the quotes feed's title, which XML cannot
    carry), and text over max_length is refused with one message on every
    list."""

    default_error_messages = {"max_length": SEARCH_TOO_LONG}

    def __init__(self, *, max_length=SEARCH_MAX_LENGTH, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        return super().to_python(self.without_controls(value))

    def bound_data(self, data, initial):
        # The box shows the words searched for, not the characters dropped.
        return self.without_controls(super().bound_data(data, initial))

    @staticmethod
    def without_controls(value):
        return CONTROL_CHARACTERS.sub(" ", value) if isinstance(value, str) else value


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class PartialDateFilter(django_filters.Filter):
    """A date filter that reads a day, a month or a year (core.dates): pass
    end=True for the end of a range, which takes the last day given."""

    field_class = PartialDateField


class SortFilter(django_filters.ChoiceFilter):
    """?sort=: the order of the list. orders is {value: (label, name of a
    QuerySet method)}, the first the default. relevance, if given, is the
    value that needs search words: the default when there are some, and
    the default order when there are none. The filterset applies the order
    last, in qs."""

    def __init__(self, orders, *, relevance=None, **kwargs):
        self.orders = dict(orders)
        self.relevance = relevance
        kwargs.setdefault("label", "Sort by")
        kwargs.setdefault("error_messages", choice_error("way of sorting"))
        choices = [(value, label) for value, (label, _) in self.orders.items()]
        super().__init__(choices=choices, empty_label=None, **kwargs)

    @property
    def default(self):
        return next(iter(self.orders))

    def filter(self, qs, value):
        return qs  # ordered last, by FacetedFilterSet.qs

    def order(self, queryset, value):
        return getattr(queryset, self.orders[value][1])()


class FilterForm(forms.Form):
    """Every list's form: a date range may not end before it starts."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", DATE_ORDER)
        return cleaned


class Readable:
    """Fields read as attributes or, as in the quotes desk's tests and its
    templates before, as keys."""

    def __getitem__(self, key):
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None


@dataclass(frozen=True)
class Option(Readable):
    """One checkbox of a facet: count is None when the filters are not valid
    (counts over them would mislead)."""

    value: str
    label: str
    count: int | None
    checked: bool
    id: str = ""


@dataclass(frozen=True)
class Facet(Readable):
    name: str
    field: object  # the BoundField, for its label, hint and errors
    options: list
    hidden: int = 0  # options left out of a long facet
    counted: bool = True
    noun: str = "result"
    nouns: str = "results"
    # (what, url name, page): where else to find what is left out.
    elsewhere: tuple | None = None
    errors: list = field(default_factory=list)

    @property
    def legend(self):
        return self.field.label


@dataclass(frozen=True)
class Chip:
    """A filter in use: "Region: London", and the address without it."""

    label: str
    value: str
    url: str


class FacetedFilterSet(django_filters.FilterSet):
    """The base of every public list's filters (see the module's docstring)."""

    # Filter name -> what to group the results by to count that facet; or
    # None where the filterset has a count_<name>(matching) method that
    # counts it, returning {value: count}. In display order.
    facets = {}
    # Facets whose options are only those found among the results, at most
    # facet_limit of them, the most common: count_<name>(matching) returns
    # [(value, label, count)] in display order.
    found_facets = ()
    facet_limit = FACET_LIMIT
    # {facet name: (what, url name, page)}, e.g. ("the person", "official_list",
    # "people page"): where to find an option a long facet leaves out.
    facet_elsewhere = {}
    # What a facet's count counts, for screen readers: (one, many).
    noun = ("result", "results")
    # Whether the q filter only says which rows match, and qs then ranks
    # them with QuerySet.search(words, highlight=...).
    ranked_search = False
    # Set False where highlighted text is not shown (exports, feeds).
    highlight = True

    def get_form_class(self):
        form = self._meta.form if issubclass(self._meta.form, FilterForm) else FilterForm
        fields = {name: filter_.field for name, filter_ in self.filters.items()}
        return type(f"{type(self).__name__}Form", (form,), fields)

    # -- What was given ---------------------------------------------------

    def raw(self, name):
        """The values given for one filter, as strings."""
        if not self.is_bound:
            return []
        if hasattr(self.data, "getlist"):
            values = self.data.getlist(name)
        else:
            values = self.data.get(name, [])
        if isinstance(values, str) or not hasattr(values, "__iter__"):
            values = [values]
        return [str(value) for value in values if value is not None]

    @cached_property
    def query(self):
        """The filters given a value, in the order given, as a QueryDict:
        every link the page makes starts from this, so none carries an
        empty field, a page number or an export format."""
        query = QueryDict(mutable=True)
        for name in self.data if self.is_bound else ():
            if name in self.filters:
                values = [value for value in self.raw(name) if value.strip()]
                if values:
                    query.setlist(name, values)
        return query

    @cached_property
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

    @property
    def counted(self):
        """Whether counts can be shown: not when a filter is not valid."""
        return not self.is_bound or self.is_valid()

    @property
    def words(self):
        return self.valid_values.get("q") or ""

    # -- The rows ---------------------------------------------------------

    def filter_queryset(self, queryset, skip=()):
        """The queryset narrowed by every valid filter but those in skip."""
        for name, value in self.valid_values.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def prepare(self, queryset):
        """What the rows shown need beyond the filters (related rows)."""
        return queryset

    @property
    def qs(self):
        # Unlike django-filter's, this ranks and orders the rows even when no
        # filter is given.
        if not hasattr(self, "_qs"):
            queryset = self.queryset.all()
            ranked = self.ranked_search and self.words
            if self.is_bound:
                queryset = self.filter_queryset(queryset, skip={"q"} if ranked else ())
            if ranked:
                queryset = queryset.search(self.words, highlight=self.highlight)
            self._qs = self.ordered(self.prepare(queryset))
        return self._qs

    # -- Sorting ----------------------------------------------------------

    @property
    def sort_filter(self):
        sort = self.filters.get("sort")
        return sort if isinstance(sort, SortFilter) else None

    @property
    def sort_order(self):
        """The order shown: as chosen, else best match first for a search
        (where the list offers it) and the default without one."""
        sort = self.sort_filter
        if sort is None:
            return None
        chosen = self.valid_values.get("sort") or ""
        if sort.relevance and chosen == sort.relevance and not self.words:
            chosen = ""
        if not chosen:
            chosen = sort.relevance if sort.relevance and self.words else sort.default
        return chosen

    @property
    def sort_options(self):
        """[(value, label, selected)] for the sort menu."""
        sort = self.sort_filter
        if sort is None:
            return []
        order = self.sort_order
        return [(value, label, value == order) for value, (label, _) in sort.orders.items()]

    def ordered(self, queryset):
        sort = self.sort_filter
        return sort.order(queryset, self.sort_order) if sort else queryset

    # -- Facets -----------------------------------------------------------

    @cached_property
    def facet_list(self):
        """Every facet, in the order declared."""
        return [self._facet(name, group_by) for name, group_by in self.facets.items()]

    @property
    def facet(self):
        """{name: Facet}, for templates: filter.facet.theme."""
        return {facet.name: facet for facet in self.facet_list}

    @property
    def facet_options(self):
        """{filter name: [Option, ...]} for every facet."""
        return {facet.name: facet.options for facet in self.facet_list}

    def narrowed_by_others(self, name):
        """Whether any filter but this one (and the sort) has a value."""
        return any(other not in (name, "sort") for other in self.valid_values)

    def matching(self, name):
        """The rows every filter but this one allows, unordered."""
        matching = self.queryset.all()
        if self.narrowed_by_others(name):
            matching = self.filter_queryset(matching, skip={name})
        return matching.order_by()

    def facet_counts(self, name, group_by):
        """{value: count} for one facet, over what every other filter allows."""
        if group_by is None:
            counts = getattr(self, f"count_{name}")(self.matching(name))
            return {str(value): n for value, n in counts.items() if value is not None}
        queryset = self.queryset.all()
        if self.narrowed_by_others(name):
            # The other filters go in a subquery, evaluated once per row of
            # the list, not once per row of any join the grouping needs.
            queryset = queryset.filter(pk__in=self.matching(name).values("pk"))
        rows = (
            queryset.order_by()
            .prefetch_related(None)
            .values(facet=group_by)
            .annotate(n=Count("pk"))
        )
        return {str(row["facet"]): row["n"] for row in rows if row["facet"] is not None}

    def _facet(self, name, group_by):
        bound = self.form[name]
        counted = self.counted
        chosen = set(self.raw(name))
        if name in self.found_facets:
            options, hidden = self._found_options(name, chosen, counted)
        else:
            counts = self.facet_counts(name, group_by) if counted else None
            options = [
                (
                    str(value),
                    label,
                    None if counts is None else counts.get(str(value), 0),
                    str(value) in chosen,
                )
                for value, label in bound.field.choices
            ]
            hidden = 0
        one, many = self.noun
        return Facet(
            name=name,
            field=bound,
            options=[
                Option(*option, id=f"{bound.auto_id}_{n}") for n, option in enumerate(options)
            ],
            hidden=hidden,
            counted=counted,
            noun=one,
            nouns=many,
            elsewhere=self.facet_elsewhere.get(name),
            errors=list(bound.errors),
        )

    def _found_options(self, name, chosen, counted):
        """(options, how many were left out) of a facet that lists what it
        finds: those the results have and those ticked. A valid choice
        that no result now matches still shows, ticked, so it can be
        unticked."""
        rows = getattr(self, f"count_{name}")(self.matching(name)) if counted else []
        options = [
            (value, label, count, value in chosen)
            for value, label, count in rows
            if count or value in chosen
        ]
        options, hidden = self._shortened(options)
        seen = {row[0] for row in rows}
        for item in self.valid_values.get(name, []):
            value = self.option_value(name, item)
            if value not in seen:
                options.append((value, self.option_label(name, item), 0 if counted else None, True))
        return options, hidden

    def _shortened(self, options):
        """(the facet_limit options with the highest counts, and every
        ticked one, in display order; how many others were left out)."""
        if len(options) <= self.facet_limit:
            return options, 0
        by_count = sorted(options, key=lambda option: -option[2])
        kept = {id(option) for option in by_count[: self.facet_limit]}
        shown = [option for option in options if id(option) in kept or option[3]]
        return shown, len(options) - len(shown)

    # -- Words for what is chosen -----------------------------------------

    def option_value(self, name, item):
        """The address's value for one chosen item (a record's slug)."""
        if isinstance(item, models.Model):
            to_field = getattr(self.form.fields[name], "to_field_name", None) or "pk"
            return str(getattr(item, to_field))
        return str(item)

    def option_label(self, name, item):
        """How one chosen item is named on a chip or in a feed's title."""
        if isinstance(item, models.Model):
            return str(item)
        choices = self.filters[name].extra.get("choices") or ()
        return str(dict(choices).get(item, item))

    def chip_values(self, name, value):
        """[(the raw value a chip removes, or None for the whole filter; its
        words)] for one valid filter."""
        form_field = self.form.fields[name]
        if isinstance(form_field, PartialDateField):
            # The form reads the last value given, as a QueryDict does.
            return [(None, form_field.describe(self.raw(name)[-1]))]
        if isinstance(form_field, forms.CharField):
            return [(None, f"“{value}”")]
        if isinstance(value, (list, tuple, models.QuerySet)):
            pairs = [
                (self.option_value(name, item), self.option_label(name, item)) for item in value
            ]
            return list(dict(pairs).items())
        return [(None, self.option_label(name, value))]

    def chips(self, path=""):
        """A Chip for each filter value in use, whose link is the list's
        address (path) without just that value; none while a filter is not
        valid."""
        if not self.is_valid():
            return []
        chips = []
        for name, value in self.valid_values.items():
            if name == "sort":
                continue
            label = self.filters[name].label
            for raw, words in self.chip_values(name, value):
                chips.append(Chip(label, words, self.link(path, name, raw)))
        return chips

    def link(self, path, name=None, raw=None, **changes):
        """The address path with the filters given, less one filter (name)
        or one of its values (raw), with changes (None removes a key)."""
        query = self.query.copy()
        if name is not None:
            kept = [value for value in query.getlist(name) if raw is not None and value != raw]
            if kept:
                query.setlist(name, kept)
            else:
                query.pop(name, None)
        for key, value in changes.items():
            if value is None:
                query.pop(key, None)
            else:
                query[key] = value
        return path + (f"?{query.urlencode()}" if query else "")

    def describe(self):
        """One line, e.g. "Person: Carol Cammiss; Theme: Workforce"."""
        return "; ".join(f"{chip.label}: {chip.value}" for chip in self.chips())
