"""Production settings: refuse to start without a secret key or host list; pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LONG_KEY = "k" * 10 + "Zx9-Qw7_Er5!Ty3@Ui1#Op8$As6%Df4^Gh2&Jk0*Lz" + "m" * 20


def manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_start_without_secret_key_fails_with_a_clear_message():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="esflow.example.pl")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "required when DJANGO_DEBUG is off" in result.stderr


def test_production_start_without_allowed_hosts_fails_with_a_clear_message():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=LONG_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_check_deploy_passes_without_warnings_with_production_values():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=LONG_KEY,
        DJANGO_ALLOWED_HOSTS="x",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_in_debug_mode():
    """The check itself is live: with development settings it does complain."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_DEBUG="1")
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout


@pytest.mark.parametrize("value", ["0", "false", "off", "no"])
def test_debug_off_spellings_all_mean_production(value):
    result = manage("check", DJANGO_DEBUG=value, DJANGO_ALLOWED_HOSTS="x")
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_collectstatic_builds_the_hashed_manifest_in_production(tmp_path):
    """Production serves static files from a hashed manifest: every CSS reference must
    resolve (an installed app shipping a stylesheet with missing fonts would break it)."""
    result = manage(
        "collectstatic",
        "--no-input",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=LONG_KEY,
        DJANGO_ALLOWED_HOSTS="x",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "staticfiles.json").exists()
