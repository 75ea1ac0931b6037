"""A CSV export is stored in the page cache once it has been sent to the
end, and served from it until the record changes or the day does: a
download cut off part way, one too large to keep, or one that began before
a change is never served again. Stored pages go out gzipped to clients
that accept it and inflated to any other, byte for byte the same."""

import datetime
import gzip
from unittest import mock
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from core import pagecache
from tests.factories import StatementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

EXPORT = "/quotes/?format=csv"


@pytest.fixture
def quotes():
    return StatementFactory.create_batch(30)


def download(client, url=EXPORT, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_a_second_download_is_served_from_the_cache_byte_for_byte(visitor, quotes):
    first, sent = download(visitor)
    with CaptureQueriesContext(connection) as queries:
        second, again = download(visitor)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert len(queries) == 1
    assert again == sent
    assert sent.count(b"\n") == 31  # the header and every quote
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Length"] == str(len(sent))


def test_a_client_without_gzip_is_served_the_copy_this_process_keeps_inflated(
    visitor, quotes, monkeypatch
):
    _, sent = download(visitor)
    download(visitor)  # read from the shared cache and kept, inflated too
    (kept,) = pagecache.recent.pages.values()
    assert kept.plain == sent
    assert pagecache.recent.size == len(kept.page.body) + len(sent)

    def no_inflating(*args):
        raise AssertionError("inflated again")

    monkeypatch.setattr(pagecache.zlib, "decompress", no_inflating)
    response, body = download(visitor)
    assert response["X-Cache"] == "hit"
    assert body == sent


def test_an_export_too_large_to_keep_inflated_is_inflated_in_pieces(
    visitor, quotes, monkeypatch, settings
):
    monkeypatch.setattr(pagecache, "PIECE", 512)
    _, sent = download(visitor)
    download(visitor, HTTP_ACCEPT_ENCODING="gzip")  # kept, gzipped
    (kept,) = pagecache.recent.pages.values()
    settings.PAGE_CACHE_LOCAL_BYTES = len(kept.page.body) + len(sent) - 1
    second = visitor.get(EXPORT)
    pieces = list(second.streaming_content)
    assert second["X-Cache"] == "hit"
    assert kept.plain is None
    assert len(pieces) > 2
    assert b"".join(pieces) == sent


def test_a_client_that_accepts_gzip_gets_the_stored_bytes_compressed(visitor, quotes):
    _, sent = download(visitor)
    second, body = download(visitor, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert second["X-Cache"] == "hit"
    assert second["Content-Encoding"] == "gzip"
    assert second["Content-Length"] == str(len(body))
    assert len(body) < len(sent) / 2
    assert gzip.decompress(body) == sent
    assert "Accept-Encoding" in second["Vary"]


def test_a_client_that_does_not_accept_gzip_never_gets_it(visitor, quotes):
    download(visitor, "/quotes/")
    response, body = download(visitor, "/quotes/", HTTP_ACCEPT_ENCODING="identity")
    assert response["X-Cache"] == "hit"
    assert not response.has_header("Content-Encoding")
    assert b"<html" in body


def test_pages_vary_on_accept_encoding_when_first_rendered_too(visitor, quotes):
    response, _ = download(visitor, "/quotes/")
    assert response["X-Cache"] == "miss"
    assert "Accept-Encoding" in response["Vary"]


def test_a_download_cut_off_part_way_is_not_stored(visitor, quotes, monkeypatch):
    # Small pieces, so that the export is several of them.
    monkeypatch.setattr("core.exports.STREAM_PIECE", 256)
    # Served as a WSGI server serves it: one piece sent, then the client goes
    # away and the server closes the response. (Without the signals that
    # would close the test's database connection, as the test client does.)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/quotes/", "QUERY_STRING": "format=csv"}
    setup_testing_defaults(environ)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, headers: None)
        assert response["X-Cache"] == "miss"
        next(iter(response))
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert download(visitor)[0]["X-Cache"] == "miss"
    assert download(visitor)[0]["X-Cache"] == "hit"


def test_an_export_larger_than_the_limit_is_not_stored(visitor, quotes, settings):
    settings.PAGE_CACHE_MAX_BYTES = 200
    download(visitor)
    assert download(visitor)[0]["X-Cache"] == "miss"
    # A page under the limit still is.
    settings.PAGE_CACHE_MAX_BYTES = 1_000_000
    download(visitor)
    assert download(visitor)[0]["X-Cache"] == "hit"


def test_an_export_that_began_before_a_change_is_not_served_after_it(visitor, quotes):
    response = visitor.get(EXPORT)
    pieces = iter(response.streaming_content)
    first = next(pieces)
    quotes[0].text = "Words changed while the export was being sent."
    quotes[0].save()
    b"".join([first, *pieces])  # sent to the end, and stored
    fresh, body = download(visitor)
    assert fresh["X-Cache"] == "miss"
    assert b"Words changed while the export" in body


def test_a_change_to_the_record_is_in_the_next_download(visitor, quotes):
    download(visitor)
    StatementFactory(text="A quote published after the first download.")
    response, body = download(visitor)
    assert response["X-Cache"] == "miss"
    assert b"A quote published after the first download." in body


def test_pages_stored_yesterday_are_not_served_today(visitor, quotes):
    today = datetime.date(2026, 11, 29)
    with mock.patch.object(pagecache.timezone, "localdate", return_value=today):
        download(visitor, "/quotes/")
        assert download(visitor, "/quotes/")[0]["X-Cache"] == "hit"
    tomorrow = today + datetime.timedelta(days=1)
    with mock.patch.object(pagecache.timezone, "localdate", return_value=tomorrow):
        assert download(visitor, "/quotes/")[0]["X-Cache"] == "miss"


def test_an_export_that_fails_part_way_is_not_stored(visitor, quotes, monkeypatch):
    from quotes import views

    real = views.statement_row
    rows = iter(range(10_000))

    def failing_on_the_tenth(*args, **kwargs):
        if next(rows) == 9:
            raise RuntimeError("the database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "statement_row", failing_on_the_tenth)
    response = visitor.get(EXPORT)
    with pytest.raises(RuntimeError):
        b"".join(response.streaming_content)
    monkeypatch.setattr(views, "statement_row", real)
    assert download(visitor)[0]["X-Cache"] == "miss"
