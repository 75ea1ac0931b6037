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
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from core.choices import Status
from core.errors import UserFacingError
from core.text import normalise_whitespace

# Limits -------------------------------------------------------------------

MAX_PASSAGES = 50
MAX_CHARS = 20_000
# Fragments shorter than this are skipped when longer passages are present:
# "ILACS" or "still too variable" say too little to trace on their own.
MIN_WORDS = 4

# A passage is "found" in a paragraph when the similarity of its words and
# the stretch of the paragraph they line up with is at least THRESHOLD. The
# similarity (PieceAlignment.score) is Dice's: words matched on both sides
# over all words on both sides, where quoted words running on past the end of
# the report's sentence count as if they had replaced report words.
#
# Why 0.75: a genuine quotation with one word replaced scores 0.75 even in the
# shortest passage we check (4 words: 2 x 3 / 8), and one "not" put in scores
# 0.89 (2 x 4 / 9), so any single change of meaning is found and reported as
# "altered", never "not found". Each of the council's 18 quotations scores
# 0.96 or more. Sentences that share only a stock phrase with a paragraph
# score less: "Children and young people are listened to." shares five words
# of seven with paragraph 16 of the 2019 report ("... children and young
# people are getting the full-time education ...") and scores 0.71; invented
# sentences score 0.4 to 0.6. Two words replaced in six score 0.67: by then
# the passage is a paraphrase and is "not found", with the paragraph shown as
# the closest candidate, with its score. (The price: a passage of under
# eight words with two words changed is reported as not found rather than
# altered, and its source is shown as the closest.)
THRESHOLD = 0.75

CANDIDATES = 20  # findings fetched per passage (PostgreSQL)
SQLITE_CANDIDATES = 200  # off PostgreSQL, where matching is cruder
ALIGNED = 12  # of those, the ones sharing most words are aligned word by word
MAX_MATCHES = 5  # findings shown per found passage
MAX_CLOSEST = 3  # closest candidates shown for a passage not found

VERDICTS = {
    "exact": "Exact",
    "differs": "Found, with differences",
    "altered": "Altered",
    "not_found": "Not found in any report we hold",
}
VERDICT_ORDER = {"exact": 0, "differs": 1, "altered": 2, "not_found": 3}


class QuoteCheckError(UserFacingError, ValueError):
    """Input we refuse, and the form field it came in."""

    def __init__(self, message, code, field="text"):
        super().__init__(message, code)
        self.field = field


# Normalisation --------------------------------------------------------------

APOSTROPHES = "’‘ʼ`´′"
DOUBLE_QUOTES = "“”„‟«»″"
DASHES = "‐‑‒–—―−"
QUOTE_MARKS = set("'\"" + APOSTROPHES + DOUBLE_QUOTES)
_FOLD = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DASHES, "-")})
SENTENCE_STOPS = set(".!?")


def _words(text):
    return text.split()


NUMBER_WORDS = {
    word: str(n)
    for n, word in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
NUMBER_WORDS.update(
    {
        "thirty": "30",
        "forty": "40",
        "fifty": "50",
        "sixty": "60",
        "seventy": "70",
        "eighty": "80",
        "ninety": "90",
        "hundred": "100",
        "thousand": "1000",
    }
)

# Spellings that are the same word: British and American forms and common
# variants. Each maps to one canonical spelling, which is only ever compared,
# never shown (the words shown are always the ones as written).
SPELLINGS = {
    "focussed": "focused",
    "focussing": "focusing",
    "focusses": "focuses",
    "whilst": "while",
    "amongst": "among",
    "amidst": "amid",
    "programme": "program",
    "programmes": "programs",
    "judgement": "judgment",
    "judgements": "judgments",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "learnt": "learned",
    "spelt": "spelled",
    "burnt": "burned",
    "dreamt": "dreamed",
    "towards": "toward",
    "afterwards": "afterward",
    "grey": "gray",
    "ageing": "aging",
    "licence": "license",
    "licences": "licenses",
    "defence": "defense",
    "offence": "offense",
    "offences": "offenses",
    "pretence": "pretense",
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "instalment": "installment",
    "skilful": "skillful",
    "wilful": "willful",
    "mould": "mold",
    "sceptical": "skeptical",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "cheque": "check",
    "tyre": "tire",
    "aluminium": "aluminum",
    "okay": "ok",
    "centring": "centering",
    "travelled": "traveled",
    "travelling": "traveling",
    "traveller": "traveler",
    "travellers": "travelers",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "modelled": "modeled",
    "modelling": "modeling",
    "labelled": "labeled",
    "labelling": "labeling",
    "counselling": "counseling",
    "counsellor": "counselor",
    "counsellors": "counselors",
    "counselled": "counseled",
    "fuelled": "fueled",
    "signalled": "signaled",
    "levelled": "leveled",
    "channelled": "channeled",
    "totalled": "totaled",
    "marvellous": "marvelous",
    "jewellery": "jewelry",
}
# Words the British spell -our and Americans -or (behaviour, behavioural ...).
_OUR = re.compile(
    r"^(behavi|col|fav|hon|lab|neighb|harb|rum|hum|vig|sav|endeav|arm|od|parl|clam|rig"
    r"|val|vap|tum|cand|ard|splend|flav)our"
)
# -ise/-ize, -isation/-ization, -iser/-izer (organise, prioritised ...).
_ISE = re.compile(r"^(\w{3,}?)is(e|ed|es|ing|ation|ations|er|ers|able)$")
# -yse/-yze (analyse, paralysed).
_YSE = re.compile(r"^(\w+?)ys(e|ed|es|ing)$")
# -re/-er (centre, centred, theatres).
_TRE = re.compile(r"^(cent|met|theat|fib|lit|calib|somb|spect|meag|lust|manoeuv)re(s|d)?$")
# ae and oe in words of Greek origin (paediatric, oestrogen).
_AE = re.compile(r"^(paed|haem|anaes|gynaec|orthopaed|leukaem|encyclopaed)")
_OE = re.compile(r"^(oesophag|oestr|diarrhoe|foet|manoeuv)")


def _canonical(part):
    if part in NUMBER_WORDS:
        return NUMBER_WORDS[part]
    if part in SPELLINGS:
        return SPELLINGS[part]
    part = _OUR.sub(lambda m: m.group(1) + "or", part)
    part = _ISE.sub(r"\1iz\2", part)
    part = _YSE.sub(r"\1yz\2", part)
    part = _TRE.sub(lambda m: m.group(1) + {"s": "ers", "d": "ered"}.get(m.group(2), "er"), part)
    if _AE.match(part):
        part = part.replace("ae", "e", 1)
    if _OE.match(part):
        part = part.replace("oe", "e", 1)
    return part


def fold(text):
    """Case, compatibility forms, apostrophes and dashes set aside: what two
    spellings must share to be the *same* spelling."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)


@functools.lru_cache(maxsize=100_000)
def word_key(core):
    """What two words must share to count as the same word: folded, without
    apostrophes, full stops or hyphens (so well-being = wellbeing), each part
    in its canonical spelling and number words as digits."""
    text = fold(core)
    if text == "&":
        return "and"
    text = text.replace("'", "").replace(".", "").replace("%", "percent")
    parts = [p for p in text.split("-") if p]
    return "".join(_canonical(p) for p in parts) or text


# Words whose difference changes what is said. Compared as keys.
NEGATIONS = set(
    _words(
        "not no never nor none neither nothing nobody nowhere without cannot cant dont doesnt "
        "didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt mustnt "
        "neednt lack lacks lacking fail fails failed unable"
    )
)
DEGREE_WORDS = set(
    _words(
        "more less fewer most least all any every each some many much few several majority "
        "minority half third quarter twice double only both either little enough too very "
        "extremely entirely fully partly partially largely mostly wholly completely always "
        "sometimes often usually generally rarely seldom occasionally frequently consistently "
        "routinely increasingly almost nearly hardly barely still yet already better worse best "
        "worst first last"
    )
)
GRADE_WORDS = set(
    _words(
        "outstanding good inadequate requires poor weak strong excellent effective ineffective "
        "improved improving deteriorated deteriorating declined declining failing serious "
        "widespread"
    )
)
# Function words: changing one for another ("is" for "was") is listed as a
# difference but does not by itself make a quotation "altered".
FUNCTION_WORDS = set(
    _words(
        "a an the and or but of in on at to for with by from as is are was were be been being "
        "has have had do does did it its this that these those their they them there which who "
        "whom whose what when where while so than then also such into onto over under about up "
        "out if we our us you your he she his her him i my me will would can could should may "
        "might must shall"
    )
)
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


def _substitution_meaning(report_key, quote_key):
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


# Tokens ---------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    """One word as written (with punctuation attached) and where it is."""

    lead: str
    core: str
    trail: str
    start: int
    end: int
    key: str = ""

    def __post_init__(self):
        self.key = word_key(self.core)

    @property
    def text(self):
        return self.lead + self.core + self.trail

    @property
    def ends_sentence(self):
        return bool(SENTENCE_STOPS & set(self.trail))


_SPACE_RUN = re.compile(r"\S+")
# Punctuation before, the word (letters or digits first and last), after.
_EDGES = re.compile(r"([\W_]*)(.*?)([\W_]*)", re.DOTALL)


def tokenise(text):
    """Words of text, each with the punctuation around it; a run of
    punctuation standing alone (a dash) joins the word before it."""
    tokens = []
    orphan = ""
    for match in _SPACE_RUN.finditer(text):
        chunk = match.group()
        lead, core, trail = _EDGES.fullmatch(chunk).groups()
        if not core:
            if chunk in ("&", "＆"):
                lead, core = "", chunk
            elif tokens:
                tokens[-1].trail += chunk
                tokens[-1].end = match.end()
                continue
            else:
                orphan += chunk
                continue
        if trail.startswith("%"):
            core, trail = core + "%", trail[1:]
        tokens.append(Token(orphan + lead, core, trail, match.start(), match.end()))
        orphan = ""
    return tokens


@functools.lru_cache(maxsize=4096)
def _punct(text):
    """Punctuation for comparison: quotation marks ignored, dashes alike."""
    return "".join(ch for ch in fold(text) if ch not in QUOTE_MARKS and not ch.isspace())


# Splitting ------------------------------------------------------------------

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
    quoted = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
    raw = quoted if quoted else [_BULLET.sub("", line) for line in text.split("\n")]
    raw = [normalise_whitespace(r) for r in raw]
    raw = [r for r in raw if any(ch.isalnum() for ch in r)]
    if not raw:
        raise QuoteCheckError("There are no words to check in that text.", "empty")
    long_enough = [r for r in raw if _word_count(r) >= MIN_WORDS]
    kept = long_enough or raw
    skipped = []
    for fragment in raw:
        if long_enough and fragment not in long_enough:
            n = _word_count(fragment)
            reason = f"too short to trace on its own ({n} word{'s' if n != 1 else ''})"
            skipped.append(Skipped(fragment, reason))
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


# Alignment ------------------------------------------------------------------

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
            self.why = _substitution_meaning(*self.keys)
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
    q_lead, p_lead = _punct(q.lead), _punct(p.lead)
    lead_differs = not is_first and q_lead != p_lead
    if lead_differs:
        parts.append(_punctuation_part(q_lead, p_lead, before=q.core))
    q_trail, p_trail = _punct(q.trail), _punct(p.trail)
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
    q_keys = [t.key for t in q_tokens]
    window = p_tokens[lo:hi]
    matcher = difflib.SequenceMatcher(None, q_keys, [t.key for t in window], autojunk=False)
    ops = matcher.get_opcodes()
    equal = [op for op in ops if op[0] == "equal"]
    # A word or two of "the", "to", "and" matched across a longer stretch of
    # other words, at either end, is chance: leave it out of the match.
    while len(equal) > 1 and _stray(equal[-1], equal[-2], q_keys):
        equal.pop()
    while len(equal) > 1 and _stray(equal[0], equal[1], q_keys):
        equal.pop(0)
    if not equal:
        return None
    first_q, first_p = equal[0][1], lo + equal[0][3]
    last_q, last_p = equal[-1][2], lo + equal[-1][4]

    # Quoted words before the first and after the last matched word are
    # paired with the report's words next to them, within the same sentence:
    # "Care planning is thoughtless" against "Care planning is thoughtful
    # and creative" changes "thoughtful"; words beyond a sentence end are
    # simply added. (Two spare words allow for a compound written apart.)
    p_first = first_p
    while p_first > start_at and first_p - p_first < first_q + 2:
        if p_tokens[p_first - 1].ends_sentence:
            break
        p_first -= 1
    p_last = last_p
    while p_last < len(p_tokens) and p_last - last_p < len(q_tokens) - last_q + 2:
        if p_tokens[p_last - 1].ends_sentence:
            break
        p_last += 1

    lead = _pair_parts(q_tokens[:first_q], p_tokens[p_first:first_p], edge="lead")
    tail = _pair_parts(q_tokens[last_q:], p_tokens[last_p:p_last], edge="tail")
    parts = list(lead.parts)
    matched_q = lead.matched_quote + tail.matched_quote
    matched_p = lead.matched_report + tail.matched_report
    for tag, i1, i2, j1, j2 in ops:
        j1, j2 = lo + j1, lo + j2
        if (i2 <= first_q and j2 <= first_p) or (i1 >= last_q and j1 >= last_p):
            continue
        if tag == "equal":
            for k in range(i2 - i1):
                q, p = q_tokens[i1 + k], p_tokens[j1 + k]
                parts += _word_parts(q, p, i1 + k == 0, i1 + k == len(q_tokens) - 1)
                matched_q, matched_p = matched_q + 1, matched_p + 1
        else:
            middle = _pair_parts(q_tokens[i1:i2], p_tokens[j1:j2])
            parts += middle.parts
            matched_q += middle.matched_quote
            matched_p += middle.matched_report
    parts += tail.parts
    return PieceAlignment(
        parts,
        first_p - lead.report_used,
        last_p + tail.report_used,
        matched_q,
        matched_p,
        len(q_tokens),
        lead.unpaired_quote + tail.unpaired_quote,
    )


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


# Results --------------------------------------------------------------------


@dataclass
class Match:
    """A passage lined up with one published finding."""

    finding: object  # Finding, with inspection and authority loaded
    alignment: Alignment

    @property
    def score(self):
        return self.alignment.score

    @property
    def verdict(self):
        return self.alignment.verdict

    @property
    def differences(self):
        return self.alignment.differences

    @property
    def meaning_changes(self):
        return [p for p in self.differences if p.meaning]

    @property
    def inspection(self):
        return self.finding.inspection

    @property
    def where(self):
        """ "paragraph 3" or the section's name for unnumbered findings."""
        if self.finding.paragraph_number:
            return f"paragraph {self.finding.paragraph_number}"
        return self.finding.get_section_display().lower()

    @property
    def url(self):
        return self.finding.get_absolute_url()

    @property
    def percent(self):
        return round(self.score * 100)

    def paragraph_html(self):
        """The report's paragraph, escaped, with the matched stretch(es) in
        <mark>."""
        text = self.finding.text
        html = SafeString("")
        at = 0
        for start, end in self.alignment.spans:
            html += escape(text[at:start]) + format_html("<mark>{}</mark>", text[start:end])
            at = end
        return html + escape(text[at:])

    def diff_html(self):
        """The quotation as given, each difference from the report marked
        with <ins>/<del> and a label screen readers read out."""
        return render_parts(self.alignment.parts)

    def as_dict(self, build_url=lambda url: url):
        finding = self.finding
        inspection = finding.inspection
        return {
            "score": self.score,
            "verdict": self.verdict,
            "inspection": {
                "title": str(inspection),
                "slug": inspection.slug,
                "url": build_url(inspection.get_absolute_url()),
                "published_on": inspection.published_on.isoformat()
                if inspection.published_on
                else None,
            },
            "authority": {"name": inspection.authority.name, "slug": inspection.authority.slug},
            "section": finding.section,
            "section_label": finding.get_section_display(),
            "paragraph_number": finding.paragraph_number,
            "permalink": build_url(finding.get_absolute_url()),
            "matched_text": " … ".join(finding.text[a:b] for a, b in self.alignment.spans),
            "paragraph": finding.text,
            "differences": [p.as_dict() for p in self.differences],
        }


def render_parts(parts):
    """Parts as HTML: the quotation's words, with each difference from the
    report in <del> (the report's) and <ins> (the quotation's) and a label
    for screen readers. Every piece of text is escaped."""
    html = SafeString("")
    for n, part in enumerate(parts):
        if part.kind == EQUAL:
            word = escape(part.quote)
        elif part.kind in (VARIANT, CHANGED):
            css = "qc-variant" if part.kind == VARIANT else "qc-changed"
            word = format_html(
                '<del class="{}"><span class="visually-hidden">report says: </span>{}</del> '
                '<ins class="{}"><span class="visually-hidden">quoted as: </span>{}</ins>',
                css,
                part.report,
                css,
                part.quote,
            )
        elif part.kind in (ADDED, MISSING, PUNCTUATION):
            word = SafeString("")
            if part.report:
                word += format_html(
                    '<del class="qc-missing"><span class="visually-hidden">missing: </span>'
                    "{}</del>",
                    part.report,
                )
            if part.quote:
                word += format_html(
                    '<ins class="qc-added"><span class="visually-hidden">added: </span>{}</ins>',
                    part.quote,
                )
        elif part.kind == OMITTED:
            word = format_html(
                '<span class="qc-omitted">…<span class="visually-hidden"> ({} left out at the '
                "ellipsis, not a difference)</span></span>",
                part.note,
            )
        else:
            continue
        if n and not part.attach:
            html += SafeString(" ")
        html += escape(part.prefix) + word + escape(part.suffix)
    return html


@dataclass
class PassageResult:
    passage: Passage
    matches: list[Match] = field(default_factory=list)  # found, best first
    closest: list[Match] = field(default_factory=list)  # when not found
    more: int = 0  # further findings with the same passage, not listed

    @property
    def position(self):
        return self.passage.position

    @property
    def quote(self):
        return self.passage.text

    @property
    def verdict(self):
        return self.matches[0].verdict if self.matches else "not_found"

    @property
    def verdict_label(self):
        return VERDICTS[self.verdict]

    @property
    def best(self):
        return self.matches[0] if self.matches else None

    @property
    def explanation(self):
        best = self.best
        if best is None:
            if self.closest:
                return (
                    "No paragraph we hold is close enough. The closest are listed below "
                    "with how much of the wording they share."
                )
            return "No paragraph we hold shares enough of these words."
        if self.verdict == "exact":
            text = "Word for word what the report says"
            if best.alignment.omitted_words:
                text += " (the ellipsis leaves words out, which is not a difference)"
            return text + "."
        count = len(best.differences)
        listed = f"{count} difference{'s' if count != 1 else ''} from the report"
        if self.verdict == "altered":
            reasons = sorted({p.meaning for p in best.meaning_changes})
            return f"Found, but altered: the quotation changes {', '.join(reasons)}. {listed}."
        return f"Found, with {listed}, none of which changes the meaning."

    def as_dict(self, build_url=lambda url: url):
        return {
            "position": self.position,
            "quote": self.quote,
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "explanation": self.explanation,
            "matches": [m.as_dict(build_url) for m in self.matches],
            "more_matches": self.more,
            "closest": [m.as_dict(build_url) for m in self.closest],
        }


@dataclass
class CheckResult:
    results: list[PassageResult]
    skipped: list[Skipped]
    seconds: float = 0.0

    def counts(self):
        counts = dict.fromkeys(VERDICTS, 0)
        for result in self.results:
            counts[result.verdict] += 1
        return counts

    @property
    def summary(self):
        """ "18 passages: 11 exact, 7 with differences, 0 altered, 0 not found"."""
        c = self.counts()
        n = len(self.results)
        return (
            f"{n} passage{'s' if n != 1 else ''}: {c['exact']} exact, "
            f"{c['differs']} with differences, {c['altered']} altered, "
            f"{c['not_found']} not found"
        )

    def as_dict(self, build_url=lambda url: url):
        return {
            "summary": self.summary,
            "counts": {"passages": len(self.results), **self.counts()},
            "results": [r.as_dict(build_url) for r in self.results],
            "skipped": [{"text": s.text, "reason": s.reason} for s in self.skipped],
        }


# Candidates -----------------------------------------------------------------


# Words PostgreSQL's English configuration does not index, besides ours.
_NOT_INDEXED = (
    FUNCTION_WORDS
    | NEGATIONS
    | set(_words("not no nor more most all any some very too only few both each such own same"))
)


def _content_words(pieces_tokens):
    """Distinct words of a passage worth searching for, longest first."""
    seen = {}
    for tokens in pieces_tokens:
        for t in tokens:
            if t.key in FUNCTION_WORDS or t.key in NEGATIONS or len(t.key) < 3:
                continue
            seen.setdefault(t.key, t.core)
    return sorted(seen.items(), key=lambda kv: -len(kv[0]))


_REVERSE_SPELLINGS = {}
for _uk, _us in SPELLINGS.items():
    _REVERSE_SPELLINGS.setdefault(_us, set()).add(_uk)
# Compounds often written as one word, so the hyphenated form is searched too.
COMPOUNDS = {
    "wellbeing": "well-being",
    "childcentred": "child-centred",
    "childcentered": "child-centred",
    "decisionmaking": "decision-making",
    "multiagency": "multi-agency",
    "longterm": "long-term",
    "fulltime": "full-time",
    "parttime": "part-time",
    "highquality": "high-quality",
    "goodquality": "good-quality",
    "coordinate": "co-ordinate",
    "coordinated": "co-ordinated",
    "coordination": "co-ordination",
    "coproduced": "co-produced",
    "followup": "follow-up",
}


def spellings_of(core):
    """The word as written and the other spellings of it to search for."""
    word = fold(core).replace("'", "")
    forms = {word}
    canonical = _canonical(word)
    forms.add(canonical)
    forms |= _REVERSE_SPELLINGS.get(canonical, set())
    for uk, us in (("is", "iz"), ("ys", "yz")):
        for a, b in ((uk, us), (us, uk)):
            swapped = re.sub(rf"{a}(e|ed|es|ing|ation|ations|er|ers)$", rf"{b}\1", word)
            forms.add(swapped)
    if _OUR.match(word):
        forms.add(_OUR.sub(lambda m: m.group(1) + "or", word))
    joined = word.replace("-", "")
    if joined in COMPOUNDS:
        forms.add(COMPOUNDS[joined])
    return sorted(f for f in forms if f)


def _published_findings(using, authority, inspection):
    from .models import Finding

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


def _postgresql_candidate_ids(searches, connection, authority, inspection):
    """For each (slots, pieces) of a passage, the ids of up to CANDIDATES
    published findings most likely to hold it: one statement for all."""
    from .models import Finding, Inspection

    stats = _table_stats(connection, Finding._meta.db_table)
    qn = connection.ops.quote_name
    findings, inspections = qn(Finding._meta.db_table), qn(Inspection._meta.db_table)
    narrow, narrow_params = "", []
    if authority is not None:
        narrow += " AND i.authority_id = %s"
        narrow_params.append(authority.pk)
    if inspection is not None:
        narrow += " AND i.id = %s"
        narrow_params.append(inspection.pk)
    selects, params = [], []
    for n, (slots, pieces, tokenised) in enumerate(searches):
        if not slots:
            continue
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
        selects.append(
            f"""(
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
        )
        params += [*pieces, *runs, *[_slot_query(s) for s in counted], rank_query, filter_query]
        params += [MAX_HITS, n, Status.PUBLISHED, *narrow_params, CANDIDATES]
    ids = [[] for _ in searches]
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for passage, pk in cursor.fetchall():
                ids[passage].append(pk)
    return ids


# Checking -------------------------------------------------------------------


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


def check_passages(text, authority=None, inspection=None, using="default"):
    """Check every passage in text (see split_passages) against the
    published findings, optionally of one authority or one inspection (an
    instance or its slug). Returns a CheckResult; raises QuoteCheckError."""
    from .models import Inspection, LocalAuthority

    started = time.perf_counter()
    passages, skipped = split_passages(text)
    authority = _resolve(LocalAuthority, authority, "authority", "authority")
    inspection = _resolve(Inspection, inspection, "inspection", "published inspection")
    connection = connections[using]
    postgresql = connection.vendor == "postgresql"

    tokenised = [[tokenise(piece) for piece in p.pieces] for p in passages]
    words = [_content_words(pieces) for pieces in tokenised]
    if postgresql:
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
        candidate_ids = _postgresql_candidate_ids(searches, connection, authority, inspection)
    else:
        candidate_ids = [_sqlite_candidate_ids(ws, using, authority, inspection) for ws in words]
    findings = _fetch(candidate_ids, using, authority, inspection)

    paragraphs = {}
    results = []
    for passage, pieces, ids in zip(passages, tokenised, candidate_ids, strict=True):
        ids = [pk for pk in ids if pk in findings]
        if postgresql:
            ids = ids[:ALIGNED]  # already ranked
        quoted = Counter(t.key for piece in pieces for t in piece)
        shared = {
            pk: sum((quoted & _paragraph(paragraphs, findings[pk])[1]).values()) for pk in ids
        }
        if not postgresql:
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
        results.append(_judge(passage, matches))
    return CheckResult(results, skipped, time.perf_counter() - started)


def _paragraph(cache, finding):
    """A finding's tokens and how often each word comes, worked out once."""
    if finding.pk not in cache:
        tokens = tokenise(finding.text)
        cache[finding.pk] = (tokens, Counter(t.key for t in tokens))
    return cache[finding.pk]


def _fetch(candidate_ids, using, authority, inspection):
    """{pk: finding} for every candidate, published only, in few queries."""
    wanted = sorted({pk for ids in candidate_ids for pk in ids})
    findings = {}
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        queryset = _published_findings(using, authority, inspection).filter(pk__in=chunk)
        findings.update((f.pk, f) for f in queryset.select_related("inspection__authority"))
    return findings


def _judge(passage, matches):
    found = [m for m in matches if m.score >= THRESHOLD]
    if not found:
        closest = sorted(matches, key=lambda m: (-m.score, m.finding.pk))[:MAX_CLOSEST]
        return PassageResult(passage, closest=closest)
    found.sort(key=lambda m: (VERDICT_ORDER[m.verdict], -m.score, m.finding.pk))
    # The passage's verdict is its best source's; other findings are listed
    # only when the passage stands in them as well (boilerplate repeated from
    # report to report), not when it would be "altered" against them.
    same = [m for m in found if m.verdict == found[0].verdict]
    return PassageResult(passage, matches=same[:MAX_MATCHES], more=max(0, len(same) - MAX_MATCHES))
