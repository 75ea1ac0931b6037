"""Generate a synthetic national record for load tests and benchmarks.

Every generated row is marked (inspections carry source_file "generated",
officials are named "Test Official ...", sources "Generated source ...") and
findings and statements are built from real report sentences
(data/corpus/report-sentences.txt) so that text search behaves as it does
on real text. It refuses to touch a database that holds published real
records: benchmarks belong in a database of their own.
"""

import datetime
import io
import random
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core import pagecache
from core.choices import DatePrecision, Status
from inspections.choices import Area, FindingKind, Grade, InspectionKind, Section
from inspections.models import Finding, Inspection, Judgement, LocalAuthority, Theme
from people.models import Official, Post, Role
from quotes.models import Source, SourceKind, Statement

GENERATED = "generated"
CORPUS = Path(settings.BASE_DIR) / "data" / "corpus" / "report-sentences.txt"
AUTHORITIES_CSV = Path(settings.BASE_DIR) / "data" / "local-authorities.csv"
BATCH = 5000


@dataclass(frozen=True)
class Scale:
    authorities: int | None  # None: every authority
    inspections: int
    findings_per_inspection: int
    officials: int
    statements: int


SCALES = {
    "small": Scale(
        authorities=12, inspections=36, findings_per_inspection=20, officials=24, statements=240
    ),
    "national": Scale(
        authorities=None,
        inspections=3000,
        findings_per_inspection=100,
        officials=1000,
        statements=50000,
    ),
}

GRADES = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]
GRADE_WEIGHTS = [18, 45, 27, 10]
ROLES = [Role.DCS, Role.LEAD_MEMBER, Role.CHIEF_EXECUTIVE, Role.COUNCIL_LEADER, Role.OTHER]
ROLE_TITLES = {
    Role.DCS: "Director of children's services",
    Role.LEAD_MEMBER: "Executive member for children's services",
    Role.CHIEF_EXECUTIVE: "Chief executive",
    Role.COUNCIL_LEADER: "Leader of the council",
    Role.OTHER: "Assistant director, children's social care",
}
FIRST_DAY = datetime.date(2013, 1, 7)
LAST_DAY = datetime.date(2026, 10, 30)


def areas_for(kind, start):
    """The judgement areas Ofsted graded for this kind of inspection then."""
    if kind == InspectionKind.SIF:
        return [
            Area.SIF_HELP_AND_PROTECTION,
            Area.SIF_LOOKED_AFTER,
            Area.SIF_ADOPTION,
            Area.SIF_CARE_LEAVERS,
            Area.SIF_LEADERSHIP,
        ]
    if kind in (InspectionKind.FOCUSED_VISIT, InspectionKind.MONITORING_VISIT):
        return []
    if start.year >= 2023:
        return [
            Area.IMPACT_OF_LEADERS,
            Area.HELP_AND_PROTECTION,
            Area.CHILDREN_IN_CARE,
            Area.CARE_LEAVERS,
        ]
    return [
        Area.IMPACT_OF_LEADERS,
        Area.HELP_AND_PROTECTION,
        Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS,
    ]


class Command(BaseCommand):
    help = "Generate synthetic inspections, findings, officials and statements at scale."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds published real records.",
        )
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier generated data first."
        )

    def handle(self, *args, scale, seed, force, replace, **options):
        self.scale = SCALES[scale]
        self.random = random.Random(seed)
        real = Inspection.objects.published().exclude(source_file=GENERATED).count()
        if real and not force:
            raise CommandError(
                f"This database holds {real} published real inspection(s). generate_data "
                "adds synthetic records beside them; run it against a database of its own "
                "(DATABASE_URL), or pass --force if you really mean to."
            )
        if Inspection.objects.filter(source_file=GENERATED).exists():
            if not replace:
                raise CommandError(
                    "Generated data is already here; pass --replace to make it again."
                )
            self.delete_generated()
        sentences = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
        self.sentences = sentences
        with transaction.atomic():
            authorities = self.authorities()
            themes = list(Theme.objects.order_by("pk"))
            inspections = self.inspections(authorities)
            self.judgements(inspections)
            self.findings(inspections, themes)
            officials, posts = self.officials(authorities)
            self.statements(posts, inspections, themes)
            # Bulk inserts send no signals: say so for them.
            pagecache.record_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {len(inspections)} inspections, "
                f"{len(inspections) * self.scale.findings_per_inspection} findings, "
                f"{len(officials)} officials and {self.scale.statements} statements "
                f"(scale {scale}, seed {seed})."
            )
        )

    def step(self, message):
        self.stdout.write(f"  {message}")
        self.stdout.flush()

    def delete_generated(self):
        self.step("deleting earlier generated data")
        generated = Inspection.objects.filter(source_file=GENERATED)
        Statement.objects.filter(source__title__startswith="Generated source").delete()
        Source.objects.filter(title__startswith="Generated source").delete()
        Official.objects.filter(slug__startswith="test-official-g").delete()
        Finding.objects.filter(inspection__in=generated).delete()
        generated.delete()

    def authorities(self):
        if LocalAuthority.objects.exclude(la_code="").count() < 150:
            self.step("importing the reference list of authorities")
            call_command("import_authorities", str(AUTHORITIES_CSV), stdout=io.StringIO())
        everyone = list(LocalAuthority.objects.exclude(la_code="").order_by("la_code"))
        if self.scale.authorities:
            everyone = everyone[: self.scale.authorities]
        return everyone

    def text(self, low, high):
        return " ".join(self.random.sample(self.sentences, self.random.randint(low, high)))

    def day_between(self, first, last):
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    def inspections(self, authorities):
        self.step(f"inspections: {self.scale.inspections}")
        now = timezone.now()
        rows = []
        for n in range(self.scale.inspections):
            authority = authorities[n % len(authorities)]
            start = self.day_between(FIRST_DAY, LAST_DAY - datetime.timedelta(days=120))
            if start.year < 2018:
                kind = self.random.choice(
                    [InspectionKind.SIF] * 3 + [InspectionKind.MONITORING_VISIT]
                )
            else:
                kind = self.random.choices(
                    [
                        InspectionKind.ILACS_STANDARD,
                        InspectionKind.ILACS_SHORT,
                        InspectionKind.FOCUSED_VISIT,
                        InspectionKind.MONITORING_VISIT,
                    ],
                    weights=[30, 30, 25, 15],
                )[0]
            graded = bool(areas_for(kind, start))
            end = start + datetime.timedelta(days=self.random.choice([4, 11, 18]))
            rows.append(
                Inspection(
                    authority=authority,
                    kind=kind,
                    slug=f"generated-{n + 1:05d}-{authority.slug}",
                    start_date=start,
                    end_date=end,
                    published_on=end + datetime.timedelta(days=self.random.randint(30, 70)),
                    lead_inspector=f"Test Inspector {self.random.randint(1, 60):02d}",
                    overall_grade=(self.random.choices(GRADES, GRADE_WEIGHTS)[0] if graded else ""),
                    priority_actions=self.random.random() < 0.1,
                    summary=self.text(3, 6),
                    status=Status.PUBLISHED,
                    source_file=GENERATED,
                    source_row=n + 1,
                    imported_at=now,
                    created_at=now,
                    updated_at=now,
                )
            )
        Inspection.objects.bulk_create(rows, batch_size=BATCH)
        return list(
            Inspection.objects.filter(source_file=GENERATED)
            .select_related("authority")
            .order_by("source_row")
        )

    def judgements(self, inspections):
        rows = []
        for inspection in inspections:
            for area in areas_for(inspection.kind, inspection.start_date):
                rows.append(
                    Judgement(
                        inspection=inspection,
                        area=area,
                        grade=self.random.choices(GRADES, GRADE_WEIGHTS)[0],
                    )
                )
        self.step(f"judgements: {len(rows)}")
        Judgement.objects.bulk_create(rows, batch_size=BATCH)

    def findings(self, inspections, themes):
        per = self.scale.findings_per_inspection
        total = len(inspections) * per
        self.step(f"findings: {total}")
        through = Finding.themes.through
        done = 0
        for start in range(0, len(inspections), max(1, BATCH // per)):
            batch = inspections[start : start + max(1, BATCH // per)]
            rows = []
            for inspection in batch:
                areas = areas_for(inspection.kind, inspection.start_date) or [Section.MAIN_FINDINGS]
                for number in range(1, per + 1):
                    rows.append(
                        Finding(
                            inspection=inspection,
                            section=areas[(number - 1) * len(areas) // per],
                            paragraph_number=number,
                            order=number,
                            text=self.text(2, 5),
                            kind=self.random.choice(FindingKind.values),
                        )
                    )
            created = Finding.objects.bulk_create(rows)
            links = [
                through(finding_id=finding.pk, theme_id=theme.pk)
                for finding in created
                for theme in self.random.sample(themes, self.random.randint(0, 2))
            ]
            through.objects.bulk_create(links)
            done += len(rows)
            if done % 50000 < len(rows) or done == total:
                self.step(f"  {done}/{total} findings")

    def officials(self, authorities):
        self.step(f"officials: {self.scale.officials}")
        now = timezone.now()
        officials = Official.objects.bulk_create(
            [
                Official(
                    name=f"Test Official G{n + 1:04d}",
                    slug=f"test-official-g{n + 1:04d}",
                    status=Status.PUBLISHED,
                    created_at=now,
                    updated_at=now,
                )
                for n in range(self.scale.officials)
            ],
            batch_size=BATCH,
        )
        posts = []
        for n, official in enumerate(officials):
            authority = authorities[n % len(authorities)]
            start = self.day_between(FIRST_DAY, LAST_DAY - datetime.timedelta(days=400))
            role = ROLES[n % len(ROLES)]
            # Some change role part-way, as real officials do.
            if self.random.random() < 0.2:
                middle = min(
                    start + datetime.timedelta(days=self.random.randint(200, 900)),
                    LAST_DAY - datetime.timedelta(days=300),
                )
                posts.append(
                    Post(
                        official=official,
                        authority=authority,
                        title=ROLE_TITLES[Role.OTHER],
                        role=Role.OTHER,
                        start_date=start,
                        end_date=middle,
                    )
                )
                start = middle + datetime.timedelta(days=1)
            end = min(LAST_DAY, start + datetime.timedelta(days=self.random.randint(400, 2500)))
            posts.append(
                Post(
                    official=official,
                    authority=authority,
                    title=ROLE_TITLES[role],
                    role=role,
                    start_date=start,
                    start_precision=DatePrecision.DAY,
                    end_date=end if end < LAST_DAY else None,
                )
            )
        Post.objects.bulk_create(posts, batch_size=BATCH)
        return officials, list(
            Post.objects.filter(official__in=officials).select_related("official")
        )

    def statements(self, posts, inspections, themes):
        total = self.scale.statements
        self.step(f"statements: {total}")
        now = timezone.now()
        by_authority = {}
        for inspection in inspections:
            by_authority.setdefault(inspection.authority_id, []).append(inspection)
        sources = Source.objects.bulk_create(
            [
                Source(
                    kind=self.random.choice(SourceKind.values),
                    title=f"Generated source {n + 1:05d}",
                    publisher="Generated publisher",
                    url=f"https://example.org/generated/{n + 1}",
                )
                for n in range(max(1, total // 10))
            ],
            batch_size=BATCH,
        )
        rows = []
        for n in range(total):
            post = posts[n % len(posts)]
            last = post.end_date or LAST_DAY
            said_on = self.day_between(post.start_date, last)
            candidates = [
                i for i in by_authority.get(post.authority_id, []) if i.start_date <= said_on
            ]
            rows.append(
                Statement(
                    official=post.official,
                    text=self.text(1, 3),
                    said_on=said_on,
                    said_precision=DatePrecision.DAY,
                    source=sources[n % len(sources)],
                    context="Generated for load testing; not a real statement.",
                    inspection=max(candidates, key=lambda i: i.start_date) if candidates else None,
                    status=Status.PUBLISHED,
                    created_at=now,
                    updated_at=now,
                )
            )
        created = Statement.objects.bulk_create(rows, batch_size=BATCH)
        through = Statement.themes.through
        through.objects.bulk_create(
            [
                through(statement_id=statement.pk, theme_id=theme.pk)
                for statement in created
                for theme in self.random.sample(themes, self.random.randint(1, 2))
            ],
            batch_size=BATCH,
        )
