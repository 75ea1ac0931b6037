"""The layering in pyproject.toml (docs/architecture.md) is enforced by
import-linter in `make check`: shown here on a copy of the code, where one
forbidden import breaks the build and the untouched copy passes."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["config", "core", "inspections", "people", "quotes", "quotecheck"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint(folder):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_code_as_it_is_keeps_every_contract(copy_of_the_code):
    result = lint(copy_of_the_code)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # A lower app reaching up.
        ("inspections/_upward.py", "import quotes.models\n", "The apps are layered"),
        # The quote check reaching past inspections.
        ("quotecheck/_sideways.py", "import people.models\n", "The apps are layered"),
        # The shared foundation reaching into a domain app.
        ("core/_into_a_domain.py", "import inspections.models\n", "The shared foundation"),
        # A domain app using core's composition modules.
        ("people/_composed.py", "import core.views\n", "No domain app imports"),
    ],
)
def test_a_forbidden_import_breaks_the_check(copy_of_the_code, module, line, contract):
    (copy_of_the_code / module).write_text(line)
    result = lint(copy_of_the_code)
    assert result.returncode == 1, result.stdout
    # The report names each broken contract under "Broken contracts", and
    # the forbidden import itself (an import of a composition module also
    # reaches every app above, so one line may break two contracts).
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken, result.stdout
    imported = line.split()[1]
    assert f"{module[:-3].replace('/', '.')} -> {imported}" in broken, result.stdout
