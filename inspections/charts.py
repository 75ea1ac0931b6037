"""Charts drawn on the server: this works out where each shape goes, and a
template writes the <svg>. No JavaScript, no inline styles (colours come from
classes in site.css), and every page that shows a chart shows the same data
as a table too."""

import datetime
from dataclasses import dataclass, field

from django.utils.dateformat import format as date_format

from core.choices import DatePrecision
from inspections.choices import Grade

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


# The distribution of latest grades: one horizontal bar per region plus
# England, each split by grade in proportion, the count written in a
# segment when it fits. The legend and a table on the page give the words.
DISTRIBUTION_WIDTH = 400
DISTRIBUTION_LEFT = 8
DISTRIBUTION_RIGHT = 8
DISTRIBUTION_TOP = 20
BAR_HEIGHT = 24
BAR_GAP = 26  # room above each bar for its label
COUNT_ROOM = 20  # a segment narrower than this has no count written in it
DISTRIBUTION_GRADES = [
    Grade.OUTSTANDING,
    Grade.GOOD,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.INADEQUATE,
    Grade.UNKNOWN,
    "",
]
DISTRIBUTION_LABELS = {**ROW_LABELS, "": "No graded inspection"}
# Fills dark enough for white text; the others take dark text.
DARK_FILLS = {Grade.OUTSTANDING, Grade.INADEQUATE}


@dataclass
class Segment:
    grade: str
    count: int
    x: float
    width: float
    label: str
    show_count: bool
    dark: bool

    @property
    def count_x(self):
        return round(self.x + self.width / 2, 1)


@dataclass
class Bar:
    name: str
    label: str
    total: int
    y: float
    counts: list  # [count per grade of DISTRIBUTION_GRADES]
    segments: list = field(default_factory=list)

    @property
    def label_y(self):
        return self.y - 8

    @property
    def count_y(self):
        return self.y + BAR_HEIGHT / 2


@dataclass
class GradeDistribution:
    title: str
    description: str
    width: int
    height: int
    left: int
    bar_height: int
    grades: list  # [(grade, label)] in legend order
    bars: list


def grade_distribution(rows, regions):
    """rows: (region, latest grade or "") for each authority counted;
    regions: [(code, label)] in the order to show. England first, then each
    region that has an authority counted."""
    grade_names = [(g or "none", DISTRIBUTION_LABELS[g]) for g in DISTRIBUTION_GRADES]
    counts = {}
    for region, grade in rows:
        grade = grade if grade in DISTRIBUTION_GRADES else ""
        by_grade = counts.setdefault(region or "", dict.fromkeys(DISTRIBUTION_GRADES, 0))
        by_grade[grade] += 1
    england = dict.fromkeys(DISTRIBUTION_GRADES, 0)
    for by_grade in counts.values():
        for grade, n in by_grade.items():
            england[grade] += n
    labelled = [("England", england)]
    labelled += [(label, counts[code]) for code, label in regions if code in counts]
    if "" in counts:
        labelled.append(("Region not recorded", counts[""]))

    plot = DISTRIBUTION_WIDTH - DISTRIBUTION_LEFT - DISTRIBUTION_RIGHT
    bars, sentences = [], []
    for n, (label, by_grade) in enumerate(labelled):
        total = sum(by_grade.values())
        bar = Bar(
            name=label,
            label=f"{label} ({total})",
            total=total,
            y=DISTRIBUTION_TOP + n * (BAR_HEIGHT + BAR_GAP),
            counts=[by_grade[g] for g in DISTRIBUTION_GRADES],
        )
        x = DISTRIBUTION_LEFT
        for grade in DISTRIBUTION_GRADES:
            count = by_grade[grade]
            if not count:
                continue
            width = round(count / total * plot, 1)
            bar.segments.append(
                Segment(
                    grade=grade or "none",
                    count=count,
                    x=round(x, 1),
                    width=width,
                    label=f"{label}: {count} {DISTRIBUTION_LABELS[grade].lower()}",
                    show_count=width >= COUNT_ROOM,
                    dark=grade in DARK_FILLS,
                )
            )
            x += width
        bars.append(bar)
        parts = [
            f"{by_grade[g]} {DISTRIBUTION_LABELS[g].lower()}"
            for g in DISTRIBUTION_GRADES
            if by_grade[g]
        ]
        sentences.append(f"{label}, {total} authorities: {', '.join(parts) or 'none'}.")

    return GradeDistribution(
        title="Latest overall effectiveness of local authorities, in England and by region",
        description=" ".join(sentences),
        width=DISTRIBUTION_WIDTH,
        height=round(DISTRIBUTION_TOP + len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + 8),
        left=DISTRIBUTION_LEFT,
        bar_height=BAR_HEIGHT,
        grades=grade_names,
        bars=bars,
    )
