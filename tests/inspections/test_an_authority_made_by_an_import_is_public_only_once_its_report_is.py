"""An authority the import of a draft report had to make (or one staff typed
in) is not public until something published refers to it: no page, not in
the national table or the sitemap. Every authority on the DfE's list (with
an LA code, from the reference import) is public, report or not."""

import pytest
from django.urls import reverse

from core.choices import Status
from inspections.importing.report import import_report
from inspections.models import Inspection, LocalAuthority
from tests import FIXTURES
from tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db

REPORT = FIXTURES / "reports" / "bexley-2018-08-20.pdf"


@pytest.fixture
def imported():
    """The Bexley report imported into a record that holds no authorities."""
    import_report(REPORT.read_bytes(), REPORT.name)
    return Inspection.objects.get()


def is_listed(client, authority):
    page = client.get(reverse("authority_list")).text
    return authority.get_absolute_url() in page


def in_sitemap(client, authority):
    return authority.get_absolute_url() in client.get(reverse("sitemap")).text


def test_the_authority_of_a_draft_import_is_not_public(client, imported):
    authority = imported.authority
    assert imported.status == Status.DRAFT and authority.la_code == ""
    assert client.get(authority.get_absolute_url()).status_code == 404
    assert not is_listed(client, authority)
    assert not in_sitemap(client, authority)
    assert not LocalAuthority.objects.public().filter(pk=authority.pk).exists()


def test_it_becomes_public_with_its_published_report(client, imported):
    imported.status = Status.PUBLISHED
    imported.published_on = imported.published_on or imported.end_date
    imported.save()
    authority = imported.authority
    assert client.get(authority.get_absolute_url()).status_code == 200
    assert is_listed(client, authority)
    assert in_sitemap(client, authority)


def test_an_authority_on_the_dfes_list_is_public_without_any_report(client):
    listed = LocalAuthorityFactory(name="Listedshire", la_code="999")
    assert client.get(listed.get_absolute_url()).status_code == 200
    assert is_listed(client, listed)
    assert in_sitemap(client, listed)
