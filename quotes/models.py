from django.db import models
from django.db.models import Q
from django.urls import reverse

from inspections.choices import DatePrecision, Status
from inspections.models import Inspection, Theme, choices_check, precision_check
from people.models import Official


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
    url = models.URLField("link", max_length=500, blank=True)
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


class StatementQuerySet(models.QuerySet):
    def published(self):
        # A statement is public only with its speaker, and never points at a
        # draft inspection.
        return self.filter(
            Q(inspection__isnull=True) | Q(inspection__status=Status.PUBLISHED),
            status=Status.PUBLISHED,
            official__status=Status.PUBLISHED,
        )


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
