"""Identify the competence: which competence is at work in this short situation?
In a group voting session everyone answers, then the reveal explains."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.core.grading import grade_identify
from game.ui.theme import GAP
from game.ui.widgets import Button
from scenes.base import StepScene, layout_cells, shuffled
from scenes.group.group import VoteMixin


class IdentifyScene(VoteMixin, StepScene):
    name = "identify"
    mechanic = ("identify.title", "search")

    def enter(self) -> None:
        self.answered = None
        ref = self.services.referential
        self.options = shuffled(self.step.options, f"{self.play.scenario.id}/{self.step.id}")
        action = (lambda i, cid: (lambda: self.cast(i))) if self.group_vote else (lambda i, cid: (lambda: self.answer(cid)))
        self.answers = self.numbered([Button(tr(ref.competence(cid).name, self.lang), action(i, cid), icon=ref.competence(cid).icon)
                                      for i, cid in enumerate(self.options)])
        if self.group_vote:
            self.start_vote(self.options)
        # too much to read on one screen (large text, 4:3, a vote): the situation first, then the question
        self.two_screens = self.fit(self.header_bottom(), self.text(self.step.text)) is None
        if self.two_screens:
            self.read_again()
        else:
            self.set_buttons(self.answers)

    def settings_changed(self) -> None:
        ref = self.services.referential
        for b, cid in zip(self.answers, self.options):
            b.label = tr(ref.competence(cid).name, self.lang)
        super().settings_changed()

    def question_height(self, width: int) -> int:
        return self.ui.text_height(self.t("identify.question"), width, "body") + GAP

    def fit(self, top: int, text: str | None) -> str | None:
        """The size of the situation's text with which the question and the answers fit; None if none."""
        column = self.column_rect(top)
        voter = self.ui.size("body") + 26 + GAP if self.group_vote and not self.revealed else 0
        for size in ("large", "body"):
            y = top + (self.speaker_height(column, text, size) + GAP if text else 0) + voter + self.question_height(column.width)
            if layout_cells(self.ui, self.answers, pygame.Rect(column.left, y, column.width, column.bottom - y), GAP, max_cols=1):
                return size
        return None

    def answer(self, cid: str) -> None:
        self.play.record_answer(self.play.active_player, grade_identify(self.step, cid))
        self.answered = (cid, cid == self.step.answer)
        self.show_moving_on(self.step.next)

    def record_vote(self, player, option: int) -> None:
        cid = self.options[option]
        self.play.record_answer(player, grade_identify(self.step, cid), moves_on=False, replace=True)

    def after_reveal(self, winner: int) -> None:
        found = any(self.options[v] == self.step.answer for v in self.votes.values())
        self.answered = (self.options[winner], found)
        self.show_moving_on(self.step.next)

    settled_key, choose_key = "explain", "ask"

    def settled(self) -> bool:
        return bool(self.answered)

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        y = self.draw_header(surface)
        text = self.text(self.step.text)
        if self.reading:
            self.draw_text_alone(surface, y, text)
            return
        if not self.answered:
            if self.two_screens:
                bottom = y - GAP
                size = self.fit(y, None)
            else:
                size = self.fit(y, text) or "body"
                bottom = self.draw_speaker(surface, self.panel_rect(y), text, size)
            if self.group_vote:
                bottom = self.draw_current_voter(surface, bottom + GAP) - GAP
            column = self.column_rect(bottom + GAP)
            question_h = self.question_height(column.width)
            ui.text_block(surface, self.t("identify.question"), pygame.Rect(column.left, column.top, column.width, question_h), "body", p.muted)
            layout_cells(ui, [b for b in self.buttons if b.kind == "choice"], column.inflate(0, -question_h).move(0, question_h // 2),
                         GAP, max_cols=1)
            self.nav_bar([b for b in self.buttons if b.kind != "choice"])
            self.draw_buttons(surface)
            if self.group_vote:
                self.draw_voters(surface)
            return
        cid, found = self.answered
        answer = self.services.referential.competence(self.step.answer)
        name = tr(answer.name, self.lang)
        head = self.t("identify.found", name=name) if found else self.t("identify.also", name=name)
        icon = ui.icons.get(answer.icon, 64, p.accent)
        explain = f"{head}\n{self.text(self.step.explain)}"
        column = self.column_rect(y)
        box_h = ui.text_height(explain, column.width - 120, "body") + 32
        size = self.fit(y, text) if not self.two_screens else None
        if size and self.speaker_height(column, text, size) + GAP * 2 + box_h <= column.height:
            bottom = self.draw_speaker(surface, self.panel_rect(y), text, size) + GAP * 2
        else:  # no room for both: the answer, and the situation is in the player's mind (or read aloud)
            bottom = y
        box = pygame.Rect(column.left, bottom, column.width, min(box_h, self.nav_top() - GAP - bottom))
        pygame.draw.rect(surface, p.panel, box, border_radius=16)
        pygame.draw.rect(surface, p.accent, box, width=4, border_radius=16)
        if icon:
            surface.blit(icon, (box.left + 20, box.top + 16))
        ui.text_block(surface, explain, pygame.Rect(box.left + 100, box.top + 16, box.width - 120, box.height - 24), "body")
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)
