"""Short feedback sounds and an optional quiet music loop (assets/sounds, made by
assets/tools/make_sounds.py). Sound is a bonus: with no audio device, or muted, every call does
nothing, silently; the mixer is opened on the first sound, never at start-up."""
from __future__ import annotations

import logging
from pathlib import Path

import pygame

SOUND_DIR = Path(__file__).resolve().parents[2] / "assets" / "sounds"
EFFECTS = ("choice", "reveal", "collect", "celebrate")
MUSIC = "loop"
VOLUMES = (0.0, 0.25, 0.5, 0.8)  # the volume setting's steps (0 = off)
MUSIC_SHARE = 0.35               # the music plays this much quieter than the effects

log = logging.getLogger("diva")


class Sound:
    """The mixer, opened when first needed; `available` is False when the machine has no audio."""

    def __init__(self, sound_dir: Path = SOUND_DIR):
        self.sound_dir = sound_dir
        self.available: bool | None = None   # unknown until the first sound
        self.effects: dict[str, pygame.mixer.Sound] = {}
        self.volume = 0.0
        self.music_on = False
        self.played: list[str] = []           # what was played, in order (for doctor and tests)
        self._music = None

    def _open(self) -> bool:
        if self.available is None:
            try:
                if not pygame.mixer.get_init():
                    pygame.mixer.init()
                self.effects = {name: pygame.mixer.Sound(str(self.sound_dir / f"{name}.wav")) for name in EFFECTS}
                self._music = pygame.mixer.Sound(str(self.sound_dir / f"{MUSIC}.wav"))
                self.available = True
            except (pygame.error, FileNotFoundError, OSError) as exc:
                log.info("no sound: %s", exc)
                self.available = False
        return self.available

    def configure(self, volume: float, music: bool) -> None:
        """The volume (0: silent, nothing is opened) and whether the music loop plays."""
        self.volume = volume
        self.music_on = music and volume > 0
        if self.available is None and not self.music_on:
            return  # the mixer opens on the first sound
        if not self._open():
            return
        if self.music_on:
            self._music.set_volume(self.volume * MUSIC_SHARE)
            if not self._music.get_num_channels():
                self._music.play(loops=-1, fade_ms=1500)
        elif self._music is not None:
            self._music.fadeout(600)

    def play(self, name: str) -> bool:
        """Play one feedback sound; False (and nothing happens) when muted or without a device."""
        if self.volume <= 0 or not self._open():
            return False
        effect = self.effects[name]
        effect.set_volume(self.volume)
        effect.play()
        self.played.append(name)
        return True

    def close(self) -> None:
        if self.available and pygame.mixer.get_init():
            pygame.mixer.quit()
        self.available = None
