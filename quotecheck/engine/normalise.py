"""Normalisation and tokenising: what two spellings of a word must share to
count as the same word (case, apostrophes, hyphens, British and American
forms, number words), the classes of words the check treats specially, and
the tokens (a word with the punctuation around it) everything else compares.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from .limits import MAX_WORD_CHARS

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


# Other spellings, to search for ----------------------------------------------

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


# Word classes ---------------------------------------------------------------

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


def edges(chunk):
    r"""(lead, core, trail) of a run of non-space characters: the punctuation
    before its first letter or digit, the word from there to its last, and
    the punctuation after; (chunk, "", "") when it holds no letter or digit.

    Two scans, one from each end, so the cost is the chunk's length. It was
    the pattern ([\W_]*)(.*?)([\W_]*), whose lazy middle retried the
    trailing run at every character: one 20,000-character "word" ("a", then
    19,998 "!", then "a") cost 3.3 s to tokenise here, and a check of it
    12.5 s on the production copy. ([\W_] is exactly "not str.isalnum()",
    checked over every code point.)"""
    start, end = 0, len(chunk)
    while start < end and not chunk[start].isalnum():
        start += 1
    if start == end:
        return chunk, "", ""
    while not chunk[end - 1].isalnum():
        end -= 1
    return chunk[:start], chunk[start:end], chunk[end:]


def tokenise(text):
    """Words of text, each with the punctuation around it; a run of
    punctuation standing alone (a dash) joins the word before it. So does
    a "word" longer than MAX_WORD_CHARS: no report's word is (see limits),
    and such a run is not searched for or compared as one."""
    tokens = []
    orphan = ""
    for match in _SPACE_RUN.finditer(text):
        chunk = match.group()
        lead, core, trail = edges(chunk)
        if len(core) > MAX_WORD_CHARS:
            core = ""
        if not core:
            if chunk in ("&", "＆"):
                lead, core, trail = "", chunk, ""
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
def punctuation(text):
    """Punctuation for comparison: quotation marks ignored, dashes alike."""
    return "".join(ch for ch in fold(text) if ch not in QUOTE_MARKS and not ch.isspace())
