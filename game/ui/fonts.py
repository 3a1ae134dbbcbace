"""Bundled fonts, rendered text cached (text rendering is the costliest part of a frame)."""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FAMILIES = {
    "atkinson": {False: "atkinson-hyperlegible-latin-400-normal.woff2", True: "atkinson-hyperlegible-latin-700-normal.woff2"},
    "dyslexic": {False: "OpenDyslexic-Regular.otf", True: "OpenDyslexic-Bold.otf"},
}


class Fonts:
    """Font objects by (family, size, bold) and rendered surfaces by text, with an LRU bound."""

    def __init__(self, family: str = "atkinson", max_surfaces: int = 1500):
        self.family = family
        self._fonts: dict[tuple, pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._max = max_surfaces

    def set_family(self, family: str) -> None:
        if family != self.family:
            self.family = family
            self._surfaces.clear()

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (self.family, size, bold)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(FONT_DIR / FAMILIES[self.family][bold], size)
            self._fonts[key] = font
        return font

    def render(self, text: str, size: int, colour, bold: bool = False) -> pygame.Surface:
        key = (self.family, text, size, tuple(colour), bold)
        surface = self._surfaces.get(key)
        if surface is None:
            surface = self.font(size, bold).render(text, True, colour).convert_alpha()
            self._surfaces[key] = surface
            if len(self._surfaces) > self._max:
                self._surfaces.popitem(last=False)
        else:
            self._surfaces.move_to_end(key)
        return surface

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Lines that fit `width`; explicit line breaks are kept (one idea per line)."""
        font = self.font(size, bold)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = [w for w in paragraph.split(" ") if w]  # only plain spaces break: no-break spaces hold
            if not words:
                lines.append("")
                continue
            line = words[0]
            for word in words[1:]:
                candidate = f"{line} {word}"
                if font.size(candidate)[0] <= width:
                    line = candidate
                else:
                    lines.append(line)
                    line = word
            while font.size(line)[0] > width and len(line) > 1:  # one word wider than the box
                cut = len(line)
                while cut > 1 and font.size(line[:cut])[0] > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
        return lines

    def line_height(self, size: int) -> int:
        return int(self.font(size).get_linesize() * 1.08)
