"""Turn an Ofsted report PDF into a draft inspection with every finding.

Reading the PDF is the job of ``pdf``; this module matches the authority,
writes the draft in one transaction, and suggests themes from the keyword
rules staff keep on each Theme. Nothing imported is public until a person
publishes it.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from core.choices import Status
from core.errors import UserFacingError
from inspections.choices import Section
from inspections.models import Finding, Inspection, Judgement, LocalAuthority, Theme

from .csv import name_key
from .pdf.parser import parse_report
from .pdf.result import ParsedReport

# Words around an authority's name that reports use and our names do not.
NAME_NOISE = re.compile(
    r"\b(london borough of|royal borough of|borough of|city of|county of|council of the|"
    r"metropolitan borough council|metropolitan district council|borough council|"
    r"city council|county council|district council|council)\b"
)


class ReportRefused(UserFacingError):
    """The report was read but must not be written; nothing has been."""


@dataclass
class ImportResult:
    inspection: Inspection
    parsed: ParsedReport
    created: bool
    authority_created: bool
    section_counts: dict = field(default_factory=dict)
    suggested: int = 0

    @property
    def finding_count(self):
        return sum(self.section_counts.values())

    def summary(self):
        verb = "Created" if self.created else "Updated"
        warnings = len(self.parsed.warnings)
        return (
            f"{verb} draft: {self.inspection} ({self.finding_count} findings, "
            f"{len(self.parsed.judgements)} graded areas, {warnings} warning(s))."
        )


def short_name(name):
    return " ".join(NAME_NOISE.sub(" ", name_key(name)).split())


def check_length(model, field, value, what):
    """Refuse a value read from the report that is longer than its field
    holds: PostgreSQL would refuse the whole import (a 500 in the admin)."""
    limit = model._meta.get_field(field).max_length
    if len(value) > limit:
        raise ReportRefused(
            f"The report's {what} as read is longer than {limit} characters, so it "
            "cannot be stored; this is not a report as Ofsted publishes them.",
            "too_long",
        )


def match_authority(printed_name):
    """The authority a report names: "Wokingham Borough Council" is Wokingham."""
    wanted = short_name(printed_name)
    if not wanted:
        raise ReportRefused("The report does not name a local authority.", "no_authority")
    for authority in LocalAuthority.objects.all():
        if wanted in {short_name(authority.name), short_name(authority.official_name or "")}:
            return authority, False
    name = " ".join(word.capitalize() if word.islower() else word for word in wanted.split())
    check_length(LocalAuthority, "name", name, "local authority name")
    check_length(LocalAuthority, "official_name", printed_name.strip(), "local authority name")
    authority = LocalAuthority.objects.create(
        name=name,
        official_name=printed_name.strip(),
    )
    return authority, True


class ThemeRules:
    """Each theme's keywords, one per line. An all-capitals keyword (MASH,
    IRO) must match in capitals; anything else matches in any case. Whole
    words only, so "IRO" does not match inside "environment"."""

    def __init__(self, themes):
        self.rules = []
        for theme in themes:
            patterns = []
            for keyword in theme.keywords.splitlines():
                keyword = keyword.strip()
                if not keyword:
                    continue
                flags = 0 if keyword.isupper() else re.IGNORECASE
                patterns.append(re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)", flags))
            if patterns:
                self.rules.append((theme, patterns))

    def suggest(self, text):
        return [theme for theme, patterns in self.rules if any(p.search(text) for p in patterns)]


def find_existing(authority, parsed):
    same = Inspection.objects.filter(authority=authority, kind=parsed.kind)
    if parsed.start_date:
        return same.filter(start_date=parsed.start_date).first()
    if parsed.publication_date:
        return same.filter(published_on=parsed.publication_date).first()
    return None


def import_report(data, filename):
    """Read a report PDF and write it as a draft. Raises ReportError for a
    file that is not a readable Ofsted report, ReportRefused for one that
    would overwrite a published inspection; either way nothing is written."""
    parsed = parse_report(data)
    with transaction.atomic():
        return write_draft(parsed, filename)


def write_draft(parsed, filename):
    check_length(Inspection, "lead_inspector", parsed.lead_inspector, "lead inspector")
    authority, authority_created = match_authority(parsed.authority_name)
    inspection = find_existing(authority, parsed)
    if inspection is not None and inspection.status == Status.PUBLISHED:
        raise ReportRefused(
            f"{inspection} is already published, so this import would change the public "
            "record. Unpublish it first if the report really has changed.",
            "published",
        )
    created = inspection is None
    if created:
        inspection = Inspection(authority=authority, status=Status.DRAFT)
    save_inspection(inspection, parsed, filename)
    save_judgements(inspection, parsed.judgements)
    suggested = save_findings(inspection, parsed.findings)

    counts = Counter(f.section for f in parsed.findings)
    section_counts = {Section(section).label: n for section, n in counts.items()}
    return ImportResult(
        inspection=inspection,
        parsed=parsed,
        created=created,
        authority_created=authority_created,
        section_counts=section_counts,
        suggested=suggested,
    )


def save_inspection(inspection, parsed, filename):
    inspection.kind = parsed.kind
    inspection.start_date = parsed.start_date
    inspection.end_date = parsed.end_date
    if parsed.publication_date:
        inspection.published_on = parsed.publication_date
    inspection.lead_inspector = parsed.lead_inspector
    inspection.overall_grade = parsed.overall_grade
    inspection.summary = parsed.summary
    inspection.source_file = filename[:200]
    inspection.source_row = None
    inspection.imported_at = timezone.now()
    inspection.save()


def save_judgements(inspection, judgements):
    inspection.judgements.exclude(area__in=judgements).delete()
    for area, grade in judgements.items():
        Judgement.objects.update_or_create(
            inspection=inspection, area=area, defaults={"grade": grade}
        )


def save_findings(inspection, parsed_findings):
    """Write the findings over the inspection's earlier ones, keeping each
    one's confirmed themes; return how many have themes suggested."""
    rules = ThemeRules(Theme.objects.all())
    existing, seen = {}, Counter()
    for finding in inspection.findings.order_by("order", "pk"):
        seen[finding.section] += 1
        existing[finding_key(finding.section, finding.paragraph_number, seen[finding.section])] = (
            finding
        )
    # Per-section position for unnumbered items, so a re-import finds them.
    positions = Counter()
    kept, suggested = set(), 0
    for parsed_finding in parsed_findings:
        positions[parsed_finding.section] += 1
        order = parsed_finding.order
        key = finding_key(
            parsed_finding.section, parsed_finding.number, positions[parsed_finding.section]
        )
        finding = existing.get(key) or Finding(inspection=inspection)
        finding.section = parsed_finding.section
        finding.paragraph_number = parsed_finding.number
        finding.text = parsed_finding.text
        finding.order = order
        finding.save()
        kept.add(finding.pk)
        confirmed = set(finding.themes.values_list("pk", flat=True))
        suggestions = [t for t in rules.suggest(finding.text) if t.pk not in confirmed]
        finding.suggested_themes.set(suggestions)
        suggested += bool(suggestions)
    inspection.findings.exclude(pk__in=kept).delete()
    return suggested


def finding_key(section, number, position):
    """Numbered paragraphs by number; unnumbered items by section and place."""
    return ("n", number) if number is not None else (section, position)


__all__ = ["ImportResult", "ReportRefused", "import_report", "match_authority"]
