"""Django settings for DIVA Badges, read from the environment only (see issuer/conf.py)."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from issuer import conf

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = conf.data_dir()

DIVA_BASE_URL = conf.base_url()
DIVA_DID_METHOD = conf.did_method()
SECRET_KEY = conf.kept_secret("DIVA_ISSUER_SECRET_KEY", "secret-key", DATA_DIR)
# encrypts the structures' private keys and HMAC secrets at rest; keep it apart from the database backups
DIVA_KEY_SECRET = conf.kept_secret("DIVA_ISSUER_KEY_SECRET", "key-secret", DATA_DIR)
DIVA_MAX_REQUEST_BYTES = int(os.environ.get("DIVA_ISSUER_MAX_REQUEST_BYTES", str(1024 * 1024)))

DEBUG = os.environ.get("DIVA_ISSUER_DEBUG", "") == "1"
_base = urlsplit(DIVA_BASE_URL)
ALLOWED_HOSTS = sorted({_base.hostname, "localhost", "127.0.0.1", "[::1]",
                        *filter(None, os.environ.get("DIVA_ISSUER_ALLOWED_HOSTS", "").split(","))})
CSRF_TRUSTED_ORIGINS = [f"{_base.scheme}://{_base.netloc}"]
if _base.scheme == "https":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_CONTENT_TYPE_NOSNIFF = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "issuer.structures",
    "issuer.intake",
    "issuer.credentials",
    "issuer.review",
    "issuer.claim",
    "issuer.endorsements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "issuer.middleware.LangQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "issuer.urls"
WSGI_APPLICATION = "issuer.wsgi.application"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [PACKAGE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]

DATABASES = {"default": conf.database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/review/login/"
LOGIN_REDIRECT_URL = "/review/"
LOGOUT_REDIRECT_URL = "/review/login/"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# tests and `serve` before collectstatic still find the files
WHITENOISE_USE_FINDERS = True

DATA_UPLOAD_MAX_MEMORY_SIZE = max(DIVA_MAX_REQUEST_BYTES * 2, 2621440)

globals().update(conf.email(DATA_DIR))
DEFAULT_FROM_EMAIL = os.environ.get("DIVA_ISSUER_FROM_EMAIL", f"DIVA Badges <badges@{_base.hostname}>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DIVA_ISSUER_LOG_LEVEL", "WARNING")},
}
