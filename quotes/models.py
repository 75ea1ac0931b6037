import re

from django.db import connections, models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse

from core.choices import DatePrecision, Status
from core.models import ThemedQuerySet, choices_check, precision_check
from core.validators import validate_web_url
from inspections.models import Inspection, Theme
from people.models import Official, Post

# Quoted phrases and single words, for the simple search used off PostgreSQL.
SEARCH_TERMS = re.compile(r'"([^"]+)"|(\S+)')


def posts_held_when_said():
    """The posts the statement's speaker held on the day it was said
    (PostQuerySet.held_on), for use in a subquery: the most recently
    started first."""
    return (
        Post.objects.filter(official=OuterRef("official"))
        .held_on(OuterRef("said_on"))
        .order_by(F("start_date").desc(nulls_last=True), "-pk")
    )


def held_post_value(field):
    """An expression for one field of the post held when the statement was
    said, preferring a post at the authority inspected (a speaker can hold
    posts at two councils). Two subqueries rather than an ORDER BY on the
    outer row, which SQLite cannot do. Needs the inspected_authority alias
    (StatementQuerySet._inspected)."""
    posts = posts_held_when_said()
    if field == "council":
        posts = posts.annotate(
            council=Coalesce(NullIf("authority__official_name", Value("")), "authority__name")
        )
    return Coalesce(
        Subquery(posts.filter(authority=OuterRef("inspected_authority")).values(field)[:1]),
        Subquery(posts.values(field)[:1]),
    )


def public_statement_count():
    """For officials: how many of their statements are public, as a
    correlated count (Official.objects.annotate(n=public_statement_count())),
    so a list of officials costs one query whatever its length."""
    counts = (
        Statement.objects.published()
        .filter(official=OuterRef("pk"))
        .order_by()
        .values("official")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)


class SourceKind(models.TextChoices):
    PRESS_RELEASE = "press_release", "Press release"
    NEWS = "news", "News article or interview"
    MEETING = "meeting", "Council meeting"
    LETTER = "letter", "Letter"
    OTHER = "other", "Other"


class Source(models.Model):
    """A document that reports what officials said: one press release or
    article can carry several statements."""

    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    title = models.CharField(
        max_length=300,
        help_text="Its headline or title; if it has none, describe it in square brackets.",
    )
    publisher = models.CharField(max_length=150, blank=True)
    url = models.URLField("link", max_length=500, blank=True, validators=[validate_web_url])
    published_on = models.DateField("publication date", null=True, blank=True)
    published_precision = models.CharField(
        "publication date precision",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            choices_check("kind", SourceKind, "source_kind_valid"),
            precision_check("published_on", "published_precision", "source_published_precise"),
        ]

    def __str__(self):
        return self.title


class StatementQuerySet(ThemedQuerySet):
    def published(self):
        # A statement is public only with its speaker, and never points at a
        # draft inspection.
        return self.filter(
            Q(inspection__isnull=True) | Q(inspection__status=Status.PUBLISHED),
            status=Status.PUBLISHED,
            official__status=Status.PUBLISHED,
        )

    # Who said it, in which role ------------------------------------------

    def with_role(self):
        """Annotate the post the speaker held on the day said (role_held,
        post_title, post_authority), in the same query: None if no recorded
        post covers that day."""
        return self._inspected().annotate(
            role_held=held_post_value("role"),
            post_title=held_post_value("title"),
            post_authority=held_post_value("council"),
        )

    def held_role(self, roles):
        """Statements said while the speaker held a post of one of these
        roles (a Role value or a list of them) on that day."""
        if isinstance(roles, str):
            roles = [roles]
        return self.filter(Exists(posts_held_when_said().filter(role__in=roles)))

    def role_counts(self, roles):
        """{role: number of these statements said in that role}, in one query:
        the statements joined to their speakers' posts of these roles, kept
        where the post was held on the day said, grouped by role. (A count
        per role, each an EXISTS per statement, took 0.6 s over 50,000
        statements.)"""
        # Whether the joined post was held that day: an EXISTS on its own
        # primary key, so cheap. The Q comes first so that the OuterRef in
        # the EXISTS reuses its join to the posts: both read the same post.
        # (Counted from the posts' side, over an IN list of these
        # statements, it took a third longer over 50,000 statements.)
        held = Post.objects.filter(pk=OuterRef("official__posts")).held_on(OuterRef("said_on"))
        rows = (
            self.order_by()
            .filter(Q(official__posts__role__in=roles), Exists(held))
            # Distinct: two posts of one role may both cover the day, and
            # other filters (themes) may repeat a statement.
            .values_list("official__posts__role")
            .annotate(n=Count("pk", distinct=True))
        )
        return dict.fromkeys(roles, 0) | dict(rows)

    def _inspected(self):
        if "inspected_authority" in self.query.annotations:
            return self
        return self.alias(inspected_authority=F("inspection__authority"))

    # Which authority it is about ------------------------------------------

    @staticmethod
    def _context_authority():
        """The authority of the inspection a statement responds to or, failing
        that, of the post the speaker held that day."""
        return Coalesce(
            F("inspection__authority_id"),
            Subquery(posts_held_when_said().values("authority_id")[:1]),
            output_field=models.BigIntegerField(),
        )

    def about_authorities(self, authorities):
        """Statements about any of the authorities (instances or ids)."""
        ids = [getattr(authority, "pk", authority) for authority in authorities]
        return self.alias(context_authority=self._context_authority()).filter(
            context_authority__in=ids
        )

    def authority_counts(self):
        """[(authority id, count)] over these statements, in one query."""
        return (
            self.order_by()
            .annotate(authority_counted=self._context_authority())
            .values_list("authority_counted")
            .annotate(n=Count("pk"))
        )

    # When ------------------------------------------------------------------

    def said_between(self, start=None, end=None):
        """Statements that may have been said in [start, end]. A date known
        only to the month or year is stored as its first day, so it falls in
        the range if any part of its month or year does."""
        qs = self
        if start:
            qs = qs.filter(
                Q(said_on__gte=start)
                | Q(said_precision=DatePrecision.MONTH, said_on__gte=start.replace(day=1))
                | Q(said_precision=DatePrecision.YEAR, said_on__gte=start.replace(month=1, day=1))
            )
        if end:
            qs = qs.filter(said_on__lte=end)
        return qs

    def with_themes(self, themes):
        """Statements tagged with any of the themes (no duplicate rows)."""
        tagged = Statement.themes.through.objects.filter(statement=OuterRef("pk"), theme__in=themes)
        return self.filter(Exists(tagged))

    # Words -----------------------------------------------------------------

    def matching(self, q):
        """Only the statements that match the words q, unranked."""
        if connections[self.db].vendor == "postgresql":
            from core.search import matching

            return matching(self, q)
        condition = Q()
        for phrase, word in SEARCH_TERMS.findall(q):
            term = (phrase or word).strip()
            if term:
                condition &= (
                    Q(text__icontains=term)
                    | Q(context__icontains=term)
                    | Q(official__name__icontains=term)
                )
        return self.filter(condition)

    def search(self, q, highlight=True):
        """Statements matching q, annotated with search_rank (higher is more
        relevant) and, when highlight, search_headline and context_headline:
        None off PostgreSQL, else escaped HTML with <mark>ed matches (pass
        them through highlighted()). On PostgreSQL it matches and ranks
        against the stored, trigger-maintained, GIN-indexed search_vector
        (quotes migration 0003: the words weigh more than the context)."""
        qs = self.matching(q)
        if connections[self.db].vendor != "postgresql":
            first = next((p or w for p, w in SEARCH_TERMS.findall(q)), q)
            return qs.annotate(
                search_rank=Case(
                    When(text__icontains=first, then=Value(2.0)),
                    When(context__icontains=first, then=Value(1.0)),
                    default=Value(0.0),
                ),
                search_headline=Value(None, output_field=models.TextField()),
                context_headline=Value(None, output_field=models.TextField()),
            )
        from django.contrib.postgres.search import SearchRank

        from core.search import StoredVector, headline, words

        qs = qs.annotate(search_rank=SearchRank(StoredVector(Statement), words(q)))
        if highlight:
            qs = qs.annotate(
                search_headline=headline("text", q), context_headline=headline("context", q)
            )
        return qs

    # Showing them ----------------------------------------------------------

    def newest_first(self):
        return self.order_by("-said_on", "-pk")

    def oldest_first(self):
        return self.order_by("said_on", "pk")

    def most_relevant_first(self):
        """Best match first, then newest. Needs search()."""
        return self.order_by("-search_rank", "-said_on", "-pk")

    def with_speaker(self):
        """The speaker, source and inspection, joined in the same query."""
        return self.select_related("official", "source", "inspection__authority")

    def for_display(self):
        """Everything a list, feed or export shows, in a fixed number of
        queries whatever the rows: the statement, its speaker and role,
        source, inspection and themes."""
        return self.with_role().with_speaker().prefetch_related("themes")


class Statement(models.Model):
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="statements")
    text = models.TextField(
        "exact words", help_text="Exactly as reported, without quotation marks."
    )
    said_on = models.DateField(
        "date said", help_text="Store the 1st of the month or year if only that is known."
    )
    said_precision = models.CharField(
        "date precision",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Never record a day the source does not give.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="statements")
    context = models.TextField(blank=True, help_text="One sentence on when and why it was said.")
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="The inspection it responds to, if any.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="statements")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-said_on", "-pk"]
        permissions = [("publish_statement", "Can publish and unpublish statements")]
        constraints = [
            choices_check("status", Status, "statement_status_valid"),
            choices_check("said_precision", DatePrecision, "statement_precision_valid"),
            precision_check("said_on", "said_precision", "statement_said_on_precise"),
        ]
        indexes = [models.Index(fields=["status", "-said_on"], name="statement_status_said_idx")]

    def __str__(self):
        words = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"{self.official}: “{words}”"

    def get_absolute_url(self):
        return reverse("statement_detail", args=[self.pk])
