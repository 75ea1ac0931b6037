"""Import the national reference list of local authorities and the latest
ILACS outcome of each, from the data-to-insight CSV files.

The outcomes file is real and messy. Every row either imports or is reported
with its line number and the reason; an unreadable grade is recorded as not
known, never guessed; and a file that cannot be read at all writes nothing.
Running an import again changes nothing that has not changed in the file.

A value longer than its model field allows skips its row, named with the
column and the limit (PostgreSQL would refuse the whole import, a 500 in the
admin; SQLite would store it whole). A report link that is not a web
address (``javascript:``, ``data:``) is dropped with a note and the row kept:
its grades and dates are the record, the link an extra, as with a grade that
cannot be read.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.choices import Status
from core.errors import UserFacingError
from core.validators import is_web_url
from inspections.choices import Area, Grade, InspectionKind
from inspections.models import (
    AuthorityType,
    Inspection,
    Judgement,
    LocalAuthority,
    Region,
    StatisticalNeighbour,
)

MAX_BYTES = 5 * 1024 * 1024
# The most rows an upload in the admin imports inside the request, which is
# stopped at 30 s. A row costs 2.4 ms (authorities) to 6.1 ms (outcomes) on
# SQLite, more on PostgreSQL over a network; 1,000 rows is about 6 s, six
# times the national files (156 and 153 rows). A larger file, which 5 MB of
# short rows can be (100,000 rows: about ten minutes), is imported in the
# background instead (importing/tasks.py); the commands take any number.
ADMIN_MAX_ROWS = 1_000
EMPTY = {"", "nan", "none", "null", "n/a", "na"}

GRADES = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "inadequate": Grade.INADEQUATE,
}
FRAMEWORKS = {"standard": InspectionKind.ILACS_STANDARD, "short": InspectionKind.ILACS_SHORT}
AUTHORITY_TYPES = {choice.label.lower(): choice.value for choice in AuthorityType}
REGIONS = set(Region.values)
REGION_NAMES = {choice.label.lower(): choice.value for choice in Region}
# The outcomes file marks a care leavers grade that did not exist yet: before
# 2023 children in care and care leavers were graded together.
PRE_DATES_JUDGEMENT = "inspection_pre_dates_judgement"

AUTHORITY_COLUMNS = ["urn", "la_code", "local_authority_ons_name", "region_code", "stat_neighbours"]
OUTCOME_COLUMNS = [
    "urn",
    "la_code",
    "local_authority",
    "inspection_link",
    "overall_effectiveness_grade",
    "inspection_framework",
    "inspector_name",
    "inspection_start_date",
    "inspection_end_date",
    "publication_date",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
]


class ImportFileError(UserFacingError):
    """The file as a whole cannot be imported; nothing has been written."""


@dataclass
class ImportReport:
    source: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    def count(self, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self):
        return (
            f"{self.source}: {self.rows} rows: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped."
        )


class RowError(ValueError):
    """One row cannot be imported; the reason is shown with its line number."""


def read_rows(data, required, source, max_rows=None, command=""):
    """Decode and parse a CSV upload, or refuse the whole file (one of more
    than ``max_rows`` rows too, naming ``command``, which takes any number)."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MB; is it the right file?",
            "too_large",
        )
    # Anywhere in the file, not only at its start: PostgreSQL cannot store
    # NUL in text, and one far down the file would fail the whole import.
    if b"\x00" in data:
        raise ImportFileError(f"{source} is not a text CSV file.", "not_csv")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{source} is not UTF-8 text. Save it as “CSV UTF-8” and try again.", "encoding"
        ) from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = [name.strip() for name in (reader.fieldnames or [])]
        missing = [column for column in required if column not in header]
        if missing:
            raise ImportFileError(
                f"{source} is missing the column(s) {', '.join(missing)}; is it the right file?",
                "columns",
            )
        reader.fieldnames = header
        # Line numbers as a spreadsheet shows them: the header is line 1.
        rows = [(number, row) for number, row in enumerate(reader, start=2)]
    except csv.Error as exc:
        raise ImportFileError(f"{source} cannot be read as CSV: {exc}.", "not_csv") from None
    if max_rows is not None and len(rows) > max_rows:
        raise ImportFileError(
            f"{source} has {len(rows):,} rows, more than the {max_rows:,} that can be imported "
            f"here; the national file has about 160. To import it, run: "
            f"python manage.py {command} {source}",
            "too_many_rows",
        )
    return rows


def clean(value):
    """The cell's text, or None for the many ways the files say "nothing"."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return None if value.lower() in EMPTY else value


def parse_date(value, what):
    value = clean(value)
    if value is None:
        return None
    for pattern in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise RowError(f"{what} “{value}” is not a date (expected dd/mm/yyyy)")


def name_key(name):
    """Names compared loosely: "telford & wrekin" is "Telford and Wrekin"."""
    name = (name or "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name).split())


def person_name(value):
    """Lower-case names in the file, written as names ("jenny -ellen" too)."""
    value = clean(value)
    if value is None:
        return ""
    value = re.sub(r"\s*-\s*", "-", value)
    return re.sub(r"[^\s\-']+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:], value)


def codes(value):
    return [code for code in (clean(part) for part in (value or "").split(",")) if code]


def apply(instance, values):
    """Set values; say whether anything changed (so a re-run changes nothing)."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def check_lengths(model, values, columns):
    """Refuse the row if a value is longer than its model field allows;
    ``columns`` names the file's column each field's value came from."""
    for name, value in values.items():
        limit = model._meta.get_field(name).max_length
        if limit and isinstance(value, str) and len(value) > limit:
            raise RowError(f"{columns.get(name, name)} is longer than {limit} characters")


def provenance(report, number, now):
    # An uploaded file's name may run to 255 characters; the field keeps 200.
    limit = LocalAuthority._meta.get_field("source_file").max_length
    return {"source_file": report.source[:limit], "source_row": number, "imported_at": now}


def save_with_provenance(instance, values, report, number, now):
    """Create or update; provenance is refreshed only when something changed."""
    creating = instance.pk is None
    if apply(instance, values) or creating:
        apply(instance, provenance(report, number, now))
        instance.save()
        return "created" if creating else "updated"
    return "unchanged"


def import_authorities(
    data, source, progress: Callable | None = None, max_rows=None, may_change_public=True
):
    rows = read_rows(data, AUTHORITY_COLUMNS, source, max_rows, "import_authorities")
    report = ImportReport(source=source, rows=len(rows))
    now = timezone.now()
    neighbour_codes = {}
    with transaction.atomic():
        for index, (number, row) in enumerate(rows, start=1):
            try:
                authority, outcome = import_authority(row, report, number, now, may_change_public)
            except RowError as exc:
                report.skipped.append((number, str(exc)))
            else:
                report.count(outcome)
                neighbour_codes[authority.pk] = (number, codes(row.get("stat_neighbours")))
            if progress:
                progress(index, len(rows))
        link_neighbours(neighbour_codes, report)
    return report


def import_authority(row, report, number, now, may_change_public=True):
    name = clean(row.get("local_authority_ons_name"))
    urn = clean(row.get("urn"))
    la_code = clean(row.get("la_code"))
    if not name:
        raise RowError("no authority name")
    if not (urn or la_code):
        raise RowError(f"{name} has neither an Ofsted URN nor an LA code")
    region = clean(row.get("region_code"))
    if region not in REGIONS:
        # The file also names the region; use that before giving up.
        region_name = clean(row.get("region_name")) or clean(row.get("rgn22nm"))
        by_name = REGION_NAMES.get((region_name or "").lower(), "")
        if by_name:
            report.notes.append(
                (number, f"{name}: region code “{region}”; region taken from its name")
            )
        else:
            report.notes.append((number, f"{name}: region “{region}” not known; left blank"))
        region = by_name
    kind = clean(row.get("ons_la_type"))
    authority_type = AUTHORITY_TYPES.get((kind or "").lower(), "")
    if kind and not authority_type:
        report.notes.append((number, f"{name}: authority type “{kind}” not known; left blank"))
    ons_column = "la_code_new" if clean(row.get("la_code_new")) else "ltla23cd"
    values = {
        "name": name,
        "ofsted_urn": urn or "",
        "la_code": la_code or "",
        "ons_code": clean(row.get(ons_column)) or "",
        "region": region,
        "authority_type": authority_type,
        "population_0_25": population_count(row, report, number, name),
    }
    check_lengths(
        LocalAuthority,
        values,
        {
            "name": "local_authority_ons_name",
            "ofsted_urn": "urn",
            "la_code": "la_code",
            "ons_code": ons_column,
        },
    )
    authority = (
        (urn and LocalAuthority.objects.filter(ofsted_urn=urn).first())
        or (la_code and LocalAuthority.objects.filter(la_code=la_code).first())
        or LocalAuthority.objects.filter(slug=slugify(name)).first()
        or LocalAuthority()  # its slug is made from its name as it is saved
    )
    if not may_change_public and authority.pk:
        refuse_public_changes(authority, values)
    return authority, save_with_provenance(authority, values, report, number, now)


def refuse_public_changes(authority, values):
    """An authority the public sees changes only by a publisher's hand: an
    editor's import may add authorities and leave the rest as they are, as
    the admin's change page would let them (ShownWhenPublishedAdmin)."""
    changed = [field for field, value in values.items() if getattr(authority, field) != value]
    if changed and LocalAuthority.objects.public().filter(pk=authority.pk).exists():
        raise RowError(
            f"{authority.name} is on the public record, so only a publisher may change its "
            f"{', '.join(field.replace('_', ' ') for field in changed)}"
        )


def population_count(row, report, number, name):
    """The population cell as a count, None if it is not one (as before), with
    a note if it is a count too large for the field to hold."""
    population = clean(row.get("ons_population_0-25"))
    if not (population and population.isdecimal()):
        return None
    value = int(population)
    try:
        LocalAuthority._meta.get_field("population_0_25").run_validators(value)
    except ValidationError:
        report.notes.append((number, f"{name}: population “{population}” is too large; left blank"))
        return None
    return value


def link_neighbours(neighbour_codes, report):
    by_code = dict(LocalAuthority.objects.exclude(la_code="").values_list("la_code", "pk"))
    for authority_pk, (number, listed) in neighbour_codes.items():
        wanted = []
        for code in listed:
            if code not in by_code:
                report.notes.append((number, f"statistical neighbour LA code {code} not known"))
            elif by_code[code] != authority_pk and by_code[code] not in wanted:
                wanted.append(by_code[code])
        current = list(
            StatisticalNeighbour.objects.filter(authority_id=authority_pk)
            .order_by("rank")
            .values_list("neighbour_id", flat=True)
        )
        if current != wanted:
            StatisticalNeighbour.objects.filter(authority_id=authority_pk).delete()
            StatisticalNeighbour.objects.bulk_create(
                StatisticalNeighbour(authority_id=authority_pk, neighbour_id=pk, rank=rank)
                for rank, pk in enumerate(wanted, start=1)
            )


def import_outcomes(data, source, progress: Callable | None = None, max_rows=None):
    rows = read_rows(data, OUTCOME_COLUMNS, source, max_rows, "import_outcomes")
    report = ImportReport(source=source, rows=len(rows))
    now = timezone.now()
    authorities = Authorities()
    with transaction.atomic():
        for index, (number, row) in enumerate(rows, start=1):
            try:
                report.count(import_outcome(row, authorities, report, number, now))
            except RowError as exc:
                report.skipped.append((number, str(exc)))
            if progress:
                progress(index, len(rows))
    return report


class Authorities:
    """Finds the authority a row means: by URN, then LA code, then name."""

    def __init__(self):
        everyone = list(LocalAuthority.objects.all())
        self.by_urn = {a.ofsted_urn: a for a in everyone if a.ofsted_urn}
        self.by_code = {a.la_code: a for a in everyone if a.la_code}
        self.by_name = {}
        for a in everyone:
            for name in (a.name, a.official_name, a.slug.replace("-", " ")):
                if name:
                    self.by_name.setdefault(name_key(name), a)

    def find(self, row):
        urn, code, name = (clean(row.get(k)) for k in ("urn", "la_code", "local_authority"))
        found = self.by_urn.get(urn) or self.by_code.get(code) or self.by_name.get(name_key(name))
        if found is None:
            raise RowError(
                f"no authority with URN {urn or '(none)'}, LA code {code or '(none)'} "
                f"or name “{name or ''}”; import the authorities list first"
            )
        return found


def grade(value, what, report, number, name):
    text = clean(value)
    if text is None:
        report.notes.append((number, f"{name}: {what} grade is blank; recorded as not known"))
        return Grade.UNKNOWN
    if text.lower() in GRADES:
        return GRADES[text.lower()]
    report.notes.append((number, f"{name}: {what} grade “{text}” not known; recorded as such"))
    return Grade.UNKNOWN


def import_outcome(row, authorities, report, number, now):
    authority = authorities.find(row)
    name = authority.name
    start = parse_date(row.get("inspection_start_date"), "start date")
    end = parse_date(row.get("inspection_end_date"), "end date")
    published = parse_date(row.get("publication_date"), "publication date")
    if start and end and end < start:
        raise RowError(f"{name}: end date {end} is before start date {start}")
    if start is None:
        report.notes.append((number, f"{name}: no inspection dates; imported without them"))
    framework = (row.get("inspection_framework") or "").strip()
    kind = FRAMEWORKS.get(framework.lower(), InspectionKind.ILACS)
    if kind == InspectionKind.ILACS:
        report.notes.append(
            (number, f"{name}: framework cell “{framework}”: short or standard not recorded")
        )
    if not clean(row.get("inspector_name")):
        report.notes.append((number, f"{name}: lead inspector not recorded"))
    overall = grade(row.get("overall_effectiveness_grade"), "overall", report, number, name)
    judgements = row_judgements(row, report, number, name)
    link = clean(row.get("inspection_link")) or ""
    if link and not is_web_url(link):
        shown = link if len(link) <= 60 else link[:59] + "…"
        report.notes.append(
            (number, f"{name}: report link “{shown}” is not a web address; imported without it")
        )
        link = ""
    lead_inspector = person_name(row.get("inspector_name"))
    check_lengths(
        Inspection,
        {"lead_inspector": lead_inspector, "report_url": link},
        {"lead_inspector": "inspector_name", "report_url": "inspection_link"},
    )
    inspection = find_inspection(authority, link, start) or Inspection(
        authority=authority, status=Status.PUBLISHED
    )
    values = {
        "kind": kind,
        "start_date": start,
        "end_date": end,
        "published_on": published,
        "lead_inspector": lead_inspector,
        "overall_grade": overall,
        "report_url": link,
    }
    outcome = save_with_provenance(inspection, values, report, number, now)
    if set_judgements(inspection, judgements) and outcome == "unchanged":
        outcome = "updated"
    return outcome


def row_judgements(row, report, number, name):
    """The row's grade for each area; before 2023 children in care and care
    leavers were one area."""
    judgements = {
        Area.IMPACT_OF_LEADERS: grade(
            row.get("impact_of_leaders_grade"), "impact of leaders", report, number, name
        ),
        Area.HELP_AND_PROTECTION: grade(
            row.get("help_and_protection_grade"), "help and protection", report, number, name
        ),
    }
    in_care = grade(row.get("in_care_grade"), "children in care", report, number, name)
    if (clean(row.get("care_leavers_grade")) or "").lower() == PRE_DATES_JUDGEMENT:
        judgements[Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS] = in_care
    else:
        judgements[Area.CHILDREN_IN_CARE] = in_care
        judgements[Area.CARE_LEAVERS] = grade(
            row.get("care_leavers_grade"), "care leavers", report, number, name
        )
    return judgements


def find_inspection(authority, link, start: date | None):
    found = authority.inspections.filter(report_url=link).first() if link else None
    if found is None and start is not None:
        found = authority.inspections.filter(start_date=start).first()
    return found


def set_judgements(inspection, wanted):
    current = dict(inspection.judgements.values_list("area", "grade"))
    if current == wanted:
        return False
    inspection.judgements.exclude(area__in=wanted).delete()
    for area, value in wanted.items():
        Judgement.objects.update_or_create(
            inspection=inspection, area=area, defaults={"grade": value}
        )
    return True
