"""Every link the record shows is a live <a href>: forms and models take
http(s) web addresses only (imports check theirs with the same validator)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.validators import is_web_url
from tests.factories import InspectionFactory, PostFactory, SourceFactory

pytestmark = pytest.mark.django_db

NOT_WEB = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example.org/report.pdf",
    "file:///etc/passwd",
    "//example.org/no-scheme",
]


@pytest.mark.parametrize("link", NOT_WEB)
def test_a_link_that_is_not_a_web_address_is_refused_by_every_model(link):
    for record, field in (
        (SourceFactory(), "url"),
        (InspectionFactory(), "report_url"),
        (PostFactory(), "source_url"),
    ):
        setattr(record, field, link)
        with pytest.raises(ValidationError) as refused:
            record.full_clean()
        assert field in refused.value.message_dict
    assert not is_web_url(link)


@pytest.mark.parametrize("link", ["https://reports.ofsted.gov.uk/x", "http://example.org/a?b=c"])
def test_web_addresses_are_accepted(link):
    source = SourceFactory(url=link)
    source.full_clean()
    assert is_web_url(link)


def test_the_admin_form_says_what_is_wrong(publisher_client):
    source = SourceFactory()
    response = publisher_client.post(
        reverse("admin:quotes_source_change", args=[source.pk]),
        {
            "kind": source.kind,
            "title": source.title,
            "publisher": source.publisher,
            "url": "ftp://files.example.org/x",
            "published_on": source.published_on.isoformat(),
            "published_precision": source.published_precision,
        },
    )
    assert response.status_code == 200
    assert "starting with http:// or https://" in response.text
    source.refresh_from_db()
    assert not source.url.startswith("ftp")
