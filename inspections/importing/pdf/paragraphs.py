"""Paragraph text: lines joined into the paragraph they were broken from,
undoing hard line breaks (and the hyphens of words the typesetter broke), and
bullet marks taken off.

Apart from the walk because joining lines is the one place exact text is made,
and the tests check it word for word.
"""

import re

from core.text import normalise_whitespace

from .layout import BULLET_CHARS


class Vocabulary:
    """Words the report itself uses, to judge line-end hyphens.

    Ofsted's reports are set without automatic hyphenation, so a hyphen at the
    end of a line is almost always part of a compound ("multi-agency",
    "under-developed") and is kept. It is dropped only when the report itself
    spells the joined word solid elsewhere and never with a hyphen, which marks
    a word broken by the typesetter.
    """

    def __init__(self, lines):
        self.solid = set()
        self.hyphenated = set()
        for line in lines:
            text = line.text
            if text.endswith("-"):  # leave out the broken word itself
                text = text.rsplit(None, 1)[0] if " " in text else ""
            for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
                word = word.lower()
                if "-" in word:
                    parts = word.split("-")
                    for left, right in zip(parts, parts[1:], strict=False):
                        self.hyphenated.add(f"{left}-{right}")
                else:
                    self.solid.add(word)

    def broken_word(self, left, right):
        joined = (left + right).lower()
        return joined in self.solid and f"{left}-{right}".lower() not in self.hyphenated


def glue(left, right, vocabulary, tight):
    """Join paragraph text ``left`` and the next line's text ``right``, undoing
    the hard line break. ``tight``: the line broke with no space before it."""
    left = left.rstrip()
    right = right.strip()
    if not left:
        return right
    if left.endswith("\u00ad"):  # soft hyphen: a word broken by the typesetter
        return left[:-1] + right
    if left.endswith("-") and len(left) >= 2 and left[-2].isalnum():
        head = re.search(r"([A-Za-z]+)-$", left)
        tail = re.match(r"([a-z]+)", right)
        if head and tail and vocabulary.broken_word(head.group(1), tail.group(1)):
            return left[:-1] + right
        return left + right
    if tight and left.endswith(("/", "–", "—")):
        return left + right
    return left + " " + right


class Para:
    """A paragraph being assembled from lines. Visually separate pieces within
    it (such as sub-bullets) are kept apart by newlines."""

    def __init__(self, section, number, first_text, line):
        self.section = section
        self.number = number
        self.segments = [first_text]
        self.last_line = line

    def new_segment(self, text, line):
        self.segments.append(text)
        self.last_line = line

    def extend(self, line, vocabulary):
        previous = self.last_line
        tight = previous.page == line.page and not previous.raw[-1:].isspace()
        self.segments[-1] = glue(self.segments[-1], line.text, vocabulary, tight)
        self.last_line = line

    def text(self):
        parts = [normalise_whitespace(segment) for segment in self.segments]
        return "\n".join(part for part in parts if part)


class Paragraphs:
    """The paragraphs read so far, in the three parts a ParsedReport lists
    them in, and the one being written (``current``), which lines may join."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self.summary, self.improvements, self.numbered = [], [], []
        self.current = None

    def start(self, part, section, number, text, line):
        """Begin a paragraph at ``line``, filed in ``part`` (one of the lists)."""
        self.current = Para(section, number, text, line)
        part.append(self.current)

    def extend(self, lines):
        for line in lines:
            self.current.extend(line, self.vocabulary)


def bullet_text(text):
    return re.sub(rf"^[{BULLET_CHARS}\ue000-\uf8ff\-–]\s*", "", text)
