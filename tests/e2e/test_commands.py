"""The whole game driven through its real scenes, and the command line around it."""
import json
import sqlite3
import subprocess
import sys

import pytest

from game.cli import build_parser, main
from tests.conftest import ROOT


def run_cli(*args, timeout=300):
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)


def autoplay_args(tmp_path, **over):
    args = build_parser().parse_args(["autoplay", "--data-dir", str(tmp_path / "data")])
    for k, v in over.items():
        setattr(args, k, v)
    return args


def test_help_lists_the_commands():
    out = run_cli("--help")
    assert out.returncode == 0
    for command in ("play", "autoplay", "validate", "bench", "export"):
        assert command in out.stdout


def test_play_without_display_is_one_clear_line(tmp_path):
    env = {"SDL_VIDEODRIVER": "x11", "DISPLAY": ":987", "PATH": "/usr/bin:/bin", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    out = subprocess.run([sys.executable, "main.py", "play", "--data-dir", str(tmp_path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, env=env)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if line.startswith("diva:")]
    assert len(lines) == 1 and "cannot open a window" in lines[0]


def test_autoplay_every_scenario_records_every_choice(tmp_path):
    from game.autoplay.driver import run_autoplay

    shots = tmp_path / "shots"
    assert run_autoplay(autoplay_args(tmp_path, screenshots=shots)) == 0
    db = sqlite3.connect(tmp_path / "data" / "diva.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    scenarios = {p.stem for p in (ROOT / "content" / "scenarios").glob("*.yaml")}
    completed = {r[0] for r in db.execute("SELECT scenario_id FROM progress WHERE completed = 1")}
    assert completed == scenarios
    # every step the player went through left evidence, except told experiences that were skipped
    played = {r[0] for r in db.execute("SELECT DISTINCT scenario_id FROM evidence WHERE source = 'played'")}
    assert played == scenarios
    names = [p.name for p in shots.glob("*.png")]
    for screen in ("title", "name_entry", "consent", "hub", "choose", "order", "ask", "theme", "debrief", "skillmap"):
        assert any(screen in n for n in names), screen
    assert len(names) > 100


def test_autoplay_random_and_english(tmp_path):
    from game.autoplay.driver import run_autoplay

    args = autoplay_args(tmp_path, scenario="festival", strategy="random", seed=7, lang="en", screenshots=tmp_path / "s")
    assert run_autoplay(args) == 0
    db = sqlite3.connect(tmp_path / "data" / "diva.db")
    assert db.execute("SELECT count(*) FROM evidence WHERE scenario_id = 'festival'").fetchone()[0] >= 5


def test_autoplay_unknown_scenario_is_refused(tmp_path, capsys):
    from game.autoplay.driver import run_autoplay

    assert run_autoplay(autoplay_args(tmp_path, scenario="nope")) == 2
    assert "unknown scenario 'nope'" in capsys.readouterr().err


def test_autoplay_4_3_window(tmp_path):
    from game.autoplay.driver import run_autoplay

    assert run_autoplay(autoplay_args(tmp_path, scenario="colocation", window=(1024, 768))) == 0


def test_validate_command_passes_on_bundled_content():
    out = run_cli("validate")
    assert out.returncode == 0, out.stdout
    report = json.loads(run_cli("validate", "--coverage", "--json").stdout)
    assert report["scenarios"] >= 12


def test_unknown_option_is_an_argparse_error():
    with pytest.raises(SystemExit) as exc:
        main(["autoplay", "--players", "0"])
    assert exc.value.code == 2


@pytest.mark.parametrize("strategy, pick", [("longest", max), ("shortest", min)])
def test_autoplay_longest_and_shortest_take_those_answers_in_the_real_scenes(tmp_path, strategy, pick):
    from game.autoplay.driver import run_autoplay
    from game.content.scenarios import load_library
    from game.core.scenario import DialogueStep
    from game.i18n.typeset import tr
    from referential import load_referential

    assert run_autoplay(autoplay_args(tmp_path, scenario="festival", strategy=strategy)) == 0
    festival = load_library(load_referential()).scenario("festival")
    db = sqlite3.connect(tmp_path / "data" / "diva.db")
    answered = dict(db.execute("SELECT step_id, choice_id FROM evidence WHERE scenario_id = 'festival'").fetchall())
    dialogues = [s for s in festival.steps.values() if isinstance(s, DialogueStep) and s.id in answered]
    assert dialogues
    for step in dialogues:
        lengths = {c.id: len(tr(c.text, "fr")) for c in step.choices}
        assert lengths[answered[step.id]] == pick(lengths.values()), step.id
