"""What the co-build screens share. Each phase (choose, tell, picture, endorse, use) is a scene of
its own, pushed over the one before: "back" pops it and the previous phase shows again as the
player left it. The phases share a CoBuild (game.services.cobuild), handed from one to the next;
it keeps the player's yes, words and people, and saves each phase's answer as they move on."""
from __future__ import annotations

import pygame

from game.ui.textentry import feed
from game.ui.theme import MARGIN
from game.ui.widgets import Button
from scenes.base import TypingScene
from scenes.counsellor.counsellor import ask_pin


TITLE_Y = 16
MOUSE = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION, pygame.MOUSEWHEEL)  # (a click, a scroll bar, the wheel)


class PhaseScene(TypingScene):
    """One phase of building a player's badges with them."""

    phase = ""
    corner_tools = True   # read aloud and the menu, for mouse and touch (R and Esc on a keyboard)
    focus_on_way_on = True   # Enter or a clicker moves on; a choice is made by its number, a click or Tab
    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.cobuild = params.get("cobuild")
        self.index = params.get("index", 0)
        self.nav: list[Button] = []
        self.refocus: int | None = None   # the field that had the keyboard when the screen was covered
        self.back_action = self.back      # Page Up (a clicker's "back"): the previous phase

    @property
    def player(self):
        return self.cobuild.player

    # ------------------------------------------------------------ the stack

    def enter(self) -> None:
        self.make_fields()
        self.build()
        if self.focus_on_way_on:
            self.focus = len(self.buttons) - 1

    def exit(self) -> None:
        self.remove_fields()

    def pause(self) -> None:
        """Another screen goes over this one: what is typed is kept, the fields let go of the keyboard
        and leave the window (a menu over this screen still shows them, dimmed, below it)."""
        focused = [i for i, f in enumerate(self.fields) if f.focused]
        self.refocus = focused[0] if focused else None
        self.keep()
        for f in self.fields:
            f.unfocus()
        self.show_fields(False)

    def resume(self) -> None:
        super().resume()
        if not self.fields or self.fields[0].manager is not self.app.gui():   # (new settings: a new manager)
            self.remove_fields()
            self.make_fields()
        self.show_fields()
        self.restore_focus()
        self.build()

    def settings_changed(self) -> None:
        """New settings come with a new pygame_gui manager: the fields are made again in it, text kept."""
        if self.fields:
            self.keep()
            self.remove_fields()
            self.make_fields()
            self.show_fields(self.app.top is self)
        self.build()
        self.dirty = True

    def remove_fields(self) -> None:
        self.keep()
        for f in self.fields:
            f.kill()
        self.drop_fields()

    def show_fields(self, shown: bool = True) -> None:
        for f in self.fields:
            f.show(shown)

    def restore_focus(self, default: int | None = None) -> None:
        which = self.refocus if self.refocus is not None else default
        if which is not None and which < len(self.fields):
            self.fields[which].focus()
        self.refocus = None

    def go(self, scene_name: str, **params) -> None:
        """On to the next phase, over this one (the way back stays open)."""
        self.app.push(scene_name, cobuild=self.cobuild, flow=self.params.get("flow", "solo"), **params)

    def back(self) -> None:
        self.app.back()

    def back_button(self) -> Button:
        return Button(self.t("nav.back"), self.back, icon="arrow-left", kind="nav")

    def finish(self) -> None:
        """The player is done with their badges: on to the export, or to the next participant."""
        self.cobuild.finish()
        play = self.app.play
        if self.params.get("flow", "solo") == "end":
            nxt = [p.id for p in play.players].index(self.player.id) + 1
            if nxt < len(play.players):
                self.app.show("handover", player=nxt)  # the next participant's private moment
            else:
                ask_pin(self.app, "export", "hub", then="session_end")  # the end of the session is the counsellor's
        else:
            self.app.show("export")

    # ------------------------------------------------------------ what each phase says

    def build(self) -> None:
        """Lay out the phase's buttons (self.nav: the bottom bar)."""

    def make_fields(self) -> None:
        """Create the phase's text fields (pygame_gui), with the text kept from before."""

    def keep(self) -> None:
        """Put what is typed in the fields into the CoBuild (the fields are about to go)."""

    def drop_fields(self) -> None:
        """Forget the (killed) fields."""

    @property
    def fields(self) -> list:
        return []

    def on_enter_key(self) -> None:
        """Enter while typing in a field."""

    def typed(self) -> None:
        """What the player typed changed a field."""

    # ------------------------------------------------------------ input

    @property
    def takes_text(self) -> bool:
        return any(f.focused for f in self.fields)

    def typing(self) -> bool:
        return bool(self.fields)

    def focused_button(self) -> int | None:
        return None if self.takes_text else self.focus   # (a field has the keyboard: it shows the focus)

    def field_slot(self) -> int:
        """Where the fields come in the Tab order, among the buttons: by default just before the bottom bar."""
        return len(self.buttons) - len(self.nav)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.on_button(event):
            super().handle_event(event)
            return
        if self.fields:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
                self.tab_through(self.fields, self.field_slot(), backwards=bool(event.mod & pygame.KMOD_SHIFT))
                return
            if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.takes_text:
                self.on_enter_key()
                return
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.takes_text:
                for f in self.fields:   # Esc leaves the field; once more, the menu
                    f.unfocus()
                self.dirty = True
                return
            if self.takes_text or event.type in MOUSE:
                before = [f.text for f in self.fields]
                if feed(self.app, event):
                    if [f.text for f in self.fields] != before:
                        self.typed()
                    self.dirty = True
                    return
            if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
                return  # on a screen where one types, Backspace is a slip while deleting, never the way back
        super().handle_event(event)

    def step_key(self) -> str:
        return f"cobuild-{self.player.id[:6]}-{self.phase}-{self.index}-{len(self.cobuild.endorsers)}-{getattr(self, 'page', 0)}"

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_phase(surface)
        if self.fields:
            covered = self.app.top is not self   # drawn below a menu: the fields are drawn too, then leave again
            self.show_fields()
            self.app.gui().draw_ui(surface)
            if covered:
                self.show_fields(False)
            for f in self.fields:
                if f.focused:   # the same ring as a focused button
                    self.ui.focus_ring(surface, f.rect)
        self.nav_bar(self.nav)
        self.draw_buttons(surface)

    def draw_phase(self, surface: pygame.Surface) -> None: ...

    def heading(self) -> tuple[str, str]:
        """The phase's title and its pictogram."""
        return "", ""

    def content_top(self) -> int:
        """Where the content starts, under the title (known before drawing)."""
        return self.title_bottom(self.heading()[0], TITLE_Y)

    def draw_heading(self, surface: pygame.Surface) -> int:
        text, icon = self.heading()
        return self.ui.title(surface, text, icon, y=TITLE_Y)

    def help_line(self, surface, text: str, y: int, size: str = "body") -> int:
        """A short instruction under the title, as tall as it needs; returns the y below it."""
        width = self.width - MARGIN * 4
        h = self.ui.text_height(text, width, size)
        self.ui.text_block(surface, text, pygame.Rect(MARGIN * 2, y, width, h), size)
        return y + h
