"""The walk through the report's blocks, in order: each heading changes the
part being read, and each block of text becomes a paragraph, joins the one
before it, or is left out with a warning.

The walk's state is the part being read (its ``mode``), the judgement area,
the paragraph being written and the paragraph numbers so far; each kind of
block (heading, numbered paragraph, bullet, plain text) has a method.
"""

from core.text import normalise_whitespace
from inspections.choices import Section

from .grades import GRADE_RE, grade_value
from .paragraphs import Paragraphs, Vocabulary, bullet_text
from .sections import NUMBERED_RE, STOP_RE, Numbering, classify_heading

# The part a heading of each role opens ("findings" and "area" depend on more).
_MODES = {
    "contents": "skip",
    "lscb": "skip",
    "improve": "improve",
    "priority": "improve",
    "summary": "summary",
    "subsummary": "subsummary",
}
_IMPROVE = Section.WHAT_NEEDS_TO_IMPROVE.value

# What the walk warns of, each at most once (per section, for text left out).
_PRIORITY = "The report's areas for priority action were read as “what needs to improve” items."
_UNPLACED = (
    "Paragraph {number} (and any following it) could not be placed under a judgement area heading."
)
_BULLETS_LEFT_OUT = "Some bulleted text that is not part of a numbered paragraph was not read."
_TEXT_LEFT_OUT = "Some unnumbered text was not read: “{start}…”."


class Walk:
    """Read ``blocks`` into ``paras``, ``heading_grades`` (the grades printed
    in the area headings) and ``skipped_parts``, warning in ``warnings``."""

    def __init__(self, family, layout, warnings):
        self.family = family
        self.layout = layout
        self.warnings = warnings
        self.paras = Paragraphs(Vocabulary(layout.body_sized_lines()))
        self.heading_grades = {}
        self.skipped_parts = []  # major headings of a SIF report not read
        self.mode = "front" if family == "sif" else "summary"
        self.section = None
        self.numbering = Numbering()
        self._said = set()

    def run(self, blocks):
        for block in blocks:
            text = normalise_whitespace(" ".join(line.text for line in block.lines))
            if STOP_RE.match(text):
                break
            if block.heading and len(text) < 250:
                if not self._heading(block, text):
                    break
                continue
            match = NUMBERED_RE.match(block.lines[0].text)
            if match and not block.bullet and self._numbered(block, match):
                continue
            if self.mode in ("front", "skip", "subsummary"):
                continue
            if block.bullet:
                self._bullet(block)
            else:
                self._plain(block, text)
        return self

    def _warn_once(self, key, message):
        if key not in self._said:
            self._said.add(key)
            self.warnings.append(message)

    def _heading(self, block, text):
        """Act on a heading; False when it ends the reading (a SIF report's
        review of the LSCB, which is not a judgement of children's services)."""
        role, area, grade = classify_heading(text, self.family)
        if role == "toc" or (self.mode == "front" and role not in ("summary", "improve", "area")):
            return True  # title page, table of contents
        self.paras.current = None
        if role == "lscb" and self.family == "sif":
            return False
        if role in _MODES:
            self.mode = _MODES[role]
            if role == "priority":
                self._warn_once("priority", _PRIORITY)
        elif role == "findings":
            self.mode = "section" if self.section else "skip"
        elif role == "area":
            self.section = area
            self.mode = "section"
            if grade and area not in self.heading_grades:
                self.heading_grades[area] = grade
        elif self.section and self.mode == "section" and GRADE_RE.fullmatch(text):
            # The grade set apart from its area heading.
            self.heading_grades.setdefault(self.section, grade_value(text))
        elif self.family == "sif":
            self.mode = "skip"
            major = block.lines[0].size >= 1.1 * self.layout.body_size
            if major and text not in self.skipped_parts:
                self.skipped_parts.append(text)
        # An unknown heading in an ILACS report is a sub-heading: the
        # current part carries on.
        return True

    def _numbered(self, block, match):
        """Start a numbered paragraph, if the number is one; False if not."""
        first = block.lines[0]
        number = int(match.group(1))
        numbered_mode = self.mode in ("section", "subsummary") or (
            self.family == "sif" and self.mode == "improve"
        )
        at_section_start = self.paras.current is None
        if not self.numbering.accepts(number, first.x, at_section_start):
            return False
        if not (numbered_mode or self.family == "ilacs") or self.mode == "front":
            return False
        self.numbering.take(number, first.x, self.warnings)
        target = self._numbered_section(number)
        paras = self.paras
        part = paras.improvements if target == _IMPROVE else paras.numbered
        paras.start(part, target, number, match.group(2), first)
        paras.extend(block.lines[1:])
        return True

    def _numbered_section(self, number):
        """The section numbered paragraph ``number`` belongs to."""
        if self.mode == "improve" and self.family == "sif":
            return _IMPROVE
        if self.mode in ("section", "subsummary"):
            self.mode = "section"
            return self.section
        # A numbered paragraph where none was expected: the heading above it
        # was not recognised.
        self.section = self.section or Section.MAIN_FINDINGS.value
        self._warn_once("unplaced", _UNPLACED.format(number=number))
        self.mode = "section"
        return self.section

    def _bullet(self, block):
        first, paras = block.lines[0], self.paras
        bullet = bullet_text(first.text)
        if self.mode == "improve" and (paras.current is None or paras.current.number is None):
            paras.start(paras.improvements, _IMPROVE, None, bullet, first)
        elif paras.current is not None:
            paras.current.new_segment(bullet, first)  # a sub-bullet
        elif self.mode == "summary":
            paras.start(paras.summary, Section.SUMMARY.value, None, bullet, first)
        else:
            self._warn_once(f"bullet:{self.section}", _BULLETS_LEFT_OUT)
            return
        paras.extend(block.lines[1:])

    def _plain(self, block, text):
        """Plain text: the rest of a paragraph broken by a page, or a new one."""
        first, paras = block.lines[0], self.paras
        current = paras.current
        if (
            current is not None
            and block.page_start
            and (current.number is not None or not self.layout.finished(current))
        ):
            paras.extend(block.lines)
            return
        if self.mode == "summary":
            paras.start(paras.summary, Section.SUMMARY.value, None, first.text, first)
        elif current is not None:
            # Another visual paragraph within a numbered paragraph or item.
            current.new_segment(first.text, first)
        elif self.family == "sif" and self.mode == "section":
            return  # the unnumbered summary that opens a SIF judgement section
        else:
            key = f"unnumbered:{self.section}:{self.mode}"
            self._warn_once(key, _TEXT_LEFT_OUT.format(start=text[:60]))
            return
        paras.extend(block.lines[1:])
