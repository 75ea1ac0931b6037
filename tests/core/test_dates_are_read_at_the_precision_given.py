"""Every list that filters by date reads a day, a month or a year, in the
forms a person types: the start of a range is the first day of what was
given and its end the last. A date it cannot read, or one that does not
exist, is a clear message on the page, never a server error; and
/inspections/ and /quotes/ read ?date_from=2019 alike."""

import datetime

import pytest
from django.urls import reverse

from core.choices import DatePrecision
from core.dates import ImpossibleDate, PartialDateField, UnreadableDate, read_date
from tests.factories import InspectionFactory, OfficialFactory, StatementFactory

D = datetime.date

# (text, first day, last day, as the site writes it)
READABLE = [
    ("2019", D(2019, 1, 1), D(2019, 12, 31), "2019"),
    ("2019-07", D(2019, 7, 1), D(2019, 7, 31), "July 2019"),
    ("2019-7", D(2019, 7, 1), D(2019, 7, 31), "July 2019"),
    ("2019-02", D(2019, 2, 1), D(2019, 2, 28), "February 2019"),
    ("2020-02", D(2020, 2, 1), D(2020, 2, 29), "February 2020"),
    ("2019-07-15", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("2019-7-5", D(2019, 7, 5), D(2019, 7, 5), "5 July 2019"),
    ("2019/07/15", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("15/07/2019", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("15/7/2019", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("5/7/2019", D(2019, 7, 5), D(2019, 7, 5), "5 July 2019"),
    ("15.07.2019", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("15-07-2019", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("07/2019", D(2019, 7, 1), D(2019, 7, 31), "July 2019"),
    ("July 2019", D(2019, 7, 1), D(2019, 7, 31), "July 2019"),
    ("july 2019", D(2019, 7, 1), D(2019, 7, 31), "July 2019"),
    ("Jul 2019", D(2019, 7, 1), D(2019, 7, 31), "July 2019"),
    ("Sept 2019", D(2019, 9, 1), D(2019, 9, 30), "September 2019"),
    ("15 July 2019", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("15 Jul 2019", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("15th July 2019", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("1st of March 2020", D(2020, 3, 1), D(2020, 3, 1), "1 March 2020"),
    ("July 15, 2019", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
    ("  15   July\t2019 ", D(2019, 7, 15), D(2019, 7, 15), "15 July 2019"),
]

UNREADABLE = [
    "July",
    "yesterday",
    "soon",
    "banana",
    "the 31st of Juneuary",
    "Juneuary 2019",
    "0019",
    "99999-01-01",
    "0000-00-00",
    "15/07/19",
    "2019-07-15-01",
    "19-07-2019x",
    "<script>alert(1)</script>",
    "'; DROP TABLE quotes_statement; --",
    "2019\x00",
    "\x1b2019",
    "٢٠١٩",  # digits of another script
    "9" * 3000,
    "2019 " * 500,
]

IMPOSSIBLE = [
    "2019-13",
    "2019-13-01",
    "2019-13-45",
    "2019-00",
    "2019-02-30",
    "31/02/2019",
    "32 July 2019",
    "29 February 2019",
    "13/2019",
]


@pytest.mark.parametrize(("text", "first", "last", "words"), READABLE)
def test_each_form_is_read_at_its_precision(text, first, last, words):
    partial = read_date(text)
    assert (partial.first, partial.last, str(partial)) == (first, last, words)
    assert PartialDateField().clean(text) == first
    assert PartialDateField(end=True).clean(text) == last


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2019", DatePrecision.YEAR),
        ("Jul 2019", DatePrecision.MONTH),
        ("15/7/2019", DatePrecision.DAY),
    ],
)
def test_the_precision_is_what_was_given(text, precision):
    assert read_date(text).precision == precision


@pytest.mark.parametrize("text", UNREADABLE)
def test_text_that_is_no_date_is_refused_clearly(text):
    with pytest.raises(UnreadableDate):
        read_date(text)
    with pytest.raises(Exception) as refused:
        PartialDateField().clean(text)
    assert refused.value.messages == [
        "The ‘from’ date must be a real date. Enter a date as year-month-day, like "
        "2019-07-15, or as 15/07/2019, July 2019, 2019-07 or just 2019."
    ]


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_a_day_or_month_that_does_not_exist_is_named(text):
    with pytest.raises(ImpossibleDate):
        read_date(text)
    with pytest.raises(Exception) as refused:
        PartialDateField(end=True).clean(text)
    [message] = refused.value.messages
    assert message.startswith(f"“{text}” is not a real date. The ‘to’ date must be a real date")


def test_an_empty_date_is_no_filter():
    assert PartialDateField(required=False).clean("") is None
    assert PartialDateField(required=False).clean("   ") is None


# -- On the pages -----------------------------------------------------------


@pytest.fixture
def either_side_of_2019(db):
    """An inspection and a quote at each edge of 2019, and one either side."""
    said_by = OfficialFactory(name="Date Tester", slug="date-tester")
    made = {}
    for name, day in [
        ("before", D(2018, 12, 31)),
        ("first", D(2019, 1, 1)),
        ("july", D(2019, 7, 15)),
        ("last", D(2019, 12, 31)),
        ("after", D(2020, 1, 1)),
    ]:
        made[name] = (
            InspectionFactory(
                published_on=day,
                start_date=day - datetime.timedelta(days=40),
                end_date=day - datetime.timedelta(days=30),
            ),
            StatementFactory(official=said_by, said_on=day, inspection=None),
        )
    return made


def listed(client, name, params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert not response.context["invalid"], response.context["filter"].errors
    return {item.pk for item in response.context["object_list"]}


def expected(made, which, *names):
    return {made[name][which].pk for name in names}


LISTS = [("inspection_list", 0), ("statement_list", 1)]


@pytest.mark.parametrize(("name", "which"), LISTS)
@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"date_from": "2019"}, ["first", "july", "last", "after"]),
        ({"date_to": "2019"}, ["before", "first", "july", "last"]),
        ({"date_from": "2019", "date_to": "2019"}, ["first", "july", "last"]),
        ({"date_from": "2019-07", "date_to": "2019-07"}, ["july"]),
        ({"date_from": "July 2019", "date_to": "Jul 2019"}, ["july"]),
        ({"date_to": "2019-07"}, ["before", "first", "july"]),
        ({"date_from": "15/07/2019", "date_to": "15 July 2019"}, ["july"]),
        ({"date_from": "16/7/2019"}, ["last", "after"]),
        ({"date_to": "14 July 2019"}, ["before", "first"]),
    ],
)
def test_both_lists_read_the_same_dates_alike(
    client, either_side_of_2019, name, which, params, names
):
    assert listed(client, name, params) == expected(either_side_of_2019, which, *names)


def test_date_from_2019_works_on_inspections_and_quotes_and_selects_the_same_year(
    client, either_side_of_2019
):
    # It was an error on /inspections/ and valid on /quotes/.
    for name, which in LISTS:
        assert listed(client, name, {"date_from": "2019"}) == expected(
            either_side_of_2019, which, "first", "july", "last", "after"
        )
        assert listed(client, name, {"date_from": "2019", "date_to": "2019"}) == expected(
            either_side_of_2019, which, "first", "july", "last"
        )


@pytest.mark.parametrize("name", ["inspection_list", "finding_list", "statement_list"])
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2019-13"}, "“2019-13” is not a real date."),
        ({"date_to": "31/02/2019"}, "“31/02/2019” is not a real date."),
        ({"date_from": "July"}, "The ‘from’ date must be a real date."),
        ({"date_to": "yesterday"}, "The ‘to’ date must be a real date."),
        ({"date_from": "<script>alert(1)</script>"}, "Enter a date as year-month-day"),
        ({"date_from": "2020", "date_to": "2019"}, "The ‘to’ date must be the same as or after"),
    ],
)
def test_bad_dates_are_a_clear_message_on_every_list(client, db, name, params, message):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem with the filters" in html
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert list(response.context["object_list"]) == []
    field = next(iter(params)) if len(params) == 1 else "date_to"
    assert f'<a href="#id_{field}">' in html


def test_a_chip_names_a_date_at_the_precision_given(client, either_side_of_2019):
    html = client.get(reverse("inspection_list"), {"date_from": "2019-07", "date_to": "2019"})
    text = " ".join(html.content.decode().split())
    assert "Published from: July 2019" in text
    assert "Published to: 2019" in text
    assert 'href="/inspections/?date_to=2019"' in text
