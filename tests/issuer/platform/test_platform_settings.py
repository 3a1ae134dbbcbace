"""Settings come from the environment only: secrets kept 0600, database and e-mail URLs, clear errors."""
import os
import stat
import subprocess
import sys

import pytest

from issuer import conf


def test_secret_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("DIVA_TEST_SECRET", raising=False)
    first = conf.kept_secret("DIVA_TEST_SECRET", "s", tmp_path)
    assert conf.kept_secret("DIVA_TEST_SECRET", "s", tmp_path) == first and len(first) > 40
    assert stat.S_IMODE(os.stat(tmp_path / "s").st_mode) == 0o600
    monkeypatch.setenv("DIVA_TEST_SECRET", "from-env")
    assert conf.kept_secret("DIVA_TEST_SECRET", "s", tmp_path) == "from-env"


def test_database_url(tmp_path, monkeypatch):
    monkeypatch.delenv("DIVA_ISSUER_DATABASE_URL", raising=False)
    sqlite = conf.database(tmp_path)
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3" and sqlite["NAME"] == str(tmp_path / "issuer.sqlite3")
    monkeypatch.setenv("DIVA_ISSUER_DATABASE_URL", "postgresql://diva:pw@db.example.org:5433/badges")
    pg = conf.database(tmp_path)
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["HOST"], pg["PORT"], pg["NAME"], pg["USER"]) == ("db.example.org", 5433, "badges", "diva")
    monkeypatch.setenv("DIVA_ISSUER_DATABASE_URL", "oracle-ish://x")
    with pytest.raises(conf.ConfigError):
        conf.database(tmp_path)


def test_email_url(tmp_path, monkeypatch):
    monkeypatch.delenv("DIVA_ISSUER_EMAIL_URL", raising=False)
    assert conf.email(tmp_path)["EMAIL_FILE_PATH"] == str(tmp_path / "mail")
    monkeypatch.setenv("DIVA_ISSUER_EMAIL_URL", "smtp://user%40x:p%3Aw@127.0.0.1:2525?tls")
    smtp = conf.email(tmp_path)
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"],
            smtp["EMAIL_USE_TLS"]) == ("127.0.0.1", 2525, "user@x", "p:w", True)
    monkeypatch.setenv("DIVA_ISSUER_EMAIL_URL", "http://mail")
    with pytest.raises(conf.ConfigError):
        conf.email(tmp_path)


def test_base_url_and_did_method(monkeypatch):
    monkeypatch.setenv("DIVA_ISSUER_BASE_URL", "https://badges.example.org/diva/")
    assert conf.base_url() == "https://badges.example.org/diva"
    monkeypatch.setenv("DIVA_ISSUER_BASE_URL", "badges.example.org")
    with pytest.raises(conf.ConfigError):
        conf.base_url()
    monkeypatch.setenv("DIVA_ISSUER_DID_METHOD", "ion")
    with pytest.raises(conf.ConfigError):
        conf.did_method()


def test_cli_says_a_bad_setting_in_one_line(tmp_path):
    env = dict(os.environ, DIVA_ISSUER_DID_METHOD="ion")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-m", "issuer.cli", "--data-dir", str(tmp_path), "requests", "list"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert done.stderr.strip() == "diva-issuer: DIVA_ISSUER_DID_METHOD must be 'web' or 'key', got 'ion'"
