"""One walk over every public address: lists, detail pages, feeds, the
sitemap, exports and the quote check. Nothing saved as a draft, and nothing
that hangs on a draft, appears anywhere; a draft's own address is a 404."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.choices import Status
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    OfficialFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)
from tests.public_addresses import EXPORTS, LISTS

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarquux"  # a word that appears only in draft material
# Searched for: it is in the draft material too, but a page may echo it back.
SEARCHED = "Quokkaflorp"


@pytest.fixture
def world():
    call_command("load_records", stdout=StringIO())
    theme = ThemeFactory(name="Walk theme", slug="walk-theme")
    published = InspectionFactory(summary="Published summary.")
    FindingFactory(inspection=published, text="A published finding.", themes=[theme])
    official = OfficialFactory(name="Published Person", slug="published-person")
    PostFactory(official=official, authority=published.authority)
    StatementFactory(official=official, inspection=published, themes=[theme])

    draft_inspection = InspectionFactory(
        authority=published.authority,
        status=Status.DRAFT,
        summary=f"{SECRET} {SEARCHED} draft summary.",
        lead_inspector=f"{SECRET} Inspector",
        slug="draft-inspection",
    )
    FindingFactory(
        inspection=draft_inspection, text=f"{SECRET} {SEARCHED} draft finding.", themes=[theme]
    )
    draft_official = OfficialFactory(
        name=f"{SECRET} Drafted", slug="draft-official", status=Status.DRAFT
    )
    PostFactory(official=draft_official, authority=published.authority)
    drafts = [
        StatementFactory(
            official=official, text=f"{SECRET} {SEARCHED} draft words.", status=Status.DRAFT
        ),
        # Published, but by a draft official, or about a draft inspection.
        StatementFactory(official=draft_official, text=f"{SECRET} by a draft official."),
        StatementFactory(
            official=official, inspection=draft_inspection, text=f"{SECRET} about a draft."
        ),
    ]
    return {
        "published": published,
        "official": official,
        "theme": theme,
        "draft_inspection": draft_inspection,
        "draft_official": draft_official,
        "draft_statements": drafts,
    }


def public_addresses(world):
    published = world["published"]
    addresses = list(LISTS) + list(EXPORTS)
    addresses += [
        published.get_absolute_url(),
        published.authority.get_absolute_url(),
        world["official"].get_absolute_url(),
        world["theme"].get_absolute_url(),
        f"/quotes/?official={world['official'].slug}",
        f"/quotes/?official={world['official'].slug}&format=csv",
        f"/quotes/?official={world['official'].slug}&format=json",
        f"/quotes/feed/?official={world['official'].slug}",
        f"/inspections/?theme={world['theme'].slug}",
        f"/inspections/feed/?theme={world['theme'].slug}",
        f"/findings/?theme={world['theme'].slug}",
        f"/findings/?q={SEARCHED}",
        f"/inspections/?q={SEARCHED}",
        f"/quotes/?q={SEARCHED}",
        f"/check/?text={SEARCHED}+draft+finding",
        f"/check/?format=json&text={SEARCHED}+draft+finding",
    ]
    addresses += [f"/quotes/{s.pk}/" for s in published.statements.all()]
    return addresses


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode("utf-8")


def test_no_public_address_shows_draft_material(client, world):
    walked = 0
    for address in public_addresses(world):
        response = client.get(address)
        assert response.status_code == 200, f"{address} answered {response.status_code}"
        assert SECRET not in body(response), f"draft material on {address}"
        walked += 1
    assert walked >= 30


def test_counts_and_facets_leave_drafts_out(client, world):
    data = json.loads(body(client.get(f"/quotes/?official={world['official'].slug}&format=json")))
    assert data["count"] == 1
    data = json.loads(body(client.get(f"/findings/?theme={world['theme'].slug}&format=json")))
    assert data["count"] == 1


def test_draft_addresses_are_not_found(client, world):
    assert client.get(world["draft_inspection"].get_absolute_url()).status_code == 404
    assert client.get(world["draft_official"].get_absolute_url()).status_code == 404
    for statement in world["draft_statements"]:
        assert client.get(reverse("statement_detail", args=[statement.pk])).status_code == 404


def test_the_sitemap_lists_published_records_only(client, world):
    sitemap = body(client.get("/sitemap.xml"))
    assert world["published"].get_absolute_url() in sitemap
    assert "draft-inspection" not in sitemap
    assert "draft-official" not in sitemap
