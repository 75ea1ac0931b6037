"""Quote check: is this really what Ofsted said?

Plain functions and dataclasses, testable without HTTP. Give ``check_passages``
some text said to quote Ofsted's reports (a press release, an article, one
sentence) and it splits out the quoted passages, finds the published
finding(s) each comes from, aligns the passage word by word against the best
stretch of that paragraph and gives a verdict:

``exact``
    the same words, once case, curly or straight quotes and apostrophes and
    whitespace are set aside (a quotation may start or stop anywhere, so
    punctuation missing at its very ends does not count);
``differs``
    found, with differences that leave the meaning alone: spelling variants
    (focussed/focused, -ise/-ize, -our/-or ...), hyphenation
    (wellbeing/well-being), moved, added or dropped punctuation, function
    words or words left out (each one listed);
``altered``
    found, but a word that carries meaning differs: a negation (not, no,
    never ...), a quantity or degree (more, less, all, some, always ...), a
    number, a grade word, a negating prefix (effective/ineffective) or one
    word put in place of a different one;
``not_found``
    no paragraph we hold is close enough; the closest few are listed with
    their similarity.

An ellipsis ("...", "…", "[...]") stands for words left out: the pieces
either side must appear in order in the same paragraph, and the words in the
gap are not differences.

Only ``Finding.objects.published()`` is ever searched: drafts never leak.

The work is done in steps, one module each: passages (splitting the text),
normalise (words and tokens), candidates (the database's few likely
paragraphs), align (word by word), meaning (which differences change what
is said), judge (each passage's verdict) and results (the answer, and its
JSON); limits holds the numbers and the error. This module runs the steps.
The HTML is quotecheck.render's, outside the engine.
"""

import time
from collections import Counter

from django.db import connections

from core.choices import Status

from .align import align
from .candidates import candidate_ids, fetch_findings
from .judge import judge
from .limits import (
    ALIGNED,
    MAX_CHARS,
    MAX_CLOSEST,
    MAX_MATCHES,
    MAX_PASSAGES,
    MIN_WORDS,
    THRESHOLD,
    QuoteCheckError,
)
from .normalise import tokenise
from .passages import split_passages
from .results import CheckResult, Match

__all__ = [
    "MAX_CHARS",
    "MAX_CLOSEST",
    "MAX_MATCHES",
    "MAX_PASSAGES",
    "MIN_WORDS",
    "THRESHOLD",
    "CheckResult",
    "QuoteCheckError",
    "check_passages",
]


def check_passages(text, authority=None, inspection=None, using="default"):
    """Check every passage in text (see split_passages) against the
    published findings, optionally of one authority or one inspection (an
    instance or its slug). Returns a CheckResult; raises QuoteCheckError."""
    from inspections.models import Inspection, LocalAuthority

    started = time.perf_counter()
    passages, skipped = split_passages(text)
    authority = _resolve(LocalAuthority, authority, "authority", "authority")
    inspection = _resolve(Inspection, inspection, "inspection", "published inspection")
    connection = connections[using]
    tokenised = [[tokenise(piece) for piece in p.pieces] for p in passages]
    ids = candidate_ids(passages, tokenised, connection, authority, inspection)
    findings = fetch_findings(ids, using, authority, inspection)
    ranked = connection.vendor == "postgresql"
    paragraphs = {}
    results = [
        judge(passage, _matches(pieces, passage_ids, findings, paragraphs, ranked))
        for passage, pieces, passage_ids in zip(passages, tokenised, ids, strict=True)
    ]
    return CheckResult(results, skipped, time.perf_counter() - started)


def _resolve(model, value, field, label):
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value
    queryset = model._default_manager.all()
    if field == "inspection":
        queryset = queryset.filter(status=Status.PUBLISHED)
    found = queryset.filter(slug=value).first()
    if found is None:
        raise QuoteCheckError(f"There is no {label} “{value}” on this site.", "unknown", field)
    return found


def _matches(pieces, ids, findings, paragraphs, ranked):
    """A passage (its pieces' tokens) lined up with the candidates most
    likely to hold it (ids, ranked best first on PostgreSQL)."""
    ids = [pk for pk in ids if pk in findings]
    if ranked:
        ids = ids[:ALIGNED]  # already ranked
    quoted = Counter(t.key for piece in pieces for t in piece)
    shared = {pk: sum((quoted & _paragraph(paragraphs, findings[pk])[1]).values()) for pk in ids}
    if not ranked:
        # Unranked off PostgreSQL: rank by the words each shares.
        ids.sort(key=lambda pk: (-shared[pk], pk))
    # Only the paragraphs most likely to hold it are aligned word by word,
    # and of those only the ones that could still be found or be among
    # the closest (the bound allows two words for compounds).
    matches = []
    length = sum(quoted.values())
    for pk in ids[:ALIGNED]:
        bound = 2 * (shared[pk] + 2) / (length + shared[pk] + 2)
        scores = sorted((m.score for m in matches), reverse=True)
        if bound < THRESHOLD and len(scores) >= MAX_CLOSEST and bound <= scores[2]:
            continue
        alignment = align(pieces, _paragraph(paragraphs, findings[pk])[0])
        if alignment.score > 0:
            matches.append(Match(findings[pk], alignment))
    return matches


def _paragraph(cache, finding):
    """A finding's tokens and how often each word comes, worked out once."""
    if finding.pk not in cache:
        tokens = tokenise(finding.text)
        cache[finding.pk] = (tokens, Counter(t.key for t in tokens))
    return cache[finding.pk]
