"""Bundled fonts; rendered text and line wrapping cached (text is the costliest part of a frame)."""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FAMILIES = {
    "atkinson": {False: "atkinson-hyperlegible-latin-400-normal.woff2", True: "atkinson-hyperlegible-latin-700-normal.woff2"},
    "dyslexic": {False: "OpenDyslexic-Regular.otf", True: "OpenDyslexic-Bold.otf"},
}
# Each family drawn at the same x-height (the height of a lower-case letter, what the eye reads):
# at one point size OpenDyslexic's x is 11 % taller and its lines 19 % wider than Atkinson's.
OPTICAL_SIZE = {"atkinson": 1.0, "dyslexic": 0.9}


class Fonts:
    """Font objects by (family, size, bold); rendered surfaces by text and wrapped lines by
    (text, width), each with an LRU bound: a screen redrawn every frame measures no text.
    Rendered lines are bounded by their pixels too (a line of body text is ~100 KB)."""

    def __init__(self, family: str = "atkinson", max_surfaces: int = 1500, max_wraps: int = 3000,
                 max_pixels: int = 6_000_000):
        self.family = family
        self._fonts: dict[tuple, pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._max = max_surfaces
        self._max_pixels = max_pixels   # about 24 MB of 32-bit pixels: several screens of text
        self._pixels = 0
        self._wraps: OrderedDict[tuple, tuple[str, ...]] = OrderedDict()
        self._max_wraps = max_wraps
        self._line_heights: dict[tuple, int] = {}

    def set_family(self, family: str) -> None:
        if family != self.family:
            self.family = family
            self._surfaces.clear()
            self._pixels = 0
            self._wraps.clear()

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (self.family, size, bold)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(FONT_DIR / FAMILIES[self.family][bold], round(size * OPTICAL_SIZE[self.family]))
            self._fonts[key] = font
        return font

    def render(self, text: str, size: int, colour, bold: bool = False) -> pygame.Surface:
        key = (self.family, text, size, tuple(colour), bold)
        surface = self._surfaces.get(key)
        if surface is None:
            surface = self.font(size, bold).render(text, True, colour).convert_alpha()
            self._surfaces[key] = surface
            self._pixels += surface.get_width() * surface.get_height()
            while len(self._surfaces) > 1 and (len(self._surfaces) > self._max or self._pixels > self._max_pixels):
                old = self._surfaces.popitem(last=False)[1]
                self._pixels -= old.get_width() * old.get_height()
        else:
            self._surfaces.move_to_end(key)
        return surface

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Lines that fit `width`; explicit line breaks are kept (one idea per line)."""
        key = (self.family, text, size, width, bold)
        lines = self._wraps.get(key)
        if lines is None:
            lines = self._wraps[key] = tuple(self._wrap(text, size, width, bold))
            if len(self._wraps) > self._max_wraps:
                self._wraps.popitem(last=False)
        else:
            self._wraps.move_to_end(key)
        return list(lines)

    def _wrap(self, text: str, size: int, width: int, bold: bool) -> list[str]:
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
        key = (self.family, size)
        height = self._line_heights.get(key)
        if height is None:
            # OpenDyslexic's own line gap is 1.75 em already: tighter, still 1.6 em (dyslexia guides ask 1.5)
            height = self._line_heights[key] = int(self.font(size).get_linesize() * (0.92 if self.family == "dyslexic" else 1.08))
        return height
