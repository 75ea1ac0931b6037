"""The page cache keeps only addresses a page answers to. A query string
naming a parameter the page does not read, or a value the page says is
wrong (a filter that is not valid, a page number that is not one), is
served live and never stored: a scan of junk query strings had filled 4,974
of the 5,000 entries, and Django's DatabaseCache culls by key order, not by
last use, so the junk pushed out the pages people read. Equivalent
addresses (parameters in another order, an empty search box) share one
entry; addresses that differ stay apart. The pages each process keeps are
dropped least recently used."""

import random
import re
import string

import pytest
from django.db import connection
from django.test import Client

from core import pagecache
from tests.factories import InspectionFactory, LocalAuthorityFactory
from tests.public_addresses import LISTS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def stored_pages():
    """Rows of the page cache's table that hold pages (not the generation)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM page_cache")
        return [key for (key,) in cursor.fetchall() if "pages:generation" not in key]


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def a_list(visitor):
    InspectionFactory(authority=LocalAuthorityFactory(name="Junkshire"))
    fetch(visitor, "/inspections/")  # starts the generation
    fetch(visitor, "/inspections/")  # stored
    assert len(stored_pages()) == 1
    return "/inspections/"


def junk(rng):
    word = "".join(rng.choice(string.ascii_lowercase) for _ in range(8))
    return rng.choice(
        [
            f"{word}=1",  # a parameter no page reads
            f"utm_source={word}",
            f"judgement=good&{word}=",
            f"judgement={word}",  # not a judgement
            f"page={word}",  # not a page number
            f"date_from={word}",
        ]
    )


def test_five_hundred_junk_query_strings_store_nothing(visitor, a_list):
    rng = random.Random(5)
    for _ in range(500):
        response = fetch(visitor, f"{a_list}?{junk(rng)}")
        assert b"Junkshire" in response.content
    assert len(stored_pages()) == 1
    assert fetch(visitor, a_list)["X-Cache"] == "hit"


def test_a_real_filter_is_stored_and_served(visitor, a_list):
    fetch(visitor, f"{a_list}?judgement=good")
    assert fetch(visitor, f"{a_list}?judgement=good")["X-Cache"] == "hit"
    fetch(visitor, f"{a_list}?judgement=inadequate")
    assert len(stored_pages()) == 3  # the list, and each filter apart


def test_parameters_in_another_order_or_an_empty_search_box_share_an_entry(visitor, a_list):
    fetch(visitor, f"{a_list}?judgement=good&sort=oldest")
    for same in (
        f"{a_list}?sort=oldest&judgement=good",
        f"{a_list}?q=&judgement=good&sort=oldest&page=",
        f"{a_list}?date_from=&sort=oldest&date_to=&judgement=good",
    ):
        assert fetch(visitor, same)["X-Cache"] == "hit", same
    assert len(stored_pages()) == 2


def test_addresses_that_read_differently_stay_apart(visitor, a_list):
    # An empty form is a bound form ("... match these filters"), not the bare list.
    assert fetch(visitor, f"{a_list}?q=")["X-Cache"] == "miss"
    assert fetch(visitor, f"{a_list}?q=&page=")["X-Cache"] == "hit"
    # "theme=" is a choice of no theme, which the list refuses: never stored.
    fetch(visitor, f"{a_list}?theme=")
    assert fetch(visitor, f"{a_list}?theme=")["X-Cache"] == "miss"
    # Values of one filter keep their order, and a second empty value counts.
    assert fetch(visitor, f"{a_list}?q=care&q=")["X-Cache"] == "miss"
    assert fetch(visitor, f"{a_list}?q=care")["X-Cache"] == "miss"
    assert len(stored_pages()) == 4


@pytest.mark.parametrize("address", [a for a in LISTS if a != "/check/"])
def test_every_empty_value_left_out_of_the_key_renders_the_same_page(settings, address):
    """What page_parameters leaves out must change nothing the page shows."""
    from django.urls import resolve

    settings.PAGE_CACHE_SECONDS = 0
    InspectionFactory()
    match = resolve(address)
    view = getattr(match.func, "view_class", match.func)
    names, empty_is_nothing = pagecache.declared_parameters(view)
    client = Client()

    def body(query):
        response = client.get(f"{address}?{query}")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, re.sub(rb'nonce="[^"]*"', b"", content)

    base = "q=children" if "q" in names else "anything=1"
    for name in sorted(empty_is_nothing - {"q"}):
        assert body(f"{base}&{name}=") == body(base), name


def test_kept_pages_are_dropped_least_recently_used(settings):
    recent = pagecache.RecentPages()
    page = pagecache.Page([], b"x" * 100, 100, False, float("inf"))
    settings.PAGE_CACHE_LOCAL_BYTES = 250
    recent.put("first", "g", page)
    recent.put("second", "g", page)
    assert recent.get("first", "g") is page  # read again: now the most recent
    recent.put("third", "g", page)
    assert list(recent.pages) == ["first", "third"]
