"""Drafts never appear on a public page: not in lists, not on detail pages,
not in counts or facet counts, not in the feed, not in the sitemap."""

import datetime

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.choices import Area, Grade, Section
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    JudgementFactory,
    LocalAuthorityFactory,
    OfficialFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Unpublished-words"


@pytest.fixture
def world():
    authority = LocalAuthorityFactory(name="Draftshire", slug="draftshire")
    theme = ThemeFactory(name="Draft test theme", slug="draft-test-theme")
    published = InspectionFactory(
        authority=authority,
        overall_grade=Grade.GOOD,
        published_on=datetime.date(2020, 6, 1),
        summary="A published summary.",
    )
    draft = InspectionFactory(
        authority=authority,
        overall_grade=Grade.INADEQUATE,
        published_on=datetime.date(2021, 6, 1),
        summary=f"{SECRET} in a draft summary.",
        lead_inspector=f"{SECRET} inspector",
        status=Status.DRAFT,
    )
    JudgementFactory(inspection=draft, area=Area.HELP_AND_PROTECTION, grade=Grade.INADEQUATE)
    FindingFactory(inspection=published, themes=[theme], text="A published finding.")
    FindingFactory(
        inspection=draft,
        themes=[theme],
        section=Section.HELP_AND_PROTECTION,
        text=f"{SECRET} in a draft finding.",
    )
    speaker = OfficialFactory(name="Pat Public", slug="pat-public")
    hidden_speaker = OfficialFactory(
        name=f"{SECRET} Person", slug="hidden-person", status=Status.DRAFT
    )
    PostFactory(official=speaker, authority=authority)
    PostFactory(official=hidden_speaker, authority=authority)
    StatementFactory(
        official=speaker, inspection=published, themes=[theme], text="Published words."
    )
    # Three ways a statement stays private: its own status, its speaker's,
    # or the draft inspection it responds to.
    StatementFactory(
        official=speaker,
        inspection=published,
        themes=[theme],
        text=f"{SECRET} draft statement.",
        status=Status.DRAFT,
    )
    StatementFactory(
        official=hidden_speaker, inspection=published, themes=[theme], text=f"{SECRET} speaker."
    )
    StatementFactory(
        official=speaker, inspection=draft, themes=[theme], text=f"{SECRET} about a draft."
    )
    return {"published": published, "draft": draft, "theme": theme, "authority": authority}


def public_pages(world):
    return [
        reverse("home"),
        reverse("inspection_list"),
        reverse("inspection_list") + "?judgement=inadequate",
        reverse("inspection_detail", args=[world["published"].slug]),
        reverse("finding_list"),
        reverse("theme_list"),
        reverse("theme_detail", args=[world["theme"].slug]),
        reverse("authority_list"),
        reverse("authority_detail", args=[world["authority"].slug]),
        reverse("inspection_feed"),
        reverse("sitemap"),
    ]


def test_no_public_page_shows_a_draft(client, world):
    draft_url = world["draft"].get_absolute_url()
    for url in public_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SECRET not in html, f"{url} shows a draft"
        assert draft_url not in html, f"{url} links to a draft"


def test_searching_for_a_drafts_words_finds_nothing(client, world):
    for name in ("inspection_list", "finding_list"):
        response = client.get(reverse(name), {"q": SECRET})
        assert response.context["paginator"].count == 0
        assert list(response.context["object_list"]) == []
    response = client.get(reverse("inspection_feed"), {"q": SECRET})
    assert b"<entry>" not in response.content


def test_a_draft_report_page_is_not_found(client, world):
    assert client.get(world["draft"].get_absolute_url()).status_code == 404


def test_counts_leave_drafts_out(client, world):
    response = client.get(reverse("inspection_list"))
    assert response.context["paginator"].count == 1
    facets = response.context["filter"].facet_options
    assert {o.value: o.count for o in facets["judgement"]}["inadequate"] == 0
    assert {o.value: o.count for o in facets["theme"]}["draft-test-theme"] == 1
    assert {o.value: o.count for o in facets["kind"]}["ilacs_standard"] == 1

    response = client.get(reverse("finding_list"))
    assert response.context["paginator"].count == 1
    facets = response.context["filter"].facet_options
    assert {o.value: o.count for o in facets["theme"]}["draft-test-theme"] == 1
    assert {o.value: o.count for o in facets["area_grade"]}["inadequate"] == 0

    themes = {t.slug: t for t in client.get(reverse("theme_list")).context["themes"]}
    assert themes["draft-test-theme"].finding_count == 1
    assert themes["draft-test-theme"].statement_count == 1

    response = client.get(reverse("theme_detail", args=["draft-test-theme"]))
    assert response.context["finding_count"] == 1
    assert response.context["statement_count"] == 1
    assert response.context["years"] == [(2020, 1, 1)]

    authorities = {a.slug: a for a in client.get(reverse("authority_list")).context["authorities"]}
    assert authorities["draftshire"].inspection_count == 1
    assert authorities["draftshire"].latest_grade == Grade.GOOD

    response = client.get(reverse("authority_detail", args=["draftshire"]))
    assert [i.pk for i in response.context["inspections"]] == [world["published"].pk]
    assert [p.official.slug for p in response.context["posts"]] == ["pat-public"]
    assert [s.text for s in response.context["statements"]] == ["Published words."]


def test_the_report_page_shows_only_published_statements(client, world):
    response = client.get(world["published"].get_absolute_url())
    assert [s.text for s in response.context["statements"]] == ["Published words."]
    compared = response.context["compared"]
    assert [s.text for row in compared for s in row["statements"]] == ["Published words."]
    # With only one inspection published, there is no previous or next.
    assert response.context["previous_inspection"] is None
    assert response.context["next_inspection"] is None
