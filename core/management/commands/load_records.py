"""Load the real records the project ships (data/records/*.json).

Idempotent: each record is matched on its natural key and brought up to date,
so running it twice leaves the same rows. Everything loads in one transaction.
"""

import json
from collections import Counter
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from inspections.models import Finding, Inspection, Judgement, LocalAuthority, Theme
from people.models import Official, Post
from quotes.models import Source, Statement

RECORDS_DIR = Path(settings.BASE_DIR) / "data" / "records"


def as_date(value):
    return date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Load the real records in data/records/ (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help="JSON files to load (default: every file in data/records/)."
        )

    def handle(self, *args, files, **options):
        paths = [Path(f) for f in files] or sorted(RECORDS_DIR.glob("*.json"))
        if not paths:
            raise CommandError(f"No record files found in {RECORDS_DIR}.")
        self.counts = Counter()
        for path in paths:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
            with transaction.atomic():
                self.load(data)
        summary = ", ".join(f"{key} {n}" for key, n in sorted(self.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(paths)} file(s): {summary}."))

    def count(self, model, created):
        self.counts[
            f"{model._meta.verbose_name_plural} {'created' if created else 'unchanged or updated'}"
        ] += 1

    def load(self, data):
        themes = {t.slug: t for t in Theme.objects.all()}

        def themes_for(slugs):
            missing = set(slugs) - themes.keys()
            if missing:
                raise CommandError(f"Unknown theme(s): {', '.join(sorted(missing))}.")
            return [themes[s] for s in slugs]

        for row in data.get("authorities", []):
            row = dict(row)
            _, created = LocalAuthority.objects.update_or_create(slug=row.pop("slug"), defaults=row)
            self.count(LocalAuthority, created)

        for row in data.get("inspections", []):
            row = dict(row)
            slug = row.pop("slug")
            judgements = row.pop("judgements")
            findings = row.pop("findings")
            row["authority"] = LocalAuthority.objects.get(slug=row["authority"])
            for field in ("start_date", "end_date", "published_on"):
                row[field] = as_date(row[field])
            inspection, created = Inspection.objects.update_or_create(slug=slug, defaults=row)
            self.count(Inspection, created)
            for area, grade in judgements.items():
                _, created = Judgement.objects.update_or_create(
                    inspection=inspection, area=area, defaults={"grade": grade}
                )
                self.count(Judgement, created)
            for f in findings:
                f = dict(f)
                finding_themes = themes_for(f.pop("themes"))
                if f["paragraph_number"] is not None:
                    key = {"paragraph_number": f.pop("paragraph_number")}
                else:
                    key = {"section": f.pop("section"), "order": f.pop("order")}
                finding, created = Finding.objects.update_or_create(
                    inspection=inspection, **key, defaults=f
                )
                finding.themes.set(finding_themes)
                self.count(Finding, created)

        for row in data.get("officials", []):
            row = dict(row)
            slug = row.pop("slug")
            posts = row.pop("posts")
            official, created = Official.objects.update_or_create(slug=slug, defaults=row)
            self.count(Official, created)
            for post in posts:
                post = dict(post)
                post["authority"] = LocalAuthority.objects.get(slug=post["authority"])
                post["start_date"] = as_date(post["start_date"])
                post["end_date"] = as_date(post["end_date"])
                _, created = Post.objects.update_or_create(
                    official=official,
                    authority=post.pop("authority"),
                    title=post.pop("title"),
                    defaults=post,
                )
                self.count(Post, created)

        sources = {}
        for row in data.get("sources", []):
            row = dict(row)
            key = row.pop("key")
            row["published_on"] = as_date(row["published_on"])
            sources[key], created = Source.objects.update_or_create(
                title=row.pop("title"), publisher=row.pop("publisher"), defaults=row
            )
            self.count(Source, created)

        for row in data.get("statements", []):
            row = dict(row)
            statement_themes = themes_for(row.pop("themes"))
            row["said_on"] = as_date(row["said_on"])
            slug = row.pop("inspection")
            row["inspection"] = Inspection.objects.get(slug=slug) if slug else None
            statement, created = Statement.objects.update_or_create(
                official=Official.objects.get(slug=row.pop("official")),
                source=sources[row.pop("source")],
                text=row.pop("text"),
                defaults=row,
            )
            statement.themes.set(statement_themes)
            self.count(Statement, created)
