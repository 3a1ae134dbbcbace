"""The claim tests (Django, structures and Chromium from tests/issuer/conftest.py): a phone-sized browser."""
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls happen in another one
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ARTEFACTS = Path(__file__).resolve().parents[3] / "shots" / "claim"


@pytest.fixture
def artefacts():
    """Screenshots and downloads kept after the run (shots/ is gitignored): look at them."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS


PIXEL_7 = {"viewport": {"width": 412, "height": 915}, "device_scale_factor": 2.625, "is_mobile": True,
           "has_touch": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Pixel-sized phone (Pixel 7: 412 x 915 CSS px, touch), downloads allowed."""
    return {**browser_context_args, **PIXEL_7, "accept_downloads": True}

