"""Who plays: pick a saved player or add one (first name or pseudonym), with consent."""
from __future__ import annotations

import pygame

from game.core.model import MAX_NAME, clean_name
from game.ui.textentry import TextField, feed
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button, layout_column
from scenes.base import ButtonScene

PAGE = 5


def begin_solo(app, player) -> None:
    """Open a solo session for the player, with their own settings, and go to the scenario list."""
    app.use_settings(player.id)
    app.play = app.services.start_solo(player)
    if app.services.needs_before(player):  # the first session: what they think they are good at, before playing
        app.show("strengths", moment="before", then="hub")
    else:
        app.show("hub")


class PlayersScene(ButtonScene):
    name = "players"
    corner_tools = True

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.page = 0
        self.back_action = lambda: self.app.show("title")

    def enter(self) -> None:
        self.build()

    def build(self) -> None:
        players = self.services.players()
        shown = players[self.page * PAGE:(self.page + 1) * PAGE]
        buttons = [Button(p.display_name, lambda p=p: begin_solo(self.app, p), icon="user") for p in shown]
        self.numbered(buttons)
        buttons.insert(0, Button(self.t("players.new"), lambda: self.app.show("name_entry"), icon="user-plus", kind="nav-primary"))
        nav = []
        if self.page > 0:
            nav.append(Button(self.t("nav.previous"), self.prev_page, icon="arrow-left", kind="nav"))
        if (self.page + 1) * PAGE < len(players):
            nav.append(Button(self.t("nav.more"), self.next_page, icon="arrow-right", kind="nav"))
        nav.append(Button(self.t("nav.back"), self.back_action, icon="arrow-back-up", kind="nav"))
        self.nav = nav
        self.set_buttons(buttons + nav)

    def prev_page(self) -> None:
        self.page -= 1
        self.build()

    def next_page(self) -> None:
        self.page += 1
        self.build()

    def draw(self, surface: pygame.Surface) -> None:
        y = self.ui.title(surface, self.t("players.title"), "users")
        layout_column(self.ui, [b for b in self.buttons if b not in self.nav], self.column_rect(y))
        self.nav_bar(self.nav)
        self.draw_buttons(surface)


class NameEntryScene(ButtonScene):
    """Type a first name or a pseudonym (accents, any keyboard)."""

    name = "name_entry"
    takes_text = True

    def enter(self) -> None:
        width = min(640, self.width - MARGIN * 4)
        self.field = TextField(self.app, pygame.Rect(self.width // 2 - width // 2, 300, width, 76), MAX_NAME)
        self.field.focus()
        self.message = ""
        self.shown_for = 0.0   # how long the typed text has been on screen (pygame_gui redraws a frame later)
        self.set_buttons([
            Button(self.t("nav.back"), lambda: self.app.show("players"), icon="arrow-back-up", kind="nav"),
            Button(self.t("name.ok"), self.submit, icon="check", kind="nav-primary"),
        ], focus=1)

    def exit(self) -> None:
        self.field.kill()
        pygame.key.stop_text_input()

    def submit(self) -> None:
        name = clean_name(self.field.text)
        if not name:
            self.message = self.t("name.empty")
            self.dirty = True
            return
        self.app.show("consent", name=name)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
            return
        if self.escaped(event, "players"):
            return
        if self.on_button(event):
            super().handle_event(event)
            return
        if feed(self.app, event):  # feed keeps only what can be typed
            self.message = ""
            self.dirty = True
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            super().handle_event(event)

    def update(self, dt: float) -> None:
        self.app.gui().update(dt)
        self.shown_for = self.shown_for + dt if self.field.text else 0.0
        self.dirty = self.dirty or self.field.focused  # the cursor blinks

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("name.title"), "user-plus")
        ui.text_block(surface, self.t("name.help"), pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 200), "body", align="center")
        self.app.gui().draw_ui(surface)
        rect = self.field.rect
        if self.message:
            ui.text_block(surface, self.message, pygame.Rect(MARGIN * 2, rect.bottom + GAP, self.width - MARGIN * 4, 80),
                          "body", ui.palette.focus, align="center")
        half = (rect.width - GAP) // 2
        self.buttons[0].rect = pygame.Rect(rect.left, rect.bottom + 90, half, self.nav_height())
        self.buttons[1].rect = pygame.Rect(rect.left + half + GAP, rect.bottom + 90, half, self.nav_height())
        self.draw_buttons(surface)

    def step_key(self) -> str:
        return "name_entry-typed" if self.shown_for > 0.1 else "name_entry"


class ConsentScene(ButtonScene):
    """Plain words before anything about the player is stored."""

    name = "consent"
    corner_tools = True

    def enter(self) -> None:
        self.set_buttons(self.numbered([
            Button(self.t("consent.yes"), self.accept, icon="check"),
            Button(self.t("consent.no"), lambda: self.app.show("title"), icon="x"),
        ]))

    def accept(self) -> None:
        player = self.services.create_player(self.params["name"], lang=self.lang)
        begin_solo(self.app, player)

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("consent.title", name=self.params["name"]), "shield-lock")
        y += ui.text_block(surface, self.t("consent.text"), pygame.Rect(MARGIN * 3, y, self.width - MARGIN * 6, 300), "large")
        self.layout_choices(self.buttons, y + GAP * 2)
        self.draw_buttons(surface)

