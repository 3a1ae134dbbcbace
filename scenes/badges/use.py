"""Co-build, last phase: how to use the badges, the CV lines and a sentence to say in an interview."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.ui.theme import MARGIN, MIN_TARGET
from game.ui.widgets import Button
from scenes.badges.phase import PhaseScene


class UseScene(PhaseScene):
    name = "cobuild_use"
    phase = "use"

    def build(self) -> None:
        self.nav = [self.back_button(), Button(self.t("cobuild.done"), self.finish, icon="check", kind="nav-primary")]
        self.set_buttons(self.nav, len(self.nav) - 1)

    def cv_line(self, cid: str, level: int) -> str:
        lines = self.services.cv_lines()
        if lines:
            return tr(lines.line(cid, level, self.lang), self.lang)
        return tr(self.services.referential.competence(cid).level(level).descriptor, self.lang)

    def heading(self) -> tuple[str, str]:
        return self.t("cobuild.use_title"), "file-cv"

    def draw_phase(self, surface) -> None:
        ui, cobuild = self.ui, self.cobuild
        y = self.draw_heading(surface)
        lines = []
        for cid in cobuild.chosen:
            comp = self.services.referential.competence(cid)
            lines.append(f"• {tr(comp.name, self.lang)} : {self.cv_line(cid, cobuild.status_of(cid).level)}" if self.lang == "fr"
                         else f"• {tr(comp.name, self.lang)}: {self.cv_line(cid, cobuild.status_of(cid).level)}")
        if not lines:
            lines.append(self.t("cobuild.nothing_chosen"))
        text = self.t("cobuild.use_help") + "\n" + "\n".join(lines[:5])
        if cobuild.chosen and self.services.cv_lines():
            first = cobuild.chosen[0]
            example = next((tr(cobuild.titles[e.scenario_id], self.lang) for e in cobuild.status_of(first).supporting()
                            if e.scenario_id in cobuild.titles), "")
            sentence = tr(self.services.cv_lines().interview(first, self.lang, self.t("cobuild.example", title=example)), self.lang)
            text += "\n\n" + self.t("cobuild.interview") + "\n« " + sentence + " »" if self.lang == "fr" else \
                "\n\n" + self.t("cobuild.interview") + "\n“" + sentence + "”"
        box = pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, self.height - y - MIN_TARGET - 40)
        size = "body" if ui.text_height(text, box.width, "body") <= box.height else "small"
        while ui.text_height(text, box.width, size) > box.height and "\n" in text:
            text = text.rsplit("\n", 1)[0]  # fewer lines rather than cut ones
        ui.text_block(surface, text, box, size)
