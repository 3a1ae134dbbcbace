"""Fixtures shared by the issuer tests."""
import os
import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from independent import independent_verify, unavailable_reason  # noqa: E402


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
