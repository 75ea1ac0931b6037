"""How much the check takes at once, how close counts as found, how many
candidates it weighs, and the error for input it refuses."""

from core.errors import UserFacingError

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


class QuoteCheckError(UserFacingError, ValueError):
    """Input we refuse, and the form field it came in."""

    def __init__(self, message, code, field="text"):
        super().__init__(message, code)
        self.field = field
