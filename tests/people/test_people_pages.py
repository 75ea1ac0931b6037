"""/people/ lists each published official with their posts and how many
quotes they have; /people/<slug>/ shows their posts with dates at the
precision known, what they said, and the inspections of their council
while they held office (and not the others)."""

import datetime

import pytest

from core.choices import DatePrecision, Status
from people.models import Role
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
def people():
    lakeshire = LocalAuthorityFactory(
        name="Lakeshire", slug="lakeshire", official_name="Lakeshire Council"
    )
    hillshire = LocalAuthorityFactory(name="Hillshire", slug="hillshire")
    director = OfficialFactory(name="Avery Director", slug="avery-director")
    PostFactory(
        official=director,
        authority=lakeshire,
        title="Director of children's services",
        role=Role.DCS,
        start_date=D(2018, 11, 1),
        start_precision=DatePrecision.MONTH,
        end_date=D(2021, 3, 31),
    )
    leader = OfficialFactory(name="Blake Leader", slug="blake-leader", honorific="Cllr")
    PostFactory(
        official=leader,
        authority=hillshire,
        title="Leader of the council",
        role=Role.COUNCIL_LEADER,
        start_date=None,
    )
    OfficialFactory(name="Casey Hidden", slug="casey-hidden", status=Status.DRAFT)
    inspections = {
        "before": InspectionFactory(
            authority=lakeshire,
            start_date=D(2017, 5, 1),
            end_date=D(2017, 5, 12),
            published_on=D(2017, 7, 1),
        ),
        # On site before the director started; reported in their first month.
        "reported_in_office": InspectionFactory(
            authority=lakeshire,
            start_date=D(2018, 10, 1),
            end_date=None,
            dates_precision=DatePrecision.MONTH,
            published_on=D(2018, 11, 1),
            published_precision=DatePrecision.MONTH,
        ),
        "during": InspectionFactory(
            authority=lakeshire,
            start_date=D(2019, 6, 3),
            end_date=D(2019, 6, 14),
            published_on=D(2019, 7, 15),
        ),
        "after": InspectionFactory(
            authority=lakeshire,
            start_date=D(2022, 1, 10),
            end_date=D(2022, 1, 21),
            published_on=D(2022, 3, 1),
        ),
        "other_council": InspectionFactory(
            authority=hillshire,
            start_date=D(2019, 9, 2),
            end_date=D(2019, 9, 13),
            published_on=D(2019, 10, 20),
        ),
        "draft": InspectionFactory(
            authority=lakeshire, start_date=D(2020, 2, 3), status=Status.DRAFT
        ),
    }
    StatementFactory(official=director, text="Our first words.", said_on=D(2019, 7, 15))
    StatementFactory(official=director, text="Our second words.", said_on=D(2020, 1, 6))
    StatementFactory(official=director, text="Hidden draft words.", status=Status.DRAFT)
    return inspections


def test_the_list_shows_published_people_with_posts_and_quote_counts(client, people):
    response = client.get("/people/")
    assert response.status_code == 200
    listed = [(o.slug, o.statement_count) for o in response.context["object_list"]]
    assert listed == [("avery-director", 2), ("blake-leader", 0)]
    html = " ".join(response.content.decode().split())
    assert (
        "Director of children&#x27;s services, Lakeshire, "
        '<span class="post-dates">November 2018 to 31 March 2021</span>' in html
    )
    assert "Cllr Blake Leader" in html
    assert 'href="/quotes/?official=avery-director"' in html
    assert "Casey Hidden" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"role": "dcs"}, ["avery-director"]),
        ({"role": "council_leader"}, ["blake-leader"]),
        ({"role": "chief_executive"}, []),
        ({"authority": "hillshire"}, ["blake-leader"]),
        ({"q": "avery"}, ["avery-director"]),
        ({"q": "hidden"}, []),
    ],
)
def test_the_list_filters_by_post_council_and_name(client, people, params, expected):
    response = client.get("/people/", params)
    assert [o.slug for o in response.context["object_list"]] == expected


def test_a_person_page_shows_posts_at_their_precision_and_what_they_said(client, people):
    response = client.get("/people/avery-director/")
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "<h1>Avery Director</h1>" in html
    assert '<time datetime="2018-11">November 2018</time>' in html
    assert '<time datetime="2021-03-31">31 March 2021</time>' in html
    assert "1 November 2018" not in html
    assert html.index("Our second words.") < html.index("Our first words.")
    assert "Hidden draft words." not in html


def test_a_person_page_lists_only_the_inspections_while_in_office(client, people):
    response = client.get("/people/avery-director/")
    [item] = response.context["posts"]
    assert [i.pk for i in item["inspections"]] == [
        people["during"].pk,
        people["reported_in_office"].pk,
    ]
    html = response.content.decode()
    assert people["during"].get_absolute_url() in html
    assert people["before"].get_absolute_url() not in html
    assert people["after"].get_absolute_url() not in html
    assert people["other_council"].get_absolute_url() not in html
    assert people["draft"].get_absolute_url() not in html


def test_a_post_with_unknown_dates_lists_every_inspection_and_says_so(client, people):
    response = client.get("/people/blake-leader/")
    [item] = response.context["posts"]
    assert [i.pk for i in item["inspections"]] == [people["other_council"].pk]
    html = response.content.decode()
    assert "The dates of this post are not known" in html
    assert "No quotes by Cllr Blake Leader are published yet." in html
