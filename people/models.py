from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from inspections.choices import DatePrecision, Status
from inspections.models import (
    LocalAuthority,
    PublishableQuerySet,
    choices_check,
    precision_check,
    unique_slug,
)


class Role(models.TextChoices):
    """The kind of post, for filtering; the post's own title is kept as written."""

    DCS = "dcs", "Director of children's services"
    LEAD_MEMBER = "lead_member", "Lead member for children's services"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    COUNCIL_LEADER = "council_leader", "Council leader"
    OTHER = "other", "Other"


class Official(models.Model):
    name = models.CharField(
        max_length=100, help_text="As they are usually named, e.g. Carol Cammiss."
    )
    honorific = models.CharField(
        max_length=20, blank=True, help_text="e.g. Cllr. Shown before the name."
    )
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [choices_check("status", Status, "official_status_valid")]

    def __str__(self):
        return f"{self.honorific} {self.name}".strip()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Official, self.name, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("official_detail", args=[self.slug])


class PostQuerySet(models.QuerySet):
    def held_on(self, day):
        """Posts that cover the day. An unknown start or end is taken as open."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )


class Post(models.Model):
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="posts")
    authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(
        max_length=150,
        help_text="As the council writes it, e.g. Executive member for children's services.",
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    party = models.CharField(max_length=100, blank=True, help_text="For councillors, where known.")
    start_date = models.DateField(null=True, blank=True, help_text="Blank if not known.")
    start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(
        null=True, blank=True, help_text="Blank if still in post or not known."
    )
    end_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    source_url = models.URLField(
        max_length=300, blank=True, help_text="Where the post and its dates are stated."
    )
    source_note = models.CharField(
        max_length=300, blank=True, help_text="What the source says, if there is no link."
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["official", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="post_ends_after_it_starts",
                violation_error_message="A post cannot end before it starts.",
            ),
            choices_check("role", Role, "post_role_valid"),
            precision_check("start_date", "start_precision", "post_start_precise"),
            precision_check("end_date", "end_precision", "post_end_precise"),
        ]
        indexes = [models.Index(fields=["role", "start_date"], name="post_role_start_idx")]

    def __str__(self):
        return f"{self.title}, {self.authority}"
