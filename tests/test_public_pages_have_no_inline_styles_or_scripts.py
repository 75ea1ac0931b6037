"""The public pages work under a Content Security Policy with no
'unsafe-inline': no style attributes, no <style> blocks, no inline scripts
(the chart is coloured by classes in site.css)."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/inspections/",
    "/inspections/?date_from=banana",
    "/inspections/wokingham-ilacs-standard-inspection-june-2019/",
    "/findings/",
    "/themes/",
    "/themes/front-door/",
    "/authorities/",
    "/authorities/wokingham/",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_inline_style_or_script(client, url):
    call_command("load_records", verbosity=0)
    html = client.get(url).content.decode()
    assert not re.search(r"\sstyle=", html)
    assert "<style" not in html
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script
    assert not re.search(r"\son[a-z]+=", html)  # no onclick= and the like
