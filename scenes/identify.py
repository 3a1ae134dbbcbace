"""Identify the competence: which competence is at work in this short situation?"""
from __future__ import annotations

import pygame

from game.model import tr
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.base import StepScene, shuffled


class IdentifyScene(StepScene):
    name = "identify"
    mechanic = ("identify.title", "search")

    def enter(self) -> None:
        self.answered = None
        ref = self.services.referential
        buttons = []
        for cid in shuffled(self.step.options, f"{self.play.scenario.id}/{self.step.id}"):
            c = ref.competence(cid)
            buttons.append(Button(tr(c.name, self.lang), lambda cid=cid: self.answer(cid), icon=c.icon))
        self.set_buttons(self.numbered(buttons))

    def answer(self, cid: str) -> None:
        found = cid == self.step.answer
        specs = self.step.evidence if found else self.step.evidence_after_help
        self.play.record(self.play.active_player, specs, f"answer:{cid}", next_step=self.step.next)
        self.answered = (cid, found)
        self.set_buttons([self.continue_button(self.step.next)])

    def phase_key(self) -> str:
        return "explain" if self.answered else "ask"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        y = self.draw_header(surface)
        bottom = self.draw_speaker(surface, self.panel_rect(y), self.text(self.step.text))
        if not self.answered:
            ui.text_block(surface, self.t("identify.question"), pygame.Rect(MARGIN * 2, bottom + GAP, self.width - MARGIN * 4, 60), "body", p.muted)
            self.layout_choices(self.buttons, bottom + GAP + ui.fonts.line_height(ui.size("body")) + GAP)
        else:
            cid, found = self.answered
            answer = self.services.referential.competence(self.step.answer)
            head = self.t("identify.found" if found else "identify.also", name=tr(answer.name, self.lang))
            box = pygame.Rect(MARGIN * 2, bottom + GAP * 2, self.width - MARGIN * 4, 0)
            icon = ui.icons.get(answer.icon, 64, p.accent)
            text = f"{head}\n{self.text(self.step.explain)}"
            box.height = ui.text_height(text, box.width - 110, "body") + 32
            pygame.draw.rect(surface, p.panel, box, border_radius=16)
            pygame.draw.rect(surface, p.accent, box, width=4, border_radius=16)
            if icon:
                surface.blit(icon, (box.left + 20, box.top + 16))
            ui.text_block(surface, text, pygame.Rect(box.left + 100, box.top + 16, box.width - 120, box.height), "body")
            self.nav_bar(self.buttons)
        self.draw_buttons(surface)
