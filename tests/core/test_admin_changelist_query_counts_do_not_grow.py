"""An admin list costs the same number of queries for 50 rows as for 1."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.models import ImportKind, ImportRun
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


def import_run():
    user = User.objects.create(username=f"officer-{ImportRun.objects.count()}")
    return ImportRun.objects.create(
        kind=ImportKind.AUTHORITIES, file_name="big.csv", data=b"x", rows=1, requested_by=user
    )


MAKERS = {
    "inspections:localauthority": LocalAuthorityFactory,
    "inspections:theme": ThemeFactory,
    "inspections:inspection": InspectionFactory,
    "inspections:judgement": JudgementFactory,
    "inspections:finding": FindingFactory,
    "people:official": lambda: PostFactory().official,
    "people:post": PostFactory,
    "quotes:source": lambda: StatementFactory().source,
    "quotes:statement": lambda: StatementFactory(inspection=InspectionFactory()),
    "inspections:importrun": import_run,
}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("key", MAKERS)
def test_changelist_queries_are_the_same_for_1_and_50_rows(editor_client, key):
    app, model = key.split(":")
    url = reverse(f"admin:{app}_{model}_changelist")
    MAKERS[key]()
    with_one = queries_for(editor_client, url)
    for _ in range(49):
        MAKERS[key]()
    assert queries_for(editor_client, url) == with_one
