"""Read-aloud: the text on screen spoken by the machine's text-to-speech engine, off the game loop.

The system's voices through pyttsx3 when it is installed and has a voice, else the voice
bundled in the `espeakng-loader` wheel (game.ui.speech_espeak, played through pygame's mixer;
both come with `pip install diva[speech]`, which `make run` installs), else the `espeak-ng`
command, else nothing: the game works the same and says so in the settings. `say` and `stop`
return at once; a background thread does the speaking.
"""
from __future__ import annotations

import importlib.util
import logging
import re
import shutil
import subprocess
import threading
from typing import Protocol
import time

from game.ui.speech_espeak import BundledBackend, BundledEspeak

log = logging.getLogger("diva")

RATE_WORDS_PER_MINUTE = 150   # slower than the engines' default (175-200): easier to follow


class Backend(Protocol):
    name: str

    def speak(self, text: str, lang: str, stopped: threading.Event) -> None: ...  # blocks until said or stopped
    def stop(self) -> None: ...                                                 # called from another thread


class NoSpeech:
    """No engine on this machine: reading does nothing."""

    name = "none"

    def speak(self, text: str, lang: str, stopped: threading.Event) -> None:
        pass

    def stop(self) -> None:
        pass


class EspeakBackend:
    """The `espeak-ng` command (or `espeak`), one process per text; stopping ends the process."""

    name = "espeak-ng"

    def __init__(self, command: str, extra_args: list[str] | None = None):
        self.command = command
        self.extra_args = list(extra_args or [])
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def speak(self, text: str, lang: str, stopped: threading.Event) -> None:
        argv = [self.command, "-v", lang, "-s", str(RATE_WORDS_PER_MINUTE), *self.extra_args, "--", text]
        with self._lock:
            if stopped.is_set():
                return
            self._proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
            proc = self._proc
        proc.wait()

    def stop(self) -> None:
        with self._lock:
            if self._proc and self._proc.poll() is None:
                self._proc.terminate()


class Pyttsx3Backend:
    """pyttsx3 (SAPI5 on Windows, NSSpeechSynthesizer on macOS, libespeak on Linux).
    Its engine lives in the speaking thread, where it was made."""

    name = "pyttsx3"

    def __init__(self, module):
        self.module = module
        self.engine = None

    def ready(self) -> bool:
        """Start the engine (in the speaking thread); False when it has no voice."""
        try:
            self.engine = self.module.init()
            voices = self.engine.getProperty("voices") or []
            self.engine.setProperty("rate", RATE_WORDS_PER_MINUTE)
        except Exception as exc:  # any driver failure means: no pyttsx3 here
            log.info("pyttsx3 cannot speak here: %s", exc)
            return False
        return bool(voices)

    def speak(self, text: str, lang: str, stopped: threading.Event) -> None:
        voice = self._voice_for(lang)
        if voice is not None:
            self.engine.setProperty("voice", voice)
        if stopped.is_set():
            return
        self.engine.say(text)
        self.engine.runAndWait()

    def _voice_for(self, lang: str):
        for voice in self.engine.getProperty("voices") or []:
            langs = " ".join(str(x) for x in (getattr(voice, "languages", None) or []))
            if lang in f"{langs} {voice.id} {getattr(voice, 'name', '')}".lower():
                return voice.id
        return None

    def stop(self) -> None:
        if self.engine is not None:
            try:
                self.engine.stop()
            except Exception:  # stopping must never fail the game
                pass


def find_backend():
    """pyttsx3 if it can be imported, else the bundled voice, else espeak-ng / espeak on the PATH, else NoSpeech.
    (Whether pyttsx3 has a voice is only known in the speaking thread; it falls back then.)"""
    try:
        import pyttsx3  # optional (pip install diva[speech]); start-up: it loads the system's speech engine, only when read-aloud is first used
    except Exception:
        pyttsx3 = None
    if pyttsx3 is not None:
        return Pyttsx3Backend(pyttsx3)
    return fallback_backend()


def fallback_backend():
    """Without the system's voices: the bundled voice, else a command on the PATH, else NoSpeech."""
    if BundledEspeak.present():
        return BundledBackend(RATE_WORDS_PER_MINUTE)
    for command in ("espeak-ng", "espeak"):
        path = shutil.which(command)
        if path:
            return EspeakBackend(path)
    return NoSpeech()


def possible() -> bool:
    """Whether some engine may speak here (known without starting one)."""
    return bool(BundledEspeak.present() or importlib.util.find_spec("pyttsx3")
                or shutil.which("espeak-ng") or shutil.which("espeak"))


def speakable(text: str) -> str:
    """The text as an engine should read it: one line per idea, no layout characters."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("•", "")
    text = re.sub(r"[ \t]+", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines)


class Speaker:
    """Says one text at a time in a background thread: a new `say` replaces what is being said."""

    def __init__(self, backend=None):
        self._backend = backend
        self._pending: tuple[str, str] | None = None
        self._wake = threading.Condition()
        self._closed = False
        self.speaking = False
        self._stopped = threading.Event()
        self.spoken: list[str] = []     # what was said, last ones (for tests and the log)
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="diva-speech", daemon=True)
        self._thread.start()

    @property
    def engine(self) -> str:
        """The engine's name once known ("none" when the machine has none)."""
        self._ready.wait(2.0)
        return self._backend.name if self._backend else "none"

    @property
    def ready(self) -> bool:
        """The engine has been chosen (the thread has started it)."""
        return self._ready.is_set()

    @property
    def available(self) -> bool:
        return self.engine != "none"

    def say(self, text: str, lang: str = "fr") -> None:
        text = speakable(text)
        if not text:
            return
        with self._wake:
            self._stop_current()
            self._pending = (text, lang)
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._pending = None
            self._stop_current()

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._pending = None
            self._stop_current()
            self._wake.notify()
        self._thread.join(timeout=2)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """For tests: True once nothing is waiting or being said."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._wake:
                if self._pending is None and not self.speaking:
                    return True
            time.sleep(0.01)
        return False

    def _stop_current(self) -> None:
        """Under the lock: end what the thread is saying now (not what it will say next)."""
        if self.speaking:
            self._stopped.set()
            try:
                self._backend.stop()
            except Exception:  # stopping must never fail the game
                pass

    def _run(self) -> None:
        self._backend = self._prepare(self._backend)
        self._ready.set()
        log.info("read-aloud engine: %s", self._backend.name)
        while True:
            with self._wake:
                while self._pending is None and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                text, lang = self._pending
                self._pending = None
                self._stopped = threading.Event()
                self.speaking = True
            try:
                self._backend.speak(text, lang, self._stopped)
                self.spoken = (self.spoken + [text])[-20:]
            except Exception as exc:  # an engine that fails is turned off, never the game
                log.warning("read-aloud failed (%s): %s; reading is off", self._backend.name, exc)
                self._backend = NoSpeech()
            finally:
                with self._wake:
                    self.speaking = False

    @staticmethod
    def _prepare(backend):
        if backend is None:
            backend = find_backend()
        if isinstance(backend, Pyttsx3Backend) and not backend.ready():
            backend = fallback_backend()
        return backend
