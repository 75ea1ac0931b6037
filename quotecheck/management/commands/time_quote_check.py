"""Time the quote check end to end on whatever data the database holds.

    DATABASE_URL=postgres://.../ofsted_bench python manage.py time_quote_check

Each check is one call of check_passages with passages taken from random
published findings (a stretch of 12 to 30 words, most altered slightly: a
British spelling made American, a comma dropped, a word left out, a "not"
put in) and one invented sentence, as a newsroom would paste them. The
passages are picked with a seeded random generator, so a run is repeatable
on the same data. Nothing is written to the database.

Prints one line: "quote check: median 0.12 s, p95 0.20 s over 20 checks".
The first check of a process also reads word frequencies (cached for an
hour); it runs once before timing and its time is reported with -v 2.
"""

import random
import statistics
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max, Min

from inspections.models import Finding
from quotecheck.engine import check_passages

INVENTED = [
    "The council has opened a new swimming pool for every child in the borough.",
    "Inspectors found that every social worker in the authority now has a company car.",
    "Children told inspectors that the pizza in the family centre is the best in England.",
]
AMERICAN = {
    "organise": "organize",
    "recognise": "recognize",
    "prioritise": "prioritize",
    "behaviour": "behavior",
    "well-being": "wellbeing",
    "programme": "program",
    "judgement": "judgment",
    "focused": "focussed",
    "centred": "centered",
}


class Command(BaseCommand):
    help = "Time check_passages end to end (median and 95th percentile)."

    def add_arguments(self, parser):
        parser.add_argument("--checks", type=int, default=20, help="Checks to time (20).")
        parser.add_argument(
            "--passages", type=int, default=5, help="Passages from findings per check (5)."
        )
        parser.add_argument("--seed", type=int, default=9, help="Random seed (9).")
        parser.add_argument("--database", default="default")

    def handle(self, *args, checks, passages, seed, database, verbosity, **options):
        if checks < 1 or passages < 1:
            raise CommandError("--checks and --passages must be at least 1.")
        rng = random.Random(seed)
        findings = Finding.objects.using(database).published()
        bounds = findings.aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            raise CommandError("There are no published findings to take passages from.")

        texts, sources = [], []
        for _ in range(checks + 1):
            picked = [self.passage(findings, bounds, rng) for _ in range(passages)]
            texts.append("\n".join([text for text, _ in picked] + [rng.choice(INVENTED)]))
            sources.append([stretch for _, stretch in picked])

        started = time.perf_counter()
        check_passages(texts[0], using=database)  # warms the word-frequency cache
        cold = time.perf_counter() - started

        timings, traced = self.time_checks(texts[1:], sources[1:], database)
        timings.sort()
        median = statistics.median(timings)
        p95 = timings[max(0, -(-95 * len(timings) // 100) - 1)]  # nearest rank
        if verbosity >= 2:
            self.stdout.write(
                f"first check (reads word frequencies): {cold:.2f} s; slowest {timings[-1]:.2f} s; "
                f"{passages + 1} passages a check"
            )
            self.stdout.write(traced)
        self.stdout.write(
            f"quote check: median {median:.2f} s, p95 {p95:.2f} s over {len(timings)} checks"
        )

    def time_checks(self, texts, sources, database):
        """The seconds each check took, and a line on how many passages
        were traced to their findings and how many invented ones found."""
        timings = []
        traced = total = invented_found = 0
        verdicts = Counter()
        for text, stretches in zip(texts, sources, strict=True):
            started = time.perf_counter()
            result = check_passages(text, using=database)
            timings.append(time.perf_counter() - started)
            *from_findings, invented = result.results
            invented_found += invented.verdict != "not_found"
            for item, stretch in zip(from_findings, stretches, strict=True):
                total += 1
                verdicts[item.verdict] += 1
                # Traced: to the finding it was taken from, or to one with
                # the very same words (generated data repeats sentences).
                traced += item.best is not None and stretch in item.best.finding.text
        line = (
            f"{traced} of {total} passages from findings traced to their words "
            f"({', '.join(f'{n} {v}' for v, n in sorted(verdicts.items()))}); "
            f"invented sentences found: {invented_found}"
        )
        return timings, line

    def passage(self, findings, bounds, rng):
        """A stretch of a random published finding, most often altered a
        little, and the stretch as the finding has it."""
        while True:
            pk = rng.randint(bounds["low"], bounds["high"])
            finding = findings.filter(pk__gte=pk).order_by("pk").only("text").first()
            if finding is not None and len(finding.text.split()) >= 8:
                break
        words = finding.text.split()
        length = min(len(words), rng.randint(12, 30))
        start = rng.randint(0, len(words) - length)
        words = words[start : start + length]
        stretch = " ".join(words)
        change = rng.choice(["none", "spelling", "comma", "drop", "negate"])
        if change == "spelling":
            words = [AMERICAN.get(w, w) for w in words]
        elif change == "comma":
            words = [w.rstrip(",") for w in words]
        elif change == "drop" and len(words) > 12:
            del words[rng.randint(1, len(words) - 2)]
        elif change == "negate":
            words.insert(rng.randint(1, len(words) - 1), "not")
        return " ".join(words), stretch
