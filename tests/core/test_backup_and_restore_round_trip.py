"""`make backup` / `make restore` (dumpdata / loaddata of the content apps)
bring back every record and every relation."""

import gzip
from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from core.choices import Status
from inspections.models import (
    Finding,
    Inspection,
    InspectionTheme,
    Judgement,
    LocalAuthority,
    Theme,
)
from people.models import Official, Post
from quotes.models import Source, Statement
from tests.factories import FindingFactory, PostFactory, StatementFactory, ThemeFactory

pytestmark = pytest.mark.django_db

BACKUP_APPS = ["inspections", "people", "quotes", "reversion"]  # as in the Makefile
# As in the Makefile: remade from the links by the database's triggers as
# they are restored; and the background imports' uploaded files.
BACKUP_EXCLUDE = ["inspections.InspectionTheme", "inspections.ImportRun"]


def snapshot():
    """Every content row with the relations that matter, by natural values."""
    return {
        "authorities": sorted(LocalAuthority.objects.values_list("slug", "name", "la_code")),
        "themes": sorted(Theme.objects.values_list("slug", "keywords")),
        "inspections": sorted(
            Inspection.objects.values_list("slug", "authority__slug", "status", "overall_grade")
        ),
        "judgements": sorted(Judgement.objects.values_list("inspection__slug", "area", "grade")),
        "findings": sorted(
            (
                f.inspection.slug,
                f.paragraph_number or 0,
                f.text,
                tuple(t.slug for t in f.themes.all()),
            )
            for f in Finding.objects.all()
        ),
        "theme_counts": sorted(
            InspectionTheme.objects.values_list("inspection__slug", "theme__slug", "findings")
        ),
        "officials": sorted(Official.objects.values_list("slug", "status")),
        "posts": sorted(Post.objects.values_list("official__slug", "authority__slug", "title")),
        "sources": sorted(Source.objects.values_list("title", "kind")),
        "statements": sorted(
            (
                s.official.slug,
                s.text,
                s.said_on,
                s.source.title,
                s.inspection.slug if s.inspection else None,
                s.status,
                tuple(sorted(t.slug for t in s.themes.all())),
            )
            for s in Statement.objects.all()
        ),
    }


def empty_the_content_tables():
    # Children first: the database refuses to orphan anything.
    for model in (Statement, Source, Post, Official, Finding, Judgement, Inspection):
        model.objects.all().delete()
    LocalAuthority.objects.all().delete()
    Theme.objects.all().delete()
    Version.objects.all().delete()


def test_backup_then_restore_into_an_empty_database_keeps_everything(tmp_path):
    call_command("load_records", stdout=StringIO())
    theme = ThemeFactory()
    FindingFactory(themes=[theme])
    StatementFactory(status=Status.DRAFT, themes=[theme])
    PostFactory()
    before = snapshot()
    assert len(before["statements"]) == 10

    backup = tmp_path / "record.json.gz"
    call_command(
        "dumpdata", *BACKUP_APPS, exclude=BACKUP_EXCLUDE, output=str(backup), stdout=StringIO()
    )
    assert b"inspectiontheme" not in gzip.decompress(backup.read_bytes())
    assert before["theme_counts"]
    empty_the_content_tables()
    assert not InspectionTheme.objects.exists()
    assert Statement.objects.count() == 0 and Theme.objects.count() == 0

    call_command("loaddata", str(backup), stdout=StringIO())
    assert snapshot() == before


def test_restoring_a_broken_file_writes_nothing(tmp_path):
    call_command("load_records", stdout=StringIO())
    before = snapshot()
    broken = tmp_path / "broken.json"
    broken.write_text('[{"model": "inspections.theme", "pk": 1, "fields": {"name": ', "utf-8")
    with pytest.raises(Exception, match="(?i)json|deserializ|problem"):
        call_command("loaddata", str(broken), stdout=StringIO())
    assert snapshot() == before
