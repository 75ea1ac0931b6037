"""Each passage's verdict: found when a finding lines up at THRESHOLD or
better (its verdict the best source's, with other findings that hold the
passage the same way), otherwise not found, with the closest shown."""

from .limits import MAX_CLOSEST, MAX_MATCHES, THRESHOLD
from .results import PassageResult

VERDICT_ORDER = {"exact": 0, "differs": 1, "altered": 2, "not_found": 3}


def judge(passage, matches):
    """The passage's result: its sources if found (best first), else the
    closest candidates."""
    found = [m for m in matches if m.score >= THRESHOLD]
    if not found:
        closest = sorted(matches, key=lambda m: (-m.score, m.finding.pk))[:MAX_CLOSEST]
        return PassageResult(passage, closest=closest)
    found.sort(key=lambda m: (VERDICT_ORDER[m.verdict], -m.score, m.finding.pk))
    # The passage's verdict is its best source's; other findings are listed
    # only when the passage stands in them as well (boilerplate repeated from
    # report to report), not when it would be "altered" against them.
    same = [m for m in found if m.verdict == found[0].verdict]
    return PassageResult(passage, matches=same[:MAX_MATCHES], more=max(0, len(same) - MAX_MATCHES))
