"""Issue 22: a played scenario is illustrated in colour, shows its progress and the competences
lighting up, says its picture in words, and sounds where a device exists (silently nothing where
none does)."""
from __future__ import annotations

import colorsys
import statistics
import subprocess
import sys
from pathlib import Path

import pygame

import game.autoplay.driver as driver
from game.autoplay.driver import run_autoplay
from game.cli import build_parser
from game.services.settings import Settings
from game.store.sqlite import Store, prepare_data_dir
from game.ui.play_panel import SceneView, scene_sentence
from game.ui.sound import Sound
from tests.conftest import ROOT

STEP_SCENES = ("dialogue", "identify", "ordering", "budget", "experience")


def saturated_hues(path: Path, bins: int = 12, share: float = 0.003) -> int:
    """How many of 12 hue sectors (30° each) hold at least `share` of the screen in saturated,
    not dark colour: beige, grey, black and white count for none."""
    image = pygame.transform.smoothscale(pygame.image.load(str(path)), (160, 90))
    counts = [0] * bins
    for x in range(160):
        for y in range(90):
            r, g, b, *_ = image.get_at((x, y))
            h, s, v = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
            if s >= 0.45 and v >= 0.35:
                counts[int(h * bins) % bins] += 1
    return sum(1 for c in counts if c >= share * 160 * 90)


def play(tmp_path: Path, scenario: str = "festival", players: int = 1, window=(1280, 720), shots: Path | None = None,
         settings: Settings | None = None):
    """Autoplay through the real scenes; returns (exit code, app, [(scene, step key, spoken text, glowing)])."""
    data = tmp_path / "data"
    store = Store.open(prepare_data_dir(data))
    (settings or Settings()).save(store)
    store.close()
    argv = ["autoplay", "--scenario", scenario, "--players", str(players), "--data-dir", str(data),
            "--window", f"{window[0]}x{window[1]}"]
    if shots:
        argv += ["--screenshots", str(shots)]
    seen, apps = [], []
    original = driver.App

    class WatchedApp(original):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            apps.append(self)
            self.frame_hooks.append(lambda app: seen.append((app.top.name, app.top.step_key(), app.screen_text,
                                                             bool(getattr(app.top, "glow", None)))))

    driver.App = WatchedApp
    try:
        code = run_autoplay(build_parser().parse_args(argv))
    finally:
        driver.App = original
    return code, apps[0], seen


def test_a_played_scenario_is_in_colour(tmp_path):
    """The done-when of issue 22: the median screen of a played scenario shows five saturated hues or more
    (the text-only screens showed one or two)."""
    shots = tmp_path / "shots"
    code, _app, _seen = play(tmp_path, "retard", shots=shots)
    assert code == 0
    steps = sorted(shots.glob("*-retard-*.png"))
    assert len(steps) >= 15
    hues = [saturated_hues(p) for p in steps]
    assert statistics.median(hues) >= 5, hues
    assert saturated_hues(next(shots.glob("*-title.png"))) <= 3  # the measure tells a plain screen apart


def test_every_step_says_its_picture_progress_and_collection(tmp_path):
    """Each step screen has its picture said in one line, "step n of m", and once something was shown,
    the competences lit so far; the progress only goes forward and ends on "m of m"."""
    code, _app, seen = play(tmp_path, "festival")
    assert code == 0
    steps = [(name, key, text) for name, key, text, _glow in seen if name in STEP_SCENES and text]
    assert steps
    numbers = []
    for name, key, text in steps:
        assert "Image\u202f: Au festival" in text, (key, text[:200])  # (French typesetting: a thin space before ":")
        line = next(line for line in text.splitlines() if line.startswith("Étape "))
        n, total = (int(w) for w in line.split() if w.isdigit())
        numbers.append((n, total))
    assert numbers[0][0] == 1 and numbers[-1][0] == numbers[-1][1]
    assert [n for n, _ in numbers] == sorted(n for n, _ in numbers)
    assert any("Compétences montrées\u202f: " in text for _n, _k, text in steps[len(steps) // 2:])


def test_the_reply_says_how_the_people_react():
    view = SceneView("house", "À la maison", "#ffffff", "#000000", (("woman-dark", "Fatou"),), (), "happy")
    texts = {"play.scene_with": "Image : {place}, avec {people}.", "play.mood_happy": "{name} sourit.",
             "play.scene_alone": "Image : {place}.", "play.people_and": "{first} et {last}"}
    t = lambda key, **kw: texts[key].format(**kw)  # noqa: E731
    assert scene_sentence(t, view) == "Image : À la maison, avec Fatou. Fatou sourit."
    two = SceneView("house", "À la maison", "#ffffff", "#000000", (("a", "Fatou"), ("b", "Lucas")), ())
    assert scene_sentence(t, two) == "Image : À la maison, avec Fatou et Lucas."


def test_sounds_play_alone_and_are_off_in_a_group_by_default(tmp_path):
    """With an audio device (SDL's dummy one here) a player alone hears choices, replies and new
    competences; a group session is silent until the counsellor turns it up."""
    code, app, _ = play(tmp_path / "solo", "retard")
    assert code == 0 and app.sound.available
    assert {"choice", "reveal", "collect"} <= set(app.sound.played)
    code, app, _ = play(tmp_path / "group", "retard", players=3)
    assert code == 0 and app.sound.played == []
    code, app, _ = play(tmp_path / "loud", "retard", players=3, settings=Settings(group_volume=1))
    assert code == 0 and "choice" in app.sound.played


def test_no_audio_device_is_silent_and_the_game_goes_on(tmp_path, monkeypatch):
    def no_device(*_a, **_kw):
        raise pygame.error("dsp: No such audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    sound = Sound()
    assert sound.play("choice") is False          # muted: nothing opened
    sound.configure(0.5, music=True)
    assert sound.available is False and sound.play("collect") is False
    code, app, _ = play(tmp_path, "retard")
    assert code == 0 and app.sound.available is False and app.sound.played == []


def test_sound_files_are_the_ones_the_script_makes(tmp_path):
    """The committed sounds are exactly what assets/tools/make_sounds.py writes (no unknown recording)."""
    subprocess.run([sys.executable, str(ROOT / "assets" / "tools" / "make_sounds.py"), str(tmp_path)], check=True, timeout=120)
    committed = ROOT / "assets" / "sounds"
    names = sorted(p.name for p in committed.glob("*.wav"))
    assert names == sorted(p.name for p in tmp_path.glob("*.wav")) and len(names) == 5
    for name in names:
        assert (committed / name).read_bytes() == (tmp_path / name).read_bytes(), name
        assert (committed / name).stat().st_size < 200_000


def test_a_new_competence_glows_unless_less_motion(tmp_path):
    """A card just lit glows for a moment; with "less motion" it lights up at once, still."""
    for reduced in (False, True):
        code, _app, seen = play(tmp_path / str(reduced), "retard", settings=Settings(reduced_motion=reduced))
        assert code == 0
        assert any(glow for *_rest, glow in seen) is not reduced
