"""Vocabularies shared by models, importers, filters and templates.

They live apart from models.py so that the report parser and the CSV importers
can use them without pulling in the ORM.
"""

from django.db import models


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"
    # Recorded when a source names a grade we cannot read: never guessed.
    UNKNOWN = "unknown", "Not known"


# Best first, for sorting and for "fares better or worse" comparisons.
GRADE_RANK = {
    Grade.OUTSTANDING: 1,
    Grade.GOOD: 2,
    Grade.REQUIRES_IMPROVEMENT: 3,
    Grade.INADEQUATE: 4,
}


class InspectionKind(models.TextChoices):
    ILACS_STANDARD = "ilacs_standard", "ILACS standard inspection"
    ILACS_SHORT = "ilacs_short", "ILACS short inspection"
    # An outcome whose source does not say whether it was short or standard.
    ILACS = "ilacs", "ILACS inspection (short or standard not recorded)"
    FOCUSED_VISIT = "focused_visit", "Focused visit"
    MONITORING_VISIT = "monitoring_visit", "Monitoring visit"
    JTAI = "jtai", "Joint targeted area inspection"
    SIF = "sif", "Single inspection framework (before 2018)"


class Area(models.TextChoices):
    """Judgement areas Ofsted grades, across frameworks."""

    # ILACS, 2018 on.
    IMPACT_OF_LEADERS = (
        "impact_of_leaders",
        "The impact of leaders on social work practice with children and families",
    )
    HELP_AND_PROTECTION = (
        "help_and_protection",
        "The experiences and progress of children who need help and protection",
    )
    # ILACS 2018-2022 graded these together ...
    CHILDREN_IN_CARE_AND_CARE_LEAVERS = (
        "in_care_and_care_leavers",
        "The experiences and progress of children in care and care leavers",
    )
    # ... and from 2023 apart.
    CHILDREN_IN_CARE = "in_care", "The experiences and progress of children in care"
    CARE_LEAVERS = "care_leavers", "The experiences and progress of care leavers"
    # Single inspection framework, 2013-2017.
    SIF_HELP_AND_PROTECTION = (
        "sif_help_and_protection",
        "Children who need help and protection",
    )
    SIF_LOOKED_AFTER = (
        "sif_looked_after",
        "Children looked after and achieving permanence",
    )
    SIF_ADOPTION = "sif_adoption", "Adoption performance"
    SIF_CARE_LEAVERS = "sif_care_leavers", "Experiences and progress of care leavers"
    SIF_LEADERSHIP = "sif_leadership", "Leadership, management and governance"


class Section(models.TextChoices):
    """Where a finding sits in a report: the summary, the list of what needs
    to improve, or under one judgement area's heading."""

    SUMMARY = "summary", "Summary"
    WHAT_NEEDS_TO_IMPROVE = "improve", "What needs to improve"
    IMPACT_OF_LEADERS = Area.IMPACT_OF_LEADERS.value, Area.IMPACT_OF_LEADERS.label
    HELP_AND_PROTECTION = Area.HELP_AND_PROTECTION.value, Area.HELP_AND_PROTECTION.label
    CHILDREN_IN_CARE_AND_CARE_LEAVERS = (
        Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS.value,
        Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS.label,
    )
    CHILDREN_IN_CARE = Area.CHILDREN_IN_CARE.value, Area.CHILDREN_IN_CARE.label
    CARE_LEAVERS = Area.CARE_LEAVERS.value, Area.CARE_LEAVERS.label
    SIF_HELP_AND_PROTECTION = (
        Area.SIF_HELP_AND_PROTECTION.value,
        Area.SIF_HELP_AND_PROTECTION.label,
    )
    SIF_LOOKED_AFTER = Area.SIF_LOOKED_AFTER.value, Area.SIF_LOOKED_AFTER.label
    SIF_ADOPTION = Area.SIF_ADOPTION.value, Area.SIF_ADOPTION.label
    SIF_CARE_LEAVERS = Area.SIF_CARE_LEAVERS.value, Area.SIF_CARE_LEAVERS.label
    SIF_LEADERSHIP = Area.SIF_LEADERSHIP.value, Area.SIF_LEADERSHIP.label
    # Visit letters are not split by judgement area.
    MAIN_FINDINGS = "main_findings", "Main findings"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    AREA_FOR_IMPROVEMENT = "improvement", "Area for improvement"
    UNCLASSIFIED = "unclassified", "Not yet classified"
