"""Charts drawn on the server: this works out where each shape goes, and a
template writes the <svg>. No JavaScript, no inline styles (colours come from
classes in site.css), and every page that shows a chart shows the same data
as a table too."""

import datetime
from dataclasses import dataclass, field

from django.utils.dateformat import format as date_format

from .choices import DatePrecision, Grade

# Narrow, with each grade's name above its line rather than beside it, so
# that the text stays readable when a phone shrinks the chart to fit.
WIDTH = 400
LEFT = 24
RIGHT = 24
TOP = 28
ROW_HEIGHT = 46
AXIS_HEIGHT = 30
LABEL_ROOM = 84  # a date label fits in this many units beside its mark

ROW_LABELS = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.REQUIRES_IMPROVEMENT: "Requires improvement",
    Grade.INADEQUATE: "Inadequate",
    Grade.UNKNOWN: "Not known",
    "": "Not graded",
}
SHORT_DATES = {DatePrecision.DAY: "M Y", DatePrecision.MONTH: "M Y", DatePrecision.YEAR: "Y"}
LONG_DATES = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}


@dataclass
class Row:
    label: str
    y: float

    @property
    def label_y(self):
        return self.y - 12


@dataclass
class Tick:
    label: str
    x: float


@dataclass
class Mark:
    x: float
    y: float
    grade: str
    label: str
    label_x: float
    label_anchor: str
    description: str


@dataclass
class GradeTimeline:
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: float
    rows: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    marks: list = field(default_factory=list)

    @property
    def tick_label_y(self):
        return self.axis_y + 22

    @property
    def tick_end_y(self):
        return self.axis_y + 6


def when(inspection):
    """The date a timeline places an inspection at, and its precision."""
    if inspection.published_on:
        return inspection.published_on, inspection.published_precision
    return inspection.start_date, inspection.dates_precision


def grade_timeline(authority, inspections):
    """A timeline of overall effectiveness: one mark per dated inspection,
    across by date published, down by grade. None if nothing is dated."""
    dated = [(i, *when(i)) for i in inspections if when(i)[0]]
    if not dated:
        return None

    grades_present = {i.overall_grade for i, _, _ in dated}
    # The four grades always show, so a chart reads the same for every
    # authority; "not known" and "not graded" only when they occur.
    grades = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]
    grades += [g for g in (Grade.UNKNOWN, "") if g in grades_present]
    rows = {g: TOP + ROW_HEIGHT * n for n, g in enumerate(grades)}
    axis_y = TOP + ROW_HEIGHT * (len(grades) - 0.5)

    first_year = min(d.year for _, d, _ in dated)
    last_year = max(d.year for _, d, _ in dated) + 1
    start = datetime.date(first_year, 1, 1)
    span = (datetime.date(last_year, 1, 1) - start).days
    plot_right = WIDTH - RIGHT

    def x_for(day):
        return round(LEFT + (day - start).days / span * (plot_right - LEFT), 1)

    step = 1 if last_year - first_year <= 6 else 2
    ticks = [
        Tick(str(year), x_for(datetime.date(year, 1, 1)))
        for year in range(first_year, last_year + 1, step)
    ]

    marks, sentences = [], []
    for inspection, day, precision in sorted(dated, key=lambda row: row[1]):
        grade = inspection.overall_grade
        x = x_for(day)
        grade_words = inspection.get_overall_grade_display() if grade else "not graded"
        sentence = (
            f"{inspection.get_kind_display()}, published "
            f"{date_format(day, LONG_DATES.get(precision, LONG_DATES[DatePrecision.DAY]))}: "
            f"{grade_words}."
        )
        sentences.append(sentence)
        # Labels go to the right of a mark unless they would leave the chart.
        near_edge = x + LABEL_ROOM > WIDTH
        marks.append(
            Mark(
                x=x,
                y=rows[grade],
                grade=grade or "none",
                label=date_format(day, SHORT_DATES.get(precision, "M Y")),
                label_x=x - 12 if near_edge else x + 12,
                label_anchor="end" if near_edge else "start",
                description=sentence,
            )
        )

    return GradeTimeline(
        title=f"Overall effectiveness of {authority.name}’s inspections over time",
        description=" ".join(sentences),
        width=WIDTH,
        height=round(axis_y + AXIS_HEIGHT),
        plot_left=LEFT,
        plot_right=plot_right,
        axis_y=axis_y,
        rows=[Row(ROW_LABELS[g], y) for g, y in rows.items()],
        ticks=ticks,
        marks=marks,
    )
