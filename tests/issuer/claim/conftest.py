"""The claim tests: Django on a scratch data folder, as in tests/issuer/platform; a real Chromium when present."""
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
# Playwright's sync API runs an event loop in this thread; the live server's ORM calls happen in another one
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "platform"))   # platform_helpers

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402

CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
ARTEFACTS = Path(__file__).resolve().parents[3] / "shots" / "claim"


@pytest.fixture
def structure(db):
    from issuer.structures.services import create_structure

    return create_structure("ml-lyon", "Mission locale de Lyon", email="contact@ml-lyon.example.org")


@pytest.fixture
def artefacts():
    """Screenshots and downloads kept after the run (shots/ is gitignored): look at them."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium (never a downloaded browser), or every browser test is skipped."""
    if CHROMIUM is None:
        pytest.skip("Chromium absent : apt-get install chromium / Chromium not installed (CI installs it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync"]}


PIXEL_7 = {"viewport": {"width": 412, "height": 915}, "device_scale_factor": 2.625, "is_mobile": True,
           "has_touch": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Pixel-sized phone (Pixel 7: 412 x 915 CSS px, touch), downloads allowed."""
    return {**browser_context_args, **PIXEL_7, "accept_downloads": True}

