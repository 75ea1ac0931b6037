"""What a check answers: each passage's verdict, the findings it was traced
to and how they differ, as objects for the pages and as dicts for the JSON
API (whose format is public: tools depend on it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from quotecheck.render import render_paragraph, render_parts

from .align import Alignment
from .limits import Budget
from .passages import Passage, Skipped

VERDICTS = {
    "exact": "Exact",
    "differs": "Found, with differences",
    "altered": "Altered",
    "not_found": "Not found in any report we hold",
}
# A passage the check did not reach: its verdict, label and what the answer says.
UNCHECKED = "unchecked"
UNCHECKED_LABEL = "Not checked: too complex to check in full"
TOO_COMPLEX = "This text is too complex to check in full"


@dataclass
class Match:
    """A passage lined up with one published finding."""

    finding: object  # Finding, with inspection and authority loaded
    alignment: Alignment

    @property
    def score(self):
        return self.alignment.score

    @property
    def verdict(self):
        return self.alignment.verdict

    @property
    def differences(self):
        return self.alignment.differences

    @property
    def meaning_changes(self):
        return [p for p in self.differences if p.meaning]

    @property
    def inspection(self):
        return self.finding.inspection

    @property
    def where(self):
        """ "paragraph 3" or the section's name for unnumbered findings."""
        if self.finding.paragraph_number:
            return f"paragraph {self.finding.paragraph_number}"
        return self.finding.get_section_display().lower()

    @property
    def url(self):
        return self.finding.get_absolute_url()

    @property
    def percent(self):
        return round(self.score * 100)

    # The HTML itself is quotecheck.render's, outside the engine.

    def paragraph_html(self):
        """The report's paragraph, escaped, with the matched stretch(es) in
        <mark>."""
        return render_paragraph(self.finding.text, self.alignment.spans)

    def diff_html(self):
        """The quotation as given, each difference from the report marked
        with <ins>/<del> and a label screen readers read out."""
        return render_parts(self.alignment.parts)

    def as_dict(self, build_url=lambda url: url, closest=False):
        """The match for the JSON answer. A closest paragraph (the passage was
        not found) carries what the page shows of it, not the list of its
        differences, which for a paragraph that is not the source is most of
        its words: 50 such passages made a 17 KB request answer 2 MB."""
        finding = self.finding
        inspection = finding.inspection
        answer = {
            "score": self.score,
            "verdict": self.verdict,
            "inspection": {
                "title": str(inspection),
                "slug": inspection.slug,
                "url": build_url(inspection.get_absolute_url()),
                "published_on": inspection.published_on.isoformat()
                if inspection.published_on
                else None,
            },
            "authority": {"name": inspection.authority.name, "slug": inspection.authority.slug},
            "section": finding.section,
            "section_label": finding.get_section_display(),
            "paragraph_number": finding.paragraph_number,
            "permalink": build_url(finding.get_absolute_url()),
            "matched_text": " … ".join(finding.text[a:b] for a, b in self.alignment.spans),
            "paragraph": finding.text,
            "differences": [p.as_dict() for p in self.differences],
        }
        if closest:
            del answer["matched_text"], answer["differences"]
        return answer


@dataclass
class PassageResult:
    passage: Passage
    matches: list[Match] = field(default_factory=list)  # found, best first
    closest: list[Match] = field(default_factory=list)  # when not found
    more: int = 0  # further findings with the same passage, not listed
    unchecked: bool = False  # the check's budget ran out before this passage

    @property
    def position(self):
        return self.passage.position

    @property
    def quote(self):
        return self.passage.text

    @property
    def verdict(self):
        if self.unchecked:
            return UNCHECKED
        return self.matches[0].verdict if self.matches else "not_found"

    @property
    def verdict_label(self):
        return VERDICTS.get(self.verdict, UNCHECKED_LABEL)

    @property
    def best(self):
        return self.matches[0] if self.matches else None

    @property
    def explanation(self):
        best = self.best
        if self.unchecked:
            return (
                f"{TOO_COMPLEX}: the check did all the work one check may before it reached "
                "this passage. Check it on its own, or fewer passages at a time."
            )
        if best is None:
            if self.closest:
                return (
                    "No paragraph we hold is close enough. The closest are listed below "
                    "with how much of the wording they share."
                )
            return "No paragraph we hold shares enough of these words."
        if self.verdict == "exact":
            text = "Word for word what the report says"
            if best.alignment.omitted_words:
                text += " (the ellipsis leaves words out, which is not a difference)"
            return text + "."
        count = len(best.differences)
        listed = f"{count} difference{'s' if count != 1 else ''} from the report"
        if self.verdict == "altered":
            reasons = sorted({p.meaning for p in best.meaning_changes})
            return f"Found, but altered: the quotation changes {', '.join(reasons)}. {listed}."
        return f"Found, with {listed}, none of which changes the meaning."

    def as_dict(self, build_url=lambda url: url):
        return {
            "position": self.position,
            "quote": self.quote,
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "explanation": self.explanation,
            "matches": [m.as_dict(build_url) for m in self.matches],
            "more_matches": self.more,
            "closest": [m.as_dict(build_url, closest=True) for m in self.closest],
        }


@dataclass
class CheckResult:
    results: list[PassageResult]
    skipped: list[Skipped]
    seconds: float = 0.0
    budget: Budget = field(default_factory=Budget)  # the work allowed, and spent

    @property
    def complete(self):
        """Whether every passage was checked (the budget sufficed)."""
        return not any(r.unchecked for r in self.results)

    def counts(self):
        """Passages by verdict; "unchecked" only when the check did not
        finish, so a complete check's counts are as they always were."""
        counts = dict.fromkeys(VERDICTS, 0)
        for result in self.results:
            counts[result.verdict] = counts.get(result.verdict, 0) + 1
        return counts

    @property
    def summary(self):
        """ "18 passages: 11 exact, 7 with differences, 0 altered, 0 not found"."""
        c = self.counts()
        n = len(self.results)
        summary = (
            f"{n} passage{'s' if n != 1 else ''}: {c['exact']} exact, "
            f"{c['differs']} with differences, {c['altered']} altered, "
            f"{c['not_found']} not found"
        )
        if not self.complete:
            summary += f", {c[UNCHECKED]} not checked. {TOO_COMPLEX}"
        return summary

    def as_dict(self, build_url=lambda url: url):
        data = {
            "summary": self.summary,
            "counts": {"passages": len(self.results), **self.counts()},
            "complete": self.complete,
            "results": [r.as_dict(build_url) for r in self.results],
            "skipped": [{"text": s.text, "reason": s.reason} for s in self.skipped],
        }
        if not self.complete:
            data["notice"] = self.notice
        return data

    @property
    def notice(self):
        """What to say when the check did not finish, else ""."""
        first = next((r.position for r in self.results if r.unchecked), None)
        if first is None:
            return ""
        return f'{TOO_COMPLEX}: passages from {first} on were not checked (verdict "unchecked").'
