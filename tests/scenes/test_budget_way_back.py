"""Over budget, a way back (issue 21) in a budget with no running total (issue 19): once the player has
added up an over-budget basket, the screen says so and a button takes them back to their shopping, what
they chose still ticked; they put something back, add up again and finish within the budget."""
from __future__ import annotations

from game.core.grading import budget_total
from tests.conftest import solo_app


def test_over_budget_a_button_takes_them_back_to_their_shopping(tmp_path):
    app, services = solo_app(tmp_path, "Inès")
    try:
        scenario, step = next((s, st) for s in services.library.scenarios for st in s.steps.values()
                              if st.kind == "budget" and sum(i.price for i in st.items) > st.budget)
        app.play.start(scenario)
        app.play.step_id = step.id
        player = app.play.active_player
        scene = app.show("budget")
        redo = services.i18n.t("budget.redo")
        labels = lambda: [b.label for b in scene.buttons]  # noqa: E731
        assert redo not in labels()                       # while choosing: no total shown, no way back needed
        for item in step.items:
            scene.toggle(item.id)
        everything = set(scene.chosen)
        scene.compute()
        assert redo not in labels()
        scene.validate(budget_total(step, everything))    # the right total, but over the budget
        app.frame([], 1 / 60)
        line, left = scene.status()
        assert left < 0 and services.i18n.t("budget.over", n=-left) in line
        assert app.play.answered(player)
        assert labels()[scene.focus] == services.i18n.t("step.continue")  # moving on stays the default
        next(b for b in scene.buttons if b.label == redo).action()
        assert not app.play.answered(player)               # the over-budget answer is taken back, not kept as evidence
        assert scene.chosen == everything and not scene.result and not scene.computing  # back to the shopping, picks kept
        assert redo not in labels()
        for item in sorted(step.items, key=lambda i: (i.essential, -i.price)):  # put back what matters least
            if budget_total(step, scene.chosen) <= step.budget:
                break
            scene.toggle(item.id)
        scene.compute()
        scene.validate(budget_total(step, scene.chosen))
        app.frame([], 1 / 60)
        assert scene.status()[1] >= 0 and redo not in labels()
        kept = {e.choice_id for e in services.store.evidence_for(player.id) if e.step_id == step.id}
        assert kept == {f"buy:{','.join(sorted(scene.chosen))}=total:{budget_total(step, scene.chosen)}"}  # only the answer within budget
    finally:
        services.close()
