"""Endorsement tests: Django on a scratch data folder, as the platform tests (tests/issuer/platform/conftest.py)."""
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("DIVA_ISSUER_DATA_DIR", tempfile.mkdtemp(prefix="diva-issuer-test-"))
os.environ.setdefault("DIVA_ISSUER_KEY_SECRET", "test-only-key-secret")
os.environ.setdefault("DIVA_ISSUER_BASE_URL", "http://testserver")
os.environ.pop("DIVA_ISSUER_EMAIL_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "issuer.settings"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "platform"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402


@pytest.fixture
def structure(db):
    from issuer.structures.services import create_structure

    return create_structure("ml-lyon", "Mission locale de Lyon", email="contact@ml-lyon.example.org")



@pytest.fixture
def other_structure(db):
    from issuer.structures.services import create_structure

    return create_structure("asso-nord", "Association du Nord")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright drives Debian's Chromium (never a downloaded browser), or the test is skipped."""
    if CHROMIUM is None:
        pytest.skip("Chromium absent : apt-get install chromium / Chromium not installed")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def shots_dir():
    """Screenshots kept as test artefacts in shots/endorse/ (ignored by git), to be looked at."""
    folder = Path(__file__).resolve().parents[3] / "shots" / "endorse"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
