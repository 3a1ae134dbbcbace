"""Colours (palettes.json) and sizes. Every text/background pair is checked for WCAG 4.5:1 in the tests."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from game.services.settings import TEXT_SCALES  # noqa: F401  (re-exported for the UI)

Colour = tuple[int, int, int]


def hex_colour(value: str) -> Colour:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


@dataclass(frozen=True)
class Palette:
    name: str
    background: Colour
    panel: Colour
    text: Colour
    muted: Colour
    accent: Colour          # buttons, highlights
    on_accent: Colour       # text on accent
    focus: Colour           # focus ring (always with a shape: thicker border and a marker)
    border: Colour
    good: Colour            # level fill on the skill map (always with number and shape)
    on_good: Colour

    def text_pairs(self) -> list[tuple[str, Colour, Colour]]:
        """(name, foreground, background) pairs that carry text or essential marks."""
        return [
            ("text/background", self.text, self.background),
            ("text/panel", self.text, self.panel),
            ("muted/panel", self.muted, self.panel),
            ("muted/background", self.muted, self.background),
            ("on_accent/accent", self.on_accent, self.accent),
            ("accent/panel", self.accent, self.panel),
            ("focus/panel", self.focus, self.panel),
            ("focus/background", self.focus, self.background),
            ("border/panel", self.border, self.panel),
            ("on_good/good", self.on_good, self.good),
            ("good/panel", self.good, self.panel),
        ]


# The two palettes as data (palettes.json): the standard one and high contrast.
PALETTES = {name: Palette(name=name, **{key: hex_colour(value) for key, value in colours.items()})
            for name, colours in json.loads(Path(__file__).with_name("palettes.json").read_text(encoding="utf-8")).items()}

# Sizes in logical pixels at 720 px of height (28 px is the least, for a far projector).
TEXT_SIZES = {"small": 28, "body": 32, "large": 40, "title": 50}
# How much of the text-size setting each size takes: body text grows fully, titles (already
# large) less, so that larger text still leaves room for the words on a 4:3 screen.
TEXT_GROWTH = {"small": 1.0, "body": 1.0, "large": 0.6, "title": 0.4}
MIN_TARGET = 56          # smallest click target (>= 48 px asked)
MARGIN = 40
GAP = 16


def relative_luminance(c: Colour) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
