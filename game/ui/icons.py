"""Tabler icons (SVG, MIT) rendered at any size and tinted, cached."""
from __future__ import annotations

from pathlib import Path

import pygame

ICON_DIR = Path(__file__).resolve().parents[2] / "assets" / "icons"


class Icons:
    def __init__(self):
        self._cache: dict[tuple, pygame.Surface | None] = {}

    def get(self, name: str, size: int, colour) -> pygame.Surface | None:
        key = (name, size, tuple(colour))
        if key not in self._cache:
            self._cache[key] = self._load(name, size, colour)
        return self._cache[key]

    @staticmethod
    def _load(name: str, size: int, colour) -> pygame.Surface | None:
        path = ICON_DIR / f"{name}.svg"
        if not name or not path.is_file():
            return None
        surface = pygame.image.load_sized_svg(path, (size, size)).convert_alpha()
        # keep only the shape (alpha): RGB to black, then up to the colour
        surface.fill((0, 0, 0, 255), special_flags=pygame.BLEND_RGBA_MIN)
        surface.fill((*colour, 0), special_flags=pygame.BLEND_RGBA_MAX)
        return surface
