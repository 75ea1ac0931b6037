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
    their similarity;
``unchecked``
    not checked: the text is too complex to check in full. A check may do
    only so much work (limits.Budget); a passage whose work would not fit,
    and every passage after it, is answered so rather than run on.

An ellipsis ("...", "…", "[...]") stands for words left out: the pieces
either side must appear in order in the same paragraph, and the words in the
gap are not differences.

Only ``Finding.objects.published()`` is ever searched: drafts never leak.

The work is done in steps, one module each: passages (splitting the text),
normalise (words and tokens), candidates (the database's few likely
paragraphs), align (word by word), meaning (which differences change what
is said), judge (each passage's verdict) and results (the answer, and its
JSON); limits holds the numbers, the budget of work and the error. This
module runs the steps. The HTML is quotecheck.render's, outside the engine.
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
    SEARCH_CELLS,
    THRESHOLD,
    Budget,
    QuoteCheckError,
)
from .normalise import tokenise
from .passages import split_passages
from .results import CheckResult, Match, PassageResult

__all__ = [
    "MAX_CHARS",
    "MAX_CLOSEST",
    "MAX_MATCHES",
    "MAX_PASSAGES",
    "MIN_WORDS",
    "THRESHOLD",
    "Budget",
    "CheckResult",
    "QuoteCheckError",
    "check_passages",
]


def check_passages(text, authority=None, inspection=None, using="default", budget=None):
    """Check every passage in text (see split_passages) against the
    published findings, optionally of one authority or one inspection (an
    instance or its slug), doing no more work than budget allows (a
    limits.Budget, WORK_BUDGET cells by default). Returns a CheckResult;
    raises QuoteCheckError."""
    from inspections.models import Inspection, LocalAuthority

    started = time.perf_counter()
    budget = Budget() if budget is None else budget
    passages, skipped = split_passages(text)
    authority = _resolve(LocalAuthority, authority, "authority", "authority")
    inspection = _resolve(Inspection, inspection, "inspection", "published inspection")
    connection = connections[using]
    tokenised = [[tokenise(piece) for piece in p.pieces] for p in passages]
    # Each passage's search is paid for before any is made.
    searched = 0
    while searched < len(passages) and budget.affords(SEARCH_CELLS):
        budget.spend(SEARCH_CELLS)
        searched += 1
    tokenised = tokenised[:searched]
    ids = candidate_ids(passages[:searched], tokenised, connection, authority, inspection)
    findings = fetch_findings(ids, using, authority, inspection)
    ranked = connection.vendor == "postgresql"
    paragraphs = {}
    results = []
    for passage, pieces, passage_ids in zip(passages, tokenised, ids, strict=False):
        matches = _matches(pieces, passage_ids, findings, paragraphs, ranked, budget)
        if matches is None:
            break  # too much work: this passage and the rest go unchecked
        results.append(judge(passage, matches))
    results += [PassageResult(passage, unchecked=True) for passage in passages[len(results) :]]
    return CheckResult(results, skipped, time.perf_counter() - started, budget)


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


def _matches(pieces, ids, findings, paragraphs, ranked, budget):
    """A passage (its pieces' tokens) lined up with the candidates most
    likely to hold it (ids, ranked best first on PostgreSQL); None, with
    nothing aligned, when budget cannot pay for the work."""
    ids = [pk for pk in ids if pk in findings]
    if ranked:
        ids = ids[:ALIGNED]  # already ranked
    quoted = Counter(t.key for piece in pieces for t in piece)
    # Reading the candidates not read yet, and weighing each against the passage.
    reading = sum(len(findings[pk].text.split()) for pk in ids if pk not in paragraphs)
    weighing = reading + len(quoted) * len(ids)
    if not budget.affords(weighing):
        return None
    budget.spend(weighing)
    shared = {pk: sum((quoted & _paragraph(paragraphs, findings[pk])[1]).values()) for pk in ids}
    if not ranked:
        # Unranked off PostgreSQL: rank by the words each shares.
        ids.sort(key=lambda pk: (-shared[pk], pk))
    # Every piece of the passage against the whole of each paragraph, at most.
    words = sum(len(piece) + 1 for piece in pieces if piece)
    cells = {pk: words * len(_paragraph(paragraphs, findings[pk])[0]) for pk in ids[:ALIGNED]}
    if not budget.affords(sum(cells.values())):
        return None
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
        budget.spend(cells[pk])
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
