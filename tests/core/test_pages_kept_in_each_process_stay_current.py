"""Each process keeps the pages it served last, so that a busy page costs
one small read of the generation, and never serves one after a change,
past its lifetime or beyond its share of memory."""

import time
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import pagecache
from tests.factories import FindingFactory, InspectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_page_kept_here_costs_one_read_of_the_generation_alone(visitor):
    InspectionFactory()
    visit(visitor, "/inspections/")  # rendered and stored
    visit(visitor, "/inspections/")  # read from the shared cache, and kept
    with CaptureQueriesContext(connection) as queries:
        third = visit(visitor, "/inspections/")
    assert third["X-Cache"] == "hit"
    assert len(queries) == 1
    assert "pages:generation" in queries[0]["sql"]
    assert queries[0]["sql"].count("pages:") == 1  # not the page's own key


def test_a_page_not_kept_here_reads_the_shared_cache(visitor):
    InspectionFactory()
    visit(visitor, "/inspections/")
    pagecache.recent.clear()  # as another process would be
    with CaptureQueriesContext(connection) as queries:
        response = visit(visitor, "/inspections/")
    assert response["X-Cache"] == "hit"
    assert queries[0]["sql"].count("pages:") == 2


def test_a_change_is_seen_by_a_process_that_kept_the_page(visitor):
    finding = FindingFactory(text="Children are seen quickly.")
    url = finding.inspection.get_absolute_url()
    for _ in range(3):
        visit(visitor, url)
    assert pagecache.recent.pages
    finding.text = "Children wait too long to be seen."
    finding.save()
    response = visit(visitor, url)
    assert response["X-Cache"] == "miss"
    assert b"wait too long" in response.content


def test_a_kept_page_is_not_served_past_its_lifetime(visitor, settings):
    InspectionFactory()
    visit(visitor, "/inspections/")
    assert visit(visitor, "/inspections/")["X-Cache"] == "hit"
    assert pagecache.recent.pages
    later = time.time() + settings.PAGE_CACHE_SECONDS + 1
    with mock.patch.object(pagecache.time, "time", return_value=later):
        assert visit(visitor, "/inspections/")["X-Cache"] == "miss"


def test_kept_pages_stay_within_their_bytes_dropping_the_least_recent(settings):
    InspectionFactory()
    browser = Client(HTTP_ACCEPT_ENCODING="gzip")
    urls = ["/inspections/", "/findings/", "/quotes/"]
    for url in urls:
        visit(browser, url)
        visit(browser, url)  # kept
    sizes = [kept.size for kept in pagecache.recent.pages.values()]
    assert len(sizes) == 3
    settings.PAGE_CACHE_LOCAL_BYTES = sizes[1] + sizes[2]
    pagecache.recent.clear()
    for url in urls:
        visit(browser, url)
    assert pagecache.recent.size <= settings.PAGE_CACHE_LOCAL_BYTES
    assert len(pagecache.recent.pages) == 2  # the first visited was dropped


def test_an_inflated_copy_counts_against_the_bytes_too(settings):
    InspectionFactory()
    browser = Client(HTTP_ACCEPT_ENCODING="gzip")
    for url in ["/inspections/", "/quotes/"]:
        visit(browser, url)
        visit(browser, url)  # kept, gzipped
    (older, newer) = pagecache.recent.pages.values()
    settings.PAGE_CACHE_LOCAL_BYTES = older.size + newer.size + newer.page.length - 1
    # A client without gzip: the quotes page is kept inflated as well, and
    # the other page goes to make room.
    visit(Client(), "/quotes/")
    assert list(pagecache.recent.pages.values()) == [newer]
    assert len(newer.plain) == newer.page.length
    assert pagecache.recent.size == newer.size <= settings.PAGE_CACHE_LOCAL_BYTES


def test_a_page_larger_than_the_bytes_allowed_is_not_kept(visitor, settings):
    InspectionFactory()
    settings.PAGE_CACHE_LOCAL_BYTES = 100
    for _ in range(3):
        response = visit(visitor, "/inspections/")
    assert response["X-Cache"] == "hit"
    assert not pagecache.recent.pages
    assert pagecache.recent.size == 0
