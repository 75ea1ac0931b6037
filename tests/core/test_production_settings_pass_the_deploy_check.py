"""`manage.py check --deploy` reports nothing under production settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        # The test run's own DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright) is
        # rightly an error in production, so it is not passed on.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_in_production():
    result = run_check(
        DEBUG="False",
        SECRET_KEY="k" * 20 + "production-secret-for-the-check-only-" + "x" * 20,
        ALLOWED_HOSTS="record.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_complains_about_development_settings():
    result = run_check(DEBUG="True")
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr
