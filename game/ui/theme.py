"""Colours and sizes. Every text/background pair here is checked for WCAG 4.5:1 in the tests."""
from __future__ import annotations

from dataclasses import dataclass

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


PALETTES = {
    "standard": Palette(
        name="standard",
        background=hex_colour("#f3efe6"),
        panel=hex_colour("#ffffff"),
        text=hex_colour("#1b1b1f"),
        muted=hex_colour("#4a4a55"),
        accent=hex_colour("#1d4f91"),
        on_accent=hex_colour("#ffffff"),
        focus=hex_colour("#a3320b"),
        border=hex_colour("#5c5c66"),
        good=hex_colour("#1e6b3a"),
        on_good=hex_colour("#ffffff"),
    ),
    "contrast": Palette(
        name="contrast",
        background=hex_colour("#000000"),
        panel=hex_colour("#101010"),
        text=hex_colour("#ffffff"),
        muted=hex_colour("#e0e0e0"),
        accent=hex_colour("#ffd60a"),
        on_accent=hex_colour("#000000"),
        focus=hex_colour("#4de1ff"),
        border=hex_colour("#ffffff"),
        good=hex_colour("#7dffa0"),
        on_good=hex_colour("#000000"),
    ),
}

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
