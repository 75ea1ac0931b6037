"""The marks that divide a report into its parts: what part a heading opens
(summary, what needs to improve, a judgement area, a part not read), where the
report proper ends, and which printed numbers start a numbered paragraph.

Apart from the walk so that the walk reads as what happens in each part, and
the rules for telling one part from another can be read on their own.
"""

import re

from .grades import GRADE_RE, ILACS_AREAS, SIF_AREAS, find_area, grade_value

STOP_RE = re.compile(
    r"^(?:The Office for Standards in Education|Any complaints about the inspection"
    r"|If you would like a copy of this document|©\s*Crown copyright)",
    re.IGNORECASE,
)
NUMBERED_RE = re.compile(r"^(\d{1,3})\.(?!\d)\s*(\S.*)$", re.DOTALL)


def classify_heading(text, family):
    """(role, area value, grade value) for a heading's text."""
    low = text.lower()
    if re.match(r"contents\b", low):
        return ("contents", None, None)
    if re.search(r"\s\d{1,3}$", low):
        return ("toc", None, None)  # an entry in a table of contents
    if re.search(r"local safeguarding children board|\blscb\b", low):
        return ("lscb", None, None)
    if re.match(r"what needs to improve", low):
        return ("improve", None, None)
    if re.match(r"areas? for priority action", low):
        return ("priority", None, None)
    if re.match(r"recommendations?\b", low):
        return ("improve", None, None)
    if re.match(r"executive summary", low):
        return ("summary", None, None)
    if re.fullmatch(r"summary:?", low):
        return ("subsummary", None, None)
    if re.match(r"inspection findings", low):
        return ("findings", None, None)
    areas = SIF_AREAS if family == "sif" else ILACS_AREAS
    area, match = find_area(text, areas)
    if area is not None and len(text) < 200:
        grade = GRADE_RE.search(text, match.end())
        return ("area", area.value, grade_value(grade.group(0)) if grade else None)
    return ("other", None, None)


class Numbering:
    """The paragraph numbers read so far, to tell a paragraph number from a
    figure that happens to begin a line."""

    def __init__(self):
        self.last = 0
        self.margin = None  # the leftmost x of a numbered paragraph so far

    def accepts(self, number, x, at_section_start):
        """The next number in sequence starts a paragraph. A number out of
        sequence does only where a paragraph could start (at the left margin,
        first under a heading or close to the expected number); elsewhere it is
        a figure that happens to begin a line."""
        near_margin = self.margin is None or x <= self.margin + 2
        return number == self.last + 1 or (
            near_margin
            and (
                self.last < number <= self.last + 5
                or (at_section_start and number > self.last)
                or (at_section_start and number == 1)
            )
        )

    def take(self, number, x, warnings):
        """Record paragraph ``number`` at ``x``, warning of a break in sequence."""
        if number == 1 and self.last:
            warnings.append(f"Paragraph numbering starts again at 1 after {self.last}.")
        elif number != self.last + 1:
            warnings.append(f"Paragraph numbers jump from {self.last} to {number}.")
        self.last = number
        if self.margin is None or x < self.margin:
            self.margin = x
