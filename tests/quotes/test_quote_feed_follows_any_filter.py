"""/quotes/feed/ is an Atom feed of any filtered view of the quotes, newest
first, so a journalist can follow a person, a council or a theme."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from core.choices import DatePrecision
from tests.factories import OfficialFactory, StatementFactory, ThemeFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def said():
    theme = ThemeFactory(name="Feed test theme", slug="feed-test-theme")
    followed = OfficialFactory(name="Flynn Followed", slug="flynn-followed")
    other = OfficialFactory(name="Olly Other", slug="olly-other")
    return {
        "old": StatementFactory(
            official=followed,
            text="Older words.",
            said_on=datetime.date(2019, 7, 1),
            said_precision=DatePrecision.MONTH,
            themes=[theme],
        ),
        "new": StatementFactory(
            official=followed, text="Newer words.", said_on=datetime.date(2020, 2, 3)
        ),
        "other": StatementFactory(official=other, text="Someone else.", themes=[theme]),
    }


def entries(client, params):
    response = client.get("/quotes/feed/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_a_person_feed_holds_their_quotes_newest_first(client, said):
    feed, items = entries(client, {"official": "flynn-followed"})
    assert feed.find(f"{ATOM}title").text.endswith("Person: Flynn Followed")
    links = [item.find(f"{ATOM}link").get("href") for item in items]
    assert links == [
        f"http://testserver/quotes/{said['new'].pk}/",
        f"http://testserver/quotes/{said['old'].pk}/",
    ]
    first = items[0]
    assert first.find(f"{ATOM}title").text == "Flynn Followed, 3 February 2020: “Newer words.”"
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Flynn Followed"
    # A month-precise date is titled as the month.
    assert items[1].find(f"{ATOM}title").text.startswith("Flynn Followed, July 2019:")
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == "http://testserver/quotes/?official=flynn-followed"


def test_a_theme_feed_holds_only_that_theme(client, said):
    _, items = entries(client, {"theme": "feed-test-theme"})
    links = {item.find(f"{ATOM}link").get("href") for item in items}
    assert links == {
        f"http://testserver/quotes/{said['old'].pk}/",
        f"http://testserver/quotes/{said['other'].pk}/",
    }
    categories = [c.get("term") for c in items[0].findall(f"{ATOM}category")]
    assert categories == ["Feed test theme"]


def test_the_unfiltered_feed_holds_everything_and_a_filter_can_match_nothing(client, said):
    _, items = entries(client, {})
    assert len(items) == 3
    # An unknown theme is an error, not an empty feed ...
    assert client.get("/quotes/feed/", {"theme": "no-such"}).status_code == 400
    _, items = entries(client, {"official": "olly-other", "date_to": "2000"})
    # ... while a valid filter with no matches is an empty feed.
    assert items == []
