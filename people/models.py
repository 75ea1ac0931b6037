import datetime

from django.db import models
from django.db.models import DateField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth, TruncYear
from django.urls import reverse

from core.choices import DatePrecision, Status
from core.models import PublishableQuerySet, SluggedModel, choices_check, precision_check
from core.validators import validate_web_url
from inspections.models import Inspection, LocalAuthority


class Role(models.TextChoices):
    """The kind of post, for filtering; the post's own title is kept as written."""

    DCS = "dcs", "Director of children's services"
    LEAD_MEMBER = "lead_member", "Lead member for children's services"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    COUNCIL_LEADER = "council_leader", "Council leader"
    OTHER = "other", "Other"


class Official(SluggedModel):
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
        permissions = [("publish_official", "Can publish and unpublish officials")]
        constraints = [choices_check("status", Status, "official_status_valid")]

    def __str__(self):
        return f"{self.honorific} {self.name}".strip()

    def get_absolute_url(self):
        return reverse("official_detail", args=[self.slug])


class PostQuerySet(models.QuerySet):
    def held_on(self, day):
        """Posts that cover the day: a date, or an expression for one, such
        as OuterRef("said_on") inside a subquery or F() of a field reached
        through a join. The one place the record says which post someone
        held on a day: the quotes' role filter, their role facet and the
        role shown beside each quote all use it.

        An unknown start or end is taken as open. Dates known only to the
        month or year are stored as their first day, so a start stored that
        way already covers the whole month or year; an end stored that way
        must too: a post that ended "in November 2018" covers 20 November
        2018.
        """
        if isinstance(day, datetime.date):
            month_start = day.replace(day=1)
            year_start = day.replace(month=1, day=1)
        else:
            day = ExpressionWrapper(day, output_field=DateField())
            month_start, year_start = TruncMonth(day), TruncYear(day)
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True)
            | Q(end_date__gte=day)
            | Q(end_precision=DatePrecision.MONTH, end_date__gte=month_start)
            | Q(end_precision=DatePrecision.YEAR, end_date__gte=year_start),
        )

    def inspections_while_held(self):
        """Published inspections of each post's authority that were carried out
        or reported while the post was held (one query, whatever the posts)."""
        condition = Q(pk__in=[])
        for post in self:
            during = Q()
            for field in ("start_date", "published_on"):
                held = Q(**{f"{field}__isnull": False})
                if post.start_date:
                    held &= Q(**{f"{field}__gte": post.start_date})
                if post.end_date:
                    held &= Q(**{f"{field}__lte": post.effective_end})
                during = held if not during else during | held
            condition |= Q(authority_id=post.authority_id) & during
        return Inspection.objects.published().filter(condition).select_related("authority")


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
        max_length=300,
        blank=True,
        help_text="Where the post and its dates are stated.",
        validators=[validate_web_url],
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

    def held_during(self, inspection):
        """Whether the inspection, of any authority, was carried out or
        reported while this post was held (as inspections_while_held)."""
        for day in (inspection.start_date, inspection.published_on):
            if (
                day
                and (not self.start_date or day >= self.start_date)
                and (not self.end_date or day <= self.effective_end)
            ):
                return True
        return False

    @property
    def effective_end(self):
        """The last day the stored end date can mean, at its precision."""
        if not self.end_date:
            return None
        if self.end_precision == DatePrecision.YEAR:
            return self.end_date.replace(month=12, day=31)
        if self.end_precision == DatePrecision.MONTH:
            next_month = (self.end_date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            return next_month - datetime.timedelta(days=1)
        return self.end_date
