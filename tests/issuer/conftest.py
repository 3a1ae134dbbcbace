"""Fixtures shared by the issuer tests: Django on a scratch data folder (SQLite unless DIVA_ISSUER_DATABASE_URL
names a PostgreSQL, as tests/issuer/run_postgres.sh does), structures and a reviewer, Debian's Chromium."""
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["DIVA_ISSUER_DATA_DIR"] = tempfile.mkdtemp(prefix="diva-issuer-test-")  # never a real data folder
os.environ.setdefault("DIVA_ISSUER_KEY_SECRET", "test-only-key-secret")
os.environ["DIVA_ISSUER_BASE_URL"] = "http://testserver"
os.environ.pop("DIVA_ISSUER_EMAIL_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "issuer.settings"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "platform"))  # platform_helpers

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402

from independent import independent_verify, unavailable_reason  # noqa: E402

CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else (shutil.which("chromium")
                                                                          or shutil.which("chromium-browser"))


@pytest.fixture
def structure(db):
    """A structure and its plain secret, as `diva-issuer structure add` creates them."""
    from issuer.structures.services import create_structure

    return create_structure("ml-lyon", "Mission locale de Lyon", email="contact@ml-lyon.example.org")


@pytest.fixture
def other_structure(db):
    from issuer.structures.services import create_structure

    return create_structure("asso-nord", "Association du Nord")


@pytest.fixture
def counsellor(structure):
    """A reviewer of the structure (member of its group)."""
    from django.contrib.auth.models import User

    user = User.objects.create_user("durand", password="pw-durand-2026")
    user.groups.add(structure[0].group)
    return user


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright drives Debian's Chromium (never a downloaded browser), or every browser test is skipped."""
    if CHROMIUM is None:
        pytest.skip("Chromium absent : apt-get install chromium / Chromium not installed (CI installs it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync"]}


@pytest.fixture
def js_verifier_or_none():
    """The independent JavaScript verifier when node and its modules are here, else None (with a warning);
    under CI it must be there, so its absence fails the test instead."""
    reason = unavailable_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the independent verifier: {reason}")
        warnings.warn(f"independent verifier skipped: {reason}")
        return None
    return independent_verify


@pytest.fixture
def js_verifier():
    """independent_verify(paths, did_web_base=None, pins=None), or a skip saying why node cannot run it."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    return independent_verify
