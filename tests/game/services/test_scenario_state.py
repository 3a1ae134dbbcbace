"""Scenario state: flags set by an answer, read by later steps (skipped or played) and by the debrief,
kept when an interrupted scenario resumes; the validator refuses a flag read but never set."""
from __future__ import annotations


import referential
from game.content.scenarios import SCENARIO_DIR, check_scenario_file
from game.core.grading import grade_dialogue
from game.core.scenario import END
from game.services.play import PlaySession

REF = referential.load_referential()


def answer(play, choice_id):
    """What the dialogue scene does: grade, record, move on with the flags the answer sets."""
    choice = next(c for c in play.step.choices if c.id == choice_id)
    play.record_answer(play.active_player, grade_dialogue(play.step, choice))
    return play.advance(choice.next, choice.sets)


def play_until(play, step_id, answers):
    while play.step_id != step_id:
        step = play.step
        assert step.kind == "dialogue", f"the path meets {step.kind} step {step.id}"
        answer(play, answers.get(step.id, step.choices[0].id))


def new_play(store, scenario):
    player = store.create_player("Inès")
    play = PlaySession(store=store, session=store.start_session("solo", [player.id]), players=[player])
    play.start(scenario)
    return play


def test_a_choice_sets_a_flag_that_a_later_step_reads(store, retard):
    play = new_play(store, retard)
    answer(play, "sms")
    assert play.flags == {"prevenu"} and play.step_id == "trajet"
    play.step_id = "malade"   # the steps between are not dialogues; the flags are what matters here
    answer(play, "y_aller")
    assert play.step_id == "rappel" and play.flags == {"prevenu", "venu_malade"}


def test_a_step_whose_condition_does_not_hold_is_skipped(store, retard):
    play = new_play(store, retard)
    play.step_id = "malade"
    answer(play, "prevenir")
    assert play.step_id == "arret"          # 'rappel' is only for those who went to work ill
    assert retard.resolve("rappel", set()) == "arret" and retard.resolve("rappel", {"venu_malade"}) == "rappel"


def test_the_debrief_tells_this_players_path(store, retard):
    fr = lambda texts: [t["fr"] for t in texts]   # noqa: E731
    play = new_play(store, retard)
    answer(play, "appli")
    assert any("trouver une solution" in t for t in fr(play.happened()))
    assert not any("tu préviens Karim" in t for t in fr(play.happened()))
    other = new_play(store, retard)
    answer(other, "appeler")
    assert any("tu préviens Karim" in t for t in fr(other.happened()))
    assert fr(play.happened()) != fr(other.happened())


def test_flags_survive_an_interruption(store, retard):
    play = new_play(store, retard)
    answer(play, "sms")
    play.step_id = "malade"
    answer(play, "y_aller")
    again = PlaySession(store=store, session=play.session, players=play.players)
    again.start(retard)
    assert again.flags == {"prevenu", "venu_malade"} and again.step_id == "rappel"


def test_a_flag_read_but_never_set_is_an_error_on_its_line(tmp_path):
    text = (SCENARIO_DIR / "retard.yaml").read_text(encoding="utf-8").replace("        sets: [venu_malade]\n", "")
    path = tmp_path / "retard.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, problems = check_scenario_file(path, REF)
    assert scenario is None
    lines = text.splitlines()
    found = {(p.line, p.message) for p in problems}
    reads = [n for n, line in enumerate(lines, 1) if "venu_malade" in line]
    assert len(found) == len(reads) == 3       # the step and the 2 lines of the debrief that read it
    for line, message in found:
        assert line in reads and "'venu_malade' is read here but no answer sets it" in message


def test_ending_is_still_reached_whatever_the_flags(retard):
    for flags in (set(), {"venu_malade"}, {"prevenu", "venu_malade"}):
        assert retard.resolve(retard.start, flags) == retard.start
        assert retard.resolve("rappel", flags) in ("rappel", "arret")
    assert retard.resolve(END, set()) == END
