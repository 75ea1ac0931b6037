"""The role a statement was said in is the post its speaker held on that
day: someone who changed role shows under each role for the right
statements, at the precision the dates are known."""

import datetime

import pytest

from core.choices import DatePrecision
from people.models import Post, Role
from quotes.models import Statement
from tests.factories import (
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def career():
    """A fictional person: director from November 2018 (month known) to
    some time in March 2020 (month known), then chief executive."""
    council = LocalAuthorityFactory(name="Westshire", official_name="Westshire Council")
    person = OfficialFactory(name="Robin Riser", slug="robin-riser")
    PostFactory(
        official=person,
        authority=council,
        title="Director of children's services",
        role=Role.DCS,
        start_date=D(2018, 11, 1),
        start_precision=DatePrecision.MONTH,
        end_date=D(2020, 3, 1),
        end_precision=DatePrecision.MONTH,
    )
    PostFactory(
        official=person,
        authority=council,
        title="Chief executive",
        role=Role.CHIEF_EXECUTIVE,
        start_date=D(2020, 4, 6),
        end_date=None,
    )

    def said(day, precision=DatePrecision.DAY):
        return StatementFactory(official=person, said_on=day, said_precision=precision)

    return {
        "before": said(D(2018, 6, 5)),
        # "November 2018", stored as its 1st: the month the post began.
        "first_month": said(D(2018, 11, 1), DatePrecision.MONTH),
        "director": said(D(2019, 7, 15)),
        # The post ended "in March 2020": the 20th may still be in it.
        "last_month": said(D(2020, 3, 20)),
        "gap": said(D(2020, 4, 1)),
        "chief": said(D(2021, 1, 12)),
    }


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def pks(career, *names):
    return {career[name].pk for name in names}


def test_each_statement_is_annotated_with_the_post_held_that_day(career):
    held = {s.pk: (s.role_held, s.post_title) for s in Statement.objects.with_role()}
    assert held[career["before"].pk] == (None, None)
    assert held[career["first_month"].pk] == (Role.DCS, "Director of children's services")
    assert held[career["director"].pk] == (Role.DCS, "Director of children's services")
    assert held[career["last_month"].pk] == (Role.DCS, "Director of children's services")
    assert held[career["gap"].pk] == (None, None)
    assert held[career["chief"].pk] == (Role.CHIEF_EXECUTIVE, "Chief executive")


def test_role_filter_puts_each_statement_under_the_role_of_its_day(career):
    statements = Statement.objects.published()
    assert ids(statements.held_role(Role.DCS)) == pks(
        career, "first_month", "director", "last_month"
    )
    assert ids(statements.held_role(Role.CHIEF_EXECUTIVE)) == pks(career, "chief")
    assert ids(statements.held_role([Role.DCS, Role.CHIEF_EXECUTIVE])) == pks(
        career, "first_month", "director", "last_month", "chief"
    )
    # Negative: nothing said outside a post is under any role.
    assert ids(statements.held_role(Role.LEAD_MEMBER)) == set()
    assert ids(statements.held_role(list(Role.values))).isdisjoint(pks(career, "before", "gap"))


def test_role_counts_match_the_filter(career):
    counts = Statement.objects.published().role_counts(Role.values)
    assert counts == {
        Role.DCS: 3,
        Role.LEAD_MEMBER: 0,
        Role.CHIEF_EXECUTIVE: 1,
        Role.COUNCIL_LEADER: 0,
        Role.OTHER: 0,
    }


def test_the_list_page_filters_by_role(client, career):
    response = client.get("/quotes/", {"role": "chief_executive"})
    assert [s.pk for s in response.context["object_list"]] == [career["chief"].pk]
    response = client.get("/quotes/", {"role": "dcs"})
    assert [s.pk for s in response.context["object_list"]] == [
        career["last_month"].pk,
        career["director"].pk,
        career["first_month"].pk,
    ]
    html = response.content.decode()
    assert "Director of children&#x27;s services, Westshire Council" in html


def test_held_on_reads_an_end_known_to_the_month_as_the_whole_month(career):
    director = Post.objects.get(role=Role.DCS)
    assert director in Post.objects.held_on(D(2020, 3, 31))
    assert director not in Post.objects.held_on(D(2020, 4, 1))
    assert director in Post.objects.held_on(D(2018, 11, 1))
    assert director not in Post.objects.held_on(D(2018, 10, 31))


def test_a_post_at_the_inspected_council_is_preferred(career):
    """Someone holding posts at two councils at once is shown in the post at
    the council whose inspection they were talking about."""
    person = OfficialFactory(name="Sam Twohats")
    east = LocalAuthorityFactory(name="Eastshire")
    west = LocalAuthorityFactory(name="Weshire")
    PostFactory(official=person, authority=east, title="Interim director", start_date=D(2019, 1, 1))
    PostFactory(
        official=person,
        authority=west,
        title="Director",
        start_date=D(2018, 1, 1),
    )
    about_west = StatementFactory(
        official=person, said_on=D(2019, 6, 1), inspection=InspectionFactory(authority=west)
    )
    about_east = StatementFactory(
        official=person, said_on=D(2019, 6, 1), inspection=InspectionFactory(authority=east)
    )
    annotated = {s.pk: s.post_title for s in Statement.objects.with_role()}
    assert annotated[about_west.pk] == "Director"
    assert annotated[about_east.pk] == "Interim director"


def test_a_statement_counts_once_per_role_held_that_day_and_not_at_all_without_one():
    person = OfficialFactory(name="Sam Twohats", slug="sam-twohats")
    # Two records of the same role overlapping, and a second role at once.
    PostFactory(official=person, role=Role.DCS, start_date=D(2019, 1, 1))
    PostFactory(official=person, role=Role.DCS, start_date=D(2019, 6, 1))
    PostFactory(official=person, role=Role.LEAD_MEMBER, start_date=D(2019, 6, 1))
    StatementFactory(official=person, said_on=D(2019, 7, 1), inspection=None)
    StatementFactory(official=person, said_on=D(2019, 2, 1), inspection=None)
    # Before any post: in no role.
    StatementFactory(official=person, said_on=D(2018, 7, 1), inspection=None)
    counts = Statement.objects.filter(official=person).role_counts(Role.values)
    assert counts[Role.DCS] == 2
    assert counts[Role.LEAD_MEMBER] == 1
    assert sum(counts.values()) == 3
    assert set(counts) == set(Role.values)


def test_the_filter_the_facet_and_the_shown_role_agree_on_every_statement(career):
    """All three read PostQuerySet.held_on: the filter through a subquery on
    the statement's day, the facet through a join, the shown role through a
    subquery per field."""
    statements = Statement.objects.published()
    counts = statements.role_counts(Role.values)
    shown = {s.pk: s.role_held for s in statements.with_role()}
    for role in Role.values:
        filtered = ids(statements.held_role(role))
        assert len(filtered) == counts[role], role
        assert {pk for pk, held in shown.items() if held == role} <= filtered, role
    # With one post a day, the shown role is the only one the filter finds.
    assert {pk for pk, held in shown.items() if held is None} == pks(career, "before", "gap")


def test_held_on_takes_a_date_or_an_expression_alike(career):
    director = Post.objects.get(role=Role.DCS)
    for day in (D(2018, 11, 1), D(2020, 3, 20), D(2020, 4, 1), D(2018, 10, 31)):
        by_date = director in Post.objects.held_on(day)
        said = StatementFactory(official=director.official, said_on=day)
        by_expression = Statement.objects.filter(pk=said.pk).held_role(Role.DCS).exists()
        assert by_date == by_expression, day
