"""Each filter on /quotes/, alone and combined, gives exactly the statements it
should, newest first, with counts beside the options that match what
choosing each would give."""

import datetime

import pytest

from core.choices import DatePrecision, Status
from people.models import Role
from quotes.models import SourceKind
from tests.factories import (
    InspectionFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    north = LocalAuthorityFactory(name="Northshire", slug="northshire")
    south = LocalAuthorityFactory(name="Southshire", slug="southshire")
    caseloads = ThemeFactory(name="Quote test caseloads", slug="quote-test-caseloads")
    fostering = ThemeFactory(name="Quote test fostering", slug="quote-test-fostering")
    north_2020 = InspectionFactory(authority=north, start_date=datetime.date(2020, 1, 6))
    south_2020 = InspectionFactory(authority=south, start_date=datetime.date(2020, 2, 3))
    director = OfficialFactory(name="Dana Director", slug="dana-director")
    PostFactory(
        official=director, authority=north, role=Role.DCS, start_date=datetime.date(2019, 1, 1)
    )
    member = OfficialFactory(name="Morgan Member", slug="morgan-member")
    PostFactory(
        official=member,
        authority=south,
        role=Role.LEAD_MEMBER,
        title="Lead member for children",
        start_date=None,
    )
    press = SourceFactory(kind=SourceKind.PRESS_RELEASE)
    news = SourceFactory(kind=SourceKind.NEWS)
    s = {
        "caseloads": StatementFactory(
            official=director,
            text="Our social workers now carry smaller caseloads.",
            said_on=datetime.date(2020, 3, 2),
            source=press,
            inspection=north_2020,
            themes=[caseloads],
        ),
        "recruiting": StatementFactory(
            official=director,
            text="Recruiting foster carers remains hard.",
            said_on=datetime.date(2020, 5, 1),
            said_precision=DatePrecision.MONTH,
            source=news,
            inspection=north_2020,
            themes=[fostering],
        ),
        "welcome": StatementFactory(
            official=member,
            text="The council welcomes the report.",
            said_on=datetime.date(2021, 1, 10),
            source=press,
            inspection=south_2020,
            themes=[caseloads, fostering],
        ),
        "general": StatementFactory(
            official=member,
            text="Children come first in this borough.",
            said_on=datetime.date(2018, 6, 1),
            source=news,
            inspection=None,
        ),
    }
    # Never shown: a draft by the same people on the same themes.
    StatementFactory(
        official=director,
        text="A draft about smaller caseloads.",
        said_on=datetime.date(2020, 3, 3),
        source=press,
        inspection=north_2020,
        themes=[caseloads],
        status=Status.DRAFT,
    )
    return s


def shown(client, params):
    response = client.get("/quotes/", params)
    assert response.status_code == 200, response.content[:500]
    return [statement.pk for statement in response.context["object_list"]], response


def pks(world, *names):
    return [world[name].pk for name in names]


CASES = [
    ({}, ["welcome", "recruiting", "caseloads", "general"]),
    ({"official": "dana-director"}, ["recruiting", "caseloads"]),
    (
        {"official": ["dana-director", "morgan-member"]},
        ["welcome", "recruiting", "caseloads", "general"],
    ),
    ({"role": "dcs"}, ["recruiting", "caseloads"]),
    ({"role": "lead_member"}, ["welcome", "general"]),
    ({"role": "chief_executive"}, []),
    ({"authority": "northshire"}, ["recruiting", "caseloads"]),
    # No inspection: the council is the one the speaker served that day.
    ({"authority": "southshire"}, ["welcome", "general"]),
    ({"theme": "quote-test-caseloads"}, ["welcome", "caseloads"]),
    (
        {"theme": ["quote-test-caseloads", "quote-test-fostering"]},
        ["welcome", "recruiting", "caseloads"],
    ),
    (
        {"inspection": "northshire-ilacs-standard-inspection-january-2020"},
        ["recruiting", "caseloads"],
    ),
    ({"source": "news"}, ["recruiting", "general"]),
    ({"source": ["news", "press_release"]}, ["welcome", "recruiting", "caseloads", "general"]),
    ({"date_from": "2020-03-01", "date_to": "2020-12-31"}, ["recruiting", "caseloads"]),
    # "May 2020" may have been said on 20 May, so a range from then includes it.
    ({"date_from": "2020-05-20"}, ["welcome", "recruiting"]),
    ({"date_to": "2020-03-01"}, ["general"]),
    ({"date_from": "2021", "date_to": "2021"}, ["welcome"]),
    ({"date_from": "2020-03", "date_to": "2020-03"}, ["caseloads"]),
    ({"q": "caseloads"}, ["caseloads"]),
    ({"q": "foster"}, ["recruiting"]),
    ({"q": "nothing-says-this"}, []),
    # Combinations: every filter must hold.
    ({"official": "dana-director", "theme": "quote-test-fostering"}, ["recruiting"]),
    ({"theme": "quote-test-caseloads", "role": "lead_member"}, ["welcome"]),
    ({"authority": "southshire", "source": "news"}, ["general"]),
    ({"official": "morgan-member", "date_from": "2019"}, ["welcome"]),
    (
        {
            "official": "morgan-member",
            "inspection": "northshire-ilacs-standard-inspection-january-2020",
        },
        [],
    ),
    ({"role": "dcs", "q": "caseloads", "source": "press_release"}, ["caseloads"]),
]


@pytest.mark.parametrize(("params", "expected"), CASES)
def test_each_filter_and_combination(client, world, params, expected):
    ids, _ = shown(client, params)
    if params.get("q") and expected:
        assert sorted(ids) == sorted(pks(world, *expected))
    else:
        assert ids == pks(world, *expected)


def test_oldest_first_sort(client, world):
    ids, _ = shown(client, {"sort": "oldest"})
    assert ids == pks(world, "general", "caseloads", "recruiting", "welcome")


def facet(response, name):
    [found] = [f for f in response.context["facets"] if f["name"] == name]
    return {option["value"]: (option["count"], option["checked"]) for option in found["options"]}


def test_counts_beside_each_option_leave_out_their_own_filter(client, world):
    _, response = shown(client, {"official": "dana-director"})
    # Other people are still offered, counted as if chosen instead.
    assert facet(response, "official") == {
        "dana-director": (2, True),
        "morgan-member": (2, False),
    }
    # Other facets count within Dana's statements only; drafts never count.
    assert facet(response, "theme") == {
        "quote-test-caseloads": (1, False),
        "quote-test-fostering": (1, False),
    }
    roles = facet(response, "role")
    assert roles["dcs"] == (2, False)
    assert roles["lead_member"] == (0, False)
    assert facet(response, "source") == {
        "press_release": (1, False),
        "news": (1, False),
        "meeting": (0, False),
        "letter": (0, False),
        "other": (0, False),
    }
    assert facet(response, "authority") == {"northshire": (2, False)}
    assert facet(response, "inspection") == {
        "northshire-ilacs-standard-inspection-january-2020": (2, False)
    }


def test_counts_agree_with_the_results_they_promise(client, world):
    _, response = shown(client, {"theme": "quote-test-caseloads"})
    for name in ("official", "role", "authority", "source", "inspection"):
        for value, (count, _) in facet(response, name).items():
            ids, _ = shown(client, {"theme": "quote-test-caseloads", name: value})
            assert len(ids) == count, (name, value)


def test_a_chosen_option_no_statement_matches_stays_ticked_with_zero(client, world):
    _, response = shown(
        client, {"official": "dana-director", "theme": "quote-test-caseloads", "source": "news"}
    )
    assert response.context["object_list"].count() == 0
    # Each count leaves out its own facet: Dana's news quotes are not about
    # caseloads, and her caseloads quotes are not in the news.
    assert facet(response, "theme")["quote-test-caseloads"] == (0, True)
    assert facet(response, "source")["news"] == (0, True)
    assert "No quotes match these filters" in response.content.decode()


def test_the_page_lists_chosen_filters_with_links_to_remove_each(client, world):
    _, response = shown(client, {"official": "dana-director", "theme": "quote-test-fostering"})
    html = response.content.decode()
    assert "Person: Dana Director" in html
    assert 'href="/quotes/?theme=quote-test-fostering"' in html
    assert '<span class="count">1</span> quote matches these filters' in " ".join(html.split())
