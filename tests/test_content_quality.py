"""The assessment in the bundled scenarios stays hard to game (issue 19).

The numbers come from content/tools/measure.py (plain Python and PyYAML), so that an
author can run the same check by hand: `python content/tools/measure.py`.
A regression in the content (answers that climb one competence, the top answer the
longest, the first answer the best, praise for the top answers only) fails here.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "content" / "scenarios"
REFERENTIAL = ROOT / "referential" / "rectec.yaml"


def _load_measure():
    spec = importlib.util.spec_from_file_location("content_measure", ROOT / "content" / "tools" / "measure.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


measure = _load_measure()


@pytest.fixture(scope="module")
def library():
    return measure.load([SCENARIOS])


@pytest.fixture(scope="module")
def metrics(library):
    return measure.measure(library, "fr")


def by_id(library, scenario_id):
    return next(s for s in library if s["id"] == scenario_id)


def step(scenario, step_id):
    return next(s for s in scenario["steps"] if s["id"] == step_id)


def levels(choice, competence):
    return [e["level"] for e in choice["evidence"] if e["competence"] == competence]


# ---------------------------------------------------------------- the metrics themselves

def test_spearman_and_ranks():
    assert measure.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert measure.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert measure.ranks([5, 1, 5, 2]) == [3.5, 1.0, 3.5, 2.0]
    assert measure.spearman([1, 1, 1], [1, 2, 3]) == 0.0  # a variable that does not vary


def _choice(cid, text, *evidence):
    return {"id": cid, "text": {"fr": text, "en": text},
            "evidence": [{"competence": c, "level": lv} for c, lv in evidence]}


def test_a_one_competence_ladder_is_recognised():
    ladder = {"choices": [_choice("a", "Je demande.", ("O3", 1)),
                          _choice("b", "Je donne un coup de main.", ("O3", 2)),
                          _choice("c", "Je propose un plan à toute l'équipe.", ("O3", 3), ("O1", 3))]}
    assert measure.is_ladder(ladder)
    assert measure.top_is_longest(ladder, "fr") is True
    mixed = {"choices": [_choice("a", "Je demande.", ("O3", 1)),
                         _choice("b", "Je donne un coup de main.", ("C1", 2)),
                         _choice("c", "Je propose un plan.", ("O3", 3))]}
    assert not measure.is_ladder(mixed)
    tied = {"choices": [_choice("a", "Court.", ("O3", 3)), _choice("b", "Bien plus long.", ("C1", 3))]}
    assert measure.top_is_longest(tied, "fr") is None  # no single top answer


def test_praise_for_the_top_answers_only_is_found():
    step_ = {"choices": [_choice("a", "A", ("O3", 1)), _choice("b", "B", ("O3", 3))]}
    step_["choices"][1]["reply"] = {"fr": "Bravo!", "en": "Well done!"}
    assert measure.praise_only_high(step_)
    step_["choices"][0]["reply"] = {"fr": "D'accord.", "en": "OK."}
    assert not measure.praise_only_high(step_)


def test_the_verdict_reports_each_unmet_threshold():
    bad = {"correlation_length_level": 0.44, "top_longest_share": 0.55, "ladder_share": 0.66,
           "level3_per_scenario": {"first": 3.0, "longest": 4.0, "shortest": 1.0, "random": 2.0}}
    unmet = measure.verdict(bad)
    assert len(unmet) == 5
    assert any(u.startswith("correlation") for u in unmet) and any("ladders" in u for u in unmet)


# ---------------------------------------------------------------- the bundled content meets them

def test_length_does_not_tell_the_level(metrics):
    assert abs(metrics["correlation_length_level"]) <= measure.MAX_CORRELATION, metrics["correlation_length_level"]


def test_the_highest_level_is_rarely_the_longest_answer(metrics):
    assert metrics["top_longest_share"] <= measure.MAX_TOP_LONGEST, metrics["top_longest"]


def test_few_steps_are_one_competence_ladders(metrics):
    assert metrics["ladder_share"] <= measure.MAX_LADDERS, metrics["ladders"]


def test_picking_the_first_the_longest_or_the_shortest_answer_does_not_pay(metrics):
    reached = metrics["level3_per_scenario"]
    for strategy in ("first", "longest", "shortest"):
        assert reached[strategy] <= reached["random"], reached


def test_replies_never_praise_only_the_high_levels(metrics):
    assert metrics["praise_only_high_steps"] == 0


def test_the_thresholds_hold_in_english_too(library):
    assert measure.verdict(measure.measure(library, "en")) == []


def test_the_command_line_says_all_thresholds_are_met():
    result = subprocess.run([sys.executable, str(ROOT / "content" / "tools" / "measure.py")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all thresholds met" in result.stdout


def test_every_bundled_scenario_validates():
    files = sorted(str(p) for p in SCENARIOS.glob("*.yaml"))
    assert len(files) >= 16
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", *files],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


# ---------------------------------------------------------------- the mappings of issue 19

def test_following_the_storm_plan_is_the_competent_answer(library):
    orage = step(by_id(library, "festival"), "orage")
    plan = next(c for c in orage["choices"] if c["id"] == "sortie")
    best = max(max(e["level"] for e in c["evidence"]) for c in orage["choices"])
    assert max(levels(plan, "O2")) == best == 3
    taking_charge = next(c for c in orage["choices"] if c["id"] == "plan")
    assert max(e["level"] for e in taking_charge["evidence"]) < best


def test_checking_the_child_who_fell_is_the_competent_answer(library):
    conflit = step(by_id(library, "club-sport"), "conflit")
    check = next(c for c in conflit["choices"] if c["id"] == "securite")
    assert max(levels(check, "O2")) == 3
    for other in conflit["choices"]:
        if other is not check:
            assert max(levels(other, "O2") or [0]) < 3


def test_giving_change_is_maths_level_1(library):
    caisse = step(by_id(library, "stage-commerce"), "caisse")
    assert {lv for c in caisse["choices"] for lv in levels(c, "O4")} == {1}


def test_no_poster_or_note_scores_writing_level_4(library):
    for scenario in library:
        for s in scenario["steps"]:
            for c in s.get("choices", []):
                assert 4 not in levels(c, "C2"), (scenario["id"], s["id"], c["id"])


def test_identify_gives_the_competence_recognised(library):
    for scenario in library:
        for s in scenario["steps"]:
            if s["kind"] == "identify":
                assert [e["competence"] for e in s["evidence"]] == [s["answer"]], (scenario["id"], s["id"])


NEW = ("retard", "desaccord", "cej", "garde-enfant")


@pytest.mark.parametrize("scenario_id", NEW)
def test_new_scenarios_use_the_five_mechanics_and_last_10_to_12_minutes(library, scenario_id):
    scenario = by_id(library, scenario_id)
    assert {s["kind"] for s in scenario["steps"]} == {"dialogue", "ordering", "identify", "experience", "budget"}
    assert 10 <= scenario["minutes"] <= 12


def test_french_has_no_listed_anglicisms(library):
    banned = ("briefing", "planning", "manager", "coach", "fast-food", "cookie", "tuto")
    for scenario in library:
        text = yaml.safe_dump(scenario, allow_unicode=True).lower()
        french = " ".join(line for line in text.splitlines() if "fr:" in line)
        for word in banned:
            assert word not in french, (scenario["id"], word)


# ---------------------------------------------------------------- the referential's drifts

def test_referential_level_4_is_autonomy_and_rectec_wording_is_back():
    ref = yaml.safe_load(REFERENTIAL.read_text(encoding="utf-8"))
    level4 = next(lv for lv in ref["levels"] if lv["number"] == 4)
    assert "aide les autres" not in level4["autonomy"]["fr"]
    comp = {c["id"]: {lv["number"]: lv["descriptor"]["fr"] for lv in c["levels"]} for c in ref["competences"]}
    assert "en fonction des contraintes" in comp["O1"][3]
    assert "pertinente" in comp["RA1"][4]
    assert "fiable" not in comp["RA1"][4]


def test_measure_on_a_broken_file_gives_its_line_not_a_traceback(tmp_path, capsys):
    """An author runs measure.py on their own file with a straight quote inside a text: file:line, exit 2."""
    bad = tmp_path / "mon-scenario.yaml"
    bad.write_text('id: x\ntitle: {fr: "Le "grand" jour", en: "The day"}\nsteps: []\n', encoding="utf-8")
    assert measure.main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:2: not valid YAML") and "diva validate" in err and "Traceback" not in err


def test_measure_on_one_file_says_its_figures_are_hints(capsys):
    measure.main([str(ROOT / "tests" / "data" / "author" / "premier-salaire.yaml")])
    assert "they are hints, the thresholds count on the whole library" in capsys.readouterr().out
