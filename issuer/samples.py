"""A realistic badge request, built by the game's own builder (export.request): for `bench` and the tests."""
from __future__ import annotations

from export.request import Alignment, CompetenceAward, Endorser, LevelRubric, RequestInput, build_badge_request

_LEVELS = {"fr": ("Découverte", "En progrès", "Maîtrise", "Expertise"),
           "en": ("Discovering", "Progressing", "Mastering", "Expert")}
_COMPETENCES = (
    ("O1", "S'organiser", "Organiser son activité et celle d'un groupe.", "Organisation"),
    ("C2", "Communiquer", "Échanger avec les autres, à l'oral comme à l'écrit.", "Communication"),
    ("R3", "Résoudre un problème", "Trouver une solution quand ça coince.", "Réflexion"),
    ("T4", "Travailler en équipe", "Coopérer, s'entraider, se répartir les rôles.", "Communication"),
)


def sample_request(structure_id: str, structure_name: str = "Structure de démonstration", *, badges: int = 3,
                   player: int = 0, lang: str = "fr", session_id: str = "sess-demo", email: str = "",
                   endorser_email: str = "") -> dict:
    """One player's request with `badges` competences (accents, quotes and newlines included, as the game sends)."""
    awards = []
    for index in range(badges):
        cid, name, description, domain = _COMPETENCES[index % len(_COMPETENCES)]
        cid = cid if index < len(_COMPETENCES) else f"{cid}x{index}"
        awards.append(CompetenceAward(
            competence_id=cid, name=name, description=description, domain=domain, level=2 + index % 3,
            rubric=tuple(LevelRubric(n, _LEVELS[lang][n - 1], f"Niveau {n} : « {name.lower()} » pas à pas.")
                         for n in range(1, 5)),
            alignments=(Alignment(name, f"https://rectec.example.org/competences/{cid}", "RECTEC", cid),
                        Alignment("planifier le travail", "http://data.europa.eu/esco/skill/abc", "ESCO", "S4.2.1",
                                  "Approximate match: the closest ESCO skill, not an exact equivalence.")),
            evidence=(("Le festival", "A réparti les tâches entre les bénévoles.\nPuis a tout vérifié."),
                      ("Mon expérience", "J'ai organisé l'anniversaire de ma sœur — 30 invités !")),
            narrative="J'aime quand tout est prêt à l'heure.",
            validated_by="Mme Durand", validation_comment="Clair pendant le débriefing.",
            endorsers=(Endorser("Karim B.", "entraîneur de foot", endorser_email),) if index == 0 else (),
        ))
    return build_badge_request(RequestInput(
        structure_id=structure_id, structure_name=structure_name, session_id=session_id, session_date="2026-12-06",
        session_mode="solo", player_id=f"player-{player}", display_name=f"Joueuse {player + 1}", lang=lang,
        awards=tuple(awards), recipient_email=email))
