"""What every button screen shares: focus, number keys, clicker, mouse/touch, autoplay input."""
from __future__ import annotations

import pygame

from game.ui.app import BACK_KEYS, Scene
from game.ui.play_panel import (GLOW_SECONDS, Illustrations, SceneView, competence_cards, draw_collection, draw_picture,
                                draw_progress, panel_layout, panel_width, scene_sentence)
from game.core.votes import identity
from game.ui.theme import GAP, MARGIN, MIN_TARGET, TEXT_SCALES, hex_colour
from game.ui.widgets import Button, layout_column
from game.i18n.typeset import tr
import random

NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{i}"): i for i in range(1, 10)})


class ButtonScene(Scene):
    """A screen of buttons. Arrows/Tab move the focus, Enter or PageDown activates it,
    1-9 pick a numbered choice, PageUp goes back, a click or a tap activates."""

    back_action = None  # callable for PageUp/Backspace, when the screen has a way back
    side_width = 0      # a column kept free on the right (the participants, during a vote)
    corner_tools = False  # a "read aloud" button top left and a "menu" button top right (players' screens)

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

    def settings_changed(self) -> None:
        """Labels in the new language, pages for the new text size (screens with a build())."""
        build = getattr(self, "build", None)
        if callable(build):
            build()
        self.dirty = True

    # On a step's answers the keys that move on (Enter, a clicker's Page Down) never answer by
    # themselves: an answer is its number key, a click, or Enter once the player moved the focus onto it.
    answers_need_choice = False
    focus_chosen = False

    def set_buttons(self, buttons: list[Button], focus: int = 0) -> None:
        self.buttons = buttons
        self.focus = min(focus, max(0, len(buttons) - 1))
        self.focus_chosen = False
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
                    self.focus, self.focus_chosen = i, True
                    self.dirty = True

    def escaped(self, event: pygame.event.Event, back_to: str) -> bool:
        """Esc on a screen that takes text (where it does not open the pause menu) goes back to `back_to`."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.show(back_to)
            return True
        return False

    def on_button(self, event: pygame.event.Event) -> bool:
        """A click or a hover over one of the screen's buttons (then the buttons get it, not a text field)."""
        return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION) and any(b.rect.collidepoint(event.pos) for b in self.buttons)

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
            self.focus_chosen = self.dirty = True
        elif event.key == pygame.K_UP and self.buttons:
            self.focus = (self.focus - 1) % len(self.buttons)
            self.focus_chosen = self.dirty = True
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_PAGEDOWN) and self.buttons:
            button = self.buttons[self.focus]
            if self.answers_need_choice and button.key_hint is not None and not self.focus_chosen:
                return
            self.activate(button)
        elif event.key in BACK_KEYS and self.back_action:
            self.back_action()
        elif event.key == pygame.K_ESCAPE and self.modal:  # a box over the game: Esc closes it
            self.app.back()

    def tab_through(self, fields: list, slot: int, backwards: bool = False) -> None:
        """Tab (Shift+Tab back) on a screen with text fields: the keyboard moves through the buttons and
        the fields (they come before button `slot`) in the order they are seen, so that a keyboard or a
        clicker alone gets back into a field after Esc left it."""
        slot = max(0, min(slot, len(self.buttons)))
        held = [i for i, f in enumerate(fields) if f.focused]
        here = slot + held[0] if held else self.focus + (len(fields) if self.focus >= slot else 0)
        there = (here + (-1 if backwards else 1)) % (len(self.buttons) + len(fields))
        for f in fields:
            f.unfocus()
        if slot <= there < slot + len(fields):
            fields[there - slot].focus()
        else:
            self.focus = there if there < slot else there - len(fields)
            self.focus_chosen = True
        self.dirty = True

    def focused_button(self) -> int | None:
        """The button that shows the focus (None while something else has the keyboard)."""
        return self.focus

    def draw_buttons(self, surface: pygame.Surface) -> None:
        lit = self.focused_button()
        for i, b in enumerate(self.buttons):
            if getattr(b, "compact", False):
                self.draw_icon_button(surface, b, i == lit)
            else:
                self.ui.draw_button(surface, b, i == lit)

    def draw_icon_button(self, surface: pygame.Surface, b: Button, focused: bool) -> None:
        """A button shown by its pictogram alone (its word is read aloud, and said in the pause menu)."""
        p = self.ui.palette
        pygame.draw.rect(surface, p.panel, b.rect, border_radius=14)
        pygame.draw.rect(surface, p.border, b.rect, width=3, border_radius=14)
        if focused:  # the same ring and pointer as every other button
            self.ui.focus_ring(surface, b.rect)
        img = self.ui.icons.get(b.icon, min(40, b.rect.height - 16), p.accent)
        if img:
            surface.blit(img, img.get_rect(center=b.rect.center))
        self.ui.spoken.append(b.label)

    def title_bottom(self, text: str, y: int = 28) -> int:
        """The y under ui.title(text) drawn at y, known before drawing."""
        ui = self.ui
        font = ui.fonts.font(ui.size("title"), True)
        if font.size(text)[0] > self.width - 160:
            return y + ui.text_height(text, self.width - 160, "large", bold=True) + GAP
        return y + font.get_height() + GAP

    def nav_height(self) -> int:
        """The bottom bar's buttons: one line of body text, and never under MIN_TARGET."""
        return max(MIN_TARGET, self.ui.fonts.line_height(self.ui.size("body")) + 12)

    def nav_top(self) -> int:
        """Where the bottom bar starts: content stops GAP above it."""
        return self.height - MARGIN // 2 - self.nav_height()

    def nav_bar(self, buttons: list[Button]) -> None:
        """Lay out nav buttons along the bottom edge, right-aligned, primary last."""
        y = self.nav_top()
        x = self.width - MARGIN
        for b in buttons:
            b.compact = False
        # too many for one row (4:3, large text): the first secondary ones show their pictogram only
        for b in buttons:
            if sum(self.nav_width(n) + GAP for n in buttons) - GAP <= self.width - MARGIN * 2:
                break
            if b.icon and b.kind == "nav":
                b.compact = True
        for b in reversed(buttons):
            w = self.nav_width(b)
            b.rect = pygame.Rect(x - w, y, w, self.nav_height())
            x -= w + GAP

    TOOL = MIN_TARGET   # the corner buttons are squares this wide, in the margins titles keep free

    def tools(self) -> list[Button]:
        """Read aloud (top left, or the R key) and the menu (top right, or Esc), for mouse and touch."""
        if not self.corner_tools:
            return []
        if getattr(self, "_tools", None) is None or self._tools[0] != (self.lang, self.width):
            listen = Button(self.t("tools.listen"), self.app.read_aloud, icon="volume", kind="tool")
            listen.rect = pygame.Rect(14, 12, self.TOOL, self.TOOL)
            menu = Button(self.t("menu.open"), lambda: self.app.push("pause"), icon="menu-2", kind="tool")
            menu.rect = pygame.Rect(self.app.size[0] - 14 - self.TOOL, 12, self.TOOL, self.TOOL)
            self._tools = ((self.lang, self.width), [listen, menu])
        listen, menu = self._tools[1]
        listen.enabled = self.app.speech_available()
        return [listen, menu] if listen.enabled else [menu]

    def draw_tools(self, surface: pygame.Surface) -> None:
        """Pictogram buttons in the top corners (R and Esc on a keyboard)."""
        p = self.ui.palette
        for b in self.tools():
            pygame.draw.rect(surface, p.panel, b.rect, border_radius=14)
            pygame.draw.rect(surface, p.border, b.rect, width=3, border_radius=14)
            img = self.ui.icons.get(b.icon, 34, p.accent)
            if img:
                surface.blit(img, img.get_rect(center=b.rect.center))

    def menu_button(self) -> Button:
        """A visible way to the pause menu for mouse and touch (Esc on a keyboard)."""
        b = Button(self.t("menu.open"), lambda: self.app.push("pause"), icon="menu-2", kind="nav")
        w = self.ui.fonts.font(self.ui.size("small")).size(b.label)[0] + 100
        b.rect = pygame.Rect(self.width - w - 16, 12, w, MIN_TARGET)
        return b

    def column_rect(self, top: int, bottom_reserved: int | None = None) -> pygame.Rect:
        left = MARGIN if self.side_width else MARGIN * 2
        right = self.width - (self.side_width + MARGIN * 2 if self.side_width else MARGIN * 2)
        bottom = self.nav_top() - GAP if bottom_reserved is None else self.height - bottom_reserved
        return pygame.Rect(left, top, right - left, bottom - top)

    def layout_choices(self, buttons: list[Button], top: int) -> int:
        return layout_column(self.ui, buttons, self.column_rect(top))

    def paginate(self, items: list[Button], rect: pygame.Rect, gap: int = 10, max_cols: int = 3) -> list[list[Button]]:
        """Split a long list into pages of as many buttons as fit in rect (large text, 4:3 screens)."""
        pages, i = [], 0
        while i < len(items):
            n = len(items) - i
            while n > 1 and not layout_cells(self.ui, items[i:i + n], rect, gap, max_cols):
                n -= 1
            pages.append(items[i:i + n])
            i += n
        if len(pages) > 1:  # the same number on each page (5 and 4 rather than 8 and 1) when that fits too
            per = -(-len(items) // len(pages))
            even = [items[j:j + per] for j in range(0, len(items), per)]
            if len(even) == len(pages) and all(layout_cells(self.ui, page, rect, gap, max_cols) for page in even):
                pages = even
        return pages or [[]]

    def page_button(self, page: int, pages: int, turn) -> Button:
        """The way to the other choices of a paged list (it comes back to the first page after the last)."""
        return Button(self.t("nav.see_more"), turn, icon="arrow-right", kind="nav", detail=f"{page + 1}/{pages}")

    def nav_width(self, b: Button) -> int:
        """The width nav_bar gives a button: its label on one line (a square when compact)."""
        if getattr(b, "compact", False):
            return self.nav_height()
        font = self.ui.fonts.font(self.ui.size("body"))
        w = font.size(b.label)[0] + 40 + (self.ui.size("body") + 14 if b.icon else 0)
        if b.detail:
            w += self.ui.fonts.font(self.ui.size("body"), True).size(b.detail)[0] + 10
        return w

class TypingScene(ButtonScene):
    """A screen with text fields (pygame_gui): the fields are updated and drawn while one can type."""

    takes_text = True

    def typing(self) -> bool:
        return True

    def update(self, dt: float) -> None:
        if self.typing():
            self.app.gui().update(dt)
            self.dirty = True


ART = Illustrations()  # one cache of scene pictures for every step


class PanelScene(ButtonScene):
    """A screen of a scenario being played (its steps, its debrief): on the right, the play panel with
    the picture, the progress and the competences lit so far."""

    corner_tools = True

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.play = app.play
        self.glow: dict[str, float] = {}

    # ------------------------------------------------------------ the play panel (issue 22)

    beside_panel: bool | None = None  # False: this screen's content needs the whole width (the scene decides on entering)

    def shows_panel(self) -> bool:
        """The panel has the right-hand column, except while a group votes (the participants have it),
        on a 4:3 screen with larger text, or when the step's content would not fit beside it; then only
        a thin progress bar along the top edge stays (and the words are read aloud)."""
        if self.group_vote:
            return False
        if self.beside_panel is not None:
            return self.beside_panel
        return self.app.size[0] >= 1200 or self.ui.scale <= TEXT_SCALES[0]

    @property
    def width(self) -> int:
        """The width the step's own layout uses: the screen less the panel's column."""
        full = self.app.size[0]
        return full - panel_width(full) if self.shows_panel() else full

    def picture_mood(self) -> str:
        """How the people in the picture look now (the reply screen says; default: as they are)."""
        return ""

    @property
    def group_vote(self) -> bool:
        return False

    def text(self, value) -> str:
        return tr(value, self.lang)

    def panel_picture(self):
        """The picture the panel shows (a step's `picture`), or None."""
        return None

    def panel_progress(self) -> tuple[str, float]:
        """The progress line under the picture and how far the bar is filled (0..1)."""
        n, total = self.play.progress()
        return self.t("play.progress", n=n, total=total), (n - 1) / max(1, total)

    def scene_view(self) -> SceneView | None:
        picture = self.panel_picture()
        place = self.services.library.places.get(picture.place) if picture else None
        if place is None:
            return None
        characters = self.play.scenario.characters
        people = tuple((characters[c].look, characters[c].name) for c in picture.people if c in characters)
        return SceneView(place.picture, self.text(place.title), place.sky, place.ground, people, picture.objects, self.picture_mood())

    def activate(self, button: Button) -> None:
        if button.enabled and button.kind == "choice":
            self.app.play_sound("choice")
        super().activate(button)

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.glow:
            self.glow = {cid: left - dt for cid, left in self.glow.items() if left - dt > 0}
            self.dirty = True

    def notice_lit(self, levels: dict[str, int]) -> None:
        """Competences shown since the panel was last drawn: a sound, and a glow (unless less motion)."""
        key = (self.play.session.id, self.play.scenario.id)
        seen_key, seen = getattr(self.app, "collection_seen", (None, {}))
        if seen_key != key:
            seen = dict(levels)  # a scenario (re)started: what it already showed is not news
        new = [cid for cid, level in levels.items() if level > seen.get(cid, 0)]
        self.app.collection_seen = (key, dict(levels))
        if new:
            self.app.play_sound("collect")
            if not self.services.settings.reduced_motion:
                self.glow.update({cid: GLOW_SECONDS for cid in new})

    def draw_tools(self, surface: pygame.Surface) -> None:
        super().draw_tools(surface)
        if self.shows_panel():
            self.draw_panel(surface)
        else:
            self.draw_progress_edge(surface)

    def draw_progress_edge(self, surface: pygame.Surface) -> None:
        """Without the panel: the progress as a thin bar along the top edge, and said aloud."""
        label, done = self.panel_progress()
        bar = pygame.Rect(0, 0, self.app.size[0], 6)
        pygame.draw.rect(surface, self.ui.palette.border, bar)
        pygame.draw.rect(surface, self.ui.palette.accent, pygame.Rect(0, 0, int(bar.width * done), 6))
        self.ui.spoken.append(label)

    def draw_scene_picture(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The step's picture in rect with the place's name under it; said first when read aloud."""
        ui = self.ui
        view = self.scene_view()
        if view is None or rect.height < 80:
            return
        caption_h = ui.text_height(view.place_name, rect.width, "small")
        pic = pygame.Rect(rect.left, rect.top, rect.width, rect.height - caption_h - 4)
        draw_picture(ui, ART, surface, pic, view)
        ui.text_block(surface, view.place_name, pygame.Rect(pic.left, pic.bottom + 4, pic.width, caption_h), "small",
                      ui.palette.text, read=False)
        ui.spoken.insert(0, scene_sentence(self.t, view))

    def draw_panel(self, surface: pygame.Surface) -> None:
        """The picture (with the place's name under it), the progress, the collection."""
        ui = self.ui
        full = self.app.size[0]
        left, right = self.width - 24, full - 20
        label, done = self.panel_progress()
        label_h = ui.text_height(label, right - left, "small", bold=True)
        top = 12 + self.TOOL + GAP
        pic, prog, coll = panel_layout(top, self.height - 20, right - left, left, label_h)
        spoken = ui.spoken
        self.draw_scene_picture(surface, pic)
        draw_progress(ui, surface, prog, label, done)
        levels = self.play.shown_levels()
        self.notice_lit(levels)
        ref = self.services.referential
        draw_collection(ui, surface, coll, competence_cards(ref, levels), {cid: left_s / GLOW_SECONDS for cid, left_s in self.glow.items()})
        if levels:
            names = ", ".join(tr(ref.competence(cid).name, self.lang) for cid in ref.ids() if cid in levels)
            spoken.append(self.t("play.collection", names=names))



class StepScene(PanelScene):
    """A scenario step (any mechanic): title bar, speaker, menu button, and moving on; on the right,
    the play panel: the step's picture, "step 3 of 9" and the competences lit so far."""

    answers_need_choice = True

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.step = self.play.step

    def panel_picture(self):
        return self.step.picture

    def step_key(self) -> str:
        return f"{self.play.scenario.id}-{self.step.id}-{self.phase_key()}"

    def phase_key(self) -> str:
        return ""

    def go_next(self, next_step: str, sets: tuple[str, ...] = ()) -> None:
        """Leave this step (with the flags the answer sets): the next step's scene, or the debrief at the end."""
        ended = self.play.advance(next_step, sets)
        if ended:
            self.app.show("debrief")
        else:
            self.app.show(self.play.step.kind)

    def continue_button(self, next_step: str, sets: tuple[str, ...] = ()) -> Button:
        return Button(self.t("step.continue"), lambda: self.go_next(next_step, sets), icon="arrow-right", kind="nav-primary")

    def show_moving_on(self, next_step: str, sets: tuple[str, ...] = ()) -> None:
        """The buttons once a step is answered: go on (focused, with the flags the answer sets), and take
        the answer back until then (an answer given by mistake is not evidence). Not in a group vote
        (a vote can be changed)."""
        moving_on = self.continue_button(next_step, sets)
        if self.group_vote or not self.play.answered(self.play.active_player):
            self.set_buttons([moving_on])
        else:
            self.set_buttons([Button(self.t("step.undo"), self.undo_answer, icon="arrow-back-up", kind="nav"), moving_on], focus=1)

    def undo_answer(self) -> None:
        self.play.undo_answer(self.play.active_player)
        self.app.show(self.play.step.kind)   # the step again, as it was before the answer

    mechanic: tuple[str, str] | None = None  # (UI text key, icon) of the mini-game, shown in the header

    # a step with too much to read on one screen shows the situation first, then the answers
    reading = False
    two_screens = False
    answers: list[Button] = []
    see_key = "dialogue.see_answers"  # the label of the way from the situation to the answers

    def read_again(self) -> None:
        self.reading = True
        self.set_buttons([Button(self.t(self.see_key), self.show_answers, icon="arrow-right", kind="nav-primary")])

    def show_answers(self) -> None:
        self.reading = False
        self.set_buttons(self.answers + [Button(self.t("dialogue.read_again"), self.read_again, icon="arrow-back-up", kind="nav")])

    def header_bottom(self) -> int:
        """The y below the header (what draw_header returns), known before drawing."""
        y = 24 + self.ui.fonts.line_height(self.ui.size("small")) + GAP
        if self.play.group and not self.group_vote:
            y += self.ui.size("large") + 12
        return y

    def draw_header(self, surface: pygame.Surface) -> int:
        """Scenario title, and the mini-game's name; returns the y below it."""
        ui, p = self.ui, self.ui.palette
        x = MARGIN + (self.TOOL + 14 if self.corner_tools else 0)
        right = self.app.size[0] - (self.TOOL + 28 if self.corner_tools else MARGIN)
        parts = [(self.play.scenario.icon, self.text(self.play.scenario.title), p.muted, False)]
        if self.mechanic:
            parts.append((self.mechanic[1], self.t(self.mechanic[0]), p.text, True))

        def width(part) -> int:
            return ui.size("small") + 10 + ui.fonts.font(ui.size("small"), part[3]).size(part[1])[0]

        if len(parts) > 1 and sum(width(part) for part in parts) + 36 > right - x:
            parts = parts[1:]  # no room for both: the mini-game's name, the scenario's is on the list
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
            player = self.play.active_player
            rect = draw_chip(self, surface, self.play.index_of(player), self.t("turn.whose", name=player.display_name), (MARGIN, y - 8), size="large")
            y = rect.bottom + 4
        return y

    @property
    def group_vote(self) -> bool:
        """In a group voting session, this step is answered by everyone (dialogue, identify)."""
        return self.play.group and self.play.mode == "vote" and self.name in ("dialogue", "identify")

    def speaker_head(self, width: int) -> tuple[int, bool]:
        """Height of the speaker's line (icon, name, role) in a panel `width` wide, and whether
        the role goes under the name (when both do not fit on one line)."""
        character = self.play.scenario.characters.get(self.step.speaker) if self.step.speaker else None
        if not character:
            return 0, False
        ui = self.ui
        name_w = ui.fonts.font(ui.size("body"), True).size(character.name)[0]
        role_w = ui.fonts.font(ui.size("small")).size(self.text(character.role))[0]
        below = 84 + name_w + 14 + role_w > width - 36
        lines = ui.fonts.line_height(ui.size("body")) + (ui.text_height(self.text(character.role), width - 36 - 84, "small") if below else 0)
        return max(80, lines + 8), below

    def speaker_height(self, rect: pygame.Rect, text: str, size: str) -> int:
        head = self.speaker_head(rect.width)[0]
        indent = 70 if (not self.step.speaker and self.step.icon) else 0
        return 14 + head + self.ui.text_height(text, rect.width - 36 - indent, size) + 16

    def draw_speaker(self, surface: pygame.Surface, rect: pygame.Rect, text: str, size: str = "large") -> int:
        """The step's text in a panel, under the speaker's icon and name when there is one."""
        ui, p = self.ui, self.ui.palette
        character = self.play.scenario.characters.get(self.step.speaker) if self.step.speaker else None
        inner = rect.inflate(-36, -28)
        head, role_below = self.speaker_head(rect.width)
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
            surface.blit(name, (inner.left + 84, inner.top))
            role = self.text(character.role)
            if role_below:
                ui.text_block(surface, role, pygame.Rect(inner.left + 84, inner.top + ui.fonts.line_height(ui.size("body")),
                                                         inner.width - 84, head), "small", p.muted)
            else:
                img = ui.fonts.render(role, ui.size("small"), p.muted)
                surface.blit(img, (inner.left + 84 + name.get_width() + 14, inner.top + name.get_height() - img.get_height()))
        elif self.step.icon:
            img = ui.icons.get(self.step.icon, 56, p.accent)
            if img:
                surface.blit(img, (inner.left, inner.top))
        ui.text_block(surface, text, body.inflate(0, 4), size)
        return panel.bottom

    def draw_text_alone(self, surface: pygame.Surface, y: int, text: str) -> None:
        """The situation (or the reply) on its own screen, as large as fits, with the way on."""
        column = self.column_rect(y)
        size = "large" if self.speaker_height(column, text, "large") <= column.height else "body"
        self.draw_speaker(surface, self.panel_rect(y), text, size)
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)

    def panel_rect(self, top: int) -> pygame.Rect:
        column = self.column_rect(top)
        return pygame.Rect(column.left, top, column.width, self.height - top)


def button_height(ui, b: Button, width: int, size: str = "body") -> int:
    """The height a button needs for its label in `size` (draw_button turns to small text by itself
    when its body text does not fit)."""
    if size == "body":
        return ui.button_height(b, width)
    text_w = width - ui._text_offset(b) - 20
    if b.detail:
        text_w -= ui.fonts.font(ui.size("body"), True).size(b.detail)[0] + 10
    return max(MIN_TARGET, ui.text_height(b.label, text_w, size) + 20)


def layout_cells(ui, buttons: list[Button], rect: pygame.Rect, gap: int = 10, max_cols: int = 3, size: str = "body",
                 min_cols: int = 1) -> bool:
    """Buttons in the fewest columns (min_cols to max_cols) whose rows, each as tall as its longest
    label needs, fit in rect; rows then share the spare height (up to 84 px). False when none fits."""
    if not buttons:
        return True
    best = None
    for cols in range(min_cols, max_cols + 1):
        w = (rect.width - gap * (cols - 1)) // cols
        heights = [max(button_height(ui, b, w, size) for b in buttons[i:i + cols]) for i in range(0, len(buttons), cols)]
        total = sum(heights) + gap * (len(heights) - 1)
        if best is None or total < best[0]:
            best = (total, cols, w, heights)
        if total <= rect.height:
            best = (total, cols, w, heights)
            break
    total, cols, w, heights = best
    spare = max(0, rect.height - total) // len(heights)
    y = rect.top
    for r, h in enumerate(heights):
        h = max(h, min(84, h + spare))
        for c, b in enumerate(buttons[r * cols:(r + 1) * cols]):
            b.rect = pygame.Rect(rect.left + c * (w + gap), y, w, h)
        y += h + gap
    return total <= rect.height


def shuffled(items, seed: str) -> list:
    """The same order every time for this step, but not the order of the file
    (authors tend to list answers from least to most autonomous)."""
    order = list(items)
    random.Random(seed).shuffle(order)
    return order


def draw_chip(scene, surface: pygame.Surface, index: int, name: str, pos: tuple[int, int], size: str = "small",
              mark: str = "", ring: bool = False, max_width: int = 0) -> pygame.Rect:
    """A participant: their icon on their colour, and their name (icon + name, never colour alone);
    with max_width, a long name is shortened with "…" (the icon still tells them apart)."""
    ui, p = scene.ui, scene.ui.palette
    if max_width:
        font = ui.fonts.font(ui.size(size), True)
        room = max_width - (ui.size(size) + 12) - 12
        while len(name) > 1 and font.size(name)[0] > room:
            name = name[:-2] + "…"
    colour, icon = identity(index)
    px = ui.size(size)
    disc = px + 12
    x, y = pos
    centre = (x + disc // 2, y + disc // 2)
    pygame.draw.circle(surface, hex_colour(colour), centre, disc // 2)
    img = ui.icons.get(icon, px - 4, (255, 255, 255))
    if img:
        surface.blit(img, img.get_rect(center=centre))
    label = ui.fonts.render(name + (f"  {mark}" if mark else ""), ui.size(size), p.text, True)
    surface.blit(label, (x + disc + 8, y + (disc - label.get_height()) // 2))
    rect = pygame.Rect(x - 4, y - 4, disc + 16 + label.get_width(), disc + 8)
    if ring:
        pygame.draw.rect(surface, p.focus, rect, width=4, border_radius=10)
    return rect
