"""Everything the platform reads from its environment, in one place (settings come from nowhere else)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class ConfigError(Exception):
    """A setting that cannot be used, said in one line."""


def data_dir() -> Path:
    """The platform's data folder: DIVA_ISSUER_DATA_DIR (set by `--data-dir`), else the user data folder."""
    value = os.environ.get("DIVA_ISSUER_DATA_DIR")
    if value:
        path = Path(value).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("diva-issuer", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()


def base_url() -> str:
    """The public base URL (no trailing slash): used in every id, claim URL and did:web."""
    value = os.environ.get("DIVA_ISSUER_BASE_URL", DEFAULT_BASE_URL).strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"DIVA_ISSUER_BASE_URL must be an http(s) URL, got {value!r}")
    if parts.query or parts.fragment:
        raise ConfigError("DIVA_ISSUER_BASE_URL must not contain '?' or '#'")
    return value


def kept_secret(env_name: str, file_name: str, folder: Path) -> str:
    """A secret from the environment, else one generated once and kept in the data folder (mode 0600)."""
    value = os.environ.get(env_name, "").strip()
    if value:
        return value
    path = folder / file_name
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    token = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(token + "\n")
    return token


def did_method() -> str:
    value = os.environ.get("DIVA_ISSUER_DID_METHOD", "web").strip().lower()
    if value not in ("web", "key"):
        raise ConfigError(f"DIVA_ISSUER_DID_METHOD must be 'web' or 'key', got {value!r}")
    return value


def database(folder: Path) -> dict:
    """DIVA_ISSUER_DATABASE_URL (postgresql://… through psycopg 3, or sqlite:///path), else SQLite in the data folder."""
    url = os.environ.get("DIVA_ISSUER_DATABASE_URL", "").strip()
    if not url:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(folder / "issuer.sqlite3")}
    else:
        import dj_database_url

        try:
            config = dj_database_url.parse(url, conn_max_age=60)
        except Exception as exc:  # unknown scheme, bad port
            raise ConfigError(f"DIVA_ISSUER_DATABASE_URL cannot be used: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the pages read while a request is written; IMMEDIATE avoids "database is locked" upgrades
        config["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                             "transaction_mode": "IMMEDIATE", "timeout": 20}
    return config


def email(folder: Path) -> dict:
    """DIVA_ISSUER_EMAIL_URL `smtp://[user:password@]host:port[?tls|ssl]`; default: e-mails written to a folder."""
    url = os.environ.get("DIVA_ISSUER_EMAIL_URL", "").strip()
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(folder / "mail")}
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ConfigError(f"DIVA_ISSUER_EMAIL_URL must look like smtp://host:port, got scheme {parts.scheme!r}")
    from urllib.parse import parse_qs, unquote

    query = parse_qs(parts.query, keep_blank_values=True)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": "tls" in query or "starttls" in query,
        "EMAIL_USE_SSL": parts.scheme == "smtps" or "ssl" in query,
    }
