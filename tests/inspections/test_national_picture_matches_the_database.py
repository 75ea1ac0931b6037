"""/authorities/ is the national picture: every authority in the reference
list with its latest outcome, and the distribution of grades in England and
by region, as a chart and a table. Every figure shown is counted here again
straight from the database, without the page's queryset, and checked
against the known figures of the outcomes file."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.choices import Status
from inspections.choices import Grade
from inspections.models import Inspection, LocalAuthority, Region

pytestmark = pytest.mark.django_db

GRADES = [
    Grade.OUTSTANDING,
    Grade.GOOD,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.INADEQUATE,
    Grade.UNKNOWN,
    "",
]


@pytest.fixture
def imported():
    call_command(
        "import_authorities", "tests/fixtures/data/local-authorities.csv", stdout=StringIO()
    )
    call_command(
        "import_outcomes", "tests/fixtures/data/ilacs-latest-outcomes.csv", stdout=StringIO()
    )


def latest_grades_from_the_database():
    """{authority pk: overall grade of its newest published graded
    inspection, or ""}, worked out in Python from every inspection."""
    latest = {}
    for inspection in Inspection.objects.filter(status=Status.PUBLISHED).exclude(overall_grade=""):
        key = (inspection.published_on, inspection.start_date, inspection.pk)
        held = latest.get(inspection.authority_id)
        if held is None or key > held[0]:
            latest[inspection.authority_id] = (key, inspection.overall_grade)
    return {
        pk: latest[pk][1] if pk in latest else ""
        for pk in LocalAuthority.objects.values_list("pk", flat=True)
    }


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def table_rows(html, caption_start):
    """[[cell text, ...]] of the body rows of the table whose caption starts so."""
    table = re.search(
        r"<table[^>]*>\s*<caption[^>]*>" + re.escape(caption_start) + r".*?</table>", html, re.S
    ).group(0)
    body = table.split("<tbody>")[1]
    return [
        [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_the_national_page_counts_match_the_database_and_the_file(client, imported):
    assert LocalAuthority.objects.count() == 156
    assert Inspection.objects.count() == 153
    latest = latest_grades_from_the_database()
    national = Counter(latest.values())
    # The known figures of ilacs-latest-outcomes.csv: one outcome each.
    assert national == {
        Grade.GOOD: 63,
        Grade.OUTSTANDING: 46,
        Grade.REQUIRES_IMPROVEMENT: 29,
        Grade.INADEQUATE: 13,
        Grade.UNKNOWN: 2,
        "": 3,
    }
    without = sorted(
        LocalAuthority.objects.filter(
            pk__in=[pk for pk, grade in latest.items() if not grade]
        ).values_list("name", flat=True)
    )
    assert without == ["Cumbria", "Northamptonshire", "Poole"]

    response = client.get(reverse("authority_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["paginator"].count == 156
    assert "156 local authorities" in html
    assert len(response.context["authorities"]) == 156
    shown = {a.pk: a.latest_grade or "" for a in response.context["authorities"]}
    assert shown == latest

    # The chart's numbers and the table under it: England, then each region.
    chart = response.context["distribution"]
    by_region = {}
    for authority in LocalAuthority.objects.all():
        by_region.setdefault(authority.get_region_display(), Counter())[latest[authority.pk]] += 1
    expected = [("England", national)] + [
        (label, by_region[label]) for _, label in Region.choices if label in by_region
    ]
    assert [(bar.name, bar.counts) for bar in chart.bars] == [
        (name, [counts[g] for g in GRADES]) for name, counts in expected
    ]
    rows = table_rows(html, "Local authorities by the overall effectiveness")
    assert rows == [
        [name, *[str(counts[g]) for g in GRADES], str(sum(counts.values()))]
        for name, counts in expected
    ]
    assert rows[0] == ["England", "46", "63", "29", "13", "2", "3", "156"]
    # The chart says the same, in words for screen readers and in its segments.
    assert (
        "England, 156 authorities: 46 outstanding, 63 good, 29 requires improvement, "
        "13 inadequate, 2 not known, 3 no graded inspection." in chart.description
    )
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "style=" not in svg and "<script" not in html.split("<main")[1].split("</main>")[0]
    assert "England: 63 good" in svg

    # The national table: one row per authority.
    table = table_rows(html, "Local authorities, with the grades")
    assert len(table) == 156
    wokingham = next(row for row in table if row[0].startswith("Wokingham"))
    assert wokingham[:3] == [
        "Wokingham Unitary Authority",
        "South East",
        "Requires improvement to be good",
    ]

    # When the data was last updated, from which files.
    newest = timezone.localtime(Inspection.objects.latest("imported_at").imported_at)
    assert (
        f"Outcomes data last updated {newest:%-d %B %Y} from ilacs-latest-outcomes.csv"
        in text_of(html)
    )
    assert "from local-authorities.csv" in html


def test_the_distribution_counts_the_filtered_set(client, imported):
    latest = latest_grades_from_the_database()
    south_east = LocalAuthority.objects.filter(region=Region.SOUTH_EAST)
    expected = Counter(latest[a.pk] for a in south_east)

    response = client.get(reverse("authority_list") + "?region=SE")
    assert response.context["paginator"].count == south_east.count() == 19
    bars = response.context["distribution"].bars
    assert [bar.name for bar in bars] == ["England", "South East"]
    assert bars[0].counts == bars[1].counts == [expected[g] for g in GRADES]

    response = client.get(reverse("authority_list") + "?region=SE&grade=good&grade=outstanding")
    chosen = sorted(a.name for a in south_east if latest[a.pk] in (Grade.GOOD, Grade.OUTSTANDING))
    assert sorted(a.name for a in response.context["authorities"]) == chosen
    assert response.context["distribution"].bars[0].total == len(chosen)
    # Beside each grade, how many authorities choosing it gives (the other
    # filters held).
    facets = {o.value: o.count for o in response.context["filter"].facet_options["grade"]}
    assert facets == {g: expected[g] for g in GRADES if g}
