"""What a difference means: which words and substitutions change what a
quotation says (a negation, a quantity or degree, a number, a grade word,
a negating prefix, the opposite word, a different word) and which do not
(a spelling slip, another form of the same word, one function word for
another)."""

import difflib
import functools

from .normalise import DEGREE_WORDS, FUNCTION_WORDS, GRADE_WORDS, NEGATIONS

NEGATING_PREFIXES = ("non", "un", "in", "im", "il", "ir", "dis")


def _is_number(key):
    return any(ch.isdigit() for ch in key)


@functools.lru_cache(maxsize=10_000)
def meaning_of(key):
    """Why a word carries meaning that a quotation must not change, or ""."""
    if _is_number(key):
        return "a number"
    if key in NEGATIONS:
        return "a negation"
    if key in DEGREE_WORDS:
        return "a word of quantity or degree"
    if key in GRADE_WORDS:
        return "a word of judgement"
    return ""


def substitution_meaning(report_key, quote_key):
    """Why putting quote_key where the report has report_key changes what
    is said, or "" if it does not (a spelling slip, another form of the same
    word, one function word for another)."""
    longer, shorter = sorted((report_key, quote_key), key=len, reverse=True)
    for prefix in NEGATING_PREFIXES:
        if longer == prefix + shorter:
            return "a negating prefix"
    for a, b in (("ful", "less"), ("less", "ful")):
        if report_key.endswith(a) and quote_key == report_key[: -len(a)] + b:
            return "the opposite word"
    for key in (report_key, quote_key):
        reason = meaning_of(key)
        if reason:
            return reason
    if report_key in FUNCTION_WORDS and quote_key in FUNCTION_WORDS:
        return ""
    common = len(_common_prefix(report_key, quote_key))
    if common >= max(4, len(shorter) - 2):
        return ""  # another form of the same word: child/children, plan/planning
    if len(shorter) >= 5 and difflib.SequenceMatcher(None, report_key, quote_key).ratio() >= 0.8:
        return ""  # a spelling slip
    return "a different word"


def _common_prefix(a, b):
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]
