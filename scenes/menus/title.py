"""The title screen: what DIVA is, and the way in."""
from __future__ import annotations

import pygame

from game.i18n.languages import LANGUAGES
from game.services.settings import GLOBAL
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.base import ButtonScene, layout_cells


class TitleScene(ButtonScene):
    name = "title"
    corner_tools = True

    def enter(self) -> None:
        self.app.use_settings(GLOBAL)  # the title screen and group sessions use the default settings
        self.build()

    def resume(self) -> None:
        super().resume()
        self.build()

    def build(self) -> None:
        other = LANGUAGES[(LANGUAGES.index(self.lang) + 1) % len(LANGUAGES)]
        self.set_buttons([
            Button(self.t("title.play"), lambda: self.app.show("players"), icon="player-play", kind="nav-primary"),
            Button(self.t("title.counsellor"), lambda: self.app.show("pin"), icon="presentation", kind="nav"),
            Button(self.t("title.language", lang=self.t(f"lang.{other}")), lambda: self.switch_lang(other), icon="language", kind="nav"),
            Button(self.t("title.quit"), lambda: self.app.quit(0), icon="door-exit", kind="nav"),
        ])

    def switch_lang(self, lang: str) -> None:
        settings = self.services.settings
        settings.lang = lang
        self.app.save_settings()
        self.app.apply_settings()
        self.build()

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        logo = ui.fonts.render("DIVA", 100, p.accent, True)  # the logo keeps its size: the words grow
        surface.blit(logo, logo.get_rect(midtop=(self.width // 2, 30)))
        y = 30 + logo.get_height()
        y += ui.text_block(surface, self.t("title.tagline"), pygame.Rect(MARGIN * 3, y, self.width - MARGIN * 6, 200), "large", align="center")
        for notice in self.services.notices:
            y += GAP + ui.text_block(surface, notice, pygame.Rect(MARGIN * 3, y + GAP, self.width - MARGIN * 6, 90), "small", p.focus, align="center")
        width = min(560, self.width - MARGIN * 4)
        top = max(y + GAP * 2, 330) if ui.scale == 1 else y + GAP
        area = pygame.Rect(self.width // 2 - width // 2, top, width, self.height - GAP - top)
        if not layout_cells(ui, self.buttons, area, GAP, max_cols=1):
            layout_cells(ui, self.buttons, pygame.Rect(MARGIN * 2, top, self.width - MARGIN * 4, area.height), GAP, max_cols=2)
        self.draw_buttons(surface)
