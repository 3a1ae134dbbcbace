"""Buttons, text blocks and level marks: the few drawing pieces every scene shares.

Home-made, not pygame_gui: players answer with number keys and a presenter's clicker, read-aloud
follows the focus, and a button carries an icon, a key hint and a detail line (pygame_gui's buttons
do none of these); typing is pygame_gui's (game.ui.textentry)."""
from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

import pygame

from game.ui.theme import GAP, MIN_TARGET, Palette
from game.ui.theme import TEXT_GROWTH, TEXT_SIZES

# Pieces that do not change from frame to frame (a button's face, level marks) are painted once
# on an opaque surface whose unpainted pixels carry this key colour: a colour-keyed RLE blit is
# far cheaper than drawing rounded rectangles and text again on every frame.
CUTOUT = (255, 0, 255)
FACE_MARGIN = 2                 # the dashed outline of a disabled button reaches 1 px outside it
MAX_CACHED_PIXELS = 3_000_000   # about 12 MB of painted pieces


SMALLER = {"title": "large", "large": "body", "body": "small"}  # never below "small" (28 px)


@dataclass
class Button:
    """A click/touch/keyboard target. `key_hint` is the number key that picks it (1-9)."""

    label: str
    action: Callable[[], Any]
    icon: str = ""
    key_hint: int | None = None
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    selected: bool = False   # for toggles (budget items, activities): drawn with a check mark
    kind: str = "choice"     # "choice" (answers) or "nav" (menu, back, next)
    enabled: bool = True
    detail: str = ""         # a short value drawn at the right end (a price, a count)


class Ui:
    """Drawing helpers bound to the app's fonts, icons, palette and text scale."""

    def __init__(self, fonts, icons, palette: Palette, scale: float = 1.0):
        self.fonts = fonts
        self.icons = icons
        self.palette = palette
        self.scale = scale
        self.spoken: list[str] = []   # the screen's text in drawing order, for read-aloud (reset by the app)
        self._pieces: OrderedDict[tuple, tuple[pygame.Surface, bool]] = OrderedDict()
        self._piece_pixels = 0

    def _piece(self, key: tuple, size: tuple[int, int], paint: Callable[[pygame.Surface], None]) -> tuple[pygame.Surface, bool] | None:
        """A painted piece from the cache, or painted now; None without a display to convert to.
        The flag says whether painting it found text that does not fit."""
        piece = self._pieces.get(key)
        if piece is not None:
            self._pieces.move_to_end(key)
            return piece
        if pygame.display.get_surface() is None:
            return None
        surface = pygame.Surface(size).convert()
        surface.fill(CUTOUT)
        before, self.overflowed = self.overflowed, False
        try:
            paint(surface)
            overflowed = self.overflowed
        finally:
            self.overflowed = before
        surface.set_colorkey(CUTOUT, pygame.RLEACCEL)
        piece = self._pieces[key] = (surface, overflowed)
        self._piece_pixels += size[0] * size[1]
        while self._piece_pixels > MAX_CACHED_PIXELS and len(self._pieces) > 1:
            old = self._pieces.popitem(last=False)[1][0]
            self._piece_pixels -= old.get_width() * old.get_height()
        return piece

    def size(self, name: str) -> int:
        return int(TEXT_SIZES[name] * (1 + (self.scale - 1) * TEXT_GROWTH[name]))

    # ------------------------------------------------------------ text

    def text_block(self, surface: pygame.Surface, text: str, rect: pygame.Rect, size: str = "body", colour=None,
                   bold: bool = False, align: str = "left", read: bool = True) -> int:
        """Draw wrapped text in rect; returns the height used (text that does not fit is cut and flagged)."""
        if read:
            self.spoken.append(text)
        px = self.size(size)
        colour = colour or self.palette.text
        lines = self.fonts.wrap(text, px, rect.width, bold)
        lh = self.fonts.line_height(px)
        while len(lines) * lh > rect.height + 2 and size in SMALLER:  # too long for its box: a size smaller first
            size = SMALLER[size]
            px = self.size(size)
            lines = self.fonts.wrap(text, px, rect.width, bold)
            lh = self.fonts.line_height(px)
        y = rect.top
        for line in lines:
            if y + lh > rect.bottom + 2:
                self.overflowed = True
                break
            if line:
                img = self.fonts.render(line, px, colour, bold)
                x = rect.left if align == "left" else rect.centerx - img.get_width() // 2
                surface.blit(img, (x, y))
            y += lh
        return y - rect.top

    overflowed = False

    def text_height(self, text: str, width: int, size: str = "body", bold: bool = False) -> int:
        px = self.size(size)
        return len(self.fonts.wrap(text, px, width, bold)) * self.fonts.line_height(px)

    def title(self, surface: pygame.Surface, text: str, icon: str = "", y: int = 28, width: int | None = None) -> int:
        """The screen's title, centred (on the left `width` of the screen if given: a panel has the rest),
        with its pictogram; returns the y below it."""
        width = width or surface.get_width()
        px = self.size("title")
        img = self.fonts.render(text, px, self.palette.text, True)
        if img.get_width() > width - 160:
            return y + self.text_block(surface, text, pygame.Rect(80, y, width - 160, 200), "large", bold=True, align="center") + GAP
        self.spoken.append(text)
        icon_img = self.icons.get(icon, px, self.palette.accent) if icon else None
        total = img.get_width() + (px + 12 if icon_img else 0)
        x = width // 2 - total // 2
        if icon_img:
            surface.blit(icon_img, (x, y + (img.get_height() - px) // 2))
            x += px + 12
        surface.blit(img, (x, y))
        return y + img.get_height() + GAP

    # ------------------------------------------------------------ buttons

    def button_height(self, button: Button, width: int) -> int:
        text_w = width - self._text_offset(button) - 20
        if button.detail:
            text_w -= self.fonts.font(self.size("body"), True).size(button.detail)[0] + 10
        return max(MIN_TARGET, self.text_height(button.label, text_w, "body") + 20)

    def _text_offset(self, button: Button) -> int:
        offset = 18
        if button.key_hint is not None:
            offset += self.size("small") + 22
        if button.icon:
            offset += self.size("body") + 14
        if button.selected or button.kind == "toggle":
            offset += self.size("body") + 10
        return offset

    def draw_button(self, surface: pygame.Surface, button: Button, focused: bool) -> None:
        r = button.rect
        m = FACE_MARGIN
        key = ("button", r.size, button.label, button.icon, button.key_hint, button.selected, button.kind, button.enabled,
               button.detail, self.palette, self.scale, self.fonts.family)
        face = self._piece(key, (r.width + 2 * m, r.height + 2 * m),
                           lambda s: self._paint_button(s, button, pygame.Rect(m, m, r.width, r.height)))
        if face is None:
            self._paint_button(surface, button, r)
        else:
            surface.blit(face[0], (r.left - m, r.top - m))
            if face[1]:
                self.overflowed = True
        if focused:
            self.focus_ring(surface, r)
        self.spoken.append(f"{button.key_hint}. {button.label}" if button.key_hint else button.label)

    def focus_ring(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        """What has the keyboard (a button, a text box): not colour alone, a separate ring around it and a pointer mark."""
        p = self.palette
        pygame.draw.rect(surface, p.focus, r.inflate(12, 12), width=5, border_radius=18)
        tip = (r.left - 9, r.centery)
        pygame.draw.polygon(surface, p.focus, [tip, (tip[0] - 18, tip[1] - 14), (tip[0] - 18, tip[1] + 14)])

    def _paint_button(self, surface: pygame.Surface, button: Button, r: pygame.Rect) -> None:
        """All of a button but its focus ring, at `r` on `surface` (drawn once, then cached)."""
        p = self.palette
        primary = button.kind == "nav-primary" and button.enabled
        fill = p.accent if primary else p.panel
        ink = p.on_accent if primary else p.text if button.enabled else p.muted
        pygame.draw.rect(surface, fill, r, border_radius=14)
        if button.enabled:
            pygame.draw.rect(surface, p.border, r, width=3, border_radius=14)
        else:  # not available yet: a dashed outline and muted text, never just a colour
            for x in range(r.left + 12, r.right - 12, 18):
                pygame.draw.line(surface, p.muted, (x, r.top), (min(x + 9, r.right - 12), r.top), 3)
                pygame.draw.line(surface, p.muted, (x, r.bottom - 2), (min(x + 9, r.right - 12), r.bottom - 2), 3)
        x = r.left + 18
        if button.key_hint is not None:
            d = self.size("small") + 12
            centre = (x + d // 2, r.centery)
            pygame.draw.circle(surface, ink, centre, d // 2, width=3)
            num = self.fonts.render(str(button.key_hint), self.size("small"), ink, True)
            surface.blit(num, num.get_rect(center=centre))
            x += d + 10
        if button.kind == "toggle" or button.selected:
            box = pygame.Rect(x, r.centery - 16, 32, 32)
            pygame.draw.rect(surface, ink, box, width=3, border_radius=4)
            if button.selected:
                pygame.draw.lines(surface, ink, False, [(box.left + 6, box.centery), (box.left + 13, box.bottom - 7), (box.right - 5, box.top + 6)], 5)
            x += 42
        if button.icon:
            img = self.icons.get(button.icon, self.size("body"), ink)
            if img:
                surface.blit(img, (x, r.centery - img.get_height() // 2))
                x += self.size("body") + 14
        right = r.right - 14
        if button.detail:
            img = self.fonts.render(button.detail, self.size("body"), ink, True)
            right -= img.get_width() + 10
            surface.blit(img, (right + 10, r.centery - img.get_height() // 2))
        text_rect = pygame.Rect(x, r.top + 10, right - x, r.height - 16)
        size = "body"
        th = self.text_height(button.label, text_rect.width, size)
        if th > r.height - 4:  # a label taller than its button: smaller text, else flag it
            size = "small"
            th = self.text_height(button.label, text_rect.width, size)
            self.overflowed = self.overflowed or th > r.height - 4
        text_rect.top, text_rect.height = r.centery - th // 2, th
        self.text_block(surface, button.label, text_rect, size, ink, read=False)

    # ------------------------------------------------------------ marks

    def level_mark(self, surface: pygame.Surface, centre: tuple[int, int], level: int, max_level: int, shape: str, size: int) -> None:
        """A level shown by shape, fill and number: `level` filled marks out of `max_level`."""
        gap = size + 8
        x0 = centre[0] - (gap * max_level) // 2 + gap // 2
        ox, oy = size // 2 + 4, size // 2 + 4   # where the first mark's centre is on the cached piece
        piece = self._piece(("level", level, max_level, shape, size, self.palette), (gap * (max_level - 1) + 2 * ox, 2 * oy),
                            lambda s: self._paint_level(s, (ox, oy), level, max_level, shape, size))
        if piece is None:
            self._paint_level(surface, (x0, centre[1]), level, max_level, shape, size)
        else:
            surface.blit(piece[0], (x0 - ox, centre[1] - oy))

    def _paint_level(self, surface: pygame.Surface, first: tuple[int, int], level: int, max_level: int, shape: str, size: int) -> None:
        p = self.palette
        gap = size + 8
        for i in range(max_level):
            c = (first[0] + i * gap, first[1])
            filled = i < level
            draw_shape(surface, shape, c, size // 2, p.good if filled else p.panel, p.text, 0)
            draw_shape(surface, shape, c, size // 2, p.text, p.text, 2)


def draw_shape(surface: pygame.Surface, shape: str, centre: tuple[int, int], radius: int, colour, _outline, width: int) -> None:
    x, y = centre
    if shape == "circle":
        pygame.draw.circle(surface, colour, centre, radius, width)
    elif shape == "triangle":
        pts = [(x + radius * math.cos(a), y + radius * math.sin(a)) for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)]
        pygame.draw.polygon(surface, colour, pts, width)
    else:
        pygame.draw.rect(surface, colour, pygame.Rect(x - radius, y - radius, radius * 2, radius * 2), width, border_radius=3)


def layout_column(ui: Ui, buttons: list[Button], rect: pygame.Rect, gap: int = GAP) -> int:
    """Stack buttons in rect (full width); returns the bottom y."""
    y = rect.top
    for b in buttons:
        h = ui.button_height(b, rect.width)
        b.rect = pygame.Rect(rect.left, y, rect.width, h)
        y += h + gap
    return y - gap


def layout_row(buttons: list[Button], rect: pygame.Rect, gap: int = GAP) -> None:
    """Buttons side by side, sharing rect's width."""
    if not buttons:
        return
    w = (rect.width - gap * (len(buttons) - 1)) // len(buttons)
    for i, b in enumerate(buttons):
        b.rect = pygame.Rect(rect.left + i * (w + gap), rect.top, w, rect.height)


def layout_grid(ui: Ui, buttons: list[Button], rect: pygame.Rect, gap: int = 10) -> None:
    """One column for up to 4 buttons, two up to 8, three beyond; rows share the height."""
    cols = 1 if len(buttons) <= 4 else 2 if len(buttons) <= 8 else 3
    rows = (len(buttons) + cols - 1) // cols
    w = (rect.width - gap * (cols - 1)) // cols
    h = max(MIN_TARGET, min(84, (rect.height - gap * (rows - 1)) // max(1, rows)))
    for i, b in enumerate(buttons):
        b.rect = pygame.Rect(rect.left + (i % cols) * (w + gap), rect.top + (i // cols) * (h + gap), w, h)


def layout_fit(ui: Ui, buttons: list[Button], rect: pygame.Rect, gap: int = 8) -> bool:
    """The fewest columns (1 to 3) in which every label fits whole; returns False if none does
    (then three columns, and the caller's text is cut and flagged)."""
    for cols in (1, 2, 3):
        w = (rect.width - gap * (cols - 1)) // cols
        rows = [buttons[i:i + cols] for i in range(0, len(buttons), cols)]
        heights = [max(ui.button_height(b, w) for b in row) for row in rows]
        if sum(heights) + gap * (len(rows) - 1) <= rect.height or cols == 3:
            y = rect.top
            for row, h in zip(rows, heights):
                for i, b in enumerate(row):
                    b.rect = pygame.Rect(rect.left + i * (w + gap), y, w, h)
                y += h + gap
            return sum(heights) + gap * (len(rows) - 1) <= rect.height
    return False


def pages_that_fit(ui: Ui, buttons: list[Button], rect: pygame.Rect, gap: int = 8) -> list[int]:
    """Where each page of buttons begins so that every page fits whole in rect (see layout_fit);
    the buttons are measured as drawn, number keys included."""
    starts, i = [], 0
    while i < len(buttons) or not starts:
        starts.append(i)
        n = len(buttons) - i
        while n > 1:
            page = buttons[i:i + n]
            for k, b in enumerate(page):  # numbered on their page, as they will be
                b.key_hint = k + 1 if k < 9 else None
            if layout_fit(ui, page, rect, gap):
                break
            n -= 1
        i += max(1, n)
    return starts
