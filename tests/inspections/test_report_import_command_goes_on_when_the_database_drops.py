"""``manage.py import_report a.pdf b.pdf c.pdf``: when the database fails
while one file is written (the connection dropped, the server restarted),
that file is reported as failed, the broken connection is closed, the rest
of the batch is imported and the command exits 1 naming the failure.

Transactional, because closing the connection inside a test's transaction
would end that transaction; on SQLite's in-memory test database closing is
a no-op, so the tests also check that the command asked for it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import InterfaceError, OperationalError, connections

from inspections.management.commands import import_report as command
from inspections.models import Inspection
from tests import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FILES = [
    str(FIXTURES / "reports" / name)
    for name in ("bexley-2018-08-20.pdf", "essex-2023-08-11.pdf", "harrow-2025-03-04.pdf")
]


@pytest.fixture
def closes(monkeypatch):
    """Count the times the command closes a database connection."""
    closed = []
    wrapper = type(connections["default"])
    close = wrapper.close

    def counting_close(self):
        closed.append(self.alias)
        return close(self)

    monkeypatch.setattr(wrapper, "close", counting_close)
    return closed


def fail_the_second_import(monkeypatch, error):
    real = command.import_report
    calls = []

    def import_report(data, filename):
        calls.append(filename)
        if len(calls) == 2:
            raise error
        return real(data, filename)

    monkeypatch.setattr(command, "import_report", import_report)
    return calls


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly\n\tThis probably means ..."),
        InterfaceError("connection already closed"),
    ],
    ids=["OperationalError", "InterfaceError"],
)
def test_a_file_the_database_failed_on_is_reported_and_the_rest_imported(
    monkeypatch, closes, error
):
    calls = fail_the_second_import(monkeypatch, error)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_report", *FILES, stdout=out, stderr=err)
    assert str(failed.value) == (
        "2 of 3 report(s) imported as drafts. 1 failed (essex-2023-08-11.pdf); see above."
    )
    first_line = str(error).splitlines()[0]
    assert (
        f"[2/3] essex-2023-08-11.pdf: not imported: the database failed while it was being "
        f"written ({first_line}); nothing of it was kept. Going on with a new connection."
    ) in err.getvalue()
    assert calls == ["bexley-2018-08-20.pdf", "essex-2023-08-11.pdf", "harrow-2025-03-04.pdf"]
    assert "[3/3] harrow-2025-03-04.pdf: Created draft: Harrow" in out.getvalue()
    assert sorted(Inspection.objects.values_list("authority__name", flat=True)) == [
        "Bexley",
        "Harrow",
    ]
    assert "default" in closes


def test_a_batch_the_database_never_fails_imports_every_file_and_closes_nothing(closes):
    out = StringIO()
    call_command("import_report", *FILES, stdout=out, stderr=StringIO())
    assert "3 of 3 report(s) imported as drafts." in out.getvalue()
    assert Inspection.objects.count() == 3
    assert closes == []


def test_the_command_exits_1_when_a_file_failed(monkeypatch):
    fail_the_second_import(monkeypatch, OperationalError("the database system is shutting down"))
    with pytest.raises(SystemExit) as exited:
        command.Command().run_from_argv(["manage.py", "import_report", *FILES])
    assert exited.value.code == 1
    assert Inspection.objects.count() == 2
