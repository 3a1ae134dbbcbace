"""Text fields on pygame_gui (accents, any keyboard layout, cursor, selection): one line
(`TextField`: names, e-mails) or several (`TextBox`: a badge's story, which wraps and grows,
and scrolls up and down when it cannot grow, never sideways).

The app owns the one UIManager, themed by gui_theme.json (shapes, borders, padding) with the
colours and the font of the player's settings filled in; a scene creates fields and kills them
when it leaves (or when another screen covers it)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pygame
import pygame_gui

from game.ui.fonts import FAMILIES, FONT_DIR, OPTICAL_SIZE


def _hex(colour) -> str:
    return "#%02x%02x%02x" % tuple(colour)


THEME = json.loads(Path(__file__).with_name("gui_theme.json").read_text(encoding="utf-8"))


def make_manager(size: tuple[int, int], ui) -> pygame_gui.UIManager:
    """A manager themed like the game: the JSON theme, with the palette, font and text size of the settings."""
    p = ui.palette
    colours = {"normal_bg": _hex(p.panel), "dark_bg": _hex(p.panel), "normal_text": _hex(p.text),
               "selected_bg": _hex(p.accent), "selected_text": _hex(p.on_accent), "text_cursor": _hex(p.text),
               "normal_border": _hex(p.focus), "focused_border": _hex(p.focus)}
    theme = copy.deepcopy(THEME)
    theme["defaults"]["colours"].update(colours)
    regular = FONT_DIR / FAMILIES[ui.fonts.family][False]
    theme["text_entry_line"]["colours"].update(colours)
    theme["text_entry_line"]["font"].update({"name": f"diva-{ui.fonts.family}", "size": str(ui.size("large")),
                                             "regular_path": str(regular)})
    # the story box: body text, lines as far apart as the game's own (the font's line height varies
    # much between families); the entry box takes its look from "text_box" and its font from "text_entry_box"
    body = ui.size("body")
    spacing = ui.fonts.line_height(body) / ui.fonts.font(body).get_height()
    for key in ("text_box", "text_entry_box"):
        theme[key]["colours"].update(colours)
        theme[key]["font"].update({"name": f"diva-{ui.fonts.family}-body", "size": str(round(body * OPTICAL_SIZE[ui.fonts.family])),
                                   "regular_path": str(regular)})
        theme[key]["misc"]["line_spacing"] = f"{spacing:.2f}"
    return pygame_gui.UIManager(size, theme_path=theme, enable_live_theme_updates=False)


class TextField:
    """One line of text to type, drawn by pygame_gui."""

    def __init__(self, app, rect: pygame.Rect, max_length: int = 40, hidden: bool = False, text: str = ""):
        self.manager = app.gui()
        self.entry = pygame_gui.elements.UITextEntryLine(rect, self.manager, initial_text=text or None)
        self.entry.set_text_length_limit(max_length)
        if hidden:
            self.entry.set_text_hidden(True)

    @property
    def rect(self) -> pygame.Rect:
        return self.entry.rect

    @property
    def text(self) -> str:
        return self.entry.get_text()

    @text.setter
    def text(self, value: str) -> None:
        self.entry.set_text(value)
        if not self.focused:   # (pygame_gui would show the edit cursor in a field nobody types in)
            self.entry.cursor_has_moved_recently = False

    @property
    def focused(self) -> bool:
        return self.entry.is_focused

    def focus(self) -> None:
        """This field gets the keyboard (and no other field keeps it)."""
        self.manager.set_focus_set(self.entry)
        pygame.key.start_text_input()

    def unfocus(self) -> None:
        self.entry.unfocus()

    def show(self, shown: bool = True) -> None:
        """Drawn (and taking clicks) or not; the text stays."""
        if bool(self.entry.visible) != shown:
            self.entry.show() if shown else self.entry.hide()

    def kill(self) -> None:
        self.entry.kill()


class _EntryBox(pygame_gui.elements.UITextEntryBox):
    """pygame_gui's multi-line entry, with the length limit it lacks (typing and pasting stop there)."""

    max_length = 400

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT and self.is_focused:
            room = self.max_length - len(self.html_text) + abs(self.select_range[0] - self.select_range[1])
            if room <= 0:
                return True
            if len(event.text) > room:
                event = pygame.event.Event(pygame.TEXTINPUT, text=event.text[:room], window=getattr(event, "window", None))
        used = super().process_event(event)
        if len(self.html_text) > self.max_length:  # a paste
            self.set_text(self.html_text[:self.max_length])
        return used


class TextBox(TextField):
    """Several lines of text to type: the text wraps at the box's width; the scene sizes the box to
    show it all (`height_for_text`), and the box scrolls up and down when it cannot."""

    def __init__(self, app, rect: pygame.Rect, max_length: int = 400, text: str = ""):
        self.manager = app.gui()
        self.entry = _EntryBox(rect, text, self.manager)
        self.entry.max_length = max_length

    def height_for_text(self) -> int:
        """How tall the box must be for its whole text (at its width), borders and padding included."""
        box = self.entry
        layout = box.text_box_layout
        rows = layout.layout_rows if layout is not None else []
        text_h = max((row.bottom for row in rows), default=0) - (layout.layout_rect.top if layout is not None else 0)
        return text_h + self.chrome

    @property
    def chrome(self) -> int:
        """The box's height around its text: borders, padding, rounded corners."""
        return self.entry.rect.height - self.entry.text_wrap_rect.height

    def rows(self) -> list[tuple[int, int]]:
        """(width, height) of each line of text as wrapped in the box."""
        layout = self.entry.text_box_layout
        return [(row.width, row.height) for row in layout.layout_rows] if layout is not None else []

    def text_width(self) -> int:
        """The width the text wraps at (inside the borders, padding and any scroll bar)."""
        return self.entry.text_wrap_rect[2]

    @property
    def scrolls(self) -> bool:
        return self.entry.scroll_bar is not None

    def move(self, rect: pygame.Rect) -> None:
        """The box at a new place and size (it grew with its text), cursor and focus kept."""
        if rect == self.entry.rect:
            return
        box = self.entry
        cursor = box.edit_position
        box.set_relative_position(rect.topleft)
        box.set_dimensions(rect.size)
        box.rebuild()
        box.edit_position = cursor
        box.cursor_has_moved_recently = self.focused


def typeable(text: str) -> str:
    """What typing or pasting may put in a field: printable characters and spaces. A zero-width or
    bidi character alone in a field makes pygame_gui fail ("Text has zero width")."""
    return "".join(ch for ch in text if ch.isprintable() or ch == " ")


def feed(app, event: pygame.event.Event) -> bool:
    """Give an event to the text fields; True when one of them used it."""
    if event.type == pygame.TEXTINPUT:
        text = typeable(event.text)
        if not text:
            return True  # nothing typeable: swallowed
        if text != event.text:
            event = pygame.event.Event(pygame.TEXTINPUT, text=text, window=getattr(event, "window", None))
    return bool(app.gui().process_events(event))
