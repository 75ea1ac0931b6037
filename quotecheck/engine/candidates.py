"""Candidate findings: the few published paragraphs likely to hold each
passage, found by the database before any is aligned word by word. Off
PostgreSQL, a crude LIKE on the passage's longest words; on PostgreSQL, the
indexed search_vector queried for the passage's rare words (raw SQL, with
word frequencies read from the database's statistics)."""

import itertools
import re
import time
from dataclasses import dataclass

from core.choices import Status

from .limits import CANDIDATES, MAX_SEARCHED_PIECES, SQLITE_CANDIDATES
from .normalise import FUNCTION_WORDS, NEGATIONS, spellings_of

# Words PostgreSQL's English configuration does not index, besides ours.
_ALSO_NOT_INDEXED = "not no nor more most all any some very too only few both each such own same"
_NOT_INDEXED = FUNCTION_WORDS | NEGATIONS | set(_ALSO_NOT_INDEXED.split())


def candidate_ids(passages, tokenised, connection, authority, inspection):
    """For each passage (tokenised: its pieces' tokens), the ids of the
    published findings to align it with: ranked best first on PostgreSQL,
    in no useful order elsewhere."""
    words = [_content_words(pieces) for pieces in tokenised]
    if connection.vendor == "postgresql":
        searches = _searches(connection, passages, tokenised, words)
        return _postgresql_candidate_ids(searches, connection, authority, inspection)
    using = connection.alias
    return [_sqlite_candidate_ids(ws, using, authority, inspection) for ws in words]


def fetch_findings(candidate_ids, using, authority, inspection):
    """{pk: finding} for every candidate, published only, in few queries."""
    wanted = sorted({pk for ids in candidate_ids for pk in ids})
    findings = {}
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        queryset = _published_findings(using, authority, inspection).filter(pk__in=chunk)
        findings.update((f.pk, f) for f in queryset.select_related("inspection__authority"))
    return findings


def _content_words(pieces_tokens):
    """Distinct words of a passage worth searching for, longest first."""
    seen = {}
    for tokens in pieces_tokens:
        for t in tokens:
            if t.key in FUNCTION_WORDS or t.key in NEGATIONS or len(t.key) < 3:
                continue
            seen.setdefault(t.key, t.core)
    return sorted(seen.items(), key=lambda kv: -len(kv[0]))


def _published_findings(using, authority, inspection):
    from inspections.models import Finding

    queryset = Finding.objects.using(using).published()
    if authority is not None:
        queryset = queryset.filter(inspection__authority=authority)
    if inspection is not None:
        queryset = queryset.filter(inspection=inspection)
    return queryset


def _sqlite_candidate_ids(words, using, authority, inspection):
    """Off PostgreSQL: findings containing any spelling of the passage's
    three longest words, up to SQLITE_CANDIDATES of them."""
    from django.db.models import Q

    condition = Q()
    for _key, core in words[:3]:
        for form in spellings_of(core):
            condition |= Q(text__icontains=form)
    if not condition:
        return []
    queryset = _published_findings(using, authority, inspection).filter(condition)
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:SQLITE_CANDIDATES])


# PostgreSQL: the stored, trigger-maintained, GIN-indexed search_vector.
#
# Every word of a passage ORed together would match most of a national data
# set ("children", "social", "care" are in a third of all findings) and rank
# every match: seconds. And the GIN index answers an OR by walking the posting
# lists of all its words, so common words are slow even inside an AND. So the
# query names only the passage's rare words (each in under RARE_SHARE of
# findings, at most RARE_SLOTS of them; the three least common if none is
# rare) and asks for at least k of them, k as small as keeps the expected
# number of matching findings under ROW_BUDGET. A small k tolerates changed
# words: any two of six rare words find the paragraph. The few rows that
# match (never more than MAX_HITS) are ordered by how many of the passage's
# words they hold, then by ts_rank, and the top CANDIDATES are aligned in
# Python. Word frequencies come from pg_stats when the table has been
# analysed, else from a ~600-page TABLESAMPLE, cached for an hour; small
# tables need none (k = 1, every word).
RARE_SHARE = 0.02
RARE_SLOTS = 6
COUNTED_SLOTS = 24
ROW_BUDGET = 1500
MAX_HITS = 4000
SMALL_TABLE_PAGES = 600
SAMPLE_PAGES = 600
STATS_SECONDS = 3600
_stats_cache = {}


@dataclass
class _Stats:
    rows: float
    frequencies: dict  # lexeme -> share of findings holding it (estimated)
    floor: float  # share assumed for a lexeme the sample did not see


def _table_stats(connection, table):
    key = (connection.alias, connection.settings_dict.get("NAME"), table)
    now = time.monotonic()
    cached = _stats_cache.get(key)
    if cached and now - cached[0] < STATS_SECONDS:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int, "
            "GREATEST(reltuples, 0) FROM pg_class WHERE oid = %s::regclass",
            [table, table],
        )
        pages, reltuples = cursor.fetchone()
        if pages <= SMALL_TABLE_PAGES:
            stats = None
        else:
            stats = _frequencies_from_pg_stats(cursor, table, reltuples)
            if stats is None:
                stats = _frequencies_from_sample(cursor, table, pages, reltuples)
    _stats_cache[key] = (now, stats)
    return stats


def _frequencies_from_pg_stats(cursor, table, reltuples):
    cursor.execute(
        "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = %s AND attname = 'search_vector'",
        [table],
    )
    row = cursor.fetchone()
    if not row or not row[0] or not reltuples:
        return None
    elems, freqs = row
    frequencies = dict(zip(elems, freqs, strict=False))
    # The array of frequencies ends with the minimum and maximum and the
    # frequency of nulls; lexemes not listed are rarer than the least listed.
    floor = min(freqs[: len(elems)]) if elems else 0.0
    return _Stats(float(reltuples), frequencies, floor)


def _frequencies_from_sample(cursor, table, pages, reltuples):
    percent = min(100.0, 100.0 * SAMPLE_PAGES / max(pages, 1))
    sample = f"SELECT search_vector FROM {table} TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE (7)"
    cursor.execute(f"SELECT count(*) FROM ({sample}) AS s")
    (sampled,) = cursor.fetchone()
    if not sampled:
        return None
    cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [sample])
    frequencies = {word: ndoc / sampled for word, ndoc in cursor.fetchall()}
    rows = reltuples or sampled * 100.0 / percent
    return _Stats(float(rows), frequencies, 0.5 / sampled)


_LEXEME = re.compile(r"[\w./-]+")


def _lexemes(connection, forms):
    """{form: [lexemes]} as PostgreSQL's English configuration reads each
    form, in one query. Stop words have none."""
    if not forms:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, ARRAY(SELECT lexeme FROM unnest(to_tsvector('english', w))) "
            "FROM unnest(%s::text[]) AS w",
            [list(forms)],
        )
        result = {}
        for form, lexemes in cursor.fetchall():
            lexemes = [lex for lex in lexemes if _LEXEME.fullmatch(lex)]
            # "well-being" gives well-b, well and b: the whole compound is
            # the telling one.
            compound = [lex for lex in lexemes if "-" in lex]
            result[form] = compound or lexemes
        return result


def _quote_lexeme(lexeme):
    return "'" + lexeme + "'"  # _LEXEME allows no quote or backslash


def _expected_rows(freqs, k, rows):
    """Findings expected to hold at least k of the words, were they
    independent (probability of "at least k" by dynamic programming)."""
    dist = [1.0] + [0.0] * len(freqs)
    for f in freqs:
        for j in range(len(freqs), 0, -1):
            dist[j] = dist[j] * (1 - f) + dist[j - 1] * f
        dist[0] *= 1 - f
    return rows * sum(dist[k:])


def _slot_query(slot):
    return "(" + " | ".join(_quote_lexeme(lex) for lex in sorted(slot)) + ")"


def _tsquery_for(slots, stats):
    """(filter tsquery, the slots to count) for slots: a list of lexeme
    sets, one per word of the passage with all its spellings."""
    if stats is None:
        return " | ".join(_slot_query(s) for s in slots), slots[:COUNTED_SLOTS]

    def share(slot):
        return min(1.0, sum(stats.frequencies.get(lex, stats.floor) for lex in slot))

    ranked = sorted(slots, key=share)
    chosen = [s for s in ranked if share(s) <= RARE_SHARE][:RARE_SLOTS] or ranked[:3]
    if len(chosen) == 1 and len(ranked) > 1:
        chosen = ranked[:3]
    freqs = [share(s) for s in chosen]
    k = len(chosen)
    for candidate in range(1, len(chosen) + 1):
        if _expected_rows(freqs, candidate, stats.rows) <= ROW_BUDGET:
            k = candidate
            break
    terms = [_slot_query(s) for s in chosen]
    filter_query = " | ".join(
        "(" + " & ".join(combo) + ")" for combo in itertools.combinations(terms, k)
    )
    return filter_query, ranked[:COUNTED_SLOTS]


RUNS = 12  # runs of four words looked for as phrases, per passage


def _runs(tokenised):
    """Overlapping runs of four words from each piece (at least two of them
    words PostgreSQL indexes), at most RUNS of them, spread evenly."""
    runs = []
    for tokens in tokenised:
        for i in range(0, max(1, len(tokens) - 2), 2):
            window = tokens[i : i + 4]
            content = [t for t in window if t.key not in _NOT_INDEXED]
            if len(content) >= 2:
                runs.append(" ".join(t.core for t in window))
    if len(runs) > RUNS:
        step = len(runs) / RUNS
        runs = [runs[int(i * step)] for i in range(RUNS)]
    return runs


def _searches(connection, passages, tokenised, words):
    """(slots, pieces, tokens) for each passage: slots are lexeme sets, one
    per content word with all its spellings, as PostgreSQL indexes them."""
    forms = {form for ws in words for _key, core in ws for form in spellings_of(core)}
    lexemes = _lexemes(connection, forms)
    searches = []
    for passage, pieces, passage_words in zip(passages, tokenised, words, strict=True):
        slots = []
        for _key, core in passage_words:
            slot = {lex for form in spellings_of(core) for lex in lexemes.get(form, [])}
            if slot and slot not in slots:
                slots.append(slot)
        searches.append((slots, passage.pieces, pieces))
    return searches


def _postgresql_candidate_ids(searches, connection, authority, inspection):
    """For each (slots, pieces) of a passage, the ids of up to CANDIDATES
    published findings most likely to hold it: one statement for all."""
    from inspections.models import Finding, Inspection

    stats = _table_stats(connection, Finding._meta.db_table)
    qn = connection.ops.quote_name
    tables = qn(Finding._meta.db_table), qn(Inspection._meta.db_table)
    narrow = _narrowing(authority, inspection)
    selects, params = [], []
    for n, (slots, pieces, tokenised) in enumerate(searches):
        if not slots:
            continue
        select, select_params = _passage_select(n, slots, pieces, tokenised, stats, tables, narrow)
        selects.append(select)
        params += select_params
    ids = [[] for _ in searches]
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for passage, pk in cursor.fetchall():
                ids[passage].append(pk)
    return ids


def _narrowing(authority, inspection):
    """SQL (on inspections as i) and its parameters for the optional
    authority and inspection."""
    narrow, narrow_params = "", []
    if authority is not None:
        narrow += " AND i.authority_id = %s"
        narrow_params.append(authority.pk)
    if inspection is not None:
        narrow += " AND i.id = %s"
        narrow_params.append(inspection.pk)
    return narrow, narrow_params


def _passage_select(n, slots, pieces, tokenised, stats, tables, narrow):
    """One passage's SELECT (its number n and the ids of its candidates,
    best first) and its parameters."""
    findings, inspections = tables
    narrow, narrow_params = narrow
    # A passage cut by thousands of ellipses would name thousands of phrases,
    # each tested on every row found: the first few say where it is.
    pieces = pieces[:MAX_SEARCHED_PIECES]
    filter_query, counted = _tsquery_for(slots, stats)
    # Then those holding most runs of the passage's words in order (so
    # an altered passage still finds its paragraph among many that
    # share one stock sentence with it), then most of its words.
    runs = _runs(tokenised) or pieces
    near = " + ".join(["(f.search_vector @@ phraseto_tsquery('english', %s))::int"] * len(runs))
    rank_query = " | ".join(sorted({_quote_lexeme(lex) for s in slots for lex in s}))
    words_held = " + ".join(["(f.search_vector @@ %s::tsquery)::int"] * len(counted))
    # Findings holding each piece as a phrase (word order, stop-word gaps
    # and all) come first: an unaltered quotation is among them.
    phrase = " AND ".join(["f.search_vector @@ phraseto_tsquery('english', %s)"] * len(pieces))
    # MATERIALIZED: the GIN index first, whatever the planner's
    # statistics; an unanalysed table invites a nested loop otherwise.
    select = f"""(
            WITH hits AS MATERIALIZED (
                SELECT f.id, f.inspection_id, ({phrase}) AS phrase, {near} AS near,
                       {words_held} AS words, ts_rank(f.search_vector, %s::tsquery) AS rank
                FROM {findings} f
                WHERE f.search_vector @@ %s::tsquery
                LIMIT %s
            )
            SELECT %s AS passage, hits.id FROM hits
            JOIN {inspections} i ON i.id = hits.inspection_id
            WHERE i.status = %s{narrow}
            ORDER BY hits.phrase DESC, hits.near DESC, hits.words DESC, hits.rank DESC, hits.id
            LIMIT %s
            )"""
    params = [*pieces, *runs, *[_slot_query(s) for s in counted], rank_query, filter_query]
    params += [MAX_HITS, n, Status.PUBLISHED, *narrow_params, CANDIDATES]
    return select, params
