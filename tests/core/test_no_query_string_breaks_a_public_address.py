"""Generated query strings (unknown keys, wrong types, huge numbers, unicode,
SQL and HTML fragments, repeated keys) never make a public list, feed or
export answer with a server error."""

from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from tests.public_addresses import EXPORTS, KEYS, LISTS

pytestmark = pytest.mark.django_db

NASTY = [
    "' OR 1=1 --",
    '"; DROP TABLE inspections_inspection; --',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\u202egnp.exe",
    "%00",
    "\x00",
    "../../etc/passwd",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2019-02-30",
    "2019-13-01",
    "0000-00-00",
    "banana",
    "requires_improvement",
    "front-door",
    "wokingham",
    "csv",
    "json",
    "xml",
    "",
    " ",
    "a" * 3000,
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda d: d.isoformat()),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=20))
query_strings = st.lists(st.tuples(keys, values), max_size=8).map(urlencode)


@pytest.fixture
def records():
    call_command("load_records", stdout=StringIO())


@pytest.mark.parametrize("address", LISTS + EXPORTS)
@given(query=query_strings)
def test_no_generated_query_string_causes_a_server_error(client, records, address, query):
    joiner = "&" if "?" in address else "?"
    response = client.get(f"{address}{joiner}{query}" if query else address)
    assert response.status_code < 500, f"{address}{joiner}{query} answered {response.status_code}"
    if response.streaming:
        b"".join(response.streaming_content)
