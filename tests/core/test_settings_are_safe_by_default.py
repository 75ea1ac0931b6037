"""Settings come from the environment: with nothing set they are a local
development set-up; production (DEBUG off) refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s" * 60


def settings_with(**env):
    """Import the settings in a fresh interpreter with exactly these variables."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "PAGE_CACHE_SECONDS",
            "DATABASE_STATEMENT_TIMEOUT_MS",
        }
    }
    code = (
        "import json, config.settings as s; print(json.dumps({'debug': s.DEBUG, "
        "'engine': s.DATABASES['default']['ENGINE'], 'hosts': s.ALLOWED_HOSTS, "
        "'static': s.STORAGES['staticfiles']['BACKEND'], "
        "'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), "
        "'page_cache': s.PAGE_CACHE_SECONDS, "
        "'options': s.DATABASES['default'].get('OPTIONS', {})}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_variables_gives_local_development_on_sqlite():
    result = settings_with()
    assert result.returncode == 0, result.stderr
    assert '"debug": true' in result.stdout
    assert "sqlite3" in result.stdout
    assert '"localhost"' in result.stdout


def test_database_url_selects_postgresql():
    result = settings_with(DATABASE_URL="postgres://u:p@db.example:5432/record")
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.postgresql" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "False", "ALLOWED_HOSTS": "record.example"}, "SECRET_KEY must be set"),
        ({"DEBUG": "False", "SECRET_KEY": SECRET}, "ALLOWED_HOSTS must list"),
        ({"DEBUG": "False", "SECRET_KEY": "short", "ALLOWED_HOSTS": "x"}, "SECRET_KEY must be set"),
        ({"DEBUG": "perhaps"}, "DEBUG must be true or false"),
    ],
)
def test_production_refuses_to_start_half_configured(env, message):
    result = settings_with(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_uses_hashed_compressed_static_files_and_https():
    result = settings_with(DEBUG="False", SECRET_KEY=SECRET, ALLOWED_HOSTS="record.example")
    assert result.returncode == 0, result.stderr
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in result.stdout
    assert '"hsts": 31536000' in result.stdout


def test_the_page_cache_is_on_in_production_and_off_while_developing():
    production = settings_with(DEBUG="False", SECRET_KEY=SECRET, ALLOWED_HOSTS="record.example")
    assert '"page_cache": 600' in production.stdout, production.stderr
    assert '"page_cache": 0' in settings_with().stdout


def test_the_page_cache_lifetime_must_be_a_number():
    result = settings_with(PAGE_CACHE_SECONDS="ten minutes")
    assert result.returncode != 0
    assert "PAGE_CACHE_SECONDS must be a whole number" in result.stderr


def test_postgresql_statements_are_cut_off_after_30_seconds_unless_told_otherwise():
    url = "postgres://u:p@db.example:5432/record"
    assert "statement_timeout=30000" in settings_with(DATABASE_URL=url).stdout
    told = settings_with(DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT_MS="5000")
    assert "statement_timeout=5000" in told.stdout
    # SQLite has no such setting and gets none.
    assert "statement_timeout" not in settings_with().stdout


def test_postgresql_connections_do_not_compile_queries_just_in_time():
    url = "postgres://u:p@db.example:5432/record"
    assert "jit=off" in settings_with(DATABASE_URL=url).stdout
    assert "jit" not in settings_with().stdout
