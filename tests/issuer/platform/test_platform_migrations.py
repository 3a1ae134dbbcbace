"""The migrations say what the models say, and (before the first release) each app has one initial migration."""
from pathlib import Path

import pytest
from django.core.management import call_command

import issuer

APPS = ("structures", "intake", "credentials", "review", "endorsements", "claim")


def test_the_models_need_no_new_migration(db):
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exc:  # --check exits 1 when a model changed without its migration
        pytest.fail(f"a model changed without its migration: run makemigrations (exit {exc.code})")


@pytest.mark.parametrize("app", APPS)
def test_each_app_has_one_initial_migration(app):
    folder = Path(issuer.__file__).parent / app / "migrations"
    assert sorted(p.name for p in folder.glob("0*.py")) == ["0001_initial.py"]
