"""Co-build, first phase: which badges the player asks for (nothing is requested without their yes)."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.ui.theme import GAP, MARGIN, MIN_TARGET
from game.ui.widgets import Button, layout_fit, pages_that_fit
from scenes.badges.phase import PhaseScene


class ChooseScene(PhaseScene):
    """The competences reached in this session, each a toggle (the counsellor's suggestions marked)."""

    name = "cobuild"
    phase = "choose"
    focus_on_way_on = False   # the way on is disabled until a badge is ticked: the focus starts on the first

    def enter(self) -> None:
        play = self.app.play
        self.cobuild = self.services.cobuild(play.players[self.params.get("player", 0)], play.session)
        self.page = 0
        self.back_action = None   # the first phase: the way out is the bottom bar's
        super().enter()

    @property
    def options(self):
        return self.cobuild.options

    def build(self, page: int | None = None) -> None:
        if page is not None:
            self.page = page
        toggles = []
        for c in self.options:
            comp = self.services.referential.competence(c.status.competence)
            label = self.t("cobuild.option", name=tr(comp.name, self.lang), level=c.status.level)
            if c.suggested:
                label += " · " + self.t("cobuild.suggested")
            toggles.append(Button(label, lambda cid=comp.id: self.toggle(cid), icon=comp.icon, kind="toggle",
                                  selected=self.cobuild.drafts[comp.id].chosen))
        self.starts = pages_that_fit(self.ui, toggles, self.choose_area(), gap=6)
        pages = len(self.starts)
        self.page = min(self.page, pages - 1)
        first, last = self.page_range()
        self.toggles = self.numbered(toggles[first:last])
        self.nav = [Button(self.t("cobuild.none"), self.decline, icon="x", kind="nav")]
        if pages > 1:
            self.nav.append(Button(self.t("nav.page_more", n=self.page + 1, total=pages),
                                   lambda: self.build((self.page + 1) % pages), icon="arrow-right", kind="nav"))
        self.nav.append(Button(self.t("cobuild.confirm"), self.confirm, icon="check", kind="nav-primary",
                               enabled=bool(self.cobuild.chosen)))
        self.set_buttons(self.toggles + self.nav, self.focus)

    def choose_area(self) -> pygame.Rect:
        ui = self.ui
        top = self.content_top()
        top += ui.text_height(self.t("cobuild.choose_help"), self.width - MARGIN * 4, "body") + 6
        return pygame.Rect(MARGIN // 2, top, self.width - MARGIN, self.height - top - MIN_TARGET - 46)

    def page_range(self) -> tuple[int, int]:
        first = self.starts[self.page]
        last = self.starts[self.page + 1] if self.page + 1 < len(self.starts) else len(self.options)
        return first, last

    def toggle(self, cid: str) -> None:
        self.cobuild.toggle(cid)
        self.build()

    def confirm(self) -> None:
        self.cobuild.confirm()
        self.go("cobuild_tell", index=0)

    def decline(self) -> None:
        """"No badge today": nothing is asked for, even what was ticked before."""
        self.cobuild.decline()
        self.finish()

    def heading(self) -> tuple[str, str]:
        return self.t("cobuild.choose_title", name=self.player.display_name), "award"

    def draw_phase(self, surface) -> None:
        ui = self.ui
        y = self.draw_heading(surface)
        self.help_line(surface, self.t("cobuild.choose_help"), y)
        if not self.options:
            ui.text_block(surface, self.t("export.nothing"), pygame.Rect(MARGIN * 2, y + GAP, self.width - MARGIN * 4, 90), "body")
        layout_fit(ui, self.toggles, self.choose_area(), gap=6)
