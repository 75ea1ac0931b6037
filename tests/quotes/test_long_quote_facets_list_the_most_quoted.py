"""A quotes facet with more options than FACET_LIMIT (a broad search can
touch most of a thousand speakers) lists the most quoted ones and any that
are ticked, and says how many it left out; a short facet lists every
option."""

import pytest

from quotes.filters import FACET_LIMIT
from tests.factories import OfficialFactory, StatementFactory

pytestmark = pytest.mark.django_db


def official_facet(client, query=""):
    response = client.get(f"/quotes/{query}")
    assert response.status_code == 200
    facet = next(f for f in response.context["facets"] if f["name"] == "official")
    return facet, response.content.decode()


@pytest.fixture
def speakers():
    """FACET_LIMIT + 5 speakers; the n-th has n + 1 quotes."""
    people = []
    for n in range(FACET_LIMIT + 5):
        person = OfficialFactory(name=f"Speaker {n:02d}", slug=f"speaker-{n:02d}")
        StatementFactory.create_batch(n + 1, official=person, inspection=None)
        people.append(person)
    return people


def test_a_long_facet_lists_the_most_quoted_and_says_how_many_are_left_out(client, speakers):
    facet, page = official_facet(client)
    shown = [option["value"] for option in facet["options"]]
    assert len(shown) == FACET_LIMIT
    assert set(shown) == {person.slug for person in speakers[5:]}
    assert facet["hidden"] == 5
    assert "5 more, with fewer quotes, not listed" in page
    assert 'href="/people/"' in page


def test_a_ticked_option_is_listed_even_when_it_has_few_quotes(client, speakers):
    least = speakers[0]
    facet, _ = official_facet(client, f"?official={least.slug}")
    ticked = [option for option in facet["options"] if option["checked"]]
    assert [option["value"] for option in ticked] == [least.slug]


def test_a_short_facet_lists_every_option(client):
    for n in range(3):
        StatementFactory(official=OfficialFactory(slug=f"few-{n}"), inspection=None)
    facet, page = official_facet(client)
    assert len(facet["options"]) == 3
    assert facet["hidden"] == 0
    assert "not listed" not in page
