from django.conf import settings
from django.db import connections, models
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from core.choices import DatePrecision, Status
from core.models import (
    Provenance,
    PublishableQuerySet,
    SluggedModel,
    ThemedQuerySet,
    choices_check,
    precision_check,
)
from core.validators import validate_web_url

from .choices import Area, FindingKind, Grade, InspectionKind, Section


class Region(models.TextChoices):
    NORTH_EAST = "NE", "North East"
    NORTH_WEST = "NW", "North West"
    YORKSHIRE = "YH", "Yorkshire and the Humber"
    EAST_MIDLANDS = "EM", "East Midlands"
    WEST_MIDLANDS = "WM", "West Midlands"
    EAST = "E", "East of England"
    LONDON = "GL", "London"
    SOUTH_EAST = "SE", "South East"
    SOUTH_WEST = "SW", "South West"


class AuthorityType(models.TextChoices):
    COUNTY = "county", "County"
    LONDON_BOROUGH = "london_borough", "London Borough"
    METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan District"
    UNITARY = "unitary", "Unitary Authority"


class LocalAuthorityQuerySet(models.QuerySet):
    def public(self):
        """Authorities the public may see: every one on the DfE's list (it
        has an LA code, from the reference import), and any other only once
        a published inspection of it exists. An authority made by a draft
        report import, or typed in by staff, is not public before its
        report is."""
        published = Inspection.objects.published().filter(authority=OuterRef("pk"))
        return self.filter(~Q(la_code="") | Exists(published))

    def with_latest_outcome(self):
        """Annotate each authority with its latest outcome: its newest
        published ILACS (or SIF) inspection with an overall grade, by
        publication then start date. latest_id, latest_grade, latest_slug,
        its dates, report link and provenance, and latest_<area> for the
        grade of each judgement area. Correlated subqueries, so the number
        of queries does not depend on the number of authorities."""
        latest = (
            Inspection.objects.published()
            .filter(authority=OuterRef("pk"), kind__in=OUTCOME_KINDS)
            .exclude(overall_grade="")
            .newest_first()
        )

        def of_latest(field):
            return Subquery(latest.values(field)[:1])

        annotations = {f"latest_{name}": of_latest(name) for name in LATEST_FIELDS}
        annotations["latest_id"] = of_latest("pk")
        annotations["latest_grade"] = of_latest("overall_grade")
        queryset = self.annotate(**annotations)
        # One judgement per area per inspection (a unique constraint).
        return queryset.annotate(
            **{
                f"latest_{area}": Subquery(
                    Judgement.objects.filter(inspection=OuterRef("latest_id"), area=area)
                    .order_by()
                    .values("grade")[:1]
                )
                for area in Area.values
            }
        )

    def latest_graded(self, area=None, grade=None):
        """Authorities whose latest outcome has a judgement in the area (any
        area if None) with the grade (any grade if None), both in the same
        judgement. Needs with_latest_outcome()."""
        judgements = Judgement.objects.filter(inspection=OuterRef("latest_id"))
        if area:
            judgements = judgements.filter(area=area)
        if grade:
            judgements = judgements.filter(grade=grade)
        return self.filter(Exists(judgements))

    def search(self, text):
        return self.filter(Q(name__icontains=text) | Q(official_name__icontains=text))


# The inspections whose overall grade is an authority's latest outcome.
OUTCOME_KINDS = [
    InspectionKind.ILACS_STANDARD,
    InspectionKind.ILACS_SHORT,
    InspectionKind.ILACS,
    InspectionKind.SIF,
]
LATEST_FIELDS = [
    "slug",
    "kind",
    "start_date",
    "end_date",
    "dates_precision",
    "published_on",
    "published_precision",
    "report_url",
    "source_file",
    "source_row",
    "imported_at",
]


class LocalAuthority(SluggedModel, Provenance):
    name = models.CharField(max_length=100, help_text="Short name, e.g. Wokingham.")
    slug = models.SlugField(max_length=100, unique=True)
    official_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="The council's full name, e.g. Wokingham Borough Council.",
    )
    ofsted_urn = models.CharField(
        "Ofsted URN",
        max_length=10,
        blank=True,
        help_text="Ofsted's unique reference number for the authority.",
    )
    la_code = models.CharField(
        "DfE LA code",
        max_length=3,
        blank=True,
        help_text="The Department for Education's three-digit code, e.g. 872.",
    )
    ons_code = models.CharField("ONS code", max_length=9, blank=True, help_text="e.g. E06000041.")
    region = models.CharField(max_length=2, choices=Region.choices, blank=True)
    authority_type = models.CharField(max_length=25, choices=AuthorityType.choices, blank=True)
    population_0_25 = models.PositiveIntegerField(
        "population aged 0 to 25", null=True, blank=True, help_text="ONS estimate."
    )
    statistical_neighbours = models.ManyToManyField(
        "self",
        through="StatisticalNeighbour",
        symmetrical=False,
        related_name="neighbour_of",
        blank=True,
        help_text="The DfE's ten most similar authorities, closest first.",
    )

    objects = LocalAuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = "local authority"
        verbose_name_plural = "local authorities"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ofsted_urn"],
                condition=~Q(ofsted_urn=""),
                name="unique_authority_urn",
            ),
            models.UniqueConstraint(
                fields=["la_code"],
                condition=~Q(la_code=""),
                name="unique_authority_la_code",
            ),
            choices_check("region", Region, "authority_region_valid", allow_blank=True),
            choices_check(
                "authority_type", AuthorityType, "authority_type_valid", allow_blank=True
            ),
        ]
        indexes = [models.Index(fields=["region"], name="authority_region_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authority_detail", args=[self.slug])


class StatisticalNeighbour(models.Model):
    authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="neighbour_links"
    )
    neighbour = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(help_text="1 is the most similar.")

    class Meta:
        ordering = ["authority", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "neighbour"], name="one_link_per_neighbour"
            ),
            models.UniqueConstraint(fields=["authority", "rank"], name="one_neighbour_per_rank"),
            models.CheckConstraint(
                condition=~Q(authority=F("neighbour")), name="not_its_own_neighbour"
            ),
        ]

    def __str__(self):
        return f"{self.authority} → {self.neighbour} ({self.rank})"


class Theme(SluggedModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        help_text=(
            "One word or phrase per line. A finding that contains one of them "
            "is suggested for this theme when a report is imported."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("theme_detail", args=[self.slug])


class InspectionQuerySet(PublishableQuerySet):
    def with_related(self):
        return self.select_related("authority").prefetch_related("judgements")

    def with_finding_count(self):
        # A correlated count, not Count("findings"), so that facet counts can
        # group this queryset without the join multiplying its rows.
        counts = (
            Finding.objects.filter(inspection=OuterRef("pk"))
            .order_by()
            .values("inspection")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(finding_count=Coalesce(Subquery(counts), 0))

    def newest_first(self):
        # Migrations 0009 (per authority) and 0011 (all inspections) index
        # this order on PostgreSQL; change them together.
        return self.order_by(
            F("published_on").desc(nulls_last=True),
            F("start_date").desc(nulls_last=True),
            "-pk",
        )

    def oldest_first(self):
        return self.order_by(
            F("published_on").asc(nulls_last=True),
            F("start_date").asc(nulls_last=True),
            "pk",
        )

    def by_authority(self):
        return self.order_by("authority__name", F("published_on").desc(nulls_last=True), "-pk")

    def in_any_theme(self, themes):
        """Inspections with a finding in any of the themes. Exists rather than
        a join, so an inspection with several such findings is still one row
        and counts over the result do not double."""
        return self.filter(
            Exists(InspectionTheme.objects.filter(inspection=OuterRef("pk"), theme__in=themes))
        )

    def theme_counts(self):
        """{theme slug: how many of these inspections have findings in it},
        from the counts the database keeps (InspectionTheme)."""
        rows = (
            InspectionTheme.objects.filter(inspection__in=self.order_by().values("pk"))
            .values_list("theme__slug")
            .annotate(n=Count("*"))
        )
        return dict(rows)

    def graded(self, area=None, grade=None):
        """Inspections with a judgement in the area (any area if None) with the
        grade (any grade if None): both must hold for the same judgement."""
        judgements = Judgement.objects.filter(inspection=OuterRef("pk"))
        if area:
            judgements = judgements.filter(area=area)
        if grade:
            judgements = judgements.filter(grade=grade)
        return self.filter(Exists(judgements))

    def search(self, text):
        """Inspections whose summary, authority's name or any finding
        mentions the text."""
        if connections[self.db].vendor == "postgresql":
            from core.search import StoredVector, matching_column, words

            # The stored, GIN-indexed vectors (inspections/search.py): the
            # inspection's holds its summary and its authority's name.
            return self.alias(search_vector=StoredVector(Inspection)).filter(
                Q(search_vector=words(text))
                | Q(pk__in=matching_column(Finding, "inspection_id", text))
            )
        in_findings = Exists(Finding.objects.filter(inspection=OuterRef("pk")).matching(text))
        return self.filter(
            Q(summary__icontains=text) | Q(authority__name__icontains=text) | in_findings
        )


class Inspection(SluggedModel, Provenance):
    authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    kind = models.CharField(max_length=20, choices=InspectionKind.choices)
    slug = models.SlugField(
        max_length=150,
        unique=True,
        blank=True,
        help_text="Its address on the site. Made from authority, kind and date if left blank.",
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="First day inspectors were on site."
    )
    end_date = models.DateField(
        null=True, blank=True, help_text="Last day inspectors were on site."
    )
    dates_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Month if the source gives only the month: store the 1st of it.",
    )
    published_on = models.DateField(
        "publication date", null=True, blank=True, help_text="When Ofsted published the report."
    )
    published_precision = models.CharField(
        "publication date precision",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    lead_inspector = models.CharField(max_length=100, blank=True)
    overall_grade = models.CharField(
        "overall effectiveness",
        max_length=25,
        choices=Grade.choices,
        blank=True,
        help_text="Leave blank for visits, which Ofsted does not grade.",
    )
    priority_actions = models.BooleanField(
        "priority actions set",
        null=True,
        blank=True,
        help_text="Whether Ofsted set priority actions. Leave unknown if the source does not say.",
    )
    report_url = models.URLField(
        "link to the report", max_length=300, blank=True, validators=[validate_web_url]
    )
    summary = models.TextField(blank=True, help_text="The report's unnumbered summary.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-start_date", "-pk"]
        permissions = [("publish_inspection", "Can publish and unpublish inspections")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="inspection_ends_after_it_starts",
                violation_error_message="The end date cannot be before the start date.",
            ),
            choices_check("kind", InspectionKind, "inspection_kind_valid"),
            choices_check("overall_grade", Grade, "inspection_grade_valid", allow_blank=True),
            choices_check("status", Status, "inspection_status_valid"),
            choices_check("dates_precision", DatePrecision, "inspection_precision_valid"),
            precision_check("start_date", "dates_precision", "inspection_start_precise"),
            precision_check("published_on", "published_precision", "inspection_published_precise"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_on"], name="inspection_status_pub_idx"),
            models.Index(fields=["overall_grade"], name="inspection_grade_idx"),
            models.Index(fields=["kind"], name="inspection_kind_idx"),
        ]

    def __str__(self):
        when = self.start_date.strftime("%B %Y") if self.start_date else "undated"
        return f"{self.authority}: {self.get_kind_display()}, {when}"

    def slug_text(self):
        when = self.start_date.strftime("%B %Y") if self.start_date else "undated"
        return f"{self.authority.slug} {self.get_kind_display()} {when}"

    def get_absolute_url(self):
        return reverse("inspection_detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class Judgement(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField("judgement area", max_length=30, choices=Area.choices)
    grade = models.CharField(max_length=25, choices=Grade.choices)

    class Meta:
        ordering = ["inspection", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "area"],
                name="one_grade_per_area_per_inspection",
                violation_error_message="This inspection already has a grade for that area.",
            ),
            choices_check("area", Area, "judgement_area_valid"),
            choices_check("grade", Grade, "judgement_grade_valid"),
        ]
        indexes = [models.Index(fields=["area", "grade"], name="judgement_area_grade_idx")]

    def __str__(self):
        return f"{self.get_area_display()}: {self.get_grade_display()}"


class FindingQuerySet(ThemedQuerySet):
    def published(self):
        return self.filter(inspection__status=Status.PUBLISHED)

    def with_related(self):
        return self.select_related("inspection__authority").prefetch_related("themes")

    def with_area_grade(self):
        """Annotate area_grade: the grade the report gave the judgement area
        the finding sits under (None for the summary and similar sections)."""
        # A join on the report's judgement for the finding's section: one
        # row at most (one judgement per area per inspection, a unique
        # constraint). A subquery instead ran once per finding, 0.5 s for
        # the grade facet over 300,000 of them.
        return self.annotate(
            area_judgement=FilteredRelation(
                "inspection__judgements",
                condition=Q(inspection__judgements__area=F("section")),
            ),
            area_grade=F("area_judgement__grade"),
        )

    def in_report_order(self):
        return self.order_by("order", "paragraph_number", "pk")

    # In report order within a report: (inspection, order, paragraph, pk).
    WITHIN_REPORT = ("inspection_id", "order", "paragraph_number", "pk")

    def newest_first(self):
        """Newest report first, and within a report in report order: read
        through inspection_newest_idx and finding_report_order_idx
        (migration 0011), so a page costs the same whatever the total."""
        return self.order_by(
            F("inspection__published_on").desc(nulls_last=True), *self.WITHIN_REPORT
        )

    def oldest_first(self):
        """Oldest report first (inspection_oldest_idx, migration 0011)."""
        return self.order_by(
            F("inspection__published_on").asc(nulls_last=True), *self.WITHIN_REPORT
        )

    def most_relevant_first(self):
        """Best match first, then newest. Needs search()."""
        return self.order_by(
            "-search_rank",
            F("inspection__published_on").desc(nulls_last=True),
            *self.WITHIN_REPORT,
        )

    def in_any_theme(self, themes):
        # Exists on the link table: a finding in two chosen themes is one row.
        tagged = Finding.themes.through.objects.filter(finding=OuterRef("pk"), theme__in=themes)
        return self.filter(Exists(tagged))

    def matching(self, text):
        """Only the findings that match the words, unranked."""
        if connections[self.db].vendor == "postgresql":
            from core.search import matching

            # The stored, GIN-indexed vector (inspections/search.py).
            return matching(self, text)
        return self.filter(text__icontains=text)

    def search(self, text, highlight=True):
        """Findings matching the words, annotated with search_rank (higher is
        more relevant) and, when highlight, search_headline: the text with
        every match marked, for highlighted(). Off PostgreSQL every match
        ranks the same and there is no headline."""
        qs = self.matching(text)
        if connections[self.db].vendor != "postgresql":
            return qs.annotate(
                search_rank=Value(0.0),
                search_headline=Value(None, output_field=models.TextField()),
            )
        from django.contrib.postgres.search import SearchRank

        from core.search import StoredVector, headline, words

        qs = qs.annotate(search_rank=SearchRank(StoredVector(Finding), words(text)))
        if highlight:
            qs = qs.annotate(search_headline=headline("text", text))
        return qs


class Finding(models.Model):
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.CASCADE,
        related_name="findings",
        # finding_report_order_idx leads with it.
        db_index=False,
    )
    section = models.CharField(
        "report section",
        max_length=30,
        choices=Section.choices,
        help_text=(
            "The judgement area heading it sits under, the summary, or what needs to improve."
        ),
    )
    paragraph_number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="As numbered in the report; blank if unnumbered."
    )
    text = models.TextField(help_text="The report's exact words.")
    kind = models.CharField(
        max_length=15, choices=FindingKind.choices, default=FindingKind.UNCLASSIFIED
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="findings", help_text="Themes a person has confirmed."
    )
    suggested_themes = models.ManyToManyField(
        Theme,
        blank=True,
        related_name="suggested_findings",
        help_text="Suggested by keyword rules on import; not public until confirmed.",
    )
    order = models.PositiveIntegerField(default=0, help_text="Position in the report.")

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "order", "paragraph_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "paragraph_number"],
                condition=Q(paragraph_number__isnull=False),
                name="one_finding_per_paragraph_number",
                violation_error_message=(
                    "This report already has a finding with that paragraph number."
                ),
            ),
            choices_check("section", Section, "finding_section_valid"),
            choices_check("kind", FindingKind, "finding_kind_valid"),
        ]
        indexes = [
            models.Index(fields=["kind"], name="finding_kind_idx"),
            models.Index(fields=["section"], name="finding_section_idx"),
            # A report's findings in order (the report page, and the lists
            # newest report first, which walk inspection_newest_idx). Kind
            # and section ride along so that counts over all 300,000
            # findings read this index alone, not the table, whose text and
            # search vector are a kilobyte a row: the kind facet took 120 ms
            # and takes 50.
            models.Index(
                fields=["inspection", "order", "paragraph_number", "id", "kind", "section"],
                name="finding_report_order_idx",
            ),
        ]

    def __str__(self):
        where = (
            f"paragraph {self.paragraph_number}"
            if self.paragraph_number
            else self.get_section_display()
        )
        return f"{self.inspection}, {where}"

    def get_absolute_url(self):
        return f"{self.inspection.get_absolute_url()}#{self.anchor}"

    def confirm_suggested_themes(self):
        """A person has reviewed the suggestions: make them the themes."""
        suggested = list(self.suggested_themes.all())
        if suggested:
            self.themes.add(*suggested)
            self.suggested_themes.clear()
        return bool(suggested)

    @property
    def anchor(self):
        if self.paragraph_number:
            return f"paragraph-{self.paragraph_number}"
        return f"finding-{self.pk}"


class InspectionThemeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(inspection__status=Status.PUBLISHED)

    def finding_counts(self):
        """{theme pk: how many findings of these inspections carry it}."""
        rows = self.order_by().values_list("theme_id").annotate(n=models.Sum("findings"))
        return dict(rows)


class InspectionTheme(models.Model):
    """How many of an inspection's findings carry a theme: a row for each
    theme it has any findings in. The database keeps it (triggers on the
    finding-theme links, inspections/theme_counts.py); nothing else writes
    it, and backups leave it out, as it is remade from the links."""

    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.CASCADE,
        related_name="theme_counts",
        # one_count_per_inspection_and_theme leads with it.
        db_index=False,
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="inspection_counts")
    findings = models.PositiveIntegerField(help_text="Findings of the inspection with the theme.")

    objects = InspectionThemeQuerySet.as_manager()

    class Meta:
        verbose_name = "theme of an inspection"
        verbose_name_plural = "themes of inspections"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "theme"], name="one_count_per_inspection_and_theme"
            ),
            models.CheckConstraint(
                condition=Q(findings__gt=0), name="inspection_theme_has_findings"
            ),
        ]

    def __str__(self):
        return f"{self.inspection}: {self.theme} ({self.findings})"


class ImportKind(models.TextChoices):
    AUTHORITIES = "authorities", "local authorities"
    OUTCOMES = "outcomes", "latest ILACS outcomes"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


class ImportRun(models.Model):
    """A CSV upload too large to import inside a request, imported in the
    background by the task worker (``inspections/importing/tasks.py``).

    The file is kept whole so the worker can read it; its status is the
    progress: the import writes in one transaction, so no row it writes is
    visible (nor could a count of them be written, SQLite having one writer)
    until it has finished."""

    kind = models.CharField(max_length=20, choices=ImportKind)
    file_name = models.CharField(max_length=255)
    data = models.BinaryField(help_text="The uploaded file (at most 5 MB).")
    status = models.CharField(max_length=10, choices=ImportStatus, default=ImportStatus.QUEUED)
    rows = models.PositiveIntegerField(help_text="Rows in the file.")
    report = models.JSONField(
        null=True, blank=True, help_text="What was imported: counts, skipped rows, notes."
    )
    error = models.TextField(blank=True, help_text="Why the import failed; it wrote nothing.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "background import"
        constraints = [
            choices_check("kind", ImportKind, "import_run_kind_valid"),
            choices_check("status", ImportStatus, "import_run_status_valid"),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.get_kind_display()}, {self.status})"

    @property
    def finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
