"""What the record's models share: provenance, publishing, slugs and the
check constraints that keep choices and dates honest in the database."""

from django.db import models
from django.db.models import Count, Q
from django.utils.text import slugify

from .choices import DatePrecision, Status


class Provenance(models.Model):
    """Where an imported record came from, so every figure can be traced."""

    source_file = models.CharField(
        max_length=200, blank=True, help_text="File the record was imported from."
    )
    source_row = models.PositiveIntegerField(
        null=True, blank=True, help_text="Line of that file (the header is line 1)."
    )
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class SluggedModel(models.Model):
    """A model whose address is a slug made, on its first save, from
    slug_text(): unique among its rows (-2, -3, ...), and never changed
    afterwards, so a permalink once given keeps working."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            max_length = self._meta.get_field("slug").max_length
            self.slug = unique_slug(type(self), self.slug_text(), self.pk, max_length)
        super().save(*args, **kwargs)

    def slug_text(self):
        return self.name


def unique_slug(model, text, instance_pk=None, max_length=100):
    """A slug for text that no other row of model uses yet (-2, -3, ...)."""
    base = slugify(text)[: max_length - 4] or "item"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exclude(pk=instance_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def choices_check(field, choices, name, allow_blank=False):
    """A CHECK constraint that keeps a choice field to its choices in the
    database too, not only in forms."""
    values = list(choices.values) + ([""] if allow_blank else [])
    return models.CheckConstraint(condition=Q(**{f"{field}__in": values}), name=name)


def precision_check(date_field, precision_field, name):
    """A month-precise date must be the 1st of its month and a year-precise
    one the 1st of January, so no day or month is ever invented."""
    return models.CheckConstraint(
        condition=Q(**{f"{date_field}__isnull": True})
        | Q(**{precision_field: DatePrecision.DAY})
        | Q(**{precision_field: DatePrecision.MONTH, f"{date_field}__day": 1})
        | Q(
            **{
                precision_field: DatePrecision.YEAR,
                f"{date_field}__day": 1,
                f"{date_field}__month": 1,
            }
        ),
        name=name,
        violation_error_message=(
            "A date known only to the month or year must be stored as its first day."
        ),
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class ThemedQuerySet(models.QuerySet):
    """For records with themes (findings, statements)."""

    def theme_counts(self, key="theme_id"):
        """{theme pk (or another key, such as "theme__slug"): how many of
        these records carry it}: one grouped count over the link table. (A
        count per theme, correlated, reads the link table once per theme:
        seconds at national scale, against a third of a second.)"""
        through = self.model.themes.through
        rows = (
            through.objects.filter(
                **{f"{self.model._meta.model_name}__in": self.order_by().values("pk")}
            )
            .order_by()
            .values_list(key)
            .annotate(n=Count("*"))
        )
        return dict(rows)
