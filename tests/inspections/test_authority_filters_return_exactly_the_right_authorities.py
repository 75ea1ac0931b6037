"""The national table's filters pick exactly the authorities they should:
by region, type, the overall grade of the latest outcome (repeatable) and
the latest outcome's grade in a judgement area, both in the same judgement.
"Latest" is the newest published ILACS or SIF inspection with an overall
grade: a newer visit, a draft or an older inspection never counts. A bad
value is a message on the page, never a server error."""

import datetime

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.choices import Area, Grade, InspectionKind
from inspections.models import AuthorityType
from tests.factories import InspectionFactory, JudgementFactory, LocalAuthorityFactory

pytestmark = pytest.mark.django_db


def inspect(authority, published, grade, kind=InspectionKind.ILACS_STANDARD, **areas):
    inspection = InspectionFactory(
        authority=authority,
        kind=kind,
        overall_grade=grade,
        start_date=published - datetime.timedelta(days=60),
        end_date=published - datetime.timedelta(days=50),
        published_on=published,
    )
    for area, area_grade in areas.items():
        JudgementFactory(inspection=inspection, area=area, grade=area_grade)
    return inspection


@pytest.fixture
def authorities():
    def make(name, region, kind):
        return LocalAuthorityFactory(
            name=name, slug=name.lower(), region=region, authority_type=kind
        )

    north = make("Northby", "NE", AuthorityType.METROPOLITAN_DISTRICT)
    south = make("Southam", "SE", AuthorityType.COUNTY)
    west = make("Westford", "SW", AuthorityType.UNITARY)
    london = make("Londwick", "GL", AuthorityType.LONDON_BOROUGH)
    make("Emptyshire", "SE", AuthorityType.COUNTY)  # no inspection at all

    # Northby: inadequate long ago, good now; a later focused visit and a
    # later draft do not change its latest outcome.
    inspect(north, datetime.date(2016, 5, 1), Grade.INADEQUATE, InspectionKind.SIF)
    inspect(
        north,
        datetime.date(2022, 3, 1),
        Grade.GOOD,
        **{Area.HELP_AND_PROTECTION: Grade.GOOD, Area.IMPACT_OF_LEADERS: Grade.OUTSTANDING},
    )
    inspect(north, datetime.date(2024, 1, 1), "", InspectionKind.FOCUSED_VISIT)
    draft = inspect(north, datetime.date(2025, 1, 1), Grade.INADEQUATE)
    draft.status = Status.DRAFT
    draft.save()
    # Southam: requires improvement, help and protection inadequate.
    inspect(
        south,
        datetime.date(2023, 6, 1),
        Grade.REQUIRES_IMPROVEMENT,
        **{Area.HELP_AND_PROTECTION: Grade.INADEQUATE, Area.IMPACT_OF_LEADERS: Grade.GOOD},
    )
    # Westford: was inadequate in help and protection, now outstanding.
    inspect(
        west,
        datetime.date(2019, 6, 1),
        Grade.INADEQUATE,
        **{Area.HELP_AND_PROTECTION: Grade.INADEQUATE},
    )
    inspect(
        west,
        datetime.date(2023, 9, 1),
        Grade.OUTSTANDING,
        **{Area.HELP_AND_PROTECTION: Grade.OUTSTANDING},
    )
    # Londwick: a grade the source did not say.
    inspect(london, datetime.date(2021, 2, 1), Grade.UNKNOWN)


def listed(client, query=""):
    response = client.get(reverse("authority_list") + query)
    assert response.status_code == 200
    return response, sorted(a.slug for a in response.context["authorities"])


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["emptyshire", "londwick", "northby", "southam", "westford"]),
        ("?region=SE", ["emptyshire", "southam"]),
        ("?type=county", ["emptyshire", "southam"]),
        ("?type=unitary&region=SW", ["westford"]),
        ("?type=unitary&region=SE", []),
        ("?grade=good", ["northby"]),
        ("?grade=inadequate", []),
        ("?grade=good&grade=outstanding", ["northby", "westford"]),
        ("?grade=unknown", ["londwick"]),
        ("?area=help_and_protection", ["northby", "southam", "westford"]),
        ("?area=help_and_protection&area_grade=inadequate", ["southam"]),
        ("?area=impact_of_leaders&area_grade=good", ["southam"]),
        ("?area=impact_of_leaders&area_grade=outstanding", ["northby"]),
        ("?area_grade=outstanding", ["northby", "westford"]),
        ("?area=in_care&area_grade=good", []),
        ("?q=north", ["northby"]),
        ("?q=AM", ["southam"]),
        ("?region=SE&grade=requires_improvement&area=help_and_protection", ["southam"]),
    ],
)
def test_each_filter_returns_exactly_the_right_authorities(client, authorities, query, expected):
    response, slugs = listed(client, query)
    assert slugs == expected
    assert response.context["paginator"].count == len(expected)
    if expected:
        assert response.context["distribution"].bars[0].total == len(expected)
    else:
        assert "No local authority matches all of these filters" in response.content.decode()


def test_latest_outcome_ignores_visits_drafts_and_older_inspections(client, authorities):
    response, _ = listed(client)
    by_slug = {a.slug: a for a in response.context["authorities"]}
    assert by_slug["northby"].latest_grade == Grade.GOOD
    assert by_slug["northby"].latest_published_on == datetime.date(2022, 3, 1)
    assert by_slug["westford"].latest_grade == Grade.OUTSTANDING
    assert by_slug["emptyshire"].latest_grade is None
    html = response.content.decode()
    assert "No graded inspection recorded" in html


@pytest.mark.parametrize(
    "query, message",
    [
        ("?region=XX", "“XX” is not a region this site knows"),
        ("?type=parish", "“parish” is not a type of authority this site knows"),
        ("?grade=brilliant", "“brilliant” is not a grade this site knows"),
        ("?area=nowhere&area_grade=good", "“nowhere” is not a judgement area this site knows"),
        ("?area_grade=%00", "is not a grade this site knows"),
    ],
)
def test_a_bad_value_is_a_clear_message_not_an_error(client, authorities, query, message):
    response = client.get(reverse("authority_list") + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem with the filters" in html
    assert message in html
    assert "No local authorities shown" in html
    assert list(response.context["authorities"]) == []
    assert response.context["distribution"] is None


def test_paging_keeps_the_filters_and_forgives_bad_page_numbers(client, authorities):
    response, slugs = listed(client, "?region=SE&page=banana")
    assert slugs == ["emptyshire", "southam"]
    assert "“banana” is not a page number" in response.content.decode()
    response, slugs = listed(client, "?region=SE&page=7")
    assert slugs == ["emptyshire", "southam"]
    assert "There is no page 7" in response.content.decode()
