"""Co-build, third phase (once per badge): the badge's picture, and what it is, who gives it, what it is worth."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.ui.badge_image import render_badge
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.badges.phase import PhaseScene


class PictureScene(PhaseScene):
    name = "cobuild_picture"
    phase = "picture"

    def enter(self) -> None:
        self.cid = self.cobuild.chosen[self.index]
        super().enter()

    def build(self) -> None:
        ui = self.app.ui
        self.picture = render_badge(self.services.referential, self.cid, self.cobuild.status_of(self.cid).level, self.lang,
                                    ui.fonts, ui.icons)
        self.nav = [self.back_button(), Button(self.t("step.continue"), self.next, icon="arrow-right", kind="nav-primary")]
        self.set_buttons(self.nav, len(self.nav) - 1)

    def next(self) -> None:
        """The next badge's story, or (after the last) who can vouch for them."""
        if self.index + 1 < len(self.cobuild.chosen):
            self.go("cobuild_tell", index=self.index + 1)
        else:
            self.go("cobuild_endorse", index=self.index)

    def draw_phase(self, surface) -> None:
        ui, p = self.ui, self.ui.palette
        comp = self.services.referential.competence(self.cid)
        issuer = self.services.issuer_settings().structure_name or self.cobuild.session.structure_name or self.t("cobuild.your_structure")
        facts = [
            ("target-arrow", self.t("cobuild.fact_for", name=tr(comp.name, self.lang))),
            ("file-text", self.t("cobuild.fact_contains")),
            ("building", self.t("cobuild.fact_who", issuer=issuer)),
            ("shield-check", self.t("cobuild.fact_worth")),
            ("file-cv", self.t("cobuild.fact_cv")),
        ]
        top, bottom = self.TOOL + 20, self.nav_top() - GAP // 2   # under the corner buttons, above the bottom bar
        side = min(bottom - top, self.width * 45 // 100)
        while True:  # the picture as large as lets the five answers fit beside it, then under it
            places, end = self.fact_places(facts, side, top)
            if end <= bottom or side <= 160:
                break
            side -= 20
        surface.blit(pygame.transform.smoothscale(self.picture, (side, side)), (MARGIN // 2, top))
        for (icon_name, text), rect in zip(facts, places):
            icon = ui.icons.get(icon_name, 34, p.accent)
            if icon:
                surface.blit(icon, (rect.left - 44, rect.top + 2))
            ui.text_block(surface, text, rect, "small")

    def fact_places(self, facts: list[tuple[str, str]], side: int, top: int) -> tuple[list[pygame.Rect], int]:
        """Where each answer's text goes: beside the picture while there is picture, then the whole
        width (its pictogram 44 px to the left); and the y under the last one."""
        places, y = [], top
        for _, text in facts:
            x = MARGIN // 2 + (side + GAP if y < top + side else 0) + 44
            width = self.width - x - MARGIN // 2
            h = self.ui.text_height(text, width, "small")
            places.append(pygame.Rect(x, y, width, h))
            y += h + 10
        return places, y - 10
