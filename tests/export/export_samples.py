"""Sample data for the export tests (plain data, as the game hands it in)."""
from __future__ import annotations

import socket
from pathlib import Path

from export.request import Alignment, CompetenceAward, LevelRubric, RequestInput

SECRET = "s3cr3t-HMAC-key-never-shown-0123456789"
CLIENT_SECRET = "client-secret-never-shown-9876543210"
ROOT = Path(__file__).resolve().parents[2]
OFFICIAL_SCHEMA = ROOT.parent / "shared" / "reference" / "openbadges" / "ob_v3p0_achievementcredential_schema.json"
REQUEST_ID = "urn:uuid:0b7e6f52-3c2a-4d8e-9f10-5a6b7c8d9e0f"
CREATED_AT = "2025-03-14T10:30:00Z"
EMAIL = "lea.martin@example.org"


def rubric(lang: str = "fr") -> tuple[LevelRubric, ...]:
    names = {"fr": ["Découverte", "En progrès", "Maîtrise", "Expertise"],
             "en": ["Discovering", "Progressing", "Mastering", "Expert"]}[lang]
    return tuple(LevelRubric(n, names[n - 1], f"Descripteur du niveau {n}") for n in range(1, 5))


def award(competence_id: str = "O1", level: int = 2, **overrides) -> CompetenceAward:
    fields = dict(
        competence_id=competence_id,
        name=f"S'organiser ({competence_id})",
        description="Organiser son activité et celle d'un groupe.",
        domain="Organisation",
        level=level,
        rubric=rubric(),
        alignments=(
            Alignment(f"S'organiser ({competence_id})", f"https://rectec.example.org/competences/{competence_id}",
                      "RECTEC", competence_id),
            Alignment("planifier le travail", "http://data.europa.eu/esco/skill/abc", "ESCO", "S4.2.1"),
        ),
        evidence=(("Le festival", "A réparti les tâches entre les bénévoles."),
                  ("Mon expérience", "J'ai organisé l'anniversaire de ma sœur.")),
    )
    fields.update(overrides)
    return CompetenceAward(**fields)


def request_input(*awards: CompetenceAward, **overrides) -> RequestInput:
    fields = dict(
        structure_id="ml-lyon", structure_name="Mission locale de Lyon", session_id="sess-2025-03-14-a",
        session_date="2025-03-14", session_mode="solo", player_id="player-7", display_name="Léa M.",
        lang="fr", awards=awards or (award(),),
    )
    fields.update(overrides)
    return RequestInput(**fields)


def closed_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
