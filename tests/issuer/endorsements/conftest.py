"""Endorsement tests (Django, structures and Chromium from tests/issuer/conftest.py): where screenshots go."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # endorse_helpers


@pytest.fixture
def shots_dir():
    """Screenshots kept as test artefacts in shots/endorse/ (ignored by git), to be looked at."""
    folder = Path(__file__).resolve().parents[3] / "shots" / "endorse"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
