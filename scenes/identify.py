"""Identify the competence: which competence is at work in this short situation?
In a group voting session everyone answers, then the reveal explains."""
from __future__ import annotations

import pygame

from game.model import tr
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.base import StepScene, shuffled
from scenes.group import VoteMixin


class IdentifyScene(VoteMixin, StepScene):
    name = "identify"
    mechanic = ("identify.title", "search")

    def enter(self) -> None:
        self.answered = None
        ref = self.services.referential
        self.options = shuffled(self.step.options, f"{self.play.scenario.id}/{self.step.id}")
        action = (lambda i, cid: (lambda: self.cast(i))) if self.group_vote else (lambda i, cid: (lambda: self.answer(cid)))
        buttons = [Button(tr(ref.competence(cid).name, self.lang), action(i, cid), icon=ref.competence(cid).icon)
                   for i, cid in enumerate(self.options)]
        if self.group_vote:
            self.start_vote(self.options)
        self.set_buttons(self.numbered(buttons))

    def specs_for(self, cid: str):
        return self.step.evidence if cid == self.step.answer else self.step.evidence_after_help

    def answer(self, cid: str) -> None:
        self.play.record(self.play.active_player, self.specs_for(cid), f"answer:{cid}", next_step=self.step.next)
        self.answered = (cid, cid == self.step.answer)
        self.set_buttons([self.continue_button(self.step.next)])

    def record_vote(self, player, option: int) -> None:
        cid = self.options[option]
        self.play.record(player, self.specs_for(cid), f"answer:{cid}", replace=True)

    def after_reveal(self, winner: int) -> None:
        found = any(self.options[v] == self.step.answer for v in self.votes.values())
        self.answered = (self.options[winner], found)
        self.set_buttons([self.continue_button(self.step.next)])

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.group_vote and not self.answered and self.handle_vote_event(event):
            return
        super().handle_event(event)

    def phase_key(self) -> str:
        if self.answered:
            return "explain"
        return self.vote_key() if self.group_vote else "ask"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        y = self.draw_header(surface)
        bottom = self.draw_speaker(surface, self.panel_rect(y), self.text(self.step.text))
        if not self.answered:
            if self.group_vote:
                bottom = self.draw_current_voter(surface, bottom + GAP) - GAP
            ui.text_block(surface, self.t("identify.question"), pygame.Rect(MARGIN * 2, bottom + GAP, self.width - MARGIN * 4, 60), "body", p.muted)
            self.layout_choices([b for b in self.buttons if b.kind == "choice"], bottom + GAP + ui.fonts.line_height(ui.size("body")) + GAP)
            self.nav_bar([b for b in self.buttons if b.kind != "choice"])
            self.draw_buttons(surface)
            if self.group_vote:
                self.draw_voters(surface)
            return
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

    def auto_events(self, bot):
        if self.group_vote and not self.answered:
            events = self.vote_auto_events(bot)
            if events is not None:
                return events
            return self.press(self.buttons[-1])
        return super().auto_events(bot)
