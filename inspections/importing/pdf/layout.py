"""The page layout: the type sizes and line spacing a report is set in, the
page furniture to drop (running headers and footers, page numbers, footnotes),
and the grouping of the remaining lines into blocks (visual paragraphs,
headings, bullets).

Apart from the walk because it judges lines by their look alone (size,
weight, position), knowing nothing of what the words say.
"""

import re
from collections import Counter
from dataclasses import dataclass

BULLET_CHARS = "◼■▪•●◦▫□➢➤►‣⁃∙·"
TERMINAL_RE = re.compile(r"[.!?:;][’”'\")\]]*$")


@dataclass
class Block:
    lines: list
    heading: bool
    bullet: bool
    page_start: bool  # first body line on its page


def is_bullet(line):
    first = line.text[:1]
    if not first:
        return False
    return (
        first in BULLET_CHARS
        or 0xE000 <= ord(first) <= 0xF8FF
        or (line.symbol_start and not first.isalnum())
    )


def in_margin(line):
    return line.y < 0.07 * line.height or line.y > 0.93 * line.height


class Layout:
    """The pages' lines, numbered in document order, and their measurements:
    the body text size, the line pitch, the lowest body line on any page, and
    the length of a full line."""

    def __init__(self, pages):
        self.pages = pages
        self.page_count = len(pages)
        self.all_lines = [line for page in pages for line in page]
        for index, line in enumerate(self.all_lines):
            line.idx = index
        weights = Counter()
        for line in self.all_lines:
            weights[line.size] += len(line.text)
        self.body_size = weights.most_common(1)[0][0] or 12.0
        self._measure_spacing()
        lengths = sorted(len(line.text) for line in self.body_sized_lines())
        self.full_length = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 80

    def _measure_spacing(self):
        gaps = Counter()
        bottoms = []
        for page in self.pages:
            previous = None
            for line in page:
                if not self.body_sized(line):
                    previous = None
                    continue
                if previous is not None:
                    gap = round(previous.y - line.y, 1)
                    if 0.8 * self.body_size < gap < 2.5 * self.body_size:
                        gaps[gap] += 1
                previous = line
            ys = [line.y for line in page if self.body_sized(line)]
            if ys:
                bottoms.append(min(ys))
        self.pitch = gaps.most_common(1)[0][0] if gaps else 1.2 * self.body_size
        self.bottom = min(bottoms) if bottoms else 0.0

    def body_sized(self, line):
        return abs(line.size - self.body_size) <= 0.6

    def body_sized_lines(self):
        return [line for line in self.all_lines if self.body_sized(line)]

    def body_lines(self):
        """Lines of running text: headers, footers, page numbers and footnotes
        (set smaller, or larger, or repeated in the page margins) removed."""
        repeated = Counter()
        for page in self.pages:
            keys = {re.sub(r"\d+", "#", line.text.lower()) for line in page if in_margin(line)}
            repeated.update(keys)
        threshold = max(3, 0.4 * self.page_count)
        furniture = {key for key, count in repeated.items() if count >= threshold}
        body = []
        for line in self.all_lines:
            text = line.text
            if line.size < 0.88 * self.body_size:
                continue  # footers, footnotes
            if re.fullmatch(r"\d{1,3}", text) and (
                line.size > 1.25 * self.body_size or in_margin(line)
            ):
                continue  # page numbers
            if in_margin(line) and re.sub(r"\d+", "#", text.lower()) in furniture:
                continue  # running headers and footers
            body.append(line)
        return body

    def heading_style(self, line):
        if is_bullet(line):
            return False
        return line.bold or line.size >= 1.1 * self.body_size

    def blocks(self, body):
        """Group lines into visual paragraphs: a new one starts at a new page, a
        heading, a bullet, or a vertical gap wider than the line spacing."""
        blocks = []
        previous = None
        for line in body:
            heading = self.heading_style(line)
            bullet = is_bullet(line)
            page_start = previous is None or previous.page != line.page
            new = page_start or bullet or heading != self.heading_style(previous)
            if not new and heading and abs(line.size - previous.size) > 1:
                new = True  # a heading over a smaller sub-heading
            if not new:
                gap = previous.y - line.y
                scale = max(line.size, previous.size) / self.body_size
                spaced = gap > 1.35 * self.pitch * scale or gap < 0.3 * self.pitch
                new = spaced or (not heading and self._ends_paragraph(previous, line))
            if new:
                blocks.append(Block([line], heading, bullet, page_start))
            else:
                blocks[-1].lines.append(line)
            previous = line
        return blocks

    def _ends_paragraph(self, previous, line):
        """A paragraph break with no extra space before it: ``previous`` ends a
        sentence well short of the margin, though the first word of ``line``
        would have fitted after it."""
        if not TERMINAL_RE.search(previous.text) or abs(line.x - previous.x) > 2:
            return False
        next_word = line.text.split(" ", 1)[0]
        return len(previous.text) + 1 + len(next_word) < 0.7 * self.full_length

    def finished(self, para):
        """Does ``para`` look complete where its page ends? It must end a
        sentence, and either end short of the margin or end well above the
        foot of the page (so the text had room to go on but did not)."""
        line = para.last_line
        if not TERMINAL_RE.search(line.text):
            return False
        short = len(line.text) < 0.8 * self.full_length
        high = line.y > self.bottom + 3 * self.pitch
        return short or high
