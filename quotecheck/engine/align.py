"""Word alignment: a quotation's pieces lined up, word by word, with the
best stretch of one report paragraph, and every difference between them
(a spelling variant, a changed, added or missing word, punctuation) as the
Parts the verdicts, the JSON and the HTML are made from."""

import difflib
from dataclasses import dataclass

from .meaning import meaning_of, substitution_meaning
from .normalise import FUNCTION_WORDS, NUMBER_WORDS, SENTENCE_STOPS, fold, punctuation

# The names are public: the JSON gives them, and quotecheck.render reads them.
EQUAL, VARIANT, CHANGED, ADDED, MISSING, PUNCTUATION, OMITTED = (
    "equal",
    "variant",
    "changed",
    "added",
    "missing",
    "punctuation",
    "omitted",
)
DIFFERENCE_KINDS = {VARIANT, CHANGED, ADDED, MISSING, PUNCTUATION}


@dataclass
class Part:
    """One step of the word-by-word comparison, in the quotation's order.

    ``quote`` is the text as quoted, ``report`` as the report has it (either
    is "" for added or missing words). For an equal word both are the same
    word; ``quote`` is shown."""

    kind: str
    quote: str = ""
    report: str = ""
    note: str = ""
    # Why this difference changes the meaning ("" if it does not), or None
    # to work it out from keys (report's, quoted) when first asked.
    why: str | None = ""
    keys: tuple = ()
    # Shown around the word: the quotation's own punctuation.
    prefix: str = ""
    suffix: str = ""
    attach: bool = False  # no space before it (punctuation, or after it)

    @property
    def is_difference(self):
        return self.kind in DIFFERENCE_KINDS

    @property
    def meaning(self):
        if self.why is None:
            self.why = substitution_meaning(*self.keys)
        return self.why

    def describe(self):
        q, r = self.quote, self.report
        if self.kind == VARIANT:
            text = f"“{q}” for “{r}” ({self.note})"
        elif self.kind == CHANGED:
            text = f"“{q}” where the report says “{r}”"
        elif self.kind == ADDED:
            text = f"“{q}” added: not in the report"
        elif self.kind == MISSING:
            text = f"“{r}” left out"
        elif self.kind == PUNCTUATION:
            text = self.note
        else:
            text = ""
        if self.meaning and self.kind != PUNCTUATION:
            text += f": changes {self.meaning}"
        return text

    def as_dict(self):
        return {
            "kind": self.kind,
            "quote": self.quote,
            "report": self.report,
            "note": self.note,
            "changes_meaning": bool(self.meaning),
            "description": self.describe(),
        }


def _variant_note(quote_core, report_core):
    a, b = fold(quote_core), fold(report_core)
    if a.replace("-", "") == b.replace("-", ""):
        return "hyphenation"
    if a.replace("'", "") == b.replace("'", ""):
        return "apostrophe"
    if any(w in NUMBER_WORDS for w in (a, b) + tuple(a.split("-")) + tuple(b.split("-"))):
        return "number written differently"
    return "spelling variant"


@dataclass
class PieceAlignment:
    parts: list[Part]
    first: int  # report token index where the matched stretch starts
    last: int  # ... and ends (exclusive)
    matched_quote: int
    matched_report: int
    quote_len: int
    # Quoted words beyond the report's sentence, paired with nothing: they
    # count as if they had replaced report words, so a stock phrase at the
    # end of a paragraph does not pass for the whole of a longer sentence.
    unpaired: int = 0

    @property
    def width(self):
        return self.last - self.first + self.unpaired

    @property
    def score(self):
        return (self.matched_quote + self.matched_report) / (self.quote_len + self.width)


def _shown(token):
    """A report word as it reads on its own: with its brackets, without
    the comma or full stop after it."""
    lead = "".join(ch for ch in token.lead if ch in "([")
    trail = "".join(ch for ch in token.trail if ch in ")]")
    return lead + token.core + trail


def _added(token):
    return Part(
        ADDED,
        token.core,
        why=meaning_of(token.key),
        prefix=token.lead,
        suffix=token.trail,
    )


def _missing(token):
    return Part(MISSING, report=_shown(token), why=meaning_of(token.key))


def _pair_steps(q_tokens, p_tokens, from_the_end=False):
    """Pair the words of two stretches one for one, or a compound written as
    one word with the same written as two or three. From the end for the
    words before a matched stretch, so the pairs sit next to it. Returns
    the pairs (in reading order) and the words of each side left over."""
    qs = q_tokens[::-1] if from_the_end else list(q_tokens)
    ps = p_tokens[::-1] if from_the_end else list(p_tokens)

    def joined(tokens):
        return "".join(t.key for t in (tokens[::-1] if from_the_end else tokens))

    steps = []
    i = j = 0
    while i < len(qs) and j < len(ps):
        for n in (2, 3):
            if i + n <= len(qs) and joined(qs[i : i + n]) == ps[j].key:
                steps.append((qs[i : i + n], ps[j : j + 1]))
                i, j = i + n, j + 1
                break
            if j + n <= len(ps) and qs[i].key == joined(ps[j : j + n]):
                steps.append((qs[i : i + 1], ps[j : j + n]))
                i, j = i + 1, j + n
                break
        else:
            steps.append((qs[i : i + 1], ps[j : j + 1]))
            i, j = i + 1, j + 1
    left_q, left_p = qs[i:], ps[j:]
    if from_the_end:
        steps = [(q[::-1], p[::-1]) for q, p in reversed(steps)]
        left_q, left_p = left_q[::-1], left_p[::-1]
    return steps, left_q, left_p


def _step_part(q_words, p_words):
    prefix, suffix = q_words[0].lead, q_words[-1].trail
    if len(q_words) > 1 or len(p_words) > 1:
        note = "written as separate words" if len(q_words) > 1 else "written as one word"
        quote = " ".join(t.core for t in q_words)
        report = " ".join(t.core for t in p_words)
        return Part(VARIANT, quote, report, note, prefix=prefix, suffix=suffix)
    q, p = q_words[0], p_words[0]
    keys = (p.key, q.key)
    return Part(CHANGED, q.core, p.core, why=None, keys=keys, prefix=prefix, suffix=suffix)


@dataclass
class _Paired:
    parts: list
    matched_quote: int = 0
    matched_report: int = 0
    report_used: int = 0  # report words taken into the matched stretch
    unpaired_quote: int = 0  # quoted words added beyond the report's sentence


def _pair_parts(q_tokens, p_tokens, edge=""):
    """Parts for a stretch the matcher could not line up. In the middle of
    a match, words left over on either side are added or missing; at an
    edge ("lead" or "tail") the report's leftover words are simply outside
    the quotation."""
    steps, left_q, left_p = _pair_steps(q_tokens, p_tokens, from_the_end=edge == "lead")
    paired = _Paired([_step_part(q, p) for q, p in steps])
    for q_words, p_words in steps:
        if len(q_words) > 1 or len(p_words) > 1:
            paired.matched_quote += len(q_words)
            paired.matched_report += len(p_words)
    added = [_added(q) for q in left_q]
    if edge == "lead":
        paired.parts = added + paired.parts
    else:
        paired.parts += added
    if edge:
        paired.unpaired_quote = len(left_q)
        paired.report_used = len(p_tokens) - len(left_p)
    else:
        paired.parts += [_missing(p) for p in left_p]
        paired.report_used = len(p_tokens)
    return paired


def _word_parts(q, p, is_first, is_last):
    """Parts for a quoted word that lines up with a report word: the word,
    and any difference in the punctuation around it."""
    parts = []
    q_lead, p_lead = punctuation(q.lead), punctuation(p.lead)
    lead_differs = not is_first and q_lead != p_lead
    if lead_differs:
        parts.append(_punctuation_part(q_lead, p_lead, before=q.core))
    q_trail, p_trail = punctuation(q.trail), punctuation(p.trail)
    trail_part = None
    if is_last:
        # A quotation may stop anywhere, but one that ends a sentence where
        # the report's sentence carries on says more than the report did.
        if SENTENCE_STOPS & set(q_trail) and not SENTENCE_STOPS & set(p_trail):
            note = f"a full stop after “{q.core}” where the report’s sentence carries on"
            trail_part = Part(PUNCTUATION, q_trail, p_trail, note, attach=True)
    elif q_trail != p_trail:
        trail_part = _punctuation_part(q_trail, p_trail, after=q.core)
    prefix = "" if lead_differs else q.lead
    suffix = "" if trail_part else q.trail
    if fold(q.core) == fold(p.core):
        word = Part(EQUAL, q.core, p.core, prefix=prefix, suffix=suffix)
    else:
        note = _variant_note(q.core, p.core)
        word = Part(VARIANT, q.core, p.core, note, prefix=prefix, suffix=suffix)
    word.attach = lead_differs
    parts.append(word)
    if trail_part:
        parts.append(trail_part)
    return parts


_NAMES = {
    ",": "comma",
    ".": "full stop",
    ";": "semicolon",
    ":": "colon",
    "-": "dash",
    "(": "opening bracket",
    ")": "closing bracket",
}


def _name(mark):
    return _NAMES.get(mark, f"“{mark}”")


def _punctuation_part(quote, report, before="", after=""):
    where = f"after “{after}”" if after else f"before “{before}”"
    if quote and report:
        note = f"{_name(quote)} {where} where the report has {_name(report)}"
    elif quote:
        note = f"{_name(quote)} added {where}"
    else:
        note = f"{_name(report)} {where} left out"
    return Part(PUNCTUATION, quote, report, note, attach=bool(after))


def _align_piece(q_tokens, p_tokens, start_at):
    """Line one piece of a quotation up with the best stretch of the report
    paragraph from token start_at on. None if no word lines up."""
    q_keys = [t.key for t in q_tokens]
    p_keys = [t.key for t in p_tokens]
    matcher = difflib.SequenceMatcher(None, q_keys, p_keys[start_at:], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    slack = max(3, len(q_tokens) // 4)
    best = None
    # Try a window around each of the longest matching runs: the quotation
    # may share stock words with other parts of the paragraph.
    for block in sorted(blocks, key=lambda b: -b.size)[:3]:
        origin = start_at + block.b - block.a
        lo = max(start_at, origin - slack)
        hi = min(len(p_tokens), origin + len(q_tokens) + slack)
        aligned = _align_window(q_tokens, p_tokens, lo, hi, start_at)
        if aligned and (best is None or aligned.score > best.score):
            best = aligned
            if best.score >= 0.9:
                break
    return best


def _stray(block, neighbour, q_keys):
    _tag, i1, i2, j1, j2 = block
    _tag, n1, n2, m1, m2 = neighbour
    if i2 - i1 > 2 or any(key not in FUNCTION_WORDS for key in q_keys[i1:i2]):
        return False
    quote_gap, report_gap = max(i1 - n2, n1 - i2), max(j1 - m2, m1 - j2)
    return report_gap > quote_gap


def _align_window(q_tokens, p_tokens, lo, hi, start_at):
    """The piece lined up with the report's tokens lo:hi, or None when no
    more than stray function words line up."""
    ops, equal = _opcodes(q_tokens, p_tokens[lo:hi])
    if not equal:
        return None
    # (quote index, report index) of the first matched word and past the last.
    first = (equal[0][1], lo + equal[0][3])
    last = (equal[-1][2], lo + equal[-1][4])
    p_first, p_last = _sentence_edges(len(q_tokens), p_tokens, first, last, start_at)
    lead = _pair_parts(q_tokens[: first[0]], p_tokens[p_first : first[1]], edge="lead")
    tail = _pair_parts(q_tokens[last[0] :], p_tokens[last[1] : p_last], edge="tail")
    middle = _middle_parts(ops, lo, q_tokens, p_tokens, first, last)
    return PieceAlignment(
        lead.parts + middle.parts + tail.parts,
        first[1] - lead.report_used,
        last[1] + tail.report_used,
        lead.matched_quote + middle.matched_quote + tail.matched_quote,
        lead.matched_report + middle.matched_report + tail.matched_report,
        len(q_tokens),
        lead.unpaired_quote + tail.unpaired_quote,
    )


def _opcodes(q_tokens, window):
    """The matcher's opcodes for the piece against a window of the report,
    and its runs of equal words less any stray ones at either end."""
    q_keys = [t.key for t in q_tokens]
    matcher = difflib.SequenceMatcher(None, q_keys, [t.key for t in window], autojunk=False)
    ops = matcher.get_opcodes()
    equal = [op for op in ops if op[0] == "equal"]
    # A word or two of "the", "to", "and" matched across a longer stretch of
    # other words, at either end, is chance: leave it out of the match.
    while len(equal) > 1 and _stray(equal[-1], equal[-2], q_keys):
        equal.pop()
    while len(equal) > 1 and _stray(equal[0], equal[1], q_keys):
        equal.pop(0)
    return ops, equal


def _sentence_edges(q_len, p_tokens, first, last, start_at):
    """The report's tokens from p_first to p_last: the matched stretch and
    the words around it that unmatched quoted words may be paired with.

    Quoted words before the first and after the last matched word are
    paired with the report's words next to them, within the same sentence:
    "Care planning is thoughtless" against "Care planning is thoughtful
    and creative" changes "thoughtful"; words beyond a sentence end are
    simply added. (Two spare words allow for a compound written apart.)"""
    (first_q, first_p), (last_q, last_p) = first, last
    p_first = first_p
    while p_first > start_at and first_p - p_first < first_q + 2:
        if p_tokens[p_first - 1].ends_sentence:
            break
        p_first -= 1
    p_last = last_p
    while p_last < len(p_tokens) and p_last - last_p < q_len - last_q + 2:
        if p_tokens[p_last - 1].ends_sentence:
            break
        p_last += 1
    return p_first, p_last


def _middle_parts(ops, lo, q_tokens, p_tokens, first, last):
    """Parts from the first matched word to the last: equal words one by
    one, and whatever the matcher could not line up in between."""
    (first_q, first_p), (last_q, last_p) = first, last
    middle = _Paired([])
    for tag, i1, i2, j1, j2 in ops:
        j1, j2 = lo + j1, lo + j2
        if (i2 <= first_q and j2 <= first_p) or (i1 >= last_q and j1 >= last_p):
            continue
        if tag == "equal":
            for k in range(i2 - i1):
                q, p = q_tokens[i1 + k], p_tokens[j1 + k]
                middle.parts += _word_parts(q, p, i1 + k == 0, i1 + k == len(q_tokens) - 1)
            middle.matched_quote += i2 - i1
            middle.matched_report += i2 - i1
        else:
            paired = _pair_parts(q_tokens[i1:i2], p_tokens[j1:j2])
            middle.parts += paired.parts
            middle.matched_quote += paired.matched_quote
            middle.matched_report += paired.matched_report
    return middle


def _close_sentence(alignment, q_tokens, p_tokens):
    """A quotation ending a sentence where the report's carries on with a
    few more words ("... interviews." for "... interviews (RHIs).") leaves
    those words out: list them rather than the full stop."""
    if not alignment.parts or alignment.parts[-1].kind != PUNCTUATION:
        return alignment
    if not q_tokens[-1].ends_sentence or alignment.last >= len(p_tokens):
        return alignment
    rest = []
    for token in p_tokens[alignment.last :]:
        rest.append(token)
        if token.ends_sentence:
            break
    if not rest[-1].ends_sentence or len(rest) > 3:
        return alignment
    stop = alignment.parts.pop()
    missing = [_missing(t) for t in rest]
    # The quotation's full stop reads after the words it leaves out.
    missing[-1].suffix = stop.quote
    alignment.parts += missing
    alignment.last += len(rest)
    return alignment


@dataclass
class Alignment:
    """A whole quotation (every piece) lined up with one paragraph."""

    parts: list[Part]
    spans: list[tuple[int, int]]  # character ranges of the paragraph matched
    score: float
    omitted_words: int

    @property
    def differences(self):
        return [p for p in self.parts if p.is_difference]

    @property
    def verdict(self):
        differences = self.differences
        if any(p.meaning for p in differences):
            return "altered"
        return "differs" if differences else "exact"


def align(pieces_tokens, p_tokens):
    """Line a quotation's pieces up, in order, with one paragraph's tokens."""
    parts = []
    spans = []
    matched = total = 0
    start_at = 0
    omitted = 0
    for n, q_tokens in enumerate(pieces_tokens):
        if not q_tokens:
            continue
        piece = _align_piece(q_tokens, p_tokens, start_at) if start_at < len(p_tokens) else None
        if piece is None:
            # This piece is not in the rest of the paragraph: every word of
            # it counts against the match.
            parts += [Part(ADDED, t.core, why=meaning_of(t.key)) for t in q_tokens]
            total += len(q_tokens)
            continue
        piece = _close_sentence(piece, q_tokens, p_tokens)
        if n and parts:
            gap = piece.first - start_at
            omitted += gap
            parts.append(Part(OMITTED, "…", note=f"{gap} word{'s' if gap != 1 else ''}"))
        parts += piece.parts
        spans.append((p_tokens[piece.first].start, p_tokens[piece.last - 1].end))
        matched += piece.matched_quote + piece.matched_report
        total += piece.quote_len + piece.width
        start_at = piece.last
    score = matched / total if total else 0.0
    return Alignment(parts, spans, round(score, 3), omitted)
