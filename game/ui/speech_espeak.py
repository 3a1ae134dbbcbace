"""The voice that ships in a wheel: libespeak-ng and its data from `espeakng-loader`, through ctypes.

No system package is needed: `pip install diva[speech]` (what `make run` installs) brings the
library and its French and English voices. The library writes samples (16-bit mono) that we
collect; `wav_bytes` makes a WAV file of them and `play` hands them to pygame's mixer.
libespeak-ng keeps global state: one engine per process, one text at a time (a lock).
"""
from __future__ import annotations

import ctypes
import io
import threading
import time
import wave

import pygame

try:
    import espeakng_loader  # optional (diva[speech]); a pure loader, cheap to import
except ImportError:  # the base install: no bundled voice
    espeakng_loader = None

AUDIO_OUTPUT_SYNCHRONOUS = 2       # speak_lib.h: espeak_Synth returns when the text is said into our callback
INITIALIZE_DONT_EXIT = 0x8000      # never exit() the process on a data error
POS_CHARACTER = 1
CHARS_UTF8 = 1
PARAM_RATE = 1
EE_OK = 0

SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)

# our language codes -> espeak-ng voice names
VOICES = {"fr": "fr", "en": "en"}


class EspeakError(RuntimeError):
    pass


class BundledEspeak:
    """libespeak-ng from the espeakng-loader wheel. `synth` gives (sample rate, 16-bit mono samples)."""

    _lock = threading.Lock()
    _lib = None
    _rate = 0

    @classmethod
    def present(cls) -> bool:
        """The wheel is installed (without loading the library)."""
        return espeakng_loader is not None

    @classmethod
    def _engine(cls):
        """Under the lock: the library, initialised once for the process."""
        if cls._lib is None:
            if espeakng_loader is None:
                raise EspeakError("espeakng-loader is not installed (pip install diva[speech])")
            try:
                lib = ctypes.CDLL(espeakng_loader.get_library_path())
            except OSError as exc:
                raise EspeakError(f"cannot load libespeak-ng: {exc}") from None
            lib.espeak_Initialize.restype = ctypes.c_int
            lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
            lib.espeak_SetSynthCallback.argtypes = [SYNTH_CALLBACK]
            lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
            lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
            lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                         ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
            rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                         espeakng_loader.get_data_path().encode(), INITIALIZE_DONT_EXIT)
            if rate <= 0:
                raise EspeakError("libespeak-ng did not start (its voice data is missing?)")
            cls._lib, cls._rate = lib, rate
        return cls._lib

    @classmethod
    def synth(cls, text: str, lang: str = "fr", words_per_minute: int = 150,
              stopped: threading.Event | None = None) -> tuple[int, bytes]:
        """The text said in `lang`: (sample rate, 16-bit little-endian mono samples).
        `stopped` set from another thread ends the synthesis early."""
        chunks: list[bytes] = []

        def collect(wav, count, _events):
            if count > 0 and wav:
                chunks.append(ctypes.string_at(wav, count * 2))
            return 1 if stopped is not None and stopped.is_set() else 0

        callback = SYNTH_CALLBACK(collect)   # kept alive until espeak_Synth returns
        data = text.encode("utf-8") + b"\0"
        with cls._lock:
            lib = cls._engine()
            if lib.espeak_SetVoiceByName(VOICES.get(lang, lang).encode()) != EE_OK:
                raise EspeakError(f"no espeak-ng voice for the language {lang!r}")
            lib.espeak_SetParameter(PARAM_RATE, words_per_minute, 0)
            lib.espeak_SetSynthCallback(callback)
            if lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, CHARS_UTF8, None, None) != EE_OK:
                raise EspeakError("libespeak-ng could not say the text")
            lib.espeak_Synchronize()
            rate = cls._rate
        return rate, b"".join(chunks)


def wav_bytes(rate: int, samples: bytes) -> bytes:
    """A WAV file (16-bit mono) of the samples."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples)
    return out.getvalue()


class BundledBackend:
    """A `speech.Backend`: the bundled voice, its samples played through pygame's mixer."""

    name = "espeak-ng (bundled)"

    def __init__(self, words_per_minute: int = 150):
        self.words_per_minute = words_per_minute
        self._sound = None

    def speak(self, text: str, lang: str, stopped: threading.Event) -> None:
        rate, samples = BundledEspeak.synth(text, lang, self.words_per_minute, stopped)
        if stopped.is_set() or not samples:
            return
        if not pygame.mixer.get_init():
            pygame.mixer.init()   # raises pygame.error without a sound device: the Speaker turns reading off
        self._sound = pygame.mixer.Sound(file=io.BytesIO(wav_bytes(rate, samples)))
        channel = self._sound.play()
        while channel is not None and channel.get_busy() and not stopped.is_set():
            time.sleep(0.02)
        self.stop()

    def stop(self) -> None:
        sound = self._sound
        if sound is not None:
            sound.stop()
