"""Makes the project and the export test helpers importable, whatever pytest's import mode."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for path in (HERE.parents[1], HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from export.request import Endorser  # noqa: E402
from export_samples import EMAIL, award, request_input  # noqa: E402


@pytest.fixture
def validated_input():
    return request_input(
        award("O1", 2, validated_by="Mme Durand (conseillère)", validation_comment="Très clair en débrief.",
              validated_at="2025-03-14T11:00:00Z", narrative="J'aime quand tout est prêt à l'heure.",
              endorsers=(Endorser("Karim B.", "entraîneur", "karim@example.org"),)),
        award("C3", 3),
        recipient_email=EMAIL,
    )
