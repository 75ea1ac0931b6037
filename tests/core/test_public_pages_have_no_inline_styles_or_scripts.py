"""The public pages work under a Content Security Policy with no
'unsafe-inline': no style attributes, no <style> blocks, no inline scripts
or event handlers (the chart is coloured by classes in site.css)."""

import re

import pytest

from inspections.choices import Area, Section
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    JudgementFactory,
    LocalAuthorityFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/inspections/",
    "/inspections/?date_from=banana",
    "/inspections/cspshire-report/",
    "/findings/",
    "/themes/",
    "/themes/csp-theme/",
    "/authorities/",
    "/authorities/cspshire/",
]


@pytest.fixture
def records():
    authority = LocalAuthorityFactory(name="Cspshire", slug="cspshire")
    theme = ThemeFactory(name="CSP theme", slug="csp-theme")
    inspection = InspectionFactory(authority=authority, slug="cspshire-report")
    InspectionFactory(authority=authority, overall_grade="", kind="focused_visit")
    JudgementFactory(inspection=inspection, area=Area.HELP_AND_PROTECTION)
    FindingFactory(inspection=inspection, section=Section.HELP_AND_PROTECTION, themes=[theme])
    post = PostFactory(authority=authority)
    StatementFactory(official=post.official, inspection=inspection, themes=[theme])


@pytest.mark.parametrize("url", PAGES)
def test_no_inline_style_or_script(client, records, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"\sstyle=", html)
    assert "<style" not in html
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script
    assert not re.search(r"\son[a-z]+=", html)  # no onclick= and the like
