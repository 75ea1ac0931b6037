"""No module of the apps grows past what a newcomer can read in one sitting:
800 lines, migrations aside (docs/architecture.md says where to split)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["config", "core", "inspections", "people", "quotes", "quotecheck"]
LIMIT = 800


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_there_are_modules_to_measure():
    assert len(list(app_modules())) > 40


@pytest.mark.parametrize("path", list(app_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_app_module_is_over_800_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, f"{path.relative_to(ROOT)} has {lines} lines; split it by job"
