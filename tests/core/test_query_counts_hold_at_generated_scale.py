"""Every public page makes as many database queries over the small generated
data set (`generate_data --scale small`: 36 inspections, 720 findings, 240
statements, 156 authorities) as it does over a record of one row.

No count is written down here: each page is compared with itself.

* Filtered pages: the same filter keys, once with values that pick one row
  (or one small slice) of the generated data and once with values that pick
  most of it, and once more over a one-row record built with factories.
* Unfiltered pages: the one-row record against the whole generated set.
* Detail pages: the sparsest and the fullest generated record of the kind,
  and the one-row record.

CSV exports read their rows a chunk (500) at a time from a server-side
iterator, with one query per chunk for the chunk's themes: by design, so
that memory stays flat (test_authority_export pins it). Here the chunk is
made larger than the whole data set, so that anything run per row, or per
few rows, shows as growth.

The generated data is made once for the module, inside a transaction that is
rolled back at its end; each test runs in a savepoint inside it. The one-row
record is built and measured first, in a savepoint of its own. A negative
control shows the counting catches a page that makes a query per row.
"""

import csv
import io
import json
import os
import re
from collections import Counter, namedtuple
from itertools import product

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from core.choices import Status
from core.exports import ExportMixin
from inspections.choices import Area, FindingKind, Grade, InspectionKind, Section
from inspections.filters import AuthorityFilterSet, FindingFilterSet
from inspections.models import Finding, Inspection, Judgement, LocalAuthority, Theme
from inspections.views import InspectionListView
from people.filters import OfficialFilter
from people.models import Official, Post, Role
from quotes.models import SourceKind, Statement
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    JudgementFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

# Any seed will do: every slug, word and filter value is read from the data.
SEED = 11
GRADES = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]
EARLIEST, LATEST = "2000-01-01", "2100-12-31"
# A word most generated findings, summaries and statements use.
COMMON_WORD = "children"

# -- The pages ----------------------------------------------------------------

# (page, path, which filters, fixed query). A pick (below) gives the filter
# values for each "which"; the fixed query is the same for every pick.
FILTERED = [
    ("inspection list, filtered", "/inspections/", "inspections", {}),
    ("inspection list, by judgement area", "/inspections/", "inspection_areas", {"sort": "oldest"}),
    ("inspection list, page 2", "/inspections/", "inspection_page_2", {"page": "2"}),
    ("inspection list, text search", "/inspections/", "inspection_words", {}),
    ("inspections CSV, filtered", "/inspections/", "inspections", {"format": "csv"}),
    ("inspections JSON, filtered", "/inspections/", "inspections", {"format": "json"}),
    ("inspection feed, filtered", "/inspections/feed/", "inspections", {}),
    ("finding list, filtered", "/findings/", "findings", {}),
    ("finding list, one authority's section", "/findings/", "finding_sections", {}),
    ("finding list, text search", "/findings/", "finding_words", {}),
    ("findings CSV, filtered", "/findings/", "findings", {"format": "csv"}),
    ("findings JSON, filtered", "/findings/", "findings", {"format": "json"}),
    ("authority list, filtered", "/authorities/", "authorities", {}),
    ("authorities CSV, filtered", "/authorities/", "authorities", {"format": "csv"}),
    ("authorities JSON, filtered", "/authorities/", "authorities", {"format": "json"}),
    ("quotes list, by role, date and theme", "/quotes/", "quotes_role_date_theme", {}),
    ("quotes list, every filter", "/quotes/", "quotes", {}),
    ("quotes list, text search", "/quotes/", "quote_words", {}),
    ("quotes CSV, every filter", "/quotes/", "quotes", {"format": "csv"}),
    ("quotes JSON, every filter", "/quotes/", "quotes", {"format": "json"}),
    ("quotes feed, every filter", "/quotes/feed/", "quotes", {}),
    ("people list, by post and name", "/people/", "people", {}),
    ("people list, by council", "/people/", "people_council", {}),
]

# Every generated council has the same number of officials: this page's
# filter can only be compared between the one-row record and a council of
# the generated set.
SAME_SIZE_WHEN_GENERATED = {"people list, by council"}

# (page, path, query): the same address over the one-row record and the
# whole generated set.
UNFILTERED = [
    ("home", "/", {}),
    ("inspection list", "/inspections/", {}),
    ("inspections CSV", "/inspections/", {"format": "csv"}),
    ("inspections JSON", "/inspections/", {"format": "json"}),
    ("inspection feed", "/inspections/feed/", {}),
    ("finding list", "/findings/", {}),
    ("findings CSV", "/findings/", {"format": "csv"}),
    ("findings JSON", "/findings/", {"format": "json"}),
    ("theme list", "/themes/", {}),
    ("authority list", "/authorities/", {}),
    ("authorities CSV", "/authorities/", {"format": "csv"}),
    ("authorities JSON", "/authorities/", {"format": "json"}),
    ("quotes list", "/quotes/", {}),
    ("quotes CSV", "/quotes/", {"format": "csv"}),
    ("quotes JSON", "/quotes/", {"format": "json"}),
    ("quotes feed", "/quotes/feed/", {}),
    ("people list", "/people/", {}),
    ("sitemap", "/sitemap.xml", {}),
]

# (page, which record): a pick gives each record's address and how much of
# it the page shows.
DETAIL = [
    ("report page", "report"),
    ("theme page", "theme"),
    ("authority page", "authority"),
    ("quote permalink", "statement"),
    ("person page", "person"),
]


# -- Counting -----------------------------------------------------------------

Measured = namedtuple("Measured", "queries rows status sql")


def measure(client, address, query):
    """Fetch the page, reading a streamed body inside the count, and say how
    many queries it made and how many rows it lists."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, query)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return Measured(
        queries=len(captured),
        rows=rows_listed(response, body),
        status=response.status_code,
        sql=[query["sql"] for query in captured.captured_queries],
    )


def rows_listed(response, body):
    """The rows the filters matched: a list's total, a JSON export's count,
    a CSV's lines, a feed's entries, a sitemap's addresses; None for a page
    that is not a list."""
    kind = response.get("Content-Type", "")
    if "text/csv" in kind:
        return len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) - 1
    if "json" in kind:
        return json.loads(body)["count"]
    if "xml" in kind:
        return body.count(b"<entry>") or body.count(b"<url>")
    try:
        paginator = response.context["paginator"]
    except (KeyError, TypeError):
        return None
    return getattr(paginator, "count", None)


def normalised(sql):
    """A query with its literal values taken out, so that repeats show."""
    sql = re.sub(r"'[^']*'|\b\d+\b", "?", sql)
    return re.sub(r"IN \((?:\?, )*\?\)", "IN (...)", sql)


def repeated_queries(fewer, more):
    """The queries the larger measurement made more often, most repeated first."""
    grown = Counter(map(normalised, more.sql)) - Counter(map(normalised, fewer.sql))
    return "\n".join(f"  {n} more x {sql[:400]}" for sql, n in grown.most_common(5))


def described(measured):
    return "; ".join(
        f"{m.queries} queries {label}" + ("" if m.rows is None else f" ({m.rows} rows)")
        for label, m in measured.items()
    )


def assert_same_queries(page, measured):
    """Every measurement of the page ({label: Measured}) made the same number
    of queries; if not, name the page, every count and the queries that
    repeat."""
    print(f"{page}: {described(measured)}")
    fewest = min(measured.values(), key=lambda m: m.queries)
    most = max(measured.values(), key=lambda m: m.queries)
    assert fewest.queries == most.queries, (
        f"{page}: {described(measured)}. Repeated:\n{repeated_queries(fewest, most)}"
    )


def assert_ok(page, measured):
    for label, m in measured.items():
        assert m.status == 200, f"{page} {label} gave {m.status}"


# -- The one-row record -------------------------------------------------------


def build_one_row_record():
    """One theme, authority, inspection (with its judgements), finding,
    official, post and statement, made with the factories."""
    theme = Theme.objects.order_by("slug").first()
    Theme.objects.exclude(pk=theme.pk).delete()
    authority = LocalAuthorityFactory(
        name="Onlyshire", slug="onlyshire", region="SE", authority_type="county"
    )
    inspection = InspectionFactory(
        authority=authority, kind=InspectionKind.ILACS_STANDARD, overall_grade=Grade.GOOD
    )
    for area in (Area.IMPACT_OF_LEADERS, Area.HELP_AND_PROTECTION):
        JudgementFactory(inspection=inspection, area=area, grade=Grade.GOOD)
    JudgementFactory(
        inspection=inspection, area=Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS, grade=Grade.OUTSTANDING
    )
    FindingFactory(inspection=inspection, section=Section.HELP_AND_PROTECTION, themes=[theme])
    official = OfficialFactory(name="Only Official", slug="only-official")
    PostFactory(official=official, authority=authority, role=Role.DCS)
    StatementFactory(official=official, inspection=inspection, themes=[theme])


# -- Picking filter values from whatever record is loaded ---------------------


def day(value):
    return value.isoformat()


def anchor():
    """The first published inspection by slug that has an overall grade, a
    themed finding under a graded heading and a themed statement about it
    by someone in post: (inspection, finding, statement)."""
    for inspection in (
        Inspection.objects.published()
        .exclude(overall_grade="")
        .select_related("authority")
        .order_by("slug")
    ):
        finding = (
            Finding.objects.published()
            .with_area_grade()
            .filter(inspection=inspection, themes__isnull=False, area_grade__isnull=False)
            .in_report_order()
            .first()
        )
        statement = (
            Statement.objects.published()
            .with_role()
            .filter(inspection=inspection, themes__isnull=False, role_held__isnull=False)
            .select_related("official", "source")
            .order_by("pk")
            .first()
        )
        if finding and statement:
            return inspection, finding, statement
    raise AssertionError("no published inspection has a themed finding and statement")


WORD = re.compile(r"[A-Za-z]{6,}")


def rarest_word(texts, found):
    """A word that `found` (the page's own search) matches in one row, or in
    as few as any word tried: the words rarest in the texts are tried first."""
    everywhere = Counter(word.lower() for text in texts for word in WORD.findall(text))
    best = None
    for word, _ in sorted(everywhere.items(), key=lambda item: (item[1], item[0]))[:40]:
        n = found(word).count()
        if n == 1:
            return word
        if n and (best is None or n < best[0]):
            best = (n, word)
    assert best, "no word of the texts is found by the search"
    return best[1]


def by_size(queryset, *fields):
    """Values of the fields, the rarest combination first."""
    rows = queryset.order_by().values_list(*fields).annotate(n=Count("pk")).order_by("n", *fields)
    return [row[:-1] for row in rows]


def rows_left(filterset_class, query):
    return filterset_class(query).qs.count()


def widest(filterset_class, query, choices):
    """The query with whichever of the choices leaves the page the most rows."""
    candidates = [{**query, **choice} for choice in choices]
    return max(candidates, key=lambda candidate: rows_left(filterset_class, candidate))


def narrowest(filterset_class, query, choices):
    """The query with whichever of the choices leaves the page the fewest rows."""
    candidates = [{**query, **choice} for choice in choices]
    return min(candidates, key=lambda candidate: rows_left(filterset_class, candidate))


def narrow_filters():
    """Filter values that pick one row, or one small slice, of the record:
    mostly built around the first graded published inspection by slug, its
    authority, its findings and a statement about it."""
    inspection, finding, statement = anchor()
    authority = inspection.authority
    published = day(inspection.published_on)
    theme = finding.themes.order_by("slug").first()
    # The anchor's graded, themed findings: whichever theme, grade and kind
    # of them leaves the fewest.
    findings = narrowest(
        FindingFilterSet,
        {"date_from": published, "date_to": published},
        [
            {"theme": [slug], "area_grade": [grade], "kind": [kind]}
            for slug, grade, kind in Finding.objects.published()
            .with_area_grade()
            .filter(inspection=inspection, area_grade__isnull=False)
            .exclude(themes=None)
            .values_list("themes__slug", "area_grade", "kind")
        ],
    )
    # The authorities' latest outcomes: whichever region, type, grade and
    # judgement leaves the fewest.
    authorities = narrowest(
        AuthorityFilterSet,
        {},
        [
            {
                "region": a.region,
                "type": a.authority_type,
                "grade": [a.latest_grade],
                "area": area,
                "area_grade": grade,
            }
            for a in LocalAuthority.objects.with_latest_outcome().exclude(latest_id=None)
            for area, grade in Judgement.objects.filter(inspection=a.latest_id).values_list(
                "area", "grade"
            )
        ],
    )
    newest = list(
        Inspection.objects.published().newest_first().values_list("published_on", flat=True)
    )
    inspection_areas = by_size(
        Judgement.objects.filter(inspection__status=Status.PUBLISHED), "area", "grade"
    )[0]
    finding_section = by_size(
        Finding.objects.published(), "inspection__authority__slug", "section"
    )[0]
    council = by_size(Post.objects.filter(official__status=Status.PUBLISHED), "authority__slug")[0][
        0
    ]
    summaries = list(Inspection.objects.published().values_list("summary", flat=True))
    finding_texts = list(Finding.objects.published().values_list("text", flat=True))
    statement_texts = list(Statement.objects.published().values_list("text", flat=True))
    return {
        "inspections": {
            "judgement": [inspection.overall_grade],
            "theme": [theme.slug],
            "kind": [inspection.kind],
            "region": authority.region,
            "date_from": published,
            "date_to": published,
        },
        "inspection_areas": dict(zip(["area", "area_grade"], inspection_areas, strict=True)),
        # The newest page and one more: page 2 shows one row (or, with a
        # single row, page 1 is shown instead).
        "inspection_page_2": {
            "date_from": day(newest[min(InspectionListView.paginate_by, len(newest) - 1)]),
            "date_to": LATEST,
        },
        "inspection_words": {
            "q": rarest_word(summaries + finding_texts, Inspection.objects.published().search)
        },
        "findings": findings,
        "finding_sections": dict(zip(["authority", "area"], finding_section, strict=True)),
        "finding_words": {"q": rarest_word(finding_texts, Finding.objects.published().search)},
        "authorities": authorities,
        "quotes_role_date_theme": {
            "role": [statement.role_held],
            "date_from": day(statement.said_on),
            "date_to": day(statement.said_on),
            "theme": [statement.themes.order_by("slug").first().slug],
        },
        "quotes": {
            "official": [statement.official.slug],
            "role": [statement.role_held],
            "authority": [authority.slug],
            "theme": [statement.themes.order_by("slug").first().slug],
            "source": [statement.source.kind],
            "inspection": [inspection.slug],
            "date_from": day(statement.said_on),
            "date_to": day(statement.said_on),
        },
        "quote_words": {"q": rarest_word(statement_texts, Statement.objects.published().matching)},
        "people": {"role": statement.role_held, "q": statement.official.name},
        "people_council": {"authority": council},
    }


def broad_filters():
    """Values for the same filter keys that pick most of the record: every
    choice where a filter takes several, the commonest where it takes one."""
    every_theme = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
    inspections = Inspection.objects.published()
    regions = Counter(inspections.values_list("authority__region", flat=True))
    inspection_areas = by_size(
        Judgement.objects.filter(inspection__status=Status.PUBLISHED), "area", "grade"
    )[-1]
    finding_section = by_size(
        Finding.objects.published(), "inspection__authority__slug", "section"
    )[-1]
    council = by_size(Post.objects.filter(official__status=Status.PUBLISHED), "authority__slug")[
        -1
    ][0]
    authorities = widest(
        AuthorityFilterSet,
        {"grade": GRADES},
        [
            {"region": region, "type": kind}
            for region, kind in LocalAuthority.objects.exclude(region="")
            .exclude(authority_type="")
            .values_list("region", "authority_type")
            .distinct()
        ],
    )
    authorities = widest(
        AuthorityFilterSet,
        authorities,
        [{"area": area, "area_grade": grade} for area, grade in product(Area.values, GRADES)],
    )
    names = list(Official.objects.published().values_list("name", flat=True))
    people = widest(
        OfficialFilter, {"q": os.path.commonprefix(names).strip()}, [{"role": r} for r in Role]
    )
    inspected = list(
        inspections.order_by("authority__slug").values_list("authority__slug", flat=True).distinct()
    )
    every_quote = {
        "official": list(Official.objects.published().values_list("slug", flat=True)),
        "role": Role.values,
        "authority": inspected,
        "theme": every_theme,
        "source": SourceKind.values,
        "inspection": list(inspections.values_list("slug", flat=True)),
        "date_from": EARLIEST,
        "date_to": LATEST,
    }
    return {
        "inspections": {
            "judgement": GRADES,
            "theme": every_theme,
            "kind": InspectionKind.values,
            "region": regions.most_common(1)[0][0],
            "date_from": EARLIEST,
            "date_to": LATEST,
        },
        "inspection_areas": dict(zip(["area", "area_grade"], inspection_areas, strict=True)),
        "inspection_page_2": {"date_from": EARLIEST, "date_to": LATEST},
        "inspection_words": {"q": COMMON_WORD},
        "findings": {
            "theme": every_theme,
            "area_grade": GRADES,
            "kind": FindingKind.values,
            "date_from": EARLIEST,
            "date_to": LATEST,
        },
        "finding_sections": dict(zip(["authority", "area"], finding_section, strict=True)),
        "finding_words": {"q": COMMON_WORD},
        "authorities": authorities,
        "quotes_role_date_theme": {
            key: every_quote[key] for key in ("role", "date_from", "date_to", "theme")
        },
        "quotes": every_quote,
        "quote_words": {"q": COMMON_WORD},
        "people": people,
        "people_council": {"authority": council},
    }


def records():
    """For each kind of detail page, its sparsest and its fullest record
    among those with something to show: {kind: [(address, size), ...]}
    from sparsest to fullest, size being what the page lists."""
    published = Q(statements__status=Status.PUBLISHED)
    reports = (
        Inspection.objects.published()
        .annotate(size=Count("statements", filter=published))
        .filter(size__gt=0)
        .order_by("size", "slug")
    )
    finding_themes = Counter(Finding.themes.through.objects.values_list("theme__slug", flat=True))
    statement_themes = Counter(
        Statement.themes.through.objects.filter(statement__status=Status.PUBLISHED).values_list(
            "theme__slug", flat=True
        )
    )
    themes = sorted(
        (finding_themes[slug] + statement_themes[slug], slug)
        for slug in finding_themes.keys() & statement_themes.keys()
    )
    about = Counter(
        Statement.objects.published()
        .exclude(inspection=None)
        .values_list("inspection__authority__slug", flat=True)
    )
    authorities = sorted((n, slug) for slug, n in about.items())
    # The findings a quote's page lists: its inspection's, on its themes.
    tagged = {}
    for finding, inspection, theme in Finding.themes.through.objects.values_list(
        "finding_id", "finding__inspection_id", "theme_id"
    ):
        tagged.setdefault((inspection, theme), set()).add(finding)
    listed = {}
    for statement, inspection, theme in Statement.themes.through.objects.filter(
        statement__in=Statement.objects.published().exclude(inspection=None)
    ).values_list("statement_id", "statement__inspection_id", "theme_id"):
        listed.setdefault(statement, set()).update(tagged.get((inspection, theme), ()))
    quotes = sorted((len(found), pk) for pk, found in listed.items() if found)
    people = (
        Official.objects.published()
        .annotate(size=Count("statements", filter=Q(statements__status=Status.PUBLISHED)))
        .filter(size__gt=0)
        .order_by("size", "slug")
    )

    def ends(rows):
        rows = list(rows)
        return [rows[0], rows[-1]]

    return {
        "report": [(f"/inspections/{i.slug}/", f"{i.size} statements") for i in ends(reports)],
        "theme": [(f"/themes/{slug}/", f"{n} findings and statements") for n, slug in ends(themes)],
        "authority": [
            (f"/authorities/{slug}/", f"{n} statements") for n, slug in ends(authorities)
        ],
        "statement": [(f"/quotes/{pk}/", f"{n} findings") for n, pk in ends(quotes)],
        "person": [(f"/people/{o.slug}/", f"{o.size} statements") for o in ends(people)],
    }


# -- The worlds ---------------------------------------------------------------

World = namedtuple("World", "one_row one many records")


def measure_everything(client, filters, details):
    measured = {}
    for page, address, which, fixed in FILTERED:
        measured[page] = measure(client, address, {**filters[which], **fixed})
    for page, address, query in UNFILTERED:
        measured[page] = measure(client, address, query)
    for page, which in DETAIL:
        measured[page] = measure(client, details[which][0][0], {})
    return measured


@pytest.fixture(autouse=True)
def one_chunk_per_export(monkeypatch):
    monkeypatch.setattr(ExportMixin, "export_chunk_size", 100_000)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The one-row record's measurements, then the small generated data set
    with the filter values that pick one row of it and most of it."""
    no_page_cache = override_settings(PAGE_CACHE_SECONDS=0)
    no_page_cache.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with transaction.atomic():
                build_one_row_record()
                one_row = measure_everything(Client(), narrow_filters(), records())
                transaction.set_rollback(True)
            call_command("generate_data", scale="small", seed=SEED, stdout=io.StringIO())
            generated = World(one_row, narrow_filters(), broad_filters(), records())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            no_page_cache.disable()
            raise
    yield generated
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    no_page_cache.disable()


# -- The tests ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "address", "which", "fixed"), FILTERED, ids=[f[0] for f in FILTERED]
)
def test_list_pages_make_the_same_queries_for_one_row_and_the_whole_small_data_set(
    client, settings, world, page, address, which, fixed
):
    settings.PAGE_CACHE_SECONDS = 0
    one_query, many_query = world.one[which], world.many[which]
    assert one_query.keys() == many_query.keys(), f"{page}: the two picks use other filters"
    one = measure(client, address, {**one_query, **fixed})
    many = measure(client, address, {**many_query, **fixed})
    one_row = world.one_row[page]
    measured = {"over one row": one_row, "for one slice": one, "for most rows": many}
    assert_ok(page, measured)
    # The picks select what they claim: a few rows, then many more.
    assert one_row.rows in (None, 1), f"{page}: {one_row.rows} rows over the one-row record"
    assert 1 <= one.rows <= many.rows and many.rows > one_row.rows, (
        f"{page}: the narrow filters match {one.rows} rows, the broad ones {many.rows}"
    )
    if page not in SAME_SIZE_WHEN_GENERATED:
        assert many.rows > one.rows, (
            f"{page}: the narrow filters match {one.rows} rows, the broad ones {many.rows}"
        )
    assert_same_queries(page, measured)


@pytest.mark.parametrize(("page", "address", "query"), UNFILTERED, ids=[u[0] for u in UNFILTERED])
def test_unfiltered_pages_make_the_same_queries_over_one_row_and_the_whole_small_data_set(
    client, settings, world, page, address, query
):
    settings.PAGE_CACHE_SECONDS = 0
    whole = measure(client, address, query)
    one_row = world.one_row[page]
    measured = {"over one row": one_row, "over the small data set": whole}
    assert_ok(page, measured)
    if whole.rows is not None:
        assert whole.rows > one_row.rows, f"{page}: {whole.rows} rows, {one_row.rows} for one"
    assert_same_queries(page, measured)


@pytest.mark.parametrize(("page", "which"), DETAIL, ids=[d[0] for d in DETAIL])
def test_detail_pages_make_the_same_queries_for_a_sparse_record_a_full_one_and_a_lone_one(
    client, settings, world, page, which
):
    settings.PAGE_CACHE_SECONDS = 0
    (sparse_address, sparse_size), (full_address, full_size) = world.records[which]
    assert sparse_address != full_address, f"{page}: no sparse and full record to compare"
    sparse = measure(client, sparse_address, {})
    full = measure(client, full_address, {})
    one_row = world.one_row[page]
    measured = {
        "over one row": one_row,
        f"for {sparse_address} with {sparse_size}": sparse,
        f"for {full_address} with {full_size}": full,
    }
    assert_ok(page, measured)
    assert_same_queries(page, measured)


# -- The negative control -----------------------------------------------------


def careless_inspection_list(request):
    """A page written carelessly on purpose: one query for the inspections,
    then one more for each inspection's authority."""
    inspections = Inspection.objects.published().filter(
        published_on__gte=request.GET["date_from"], published_on__lte=request.GET["date_to"]
    )
    return HttpResponse(", ".join(inspection.authority.name for inspection in inspections))


urlpatterns = [path("careless/", careless_inspection_list)]


@pytest.mark.urls(__name__)
def test_the_counting_catches_a_page_that_makes_a_query_per_row(client, settings, world):
    settings.PAGE_CACHE_SECONDS = 0
    one_query = {key: world.one["inspections"][key] for key in ("date_from", "date_to")}
    many_query = {key: world.many["inspections"][key] for key in ("date_from", "date_to")}
    one = measure(client, "/careless/", one_query)
    many = measure(client, "/careless/", many_query)
    measured = {"for one row": one, "for every row": many}
    assert_ok("careless page", measured)
    rows = Inspection.objects.published()
    one_rows = rows.filter(published_on=one_query["date_from"]).count()
    many_rows = rows.count()
    assert many_rows > one_rows >= 1, f"careless page: {one_rows} rows, then {many_rows}"
    # One query per row, counted as such ...
    assert many.queries - one.queries == many_rows - one_rows, (
        f"careless page: {one.queries} queries for {one_rows} rows, {many.queries} for {many_rows}"
    )
    # ... and the comparison the other tests make fails, naming the page,
    # both counts and the query that repeats.
    with pytest.raises(AssertionError) as failure:
        assert_same_queries("careless page", measured)
    message = str(failure.value)
    assert "careless page" in message
    assert f"{one.queries} queries for one row" in message
    assert f"{many.queries} queries for every row" in message
    assert f"{many_rows - one_rows} more x" in message and "inspections_localauthority" in message
