"""Whole public pages kept in a shared cache, and thrown away the moment any
record changes.

At national scale a list page's facet counts read hundreds of thousands of
rows, yet the record changes a few times a day. So an anonymous GET of a
public page is answered from the "pages" cache when nothing has changed
since it was rendered.

"Nothing has changed" is a generation token: any save, delete or
many-to-many change to a model of the record's apps (and the bulk loaders,
which say so themselves) replaces it, and every entry stores the token it
was rendered under. One cache read fetches both; an entry from an older
generation is a miss. With the database cache the new token commits in the
same transaction as the change, so no page rendered from the old data is
served after it; it is replaced again once the transaction commits, for a
cache that lives outside the database. Nothing unpublished stays public.

Entries are also keyed by a hash of the code and templates, so a deploy
never serves pages rendered by the code it replaced.

Only what is the same for everyone is stored: GET, no session cookie (staff
see the site live), a 200 that sets no cookie and does not vary on cookies
(a page with a form does), and not streamed (CSV exports). If the cache
cannot be read or written the page is served as if there were no cache.
"""

import functools
import hashlib
import logging
import pickle
import uuid
import zlib
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, close_old_connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import has_vary_header

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "pages:generation"
# The apps whose records the public pages show.
RECORD_APPS = {"inspections", "people", "quotes"}
# What renders the pages (see code_version()).
CODE_FOLDERS = ("config", "inspections", "people", "quotes", "templates", "static")
CODE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".css", ".js")
# Never stored: the admin, the health check and the benchmark's ceiling,
# which must stay free of database work.
EXCLUDED_PATHS = ("/admin/", "/healthz", "/robots.txt")


def cache():
    return caches[CACHE_ALIAS]


@functools.cache
def code_version():
    """A hash of the code and templates that render the pages, once per
    process: a deploy that changes them starts from empty pages, while
    every worker (and host) running the same code shares them."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder in CODE_FOLDERS:
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


def _on_model_change(sender, **kwargs):
    if sender._meta.app_label in RECORD_APPS:
        record_changed()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and sender._meta.app_label in RECORD_APPS:
        record_changed()


def connect_signals():
    post_save.connect(_on_model_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_model_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self.is_cacheable_request(request):
            return self.get_response(request)
        try:
            address = request.build_absolute_uri().encode()
            key = f"pages:{code_version()}:{hashlib.sha256(address).hexdigest()}"
        except DisallowedHost:
            return self.get_response(request)
        try:
            found = cache().get_many([GENERATION_KEY, key])
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
        generation = found.get(GENERATION_KEY)
        stored = found.get(key)
        if generation and stored and stored[0] == generation:
            response = pickle.loads(zlib.decompress(stored[1]))
            response.headers["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            try:
                if generation is None:
                    # A fresh (or culled) cache: start a generation, and store
                    # pages from the next visit on. Not this page: a change
                    # committed while it was rendered may have started one
                    # already, and the page would pass as rendered after it.
                    cache().add(GENERATION_KEY, uuid.uuid4().hex, None)
                else:
                    # Compressed: a page is tens of kilobytes of HTML, read
                    # from the cache table on every visit; a sixth reads faster.
                    packed = zlib.compress(pickle.dumps(response, pickle.HIGHEST_PROTOCOL), 1)
                    cache().set(key, (generation, packed), seconds)
            except Exception as error:
                logger.warning("Could not write to the page cache: %r", error)
        response.headers["X-Cache"] = "miss"
        return response

    def is_cacheable_request(self, request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(EXCLUDED_PATHS)
        )

    def is_cacheable_response(self, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not has_vary_header(response, "Cookie")
            and not has_vary_header(response, "*")
            and "private" not in response.headers.get("Cache-Control", "")
            and "no-store" not in response.headers.get("Cache-Control", "")
        )
