"""On the skill map a level only shown (waiting for the counsellor) is said in words, not drawn as
empty marks (issue 21: "à valider" at level 4 looked like zero)."""
from __future__ import annotations

from game.core.model import DECLARED, Evidence
from tests.conftest import solo_app


def test_a_level_waiting_for_validation_is_never_drawn_as_zero_marks(tmp_path):
    app, services = solo_app(tmp_path, "Inès")
    try:
        player = app.play.players[0]
        session = app.play.session
        services.store.record_evidence([Evidence(player.id, session.id, "O2", 4, DECLARED, "festival", "s", "c",
                                                 {"fr": "Tu suis la procédure.", "en": "You follow the procedure."})])
        marks, texts = [], []
        level_mark, render = app.ui.level_mark, app.fonts.render
        app.ui.level_mark = lambda surface, centre, level, *a: (marks.append(level), level_mark(surface, centre, level, *a))
        app.fonts.render = lambda text, *a, **k: (texts.append(text), render(text, *a, **k))[1]
        scene = app.show("skillmap")
        shown = [c for c in scene.cards if c.competence == "O2"][0]
        app.draw()
        assert services.skill_map(player).status("O2").level == 0
        assert services.i18n.t("skillmap.pending_level", n=4) in texts        # "Niveau 4 à valider"
        assert len(marks) == len(scene.cards) - 1 and shown.rect.width       # no marks for O2, marks for the others
    finally:
        services.close()
