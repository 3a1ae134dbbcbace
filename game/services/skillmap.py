"""The one way to build a player's skill map from the store: all they showed and were validated
for, or what one session gave (the counsellor's validation, the badges of that session)."""
from __future__ import annotations

from game.core.skills import SkillMap, compute_skill_map


def skill_map(store, referential, player_id: str, session_id: str | None = None) -> SkillMap:
    validations = store.validations_for(player_id)
    if session_id is not None:
        validations = [v for v in validations if v.session_id == session_id]
    return compute_skill_map(referential.ids(), store.evidence_for(player_id, session_id), validations)
