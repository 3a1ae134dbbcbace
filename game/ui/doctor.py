"""`diva speak` says a text (or writes it as a WAV file); `diva doctor` says what works on this machine.

Both speak the user's language (French first): their lines come from the catalogues.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pygame
import requests

from game.i18n.catalogue import I18n
from game.services.issuer_config import IssuerSettings
from game.store.sqlite import StoreError, prepare_data_dir
from game.ui import speech
from game.ui.app import init_pygame
from game.ui.fonts import FAMILIES, FONT_DIR
from game.ui.speech_espeak import BundledEspeak, EspeakError, wav_bytes

ISSUER_TIMEOUT_SECONDS = 5


def run_speak(args: argparse.Namespace) -> int:
    """Write the text as speech into --out (the bundled voice), or say it through the best engine here."""
    i18n = I18n(args.lang or "fr")
    text = speech.speakable(" ".join(args.text))
    if not text:
        print(f"speak: {i18n.t('speak.empty')}", file=sys.stderr)
        return 2
    if args.out:
        try:
            rate, samples = BundledEspeak.synth(text, i18n.lang, speech.RATE_WORDS_PER_MINUTE)
            Path(args.out).write_bytes(wav_bytes(rate, samples))
        except (EspeakError, OSError) as exc:
            print(f"speak: {i18n.t('speak.failed', detail=exc)}", file=sys.stderr)
            return 1
        print(args.out)
        return 0
    speaker = speech.Speaker()
    try:
        if not speaker.available:
            print(f"speak: {i18n.t('speak.no_voice')}", file=sys.stderr)
            return 1
        speaker.say(text, i18n.lang)
        speaker.wait_idle(timeout=60 + len(text) / 5)
    finally:
        speaker.close()
    return 0


def check_display() -> tuple[bool, str]:
    reason = init_pygame()
    if reason:
        return False, reason
    return True, pygame.display.get_driver()


def check_voice(lang: str) -> tuple[bool, str]:
    backend = speech.Speaker._prepare(None)
    if backend.name == "none":
        return False, ""
    if isinstance(backend, speech.BundledBackend):
        try:
            _, samples = BundledEspeak.synth("Bonjour", lang)
        except EspeakError as exc:
            return False, str(exc)
        if not samples.strip(b"\0"):
            return False, "silence"
    return True, backend.name


def check_fonts() -> tuple[bool, str]:
    missing = [name for faces in FAMILIES.values() for name in faces.values() if not (FONT_DIR / name).is_file()]
    if missing:
        return False, ", ".join(missing)
    pygame.font.init()
    for faces in FAMILIES.values():
        for name in faces.values():
            pygame.font.Font(FONT_DIR / name, 20)
    return True, ", ".join(FAMILIES)


def check_sound() -> tuple[bool, str]:
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init()
        frequency, _, channels = pygame.mixer.get_init()
    except pygame.error as exc:
        return False, str(exc)
    return True, f"{os.environ.get('SDL_AUDIODRIVER') or 'audio'} {frequency} Hz, {channels} ch"


def check_data(data_dir) -> tuple[bool, str, Path | None]:
    try:
        folder = prepare_data_dir(data_dir)
    except StoreError as exc:
        return False, str(exc), None
    return True, str(folder), folder


def check_issuer(folder: Path | None) -> tuple[bool | None, str]:
    """None: no platform set (the game works without one)."""
    settings = IssuerSettings.load(folder) if folder else IssuerSettings()
    if not settings.configured:
        return None, ""
    try:
        response = requests.get(settings.url, timeout=ISSUER_TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        return False, f"{settings.url}: {type(exc).__name__}"
    return response.status_code < 500, f"{settings.url}: HTTP {response.status_code}"


def run_doctor(args: argparse.Namespace) -> int:
    """One line per check: what works (✓), what does not (✗) and what is not set (–)."""
    i18n = I18n(args.lang or "fr")
    data_ok, data_detail, folder = check_data(args.data_dir)
    checks = [
        ("display", check_display()),
        ("voice", check_voice(i18n.lang)),
        ("fonts", check_fonts()),
        ("sound", check_sound()),
        ("data", (data_ok, data_detail)),
        ("issuer", check_issuer(folder)),
    ]
    failed = 0
    for name, (ok, detail) in checks:
        mark = "–" if ok is None else ("✓" if ok else "✗")
        state = "unset" if ok is None else ("ok" if ok else "bad")
        failed += ok is False
        line = i18n.t(f"doctor.{name}.{state}", detail=detail)
        print(f"{mark} {line}")
    pygame.quit()
    return 1 if failed else 0
