"""Fixtures shared by the issuer tests."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from independent import independent_verify, unavailable_reason  # noqa: E402


@pytest.fixture
def js_verifier():
    """independent_verify(paths, did_web_base=None, pins=None), or a skip saying why node cannot run it."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    return independent_verify
