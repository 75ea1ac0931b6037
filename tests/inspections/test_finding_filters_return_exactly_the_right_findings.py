"""/findings/ returns exactly the findings each filter (and combination)
asks for, each linking to its place on its report page."""

import datetime

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.choices import Area, FindingKind, Grade, Section
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    JudgementFactory,
    LocalAuthorityFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    aville = LocalAuthorityFactory(name="Aville", slug="aville")
    bville = LocalAuthorityFactory(name="Bville", slug="bville")
    one = ThemeFactory(name="Theme one", slug="theme-one")
    two = ThemeFactory(name="Theme two", slug="theme-two")
    a2019 = InspectionFactory(
        authority=aville,
        start_date=datetime.date(2019, 3, 4),
        end_date=datetime.date(2019, 3, 15),
        published_on=datetime.date(2019, 5, 1),
    )
    b2021 = InspectionFactory(
        authority=bville,
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 3, 12),
        published_on=datetime.date(2021, 5, 1),
    )
    draft = InspectionFactory(authority=aville, status=Status.DRAFT)
    JudgementFactory(inspection=a2019, area=Area.HELP_AND_PROTECTION, grade=Grade.INADEQUATE)
    JudgementFactory(inspection=a2019, area=Area.IMPACT_OF_LEADERS, grade=Grade.GOOD)
    JudgementFactory(inspection=b2021, area=Area.HELP_AND_PROTECTION, grade=Grade.GOOD)
    JudgementFactory(inspection=draft, area=Area.HELP_AND_PROTECTION, grade=Grade.INADEQUATE)
    f = {
        "f1": FindingFactory(
            inspection=a2019,
            section=Section.HELP_AND_PROTECTION,
            kind=FindingKind.STRENGTH,
            themes=[one],
            text="Strategy meetings are timely.",
        ),
        "f2": FindingFactory(
            inspection=a2019,
            section=Section.IMPACT_OF_LEADERS,
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
            themes=[one, two],
        ),
        "f3": FindingFactory(
            inspection=a2019,
            section=Section.WHAT_NEEDS_TO_IMPROVE,
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
            paragraph_number=None,
        ),
        "f4": FindingFactory(
            inspection=b2021,
            section=Section.HELP_AND_PROTECTION,
            kind=FindingKind.STRENGTH,
            themes=[two],
            text="Return home interviews happen quickly.",
        ),
        "draft": FindingFactory(
            inspection=draft,
            section=Section.HELP_AND_PROTECTION,
            kind=FindingKind.STRENGTH,
            themes=[one],
            text="Strategy words from a draft.",
        ),
    }
    return f


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["f1", "f2", "f3", "f4"]),
        ("?theme=theme-one", ["f1", "f2"]),
        ("?theme=theme-one&theme=theme-two", ["f1", "f2", "f4"]),
        ("?area=help_and_protection", ["f1", "f4"]),
        ("?area=improve", ["f3"]),
        ("?area_grade=inadequate", ["f1"]),
        ("?area_grade=good", ["f2", "f4"]),
        ("?area_grade=good&area_grade=inadequate", ["f1", "f2", "f4"]),
        ("?area=help_and_protection&area_grade=good", ["f4"]),
        ("?kind=strength", ["f1", "f4"]),
        ("?kind=improvement", ["f2", "f3"]),
        ("?kind=unclassified", []),
        ("?authority=bville", ["f4"]),
        ("?date_from=2020-01-01", ["f4"]),
        ("?date_to=2019-12-31", ["f1", "f2", "f3"]),
        ("?date_from=2019-05-01&date_to=2019-05-01", ["f1", "f2", "f3"]),
        ("?q=strategy", ["f1"]),
        ("?q=interviews", ["f4"]),
        ("?theme=theme-one&kind=improvement", ["f2"]),
        ("?theme=theme-two&authority=aville&area_grade=good", ["f2"]),
        ("?theme=theme-two&date_to=2019-12-31&kind=strength", []),
    ],
)
def test_each_filter_and_combination(client, records, query, expected):
    response = client.get(reverse("finding_list") + query)
    assert response.status_code == 200
    assert not response.context["filter"].errors
    found = [f.pk for f in response.context["object_list"]]
    assert sorted(found) == sorted(records[name].pk for name in expected)
    assert len(found) == len(set(found)), "a finding in two chosen themes appeared twice"
    assert response.context["paginator"].count == len(expected)


def test_each_result_links_to_its_place_on_the_report(client, records):
    html = client.get(reverse("finding_list")).content.decode()
    for name in ("f1", "f2", "f3", "f4"):
        finding = records[name]
        assert f'href="{finding.inspection.get_absolute_url()}#{finding.anchor}"' in html
    assert f"#finding-{records['f3'].pk}" in html  # an unnumbered finding has an anchor too


def test_each_result_says_what_its_area_was_graded(client, records):
    response = client.get(reverse("finding_list"), {"area_grade": "inadequate"})
    html = response.content.decode()
    assert 'Area graded <strong class="tag tag--inadequate">Inadequate</strong>' in html


def test_facet_counts_leave_out_their_own_filter(client, records):
    response = client.get(reverse("finding_list"), {"kind": "strength"})
    facets = response.context["filter"].facet_options
    assert {o.value: o.count for o in facets["kind"]} == {
        "strength": 2,
        "improvement": 2,
        "unclassified": 0,
    }
    themes = {o.value: o.count for o in facets["theme"]}
    assert themes["theme-one"] == 1
    assert themes["theme-two"] == 1
    grades = {o.value: o.count for o in facets["area_grade"]}
    assert grades["inadequate"] == 1
    assert grades["good"] == 1
    assert grades["outstanding"] == 0
