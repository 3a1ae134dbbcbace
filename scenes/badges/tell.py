"""Co-build, second phase (once per badge asked for): the player tells it in their own words,
starting from sentences made of their own choices."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.services.cobuild import MAX_NARRATIVE
from game.ui.badge_image import png_bytes, render_badge
from game.ui.textentry import TextField
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button, layout_column
from scenes.badges.phase import PhaseScene


class TellScene(PhaseScene):
    name = "cobuild_tell"
    phase = "tell"

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.field = None

    def enter(self) -> None:
        self.cid = self.cobuild.chosen[self.index]
        self.sentences = self.cobuild.sentences(self.cid, self.lang)
        self.story = self.cobuild.story(self.cid, self.lang)
        super().enter()

    # ------------------------------------------------------------ the field

    @property
    def fields(self) -> list:
        return [self.field] if self.field else []

    def field_rect(self) -> pygame.Rect:
        field_h = self.ui.fonts.line_height(self.ui.size("large")) + 20
        return pygame.Rect(MARGIN, self.nav_top() - GAP // 2 - field_h, self.width - MARGIN * 2, field_h)

    def make_fields(self) -> None:
        self.field = TextField(self.app, self.field_rect(), MAX_NARRATIVE, text=self.story.text)
        self.restore_focus()

    def keep(self) -> None:
        if self.field:
            self.story.text = self.field.text

    def drop_fields(self) -> None:
        self.field = None

    def typed(self) -> None:
        self.story.typed = True   # from now on, picking a sentence leaves the player's text as it is
        self.keep()

    def on_enter_key(self) -> None:
        self.save()

    # ------------------------------------------------------------ the sentences

    def tell_area(self) -> pygame.Rect:
        """Between the help line and the label of the text field."""
        ui = self.ui
        top = 16 + ui.fonts.line_height(ui.size("title")) + 16
        top += ui.text_height(self.t("cobuild.tell_help"), self.width - MARGIN * 4, "body") + 6
        bottom = self.field_rect().top - ui.fonts.line_height(ui.size("small")) - 10
        return pygame.Rect(MARGIN, top, self.width - MARGIN * 2, bottom - top)

    def build(self) -> None:
        area, used, shown = self.tell_area(), 0, []
        for s in self.sentences:  # as many sentences as fit, in order (the descriptor first)
            h = self.ui.button_height(Button(s, None, kind="toggle", key_hint=1), area.width) + 6
            if used + h > area.height and shown:
                break
            used += h
            shown.append(s)
        self.toggles = self.numbered([Button(s, lambda s=s: self.pick(s), kind="toggle", selected=s in self.story.picked)
                                      for s in shown])
        self.nav = [self.back_button(), Button(self.t("nav.next_badge"), self.save, icon="arrow-right", kind="nav-primary")]
        self.set_buttons(self.toggles + self.nav, self.focus)

    def pick(self, sentence: str) -> None:
        self.keep()
        self.story.pick(sentence, self.sentences)
        if self.field and self.field.text != self.story.text:
            self.field.text = self.story.text
        self.build()

    def save(self) -> None:
        """On to the badge's picture, with the player's words saved."""
        self.keep()
        ui = self.app.ui
        level = self.cobuild.status_of(self.cid).level
        self.cobuild.save_story(self.cid, png_bytes(render_badge(self.services.referential, self.cid, level, self.lang, ui.fonts, ui.icons)))
        self.go("cobuild_picture", index=self.index)

    def speech_text(self) -> str:
        """The screen, then the player's own words (drawn by the text field, not by the game's text)."""
        return "\n".join(t for t in (self.app.screen_text, self.story.text) if t)

    # ------------------------------------------------------------ drawing

    def draw_phase(self, surface) -> None:
        ui = self.ui
        comp = self.services.referential.competence(self.cid)
        y = ui.title(surface, tr(comp.name, self.lang), comp.icon, y=16)
        self.help_line(surface, self.t("cobuild.tell_help"), y)
        layout_column(ui, self.toggles, self.tell_area(), gap=6)
        label_h = ui.fonts.line_height(ui.size("small"))
        top = self.field_rect().top
        ui.text_block(surface, self.t("cobuild.tell_edit"), pygame.Rect(MARGIN, top - label_h - 4, self.width - MARGIN * 2, label_h), "small")
