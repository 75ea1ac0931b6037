"""Whole public pages kept in a shared cache, and thrown away the moment any
record changes.

At national scale a list page's facet counts read hundreds of thousands of
rows, yet the record changes a few times a day. So an anonymous GET of a
public page is answered from the "pages" cache when nothing has changed
since it was rendered.

"Nothing has changed" is a generation token: any save, delete or
many-to-many change to a model of the record's apps (and the bulk loaders,
which say so themselves) replaces it, and every entry stores the token it
was rendered under. One cache read fetches both (or only the token, for a
page this process kept from an earlier visit: see RecentPages); an entry
from an older generation is a miss. With the database cache the new token
commits in the same transaction as the change, so no page rendered from the
old data is served after it; it is replaced again once the transaction
commits, for a cache that lives outside the database. Nothing unpublished
stays public.

Entries are also keyed by a hash of the code and templates, so a deploy
never serves pages rendered by the code it replaced, and by the day: a
citation says when it was accessed, and an export's file name carries the
date.

Only what is the same for everyone is stored: GET, no session cookie (staff
see the site live), a 200 that sets no cookie and does not vary on cookies
(a page with a form does). A streamed CSV export is stored as it is sent,
once the last row has gone out, if it compresses to PAGE_CACHE_MAX_BYTES or
less; a download cut off part way, or one that fails, is not stored. If
the cache cannot be read or written the page is served as if there were no
cache.

And only addresses a page answers to: every query parameter one the view
reads (its FilterSet's filters, its page number, an export's format and
page size: see page_parameters), and no page that says its address was wrong
(a filter not valid, a page number that is not one). Anything else is
served live and never stored: a scan of junk query strings had filled 4,974
of the 5,000 entries, and Django's DatabaseCache culls by key order, not
by last use (a third of the entries, the lowest keys, past MAX_ENTRIES), so
junk pushed out the pages people read. Equivalent addresses share one entry:
the key takes the parameters in order of name, and leaves out one given
only empty values where the page reads that as no value (an empty search
box); a multiple-choice filter given "" is an error there, and kept. The
pages each process keeps (RecentPages) are dropped least recently used.

Entries are kept gzipped. A client that accepts gzip (every browser) gets
those bytes as they are; any other gets them inflated, a large export in
pieces.
"""

import copy
import functools
import hashlib
import logging
import re
import threading
import time
import uuid
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost, ValidationError
from django.db import DatabaseError, close_old_connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import has_vary_header, patch_vary_headers

from .exports import ExportMixin

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "pages:generation"
# What renders the pages besides the project's apps (see code_version()).
SHARED_FOLDERS = ("config", "templates", "static")
CODE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".css", ".js")
# Never stored: the admin, the health check and the benchmark's ceiling,
# which must stay free of database work.
EXCLUDED_PATHS = ("/admin/", "/healthz", "/robots.txt")
# zlib's window bits for the gzip format, which browsers take as it is.
GZIP = 31
# Level 6 (gzip's default) makes a 5 MB export 850 KB in 90 ms; level 1
# makes it 1 MB, which every later visit reads from the cache table.
LEVEL = 6
# A stored export is inflated for a client without gzip in pieces this
# size: 64 KB pieces cost a fifth of the throughput in writes.
PIECE = 1024 * 1024
# As django.middleware.gzip reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def cache():
    return caches[CACHE_ALIAS]


def project_apps():
    """The installed apps that are this project's own: packages at the top of
    the checkout, found rather than listed, so a new app is never left out."""
    checkout = Path(__file__).resolve().parent.parent
    return [app for app in apps.get_app_configs() if Path(app.path).resolve().parent == checkout]


@functools.cache
def record_apps():
    """The labels of the project's apps that hold records (have models)."""
    return frozenset(app.label for app in project_apps() if any(app.get_models()))


@functools.cache
def code_version():
    """A hash of the code and templates that render the pages, once per
    process: a deploy that changes them starts from empty pages, while
    every worker (and host) running the same code shares them."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    folders = sorted({Path(app.path).name for app in project_apps()} | set(SHARED_FOLDERS))
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _replace_generation():
    try:
        # A savepoint: a failed cache write must not abort the transaction
        # that saved the record.
        with transaction.atomic():
            cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception as error:
        # Pages stored under the old token could now be served stale: say
        # so loudly. (Their lifetime, PAGE_CACHE_SECONDS, still bounds it.)
        logger.error("Could not replace the page cache generation: %r", error)


def record_changed():
    """Every cached page is out of date from now on."""
    _replace_generation()
    # Again after the commit: a page rendered between the first replacement
    # and the commit read the data as it was before.
    transaction.on_commit(_replace_generation, robust=True)


def _is_record(model):
    # Not a migration's historical model: a migration is a file of the code
    # version, so running one starts from empty pages anyway (and during the
    # first migrate there is no cache table yet).
    return model._meta.app_label in record_apps() and model.__module__ != "__fake__"


def _on_model_change(sender, **kwargs):
    if _is_record(sender):
        record_changed()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and _is_record(sender):
        record_changed()


def connect_signals():
    post_save.connect(_on_model_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_model_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")


class Page(NamedTuple):
    """A stored page: what is needed to answer with it again."""

    headers: list  # [(name, value)], as the view and inner middleware set them
    body: bytes  # gzipped
    length: int  # of the body inflated
    streamed: bool  # an export: inflated in pieces for a client without gzip
    expires: float  # time.time() after which it is not served


class Kept:
    """A page this process keeps: gzipped, and inflated too once a client
    without gzip has asked for it."""

    __slots__ = ("generation", "page", "plain")

    def __init__(self, generation, page):
        self.generation, self.page, self.plain = generation, page, None

    @property
    def size(self):
        return len(self.page.body) + (len(self.plain) if self.plain is not None else 0)

    def current(self, generation):
        return self.generation == generation and self.page.expires > time.time()


class RecentPages:
    """The pages this process served last, up to PAGE_CACHE_LOCAL_BYTES, so
    that serving a busy page again reads only the generation from the
    shared cache, not the page (an export's is most of a megabyte). Kept
    with the generation they were stored under, like the shared entries,
    and never past their expiry time. A page asked for by a client without
    gzip (a script reading an export) is kept inflated as well, if it fits:
    inflating 5 MB of CSV on every request was most of the cost of serving
    it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages = OrderedDict()
        self.size = 0

    def has(self, key):
        return key in self.pages

    def get(self, key, generation):
        with self.lock:
            kept = self.pages.get(key)
            if kept is None or not kept.current(generation):
                return None
            self.pages.move_to_end(key)
            return kept.page

    def put(self, key, generation, page):
        with self.lock:
            self._drop(key)
            if len(page.body) <= settings.PAGE_CACHE_LOCAL_BYTES:
                self.pages[key] = Kept(generation, page)
                self.size += len(page.body)
                self._trim()

    def plain(self, key, generation):
        """The kept page inflated, or None if it is not kept or too large
        to keep inflated beside the others."""
        with self.lock:
            kept = self.pages.get(key)
            if kept is None or not kept.current(generation):
                return None
            if kept.plain is not None:
                return kept.plain
            if kept.size + kept.page.length > settings.PAGE_CACHE_LOCAL_BYTES:
                return None
        plain = zlib.decompress(kept.page.body, GZIP)  # outside the lock: it takes a while
        with self.lock:
            if self.pages.get(key) is kept and kept.plain is None:
                kept.plain = plain
                self.size += len(plain)
                self.pages.move_to_end(key)
                self._trim()
        return plain

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.size = 0

    def _drop(self, key):
        kept = self.pages.pop(key, None)
        if kept is not None:
            self.size -= kept.size

    def _trim(self):
        while self.size > settings.PAGE_CACHE_LOCAL_BYTES:
            _, kept = self.pages.popitem(last=False)
            self.size -= kept.size


recent = RecentPages()


def lookup(key):
    """(the current generation, the page stored under it or None), in one
    query to the shared cache: of the generation alone if this process
    kept the page, else of both."""
    if recent.has(key):
        generation = cache().get(GENERATION_KEY)
        page = recent.get(key, generation)
        if page is not None or generation is None:
            return generation, page
        stored = cache().get(key)
    else:
        found = cache().get_many([GENERATION_KEY, key])
        generation, stored = found.get(GENERATION_KEY), found.get(key)
    if generation and stored and stored[0] == generation and stored[1].expires > time.time():
        recent.put(key, generation, stored[1])
        return generation, stored[1]
    return generation, None


# Parameters an export reads (core.exports), besides its list's filters.
EXPORT_PARAMETERS = ("format", "page", "page_size")


@functools.cache
def declared_parameters(view):
    """The query parameters view says it reads, and of those the ones it
    reads "" as no value for. A list's (django-filter) FilterSet's filters,
    its page number if it paginates, an export's format, page and page
    size, and any a view lists in page_cache_parameters."""
    names, empty_is_nothing = set(getattr(view, "page_cache_parameters", ())), set()
    filterset = getattr(view, "filterset_class", None)
    for name, filter_ in getattr(filterset, "base_filters", {}).items():
        names.add(name)
        if _reads_empty_as_nothing(filter_, name):
            empty_is_nothing.add(name)
    if getattr(view, "paginate_by", None):
        # ListView and FilteredListView both read "page=" as page 1.
        names.add(view.page_kwarg)
        empty_is_nothing.add(view.page_kwarg)
    if isinstance(view, type) and issubclass(view, ExportMixin):
        names.update(EXPORT_PARAMETERS)
        empty_is_nothing.update(EXPORT_PARAMETERS)  # the web page, page 1, the default size
    return frozenset(names), frozenset(empty_is_nothing)


def _reads_empty_as_nothing(filter_, name):
    """Whether the filter's form field reads name= as no value, without an
    error (a search box does; a multiple-choice filter refuses the choice
    ""). Asked of a copy: the class's own filters are copied for every
    FilterSet, field and all."""
    try:
        field = copy.deepcopy(filter_).field
        cleaned = field.clean(field.widget.value_from_datadict(QueryDict(f"{name}="), {}, name))
    except ValidationError:
        return False
    return cleaned is None or (isinstance(cleaned, (str, list, tuple)) and not cleaned)


def page_parameters(request):
    """The query string an address is stored under: its parameters in order
    of name (each name's values in the order given), less those given only
    empty values that the view reads as none; "?" alone if every one was
    left out (a bound but empty filter form reads differently from none).
    "" without a query string. None when the address is not to be stored:
    it names a parameter its view does not read, or no view."""
    if not request.GET:
        return ""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    view = getattr(match.func, "view_class", match.func)
    names, empty_is_nothing = declared_parameters(view)
    query = QueryDict(mutable=True)
    for name in sorted(request.GET):
        if name not in names:
            return None
        values = request.GET.getlist(name)
        if name in empty_is_nothing and not any(values):
            continue
        query.setlist(name, values)
    return "?" + query.urlencode()


def page_key(request, parameters=None):
    """The entry of this address (its path and its parameters as
    page_parameters gives them, by default), for today and for this code."""
    if parameters is None:
        parameters = page_parameters(request)
    if parameters is None:  # not to be stored: the address as it came
        address = request.build_absolute_uri().encode()
    else:
        address = (request.build_absolute_uri(request.path) + parameters).encode()
    return (
        f"pages:{code_version()}:{timezone.localdate().isoformat()}:"
        f"{hashlib.sha256(address).hexdigest()}"
    )


def stored_response(request, key, generation, page):
    length = page.length
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(page.body)
        response.headers["Content-Encoding"] = "gzip"
        length = len(page.body)
    elif (plain := recent.plain(key, generation)) is not None:
        response = HttpResponse(plain)
    elif page.streamed:
        response = StreamingHttpResponse(inflated(page.body))
    else:
        response = HttpResponse(zlib.decompress(page.body, GZIP))
    for name, value in page.headers:
        response.headers[name] = value
    response.headers["Content-Length"] = str(length)
    response.headers["X-Cache"] = "hit"
    return response


def inflated(body):
    """A gzipped body in pieces of about PIECE bytes."""
    decompressor = zlib.decompressobj(GZIP)
    while body:
        yield decompressor.decompress(body, PIECE)
        body = decompressor.unconsumed_tail
    yield decompressor.flush()


def gzipped(content):
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, GZIP)
    return compressor.compress(content) + compressor.flush()


def store(key, generation, headers, body, length, streamed, seconds):
    page = Page(headers, body, length, streamed, time.time() + seconds)
    try:
        cache().set(key, (generation, page), seconds)
    except Exception as error:
        logger.warning("Could not write to the page cache: %r", error)


def storing(chunks, key, generation, headers, seconds):
    """Pass a streamed response's chunks on, compressing a copy, and store
    it once the last has gone: a download cut off part way (the server
    closes this generator) or one that fails is not stored, and one that
    outgrows PAGE_CACHE_MAX_BYTES stops being copied."""
    limit = settings.PAGE_CACHE_MAX_BYTES
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, GZIP)
    parts, size, length = [], 0, 0
    for chunk in chunks:
        yield chunk
        if parts is None:
            continue
        length += len(chunk)
        parts.append(compressor.compress(chunk))
        size += len(parts[-1])
        if size > limit:
            parts = None
    if parts is not None:
        body = b"".join(parts) + compressor.flush()
        if len(body) <= limit:
            store(key, generation, headers, body, length, True, seconds)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self.is_cacheable_request(request):
            return self.get_response(request)
        parameters = page_parameters(request)
        if parameters is None:
            return self.get_response(request)  # a parameter the page does not read
        try:
            key = page_key(request, parameters)
        except DisallowedHost:
            return self.get_response(request)
        try:
            generation, page = lookup(key)
        except Exception as error:
            logger.warning("Could not read the page cache: %r", error)
            if (
                isinstance(error, DatabaseError)
                and not transaction.get_connection().in_atomic_block
            ):
                # Most likely a connection the database dropped (a restart):
                # replaced before the page is rendered, so no visitor sees it.
                close_old_connections()
            return self.get_response(request)
        if page is not None:
            return stored_response(request, key, generation, page)
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            # Stored pages are sent gzipped to some clients and not others.
            patch_vary_headers(response, ["Accept-Encoding"])
            headers = list(response.items())
            if generation is None:
                # A fresh (or culled) cache: start a generation, and store
                # pages from the next visit on. Not this page: a change
                # committed while it was rendered may have started one
                # already, and the page would pass as rendered after it.
                try:
                    cache().add(GENERATION_KEY, uuid.uuid4().hex, None)
                except Exception as error:
                    logger.warning("Could not write to the page cache: %r", error)
            elif response.streaming:
                response.streaming_content = storing(
                    response.streaming_content, key, generation, headers, seconds
                )
            else:
                content = response.content
                store(key, generation, headers, gzipped(content), len(content), False, seconds)
        response.headers["X-Cache"] = "miss"
        return response

    def is_cacheable_request(self, request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(EXCLUDED_PATHS)
        )

    def is_cacheable_response(self, response):
        # A list whose filters are not valid, or whose page number is not a
        # page, says so on the page: junk in a known parameter is not kept.
        context = getattr(response, "context_data", None) or {}
        return (
            response.status_code == 200
            and not context.get("invalid")
            and not context.get("page_message")
            and not getattr(response, "is_async", False)
            and not response.cookies
            and not response.has_header("Content-Encoding")
            and not has_vary_header(response, "Cookie")
            and not has_vary_header(response, "*")
            and "private" not in response.headers.get("Cache-Control", "")
            and "no-store" not in response.headers.get("Cache-Control", "")
        )
