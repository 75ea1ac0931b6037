"""A filter value that is not valid shows a clear message on the page, linked
to the field to fix, and no results; never a server error. A page number
that does not exist shows the nearest real page and says so. An empty result
says so and offers to clear the filters."""

import pytest
from django.urls import reverse

from tests.factories import InspectionFactory, LocalAuthorityFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def records():
    ThemeFactory(name="Known theme", slug="known-theme")
    InspectionFactory(authority=LocalAuthorityFactory(slug="knownshire"))


INSPECTION_ERRORS = [
    ({"date_from": "banana"}, "date_from", "The ‘from’ date must be a real date"),
    ({"date_to": "2019-02-30"}, "date_to", "The ‘to’ date must be a real date"),
    # 15/07/2019 was refused here while /quotes/ read 2019: every list now
    # reads the same forms (core.dates), and refuses the same ones.
    ({"date_from": "31/02/2019"}, "date_from", "“31/02/2019” is not a real date."),
    ({"date_from": "July"}, "date_from", "Enter a date as year-month-day"),
    ({"date_from": "99999-01-01"}, "date_from", "must be a real date"),
    (
        {"date_from": "2020-01-01", "date_to": "2019-01-01"},
        "date_to",
        "The ‘to’ date must be the same as or after the ‘from’ date.",
    ),
    ({"theme": "no-such-theme"}, "theme_0", "There is no theme called “no-such-theme”"),
    ({"theme": ["known-theme", "nope"]}, "theme_0", "There is no theme called “nope”"),
    ({"authority": "atlantis"}, "authority", "There is no local authority called that"),
    ({"judgement": "awful"}, "judgement_0", "“awful” is not a judgement this site knows"),
    ({"kind": "inquisition"}, "kind_0", "is not a kind of inspection this site knows"),
    ({"area": "vibes"}, "area", "is not a judgement area this site knows"),
    ({"area_grade": "superb"}, "area_grade", "“superb” is not a grade this site knows"),
    ({"region": "XX"}, "region", "“XX” is not a region this site knows"),
    ({"sort": "sideways"}, "sort", "is not a way of sorting this site knows"),
]


@pytest.mark.parametrize("params, field, message", INSPECTION_ERRORS)
def test_bad_inspection_filters(client, params, field, message):
    response = client.get(reverse("inspection_list"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem with the filters" in html
    assert message in html
    # The message in the summary links to the field to fix.
    assert f'<a href="#id_{field}">' in html
    # ... and sits beside that field too.
    assert f'id="id_{field.removesuffix("_0")}-error"' in html
    assert list(response.context["object_list"]) == []
    assert "No inspections shown" in html
    assert "<title>Error: Inspections" in html


FINDING_ERRORS = [
    ({"date_to": "yesterday"}, "date_to", "The ‘to’ date must be a real date"),
    ({"theme": "no-such-theme"}, "theme_0", "There is no theme called “no-such-theme”"),
    ({"area": "vibes"}, "area", "is not a report section this site knows"),
    ({"area_grade": "superb"}, "area_grade_0", "“superb” is not a grade this site knows"),
    ({"kind": "opinion"}, "kind_0", "is not a kind of finding this site knows"),
    ({"authority": "atlantis"}, "authority", "There is no local authority called that"),
]


@pytest.mark.parametrize("params, field, message", FINDING_ERRORS)
def test_bad_finding_filters(client, params, field, message):
    response = client.get(reverse("finding_list"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem with the filters" in html
    assert message in html
    assert f'<a href="#id_{field}">' in html
    assert list(response.context["object_list"]) == []
    assert "No findings shown" in html


@pytest.mark.parametrize(
    "page, message",
    [
        ("banana", "“banana” is not a page number, so this is page 1."),
        ("99999999999999999999", "There is no page 99999999999999999999; the last page is 1"),
        ("-1", "There is no page -1"),
        ("0", "There is no page 0"),
    ],
)
@pytest.mark.parametrize("name", ["inspection_list", "finding_list"])
def test_a_page_that_does_not_exist_shows_the_nearest_one(client, name, page, message):
    response = client.get(reverse(name), {"page": page})
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "q",
    ["%", "_", "'; drop table inspections_inspection; --", '"unbalanced', "a" * 200, "-", "or"],
)
@pytest.mark.parametrize("name", ["inspection_list", "finding_list"])
def test_any_search_text_is_safe(client, name, q):
    response = client.get(reverse(name), {"q": q})
    assert response.status_code == 200
    assert not response.context["filter"].errors


@pytest.mark.parametrize(
    "name", ["inspection_list", "finding_list", "authority_list", "statement_list", "official_list"]
)
def test_search_text_too_long_gets_the_same_clear_message_on_every_list(client, name):
    # The quotes desk said Django's "Ensure this value has at most 200
    # characters" and the other lists searched for 2,000 characters.
    response = client.get(reverse(name), {"q": "a" * 2000})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem with the filters" in html
    assert "Search text can be at most 200 characters long (this is 2000)." in html
    assert '<a href="#id_q">' in html
    assert list(response.context["object_list"]) == []


@pytest.mark.parametrize("q", ["\x1b", "care\x1b", "\x07\x7f\x9b"])
@pytest.mark.parametrize("name", ["inspection_list", "finding_list", "inspection_feed"])
def test_control_characters_in_search_text_are_dropped(client, name, q):
    response = client.get(reverse(name), {"q": q})
    assert response.status_code == 200
    assert not any(0x01 <= ord(c) < 0x20 and c not in "\t\n\r" for c in response.content.decode())
    if name != "inspection_feed":
        assert not response.context["filter"].errors
        assert response.context["filter"].words == q.strip("\x1b\x07\x7f\x9b")


@pytest.mark.parametrize("name", ["inspection_list", "finding_list"])
def test_an_empty_result_says_so_and_offers_to_clear_filters(client, name):
    response = client.get(reverse(name), {"q": "nothing matches this"})
    html = response.content.decode()
    assert response.context["paginator"].count == 0
    assert "matches all of these filters" in html
    assert f'<a href="{reverse(name)}">clear all filters</a>' in html


@pytest.mark.parametrize(
    "param", ["q", "theme", "authority", "judgement", "kind", "area", "date_from", "sort", "page"]
)
@pytest.mark.parametrize("name", ["inspection_list", "finding_list", "inspection_feed"])
def test_a_null_character_is_refused_not_a_server_error(client, name, param):
    # PostgreSQL cannot store or compare text with a NUL in it.
    response = client.get(reverse(name), {param: "a\x00b"})
    assert response.status_code in (200, 400)


def test_the_feed_refuses_bad_filters_plainly(client):
    response = client.get(reverse("inspection_feed"), {"date_from": "banana", "theme": "nope"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "must be a real date" in text
    assert "There is no theme called “nope”" in text


def test_unknown_addresses_are_not_found(client):
    for url in [
        reverse("inspection_detail", args=["no-such-inspection"]),
        reverse("theme_detail", args=["no-such-theme"]),
        reverse("authority_detail", args=["no-such-authority"]),
    ]:
        assert client.get(url).status_code == 404
