"""The voice that ships in a wheel (espeakng-loader), `diva speak`, `diva doctor`, and `diva play` without a screen."""
from __future__ import annotations

import array
import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pygame

from game.ui import speech
from game.ui.speech_espeak import BundledBackend, BundledEspeak

ROOT = Path(__file__).resolve().parents[3]


def _env(**over):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env.update(PYGAME_HIDE_SUPPORT_PROMPT="1", **over)
    return env


def _loudness(path: Path) -> tuple[int, int, float]:
    with wave.open(str(path)) as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
    samples = array.array("h", frames)
    rms = (sum(x * x for x in samples) / max(1, len(samples))) ** 0.5
    return rate, len(samples), rms


def test_diva_speak_writes_french_speech_with_no_system_voice(tmp_path):
    """The done-when of issue 21: no espeak-ng on the PATH, the wheel's voice writes the WAV."""
    out = tmp_path / "f.wav"
    run = subprocess.run([sys.executable, "main.py", "speak", "--out", str(out), "Bonjour Élodie"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, env=_env(PATH="/nonexistent"))
    assert run.returncode == 0, run.stderr
    rate, count, rms = _loudness(out)
    assert rate >= 16000 and count > rate // 2        # more than half a second of speech
    assert rms > 500                                   # not silence


def test_the_bundled_voice_says_french_and_english_differently():
    _, fr = BundledEspeak.synth("Bonjour Élodie", "fr")
    _, en = BundledEspeak.synth("Bonjour Élodie", "en")
    assert fr and en and fr != en


def test_the_bundled_voice_plays_through_the_mixer_and_stops(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    pygame.mixer.quit()
    speaker = speech.Speaker(BundledBackend())
    try:
        assert speaker.engine == "espeak-ng (bundled)"
        speaker.say("Tu as fait trois choix.", "fr")
        assert speaker.wait_idle(15.0)
        assert speaker.spoken == ["Tu as fait trois choix."]
        assert pygame.mixer.get_init()                 # the samples went to pygame's mixer
        speaker.say("Une phrase assez longue pour être coupée avant la fin, vraiment très longue.", "fr")
        speaker.stop()
        assert speaker.wait_idle(5.0)
    finally:
        speaker.close()
        pygame.mixer.quit()


def test_speak_without_text_is_a_clear_error():
    run = subprocess.run([sys.executable, "main.py", "speak", "   "], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, env=_env())
    assert run.returncode == 2 and "Traceback" not in run.stderr and run.stderr.startswith("speak:")


def test_doctor_says_what_works_line_by_line(tmp_path):
    (tmp_path / "issuer.json").write_text(json.dumps({"url": "http://127.0.0.1:9"}))   # nothing listens there
    run = subprocess.run([sys.executable, "main.py", "doctor", "--data-dir", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60,
                         env=_env(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy"))
    lines = run.stdout.splitlines()
    assert len(lines) == 6, run.stdout + run.stderr
    display, voice, fonts, sound, data, issuer = lines
    assert display.startswith("✓ Écran") and voice.startswith("✓ Voix") and ("bundled" in voice or "pyttsx3" in voice)
    assert fonts.startswith("✓ Polices") and sound.startswith("✓ Son")
    assert data.startswith("✓") and str(tmp_path) in data
    assert issuer.startswith("✗ Plateforme de badges injoignable") and "127.0.0.1:9" in issuer
    assert run.returncode == 1


def test_play_without_a_screen_says_so_in_one_line_and_stops(tmp_path):
    """No DISPLAY: SDL would draw off-screen, a window nobody sees; the game says so instead."""
    run = subprocess.run([sys.executable, "main.py", "play", "--data-dir", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=30, env=_env(SDL_AUDIODRIVER="dummy"))
    assert run.returncode == 1
    lines = [line for line in run.stderr.splitlines() if line.startswith("diva:")]
    assert len(lines) == 1 and "pas d'écran" in lines[0] and "cannot open a window" in lines[0], run.stderr
