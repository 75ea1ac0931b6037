"""Vocabularies every app of the record shares."""

from django.db import models


class DatePrecision(models.TextChoices):
    """How much of a stored date the source supports. A month-precise date is
    stored as the first of the month and shown as "October 2018"."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
