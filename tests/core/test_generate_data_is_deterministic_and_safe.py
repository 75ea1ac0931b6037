"""`generate_data` makes the volumes its scale promises, the same data for
the same seed, and refuses to mix synthetic records into a real record."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from inspections.models import Finding, Inspection, Judgement
from people.models import Official, Post
from quotes.models import Statement

pytestmark = pytest.mark.django_db


def generate(seed=1, **options):
    call_command("generate_data", scale="small", seed=seed, stdout=StringIO(), **options)


def content():
    return {
        "inspections": list(
            Inspection.objects.order_by("slug").values_list(
                "slug", "kind", "start_date", "overall_grade", "summary"
            )
        ),
        "judgements": sorted(Judgement.objects.values_list("inspection__slug", "area", "grade")),
        "findings": list(
            Finding.objects.order_by("inspection__slug", "paragraph_number").values_list(
                "inspection__slug", "paragraph_number", "section", "text"
            )
        ),
        "finding_themes": sorted(
            Finding.themes.through.objects.values_list(
                "finding__inspection__slug", "finding__paragraph_number", "theme__slug"
            )
        ),
        "posts": sorted(Post.objects.values_list("official__slug", "role", "start_date")),
        "statements": sorted(
            Statement.objects.values_list("official__slug", "said_on", "text", "inspection__slug")
        ),
    }


def test_small_scale_makes_the_promised_counts():
    generate()
    assert Inspection.objects.count() == 36
    assert Finding.objects.count() == 36 * 20
    assert Official.objects.count() == 24
    assert Statement.objects.count() == 240
    assert Inspection.objects.published().count() == 36
    assert Statement.objects.published().count() == 240
    # Findings are real report sentences, so search behaves as on real text.
    assert Finding.objects.filter(text__contains="social work").exists()


def test_the_same_seed_gives_the_same_data():
    generate(seed=7)
    first = content()
    generate(seed=7, replace=True)
    assert content() == first


def test_another_seed_gives_other_data():
    generate(seed=7)
    first = content()
    generate(seed=8, replace=True)
    assert content()["findings"] != first["findings"]


def test_it_refuses_a_database_with_published_real_records():
    call_command("load_records", stdout=StringIO())
    with pytest.raises(CommandError, match="holds 2 published real inspection"):
        generate()
    assert not Inspection.objects.filter(source_file="generated").exists()


def test_it_runs_beside_real_records_only_when_told_to():
    call_command("load_records", stdout=StringIO())
    generate(force=True)
    assert Inspection.objects.filter(source_file="generated").count() == 36
    assert Inspection.objects.exclude(source_file="generated").count() == 2


def test_it_refuses_to_generate_twice_without_replace():
    generate()
    with pytest.raises(CommandError, match="--replace"):
        generate()
    assert Inspection.objects.count() == 36
