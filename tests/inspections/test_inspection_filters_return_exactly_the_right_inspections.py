"""/inspections/ returns exactly the inspections each filter (and each
combination of filters) asks for, with facet counts that leave out their own
filter."""

import datetime

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.choices import Area, Grade, InspectionKind
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
    """Four published inspections and one draft, across two authorities,
    three grades, two kinds and two themes."""
    north = LocalAuthorityFactory(name="Northshire", slug="northshire", region="NE")
    south = LocalAuthorityFactory(name="Southshire", slug="southshire", region="SW")
    front_door = ThemeFactory(name="Front door test", slug="front-door-test")
    fostering = ThemeFactory(name="Fostering test", slug="fostering-test")

    def inspection(name, authority, published, grade, kind=InspectionKind.ILACS_STANDARD, **kw):
        return InspectionFactory(
            authority=authority,
            kind=kind,
            start_date=published - datetime.timedelta(days=50),
            end_date=published - datetime.timedelta(days=40),
            published_on=published,
            overall_grade=grade,
            summary=f"Summary of {name}.",
            **kw,
        )

    r = {
        "north_2019": inspection(
            "north 2019", north, datetime.date(2019, 7, 15), Grade.REQUIRES_IMPROVEMENT
        ),
        "north_2021": inspection("north 2021", north, datetime.date(2021, 3, 1), Grade.GOOD),
        "south_2019": inspection(
            "south 2019", south, datetime.date(2019, 11, 20), Grade.REQUIRES_IMPROVEMENT
        ),
        "south_visit": inspection(
            "south visit", south, datetime.date(2020, 2, 1), "", kind=InspectionKind.FOCUSED_VISIT
        ),
        "draft": inspection(
            "draft",
            north,
            datetime.date(2019, 8, 1),
            Grade.REQUIRES_IMPROVEMENT,
            status=Status.DRAFT,
        ),
    }
    JudgementFactory(
        inspection=r["north_2019"], area=Area.HELP_AND_PROTECTION, grade=Grade.INADEQUATE
    )
    JudgementFactory(inspection=r["north_2019"], area=Area.IMPACT_OF_LEADERS, grade=Grade.GOOD)
    JudgementFactory(inspection=r["south_2019"], area=Area.HELP_AND_PROTECTION, grade=Grade.GOOD)
    JudgementFactory(
        inspection=r["south_2019"], area=Area.IMPACT_OF_LEADERS, grade=Grade.INADEQUATE
    )
    # Two findings in the same theme: the inspection must still appear once.
    FindingFactory(inspection=r["north_2019"], themes=[front_door], text="The duty team.")
    FindingFactory(inspection=r["north_2019"], themes=[front_door, fostering])
    FindingFactory(inspection=r["south_2019"], themes=[fostering])
    FindingFactory(inspection=r["north_2021"], text="Care leavers are well supported.")
    FindingFactory(inspection=r["draft"], themes=[front_door], text="Draft words.")
    return r


def listed(client, query=""):
    response = client.get(reverse("inspection_list") + query)
    assert response.status_code == 200
    assert not response.context["filter"].errors
    return response, {i.slug for i in response.context["object_list"]}


def slugs(records, *names):
    return {records[n].slug for n in names}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["north_2021", "south_visit", "south_2019", "north_2019"]),
        ("?date_from=2019-07-15", ["north_2019", "north_2021", "south_2019", "south_visit"]),
        ("?date_from=2019-07-16", ["north_2021", "south_2019", "south_visit"]),
        ("?date_to=2019-07-15", ["north_2019"]),
        ("?date_from=2019-01-01&date_to=2019-12-31", ["north_2019", "south_2019"]),
        ("?judgement=requires_improvement", ["north_2019", "south_2019"]),
        (
            "?judgement=good&judgement=requires_improvement",
            ["north_2019", "south_2019", "north_2021"],
        ),
        ("?judgement=outstanding", []),
        ("?theme=front-door-test", ["north_2019"]),
        ("?theme=fostering-test", ["north_2019", "south_2019"]),
        ("?theme=front-door-test&theme=fostering-test", ["north_2019", "south_2019"]),
        ("?authority=southshire", ["south_2019", "south_visit"]),
        ("?region=NE", ["north_2019", "north_2021"]),
        ("?kind=focused_visit", ["south_visit"]),
        (
            "?kind=focused_visit&kind=ilacs_standard",
            ["north_2019", "north_2021", "south_2019", "south_visit"],
        ),
        ("?area=help_and_protection", ["north_2019", "south_2019"]),
        ("?area_grade=inadequate", ["north_2019", "south_2019"]),
        # Area and grade must match the same judgement.
        ("?area=help_and_protection&area_grade=inadequate", ["north_2019"]),
        ("?area=impact_of_leaders&area_grade=inadequate", ["south_2019"]),
        ("?area=in_care&area_grade=good", []),
        ("?q=care+leavers", ["north_2021"]),
        ("?q=duty", ["north_2019"]),
        ("?q=southshire", ["south_2019", "south_visit"]),
        ("?q=summary+of+north", ["north_2019", "north_2021"]),
        (
            "?judgement=requires_improvement&date_from=2019-01-01&date_to=2019-12-31"
            "&theme=front-door-test",
            ["north_2019"],
        ),
        (
            "?judgement=requires_improvement&authority=southshire&theme=fostering-test",
            ["south_2019"],
        ),
        ("?judgement=good&theme=front-door-test", []),
    ],
)
def test_each_filter_and_combination(client, records, query, expected):
    response, found = listed(client, query)
    assert found == slugs(records, *expected)
    assert response.context["paginator"].count == len(expected)
    assert records["draft"].slug not in found


def test_newest_first_by_default_and_sortable(client, records):
    response, _ = listed(client)
    order = [i.slug for i in response.context["object_list"]]
    assert order == [
        records[n].slug for n in ["north_2021", "south_visit", "south_2019", "north_2019"]
    ]

    response, _ = listed(client, "?sort=oldest")
    assert [i.slug for i in response.context["object_list"]] == order[::-1]

    response, _ = listed(client, "?sort=authority")
    assert [i.slug for i in response.context["object_list"]] == [
        records[n].slug for n in ["north_2021", "north_2019", "south_visit", "south_2019"]
    ]


def test_the_form_keeps_the_chosen_values(client, records):
    response = client.get(
        reverse("inspection_list"),
        {
            "judgement": "requires_improvement",
            "theme": "front-door-test",
            "date_from": "2019-01-01",
        },
    )
    html = response.content.decode()
    assert 'value="requires_improvement" checked' in html
    assert 'value="front-door-test" checked' in html
    assert 'name="date_from" value="2019-01-01"' in html
    assert "1 inspection matches these filters" in html


def test_facet_counts_leave_out_their_own_filter(client, records):
    response = client.get(
        reverse("inspection_list"), {"judgement": "requires_improvement", "region": "NE"}
    )
    facets = response.context["filter"].facet_options
    judgement = {o.value: o.count for o in facets["judgement"]}
    # The judgement facet counts every grade within the region, as if the
    # judgement filter were not set, so another grade can be added.
    assert judgement["requires_improvement"] == 1
    assert judgement["good"] == 1
    assert judgement["outstanding"] == 0
    # The other facets count within both filters.
    theme = {o.value: o.count for o in facets["theme"]}
    assert theme["front-door-test"] == 1  # one inspection, though two findings
    assert theme["fostering-test"] == 1
    kind = {o.value: o.count for o in facets["kind"]}
    assert kind == {k: (1 if k == "ilacs_standard" else 0) for k in InspectionKind.values}
    assert [o.value for o in facets["judgement"] if o.checked] == ["requires_improvement"]


def test_facet_counts_show_beside_the_options(client, records):
    html = client.get(reverse("inspection_list")).content.decode()
    assert (
        'Requires improvement to be good <span class="facet-count">'
        '(2<span class="visually-hidden"> inspections</span>)</span>'
    ) in html


def test_pagination_keeps_the_filters(client, records):
    authority = LocalAuthorityFactory(slug="manyshire")
    InspectionFactory.create_batch(25, authority=authority, overall_grade=Grade.INADEQUATE)
    response = client.get(reverse("inspection_list"), {"judgement": "inadequate"})
    assert response.context["paginator"].count == 25
    html = response.content.decode()
    assert 'href="?judgement=inadequate&amp;page=2"' in html
    response = client.get(reverse("inspection_list"), {"judgement": "inadequate", "page": 2})
    assert len(response.context["object_list"]) == 5
    assert 'href="?judgement=inadequate&amp;page=1"' in response.content.decode()
