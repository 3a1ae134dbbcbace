"""What every button screen shares: focus, number keys, clicker, mouse/touch, autoplay input."""
from __future__ import annotations

import pygame

from game.app import BACK_KEYS, Scene
from game.ui.theme import GAP, MARGIN, MIN_TARGET
from game.ui.widgets import Button, layout_column

NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{i}"): i for i in range(1, 10)})


def key_event(key: int, unicode: str = "") -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=unicode, scancode=0)]


def click_event(pos: tuple[int, int]) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)]


class ButtonScene(Scene):
    """A screen of buttons. Arrows/Tab move the focus, Enter or PageDown activates it,
    1-9 pick a numbered choice, PageUp goes back, a click or a tap activates."""

    back_action = None  # callable for PageUp/Backspace, when the screen has a way back
    side_width = 0      # a column kept free on the right (the participants, during a vote)

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.buttons: list[Button] = []
        self.focus = 0

    @property
    def ui(self):
        return self.app.ui

    @property
    def width(self) -> int:
        return self.app.size[0]

    @property
    def height(self) -> int:
        return self.app.size[1]

    def set_buttons(self, buttons: list[Button], focus: int = 0) -> None:
        self.buttons = buttons
        self.focus = min(focus, max(0, len(buttons) - 1))
        self.dirty = True

    def numbered(self, buttons: list[Button]) -> list[Button]:
        for i, b in enumerate(buttons[:9]):
            b.key_hint = i + 1
        return buttons

    def activate(self, button: Button) -> None:
        if button.enabled:
            self.dirty = True
            button.action()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            self.handle_key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, b in enumerate(self.buttons):
                if b.rect.collidepoint(event.pos):
                    self.focus = i
                    self.activate(b)
                    return
        elif event.type == pygame.MOUSEMOTION:
            for i, b in enumerate(self.buttons):
                if b.rect.collidepoint(event.pos) and self.focus != i:
                    self.focus = i
                    self.dirty = True

    def handle_key(self, event: pygame.event.Event) -> None:
        if event.key in NUMBER_KEYS:
            for b in self.buttons:
                if b.key_hint == NUMBER_KEYS[event.key]:
                    self.focus = self.buttons.index(b)
                    self.activate(b)
                    return
        elif event.key in (pygame.K_DOWN, pygame.K_TAB) and self.buttons:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            self.focus = (self.focus + step) % len(self.buttons)
            self.dirty = True
        elif event.key == pygame.K_UP and self.buttons:
            self.focus = (self.focus - 1) % len(self.buttons)
            self.dirty = True
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_PAGEDOWN) and self.buttons:
            self.activate(self.buttons[self.focus])
        elif event.key in BACK_KEYS and self.back_action:
            self.back_action()

    def draw_buttons(self, surface: pygame.Surface) -> None:
        for i, b in enumerate(self.buttons):
            self.ui.draw_button(surface, b, i == self.focus)

    def nav_bar(self, buttons: list[Button]) -> None:
        """Lay out nav buttons along the bottom edge, right-aligned, primary last."""
        y = self.height - MARGIN // 2 - MIN_TARGET
        x = self.width - MARGIN
        for b in reversed(buttons):
            w = self.ui.fonts.font(self.ui.size("body")).size(b.label)[0] + 40 + (self.ui.size("body") + 14 if b.icon else 0)
            b.rect = pygame.Rect(x - w, y, w, MIN_TARGET)
            x -= w + GAP

    def menu_button(self) -> Button:
        """A visible way to the pause menu for mouse and touch (Esc on a keyboard)."""
        b = Button(self.t("menu.open"), lambda: self.app.push("pause"), icon="menu-2", kind="nav")
        w = self.ui.fonts.font(self.ui.size("small")).size(b.label)[0] + 100
        b.rect = pygame.Rect(self.width - w - 16, 12, w, MIN_TARGET)
        return b

    def column_rect(self, top: int, bottom_reserved: int = MIN_TARGET + MARGIN) -> pygame.Rect:
        left = MARGIN if self.side_width else MARGIN * 2
        right = self.width - (self.side_width + MARGIN * 2 if self.side_width else MARGIN * 2)
        return pygame.Rect(left, top, right - left, self.height - top - bottom_reserved)

    def layout_choices(self, buttons: list[Button], top: int) -> int:
        return layout_column(self.ui, buttons, self.column_rect(top))

    # ------------------------------------------------------------ autoplay

    def press(self, button: Button) -> list[pygame.event.Event]:
        """Input that activates a button as a person would: its number key, else a click."""
        if button.key_hint is not None:
            return key_event(getattr(pygame, f"K_{button.key_hint}"), str(button.key_hint))
        return click_event(button.rect.center)

    def auto_events(self, bot) -> list[pygame.event.Event]:
        choices = [b for b in self.buttons if b.kind == "choice" and b.enabled]
        if choices:
            return self.press(choices[bot.pick(len(choices))])
        primary = [b for b in self.buttons if b.kind == "nav-primary" and b.enabled]
        if primary:
            return self.press(primary[0])
        return []


class StepScene(ButtonScene):
    """A scenario step (any mechanic): title bar, speaker, menu button, and moving on."""

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.play = app.play
        self.step = self.play.step

    def step_key(self) -> str:
        return f"{self.play.scenario.id}-{self.step.id}-{self.phase_key()}"

    def phase_key(self) -> str:
        return ""

    def text(self, value) -> str:
        from game.model import tr

        return tr(value, self.lang)

    def go_next(self, next_step: str) -> None:
        """Leave this step: the next step's scene, or the debrief at the end."""
        ended = self.play.advance(next_step)
        if ended:
            self.app.show("debrief")
        else:
            self.app.show(self.play.step.kind)

    def continue_button(self, next_step: str) -> Button:
        return Button(self.t("step.continue"), lambda: self.go_next(next_step), icon="arrow-right", kind="nav-primary")

    mechanic: tuple[str, str] | None = None  # (UI text key, icon) of the mini-game, shown in the header

    def draw_header(self, surface: pygame.Surface) -> int:
        """Scenario title, and the mini-game's name; returns the y below it."""
        ui, p = self.ui, self.ui.palette
        x = MARGIN
        parts = [(self.play.scenario.icon, self.text(self.play.scenario.title), p.muted, False)]
        if self.mechanic:
            parts.append((self.mechanic[1], self.t(self.mechanic[0]), p.text, True))
        for icon_name, label, colour, bold in parts:
            icon = ui.icons.get(icon_name, ui.size("small"), colour)
            if icon:
                surface.blit(icon, (x, 26))
                x += ui.size("small") + 10
            img = ui.fonts.render(label, ui.size("small"), colour, bold)
            surface.blit(img, (x, 24))
            x += img.get_width() + 36
        y = 24 + ui.fonts.line_height(ui.size("small")) + GAP
        if self.play.group and not self.group_vote:
            from scenes.group import draw_chip, index_of

            player = self.play.active_player
            rect = draw_chip(self, surface, index_of(self.play, player), self.t("turn.whose", name=player.display_name), (MARGIN, y - 8), size="large")
            y = rect.bottom + 4
        return y

    @property
    def group_vote(self) -> bool:
        """In a group voting session, this step is answered by everyone (dialogue, identify)."""
        return self.play.group and self.play.mode == "vote" and self.name in ("dialogue", "identify")

    def speaker_height(self, rect: pygame.Rect, text: str, size: str) -> int:
        head = 80 if self.step.speaker else 0
        indent = 70 if (not self.step.speaker and self.step.icon) else 0
        return 14 + head + self.ui.text_height(text, rect.width - 36 - indent, size) + 16

    def draw_speaker(self, surface: pygame.Surface, rect: pygame.Rect, text: str, size: str = "large") -> int:
        """The step's text in a panel, under the speaker's icon and name when there is one."""
        ui, p = self.ui, self.ui.palette
        character = self.play.scenario.characters.get(self.step.speaker) if self.step.speaker else None
        inner = rect.inflate(-36, -28)
        head = 80 if character else 0
        indent = 70 if (not character and self.step.icon) else 0
        body = pygame.Rect(inner.left + indent, inner.top + head, inner.width - indent, 0)
        body.height = ui.text_height(text, body.width, size)
        panel = pygame.Rect(rect.left, rect.top, rect.width, body.bottom - rect.top + 16)
        pygame.draw.rect(surface, p.panel, panel, border_radius=18)
        pygame.draw.rect(surface, p.border, panel, width=3, border_radius=18)
        if character:
            img = ui.icons.get(character.icon, 68, p.accent)
            if img:
                surface.blit(img, (inner.left, inner.top))
            name = ui.fonts.render(character.name, ui.size("body"), p.text, True)
            role = ui.fonts.render(self.text(character.role), ui.size("small"), p.muted)
            surface.blit(name, (inner.left + 84, inner.top))
            surface.blit(role, (inner.left + 84 + name.get_width() + 14, inner.top + name.get_height() - role.get_height()))
        elif self.step.icon:
            img = ui.icons.get(self.step.icon, 56, p.accent)
            if img:
                surface.blit(img, (inner.left, inner.top))
        ui.text_block(surface, text, body.inflate(0, 4), size)
        return panel.bottom

    def panel_rect(self, top: int) -> pygame.Rect:
        column = self.column_rect(top)
        return pygame.Rect(column.left, top, column.width, self.height - top)


def shuffled(items, seed: str) -> list:
    """The same order every time for this step, but not the order of the file
    (authors tend to list answers from least to most autonomous)."""
    import random

    order = list(items)
    random.Random(seed).shuffle(order)
    return order
