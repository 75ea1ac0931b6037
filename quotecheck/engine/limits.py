"""How much the check takes at once, how close counts as found, how many
candidates it weighs, how much work one check may do (Budget), and the
error for input it refuses."""

from core.errors import UserFacingError

MAX_PASSAGES = 50
MAX_CHARS = 20_000
# Fragments shorter than this are skipped when longer passages are present:
# "ILACS" or "still too variable" say too little to trace on their own.
MIN_WORDS = 4
# A "word" longer than this is not a word of any report (the longest in the
# reports and the corpus we hold is 21 characters, "information-gathering";
# hyphenated compounds count as one): tokenise treats it as punctuation, so
# it is never searched for or compared as a word.
MAX_WORD_CHARS = 60

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
# Pieces of one passage (its ellipses) named in the PostgreSQL search, and
# how many count as phrases: a quotation has one or two ellipses, and each
# piece is a condition the database tests on every row it finds.
MAX_SEARCHED_PIECES = 12

# The work one check may do, counted in cells: lining a passage of q words
# up with a paragraph of p words is (q + pieces) x p cells (each piece with
# the rest of the paragraph: difflib's grid, at most); reading a candidate
# paragraph into words is p cells, and weighing it against the passage one
# cell for each distinct word quoted; each passage's database search (and
# fetching its candidates) is SEARCH_CELLS.
#
# Why: the text's length alone does not bound the time. 20,000 characters
# of a paragraph's commonest words ("the the the ... children"), each
# passage lined up with 12 candidates, cost difflib up to 0.21 microseconds
# a cell (measured here, on the test data), and real quotations about 0.18.
# The press release's 22 passages spend 1.05 million cells (0.25 s); the
# costliest real text we could make, 50 lines of report sentences filling
# all 20,000 characters, 4.2 million (0.75 s). WORK_BUDGET leaves room above
# that, and bounds the costliest input we could build to about 1.3 s here
# (6 million cells; 12.5 s had been measured for one 20,000-character word
# on the production copy). A passage whose work would not fit is not
# checked, and nor is any after it: the answer says "this text is too
# complex to check in full" for them rather than running on.
WORK_BUDGET = 6_000_000
SEARCH_CELLS = 20_000


class QuoteCheckError(UserFacingError, ValueError):
    """Input we refuse, and the form field it came in."""

    def __init__(self, message, code, field="text"):
        super().__init__(message, code)
        self.field = field


class Budget:
    """The cells one check may spend (see WORK_BUDGET), enforced by the check
    itself: work is asked for before it is done (affords), then counted
    (spend), so spent never passes cells. Once a passage's work does not fit,
    the budget is exhausted and the rest of the text goes unchecked."""

    def __init__(self, cells=None):
        self.cells = WORK_BUDGET if cells is None else cells
        self.spent = 0
        self.exhausted = False

    def affords(self, cells):
        """Whether cells more fit; if not, nothing more is done."""
        if not self.exhausted and self.spent + cells <= self.cells:
            return True
        self.exhausted = True
        return False

    def spend(self, cells):
        if self.spent + cells > self.cells:
            raise ValueError(f"{cells} cells were not asked for first: {self.spent} spent")
        self.spent += cells
