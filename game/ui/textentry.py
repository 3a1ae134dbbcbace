"""Text fields on pygame_gui (accents, any keyboard layout, cursor, selection).

The app owns the one UIManager, themed by gui_theme.json (shapes, borders, padding) with the
colours and the font of the player's settings filled in; a scene creates fields and kills them
when it leaves."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pygame
import pygame_gui

from game.ui.fonts import FAMILIES, FONT_DIR


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
    theme["text_entry_line"]["colours"].update(colours)
    theme["text_entry_line"]["font"].update({"name": f"diva-{ui.fonts.family}", "size": str(ui.size("large")),
                                             "regular_path": str(FONT_DIR / FAMILIES[ui.fonts.family][False])})
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

    @property
    def focused(self) -> bool:
        return self.entry.is_focused

    def focus(self) -> None:
        """This field gets the keyboard (and no other field keeps it)."""
        self.manager.set_focus_set(self.entry)
        pygame.key.start_text_input()

    def unfocus(self) -> None:
        self.entry.unfocus()

    def kill(self) -> None:
        self.entry.kill()


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
