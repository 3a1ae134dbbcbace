"""Over budget, a way back: the message says to redo the total and a button does it (issue 21)."""
from __future__ import annotations

from tests.conftest import solo_app


def test_over_budget_a_button_starts_the_total_again(tmp_path):
    app, services = solo_app(tmp_path, "Inès")
    try:
        scenario, step = next((s, st) for s in services.library.scenarios for st in s.steps.values()
                              if st.kind == "budget" and sum(i.price for i in st.items) > st.budget)
        app.play.start(scenario)
        app.play.step_id = step.id
        scene = app.show("budget")
        redo = services.i18n.t("budget.redo")
        assert redo not in [b.label for b in scene.buttons]           # within budget: no need
        for item in step.items:
            scene.toggle(item.id)
        app.frame([], 1 / 60)
        assert "refais le total" in scene.status()[0] and scene.status()[1] < 0
        next(b for b in scene.buttons if b.label == redo).action()
        assert scene.chosen == set() and scene.status()[1] == step.budget
        assert redo not in [b.label for b in scene.buttons]
    finally:
        services.close()
