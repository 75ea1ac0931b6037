"""Splitting pasted text into the passages to check: the text in quotation
marks when there is any, otherwise each line; too-short fragments set
aside; each passage cut into pieces at its ellipses."""

import re
from dataclasses import dataclass

from core.text import normalise_whitespace

from .limits import MAX_CHARS, MAX_PASSAGES, MIN_WORDS, QuoteCheckError
from .normalise import tokenise

# Text inside double quotation marks, curly, straight or guillemets.
_QUOTED = re.compile(r"“([^“”]*)”|\"([^\"]*)\"|«([^«»]*)»|„([^„“”]*)[“”]")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+", re.IGNORECASE)
_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|…|(?:\.\s?){2}\.")


@dataclass
class Passage:
    position: int  # 1.. in the order given
    text: str  # as given, whitespace collapsed
    pieces: list[str]  # split at each ellipsis


@dataclass
class Skipped:
    text: str
    reason: str


def _word_count(text):
    return len(tokenise(_ELLIPSIS.sub(" ", text)))


def split_passages(text):
    """The passages to check in text, in order, and the fragments skipped.

    Text in double quotation marks when there is any (a press release quotes
    its sources); otherwise each non-empty line is a passage. Raises
    QuoteCheckError for empty input and beyond the limits."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    _refuse_empty_or_long(text)
    raw = _fragments(text)
    if not raw:
        raise QuoteCheckError("There are no words to check in that text.", "empty")
    kept, skipped = _long_enough(raw)
    if len(kept) > MAX_PASSAGES:
        raise QuoteCheckError(
            f"That text has {len(kept)} passages to check: check at most {MAX_PASSAGES} at a time.",
            "too_many",
        )
    passages = []
    for position, passage in enumerate(kept, start=1):
        pieces = [p.strip() for p in _ELLIPSIS.split(passage)]
        pieces = [p for p in pieces if any(ch.isalnum() for ch in p)]
        passages.append(Passage(position, passage, pieces))
    return passages, skipped


def _refuse_empty_or_long(text):
    if not text.strip():
        raise QuoteCheckError(
            "Enter the passage or passages to check, one per line or in quotation marks.",
            "empty",
        )
    if len(text) > MAX_CHARS:
        raise QuoteCheckError(
            f"That is {len(text):,} characters: check at most {MAX_CHARS:,} at a time.",
            "too_long",
        )


def _fragments(text):
    """The quoted stretches, or else the lines (bullets taken off), with
    whitespace collapsed: those that hold any letter or digit."""
    quoted = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
    raw = quoted if quoted else [_BULLET.sub("", line) for line in text.split("\n")]
    raw = [normalise_whitespace(r) for r in raw]
    return [r for r in raw if any(ch.isalnum() for ch in r)]


def _long_enough(raw):
    """The fragments to check (all of them if none is long enough to trace
    on its own) and the ones skipped as too short."""
    long_enough = [r for r in raw if _word_count(r) >= MIN_WORDS]
    kept = long_enough or raw
    skipped = []
    for fragment in raw:
        if long_enough and fragment not in long_enough:
            n = _word_count(fragment)
            reason = f"too short to trace on its own ({n} word{'s' if n != 1 else ''})"
            skipped.append(Skipped(fragment, reason))
    return kept, skipped
