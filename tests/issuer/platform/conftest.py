"""DIVA Badges tests: Django on a scratch data folder; SQLite unless DIVA_ISSUER_DATABASE_URL names a PostgreSQL."""
import os
import tempfile

os.environ["DIVA_ISSUER_DATA_DIR"] = tempfile.mkdtemp(prefix="diva-issuer-test-")
os.environ.setdefault("DIVA_ISSUER_KEY_SECRET", "test-only-key-secret")
os.environ["DIVA_ISSUER_BASE_URL"] = "http://testserver"
os.environ.pop("DIVA_ISSUER_EMAIL_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "issuer.settings"

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402


@pytest.fixture
def structure(db):
    """A structure and its plain secret, as `diva-issuer structure add` creates them."""
    from issuer.structures.services import create_structure

    return create_structure("ml-lyon", "Mission locale de Lyon", email="contact@ml-lyon.example.org")


@pytest.fixture
def other_structure(db):
    from issuer.structures.services import create_structure

    return create_structure("asso-nord", "Association du Nord")

