"""Dialogue: a situation, 2-4 choices; each choice is evidence, committed before moving on.
In a group voting session everyone answers, then a reveal shows who chose what."""
from __future__ import annotations

import pygame

from game.core.grading import grade_dialogue
from game.ui.theme import GAP
from game.ui.widgets import Button
from scenes.base import StepScene, layout_cells, shuffled
from scenes.group.group import VoteMixin


class DialogueScene(VoteMixin, StepScene):
    name = "dialogue"

    def enter(self) -> None:
        self.reply = None
        self.reply_choice = None
        self.choices = shuffled(self.step.choices, f"{self.play.scenario.id}/{self.step.id}")
        if self.group_vote:
            self.start_vote(self.choices)
            self.answers = self.numbered([Button(self.text(c.text), lambda i=i: self.cast(i)) for i, c in enumerate(self.choices)])
        else:
            self.answers = self.numbered([Button(self.text(c.text), lambda c=c: self.choose(c)) for c in self.choices])
        # too much to read on one screen (large text, 4:3, a vote): the situation first, then the answers
        self.two_screens = self.fit(self.header_bottom(), self.text(self.step.text), self.answers) is None
        if self.two_screens:
            self.read_again()
        else:
            self.reading = False
            self.set_buttons(self.answers)

    def settings_changed(self) -> None:
        """Another language: the answers and the reply in it."""
        for b, c in zip(self.answers, self.choices):
            b.label = self.text(c.text)
        for b, c in zip(self.buttons, self.choices):
            if b.kind == "choice":
                b.label = self.text(c.text)
        if self.reply_choice is not None:
            self.reply = self.text(self.reply_choice.reply)
        super().settings_changed()

    def choose(self, choice) -> None:
        self.play.record_answer(self.play.active_player, grade_dialogue(self.step, choice))
        self.show_reply(choice)

    def picture_mood(self) -> str:
        """On the reply screen, the people in the picture react as the answer says (content: `mood`)."""
        return self.reply_choice.mood if self.reply and self.reply_choice else ""

    def show_reply(self, choice) -> None:
        if choice.reply:
            self.reply_choice = choice
            self.reply = self.text(choice.reply)
            self.app.play_sound("reveal")
            self.show_moving_on(choice.next, choice.sets)
        else:
            self.go_next(choice.next, choice.sets)

    # votes: every answer is evidence for the one who gave it; the story follows the majority
    def record_vote(self, player, option: int) -> None:
        choice = self.choices[option]
        self.play.record_answer(player, grade_dialogue(self.step, choice), moves_on=False, replace=True)

    def after_reveal(self, winner: int) -> None:
        self.winner = self.choices[winner]
        self.set_buttons(self.numbered([Button(self.text(c.text), lambda: None) for c in self.choices])
                         + [Button(self.t("step.continue"), lambda: self.show_reply(self.winner), icon="arrow-right", kind="nav-primary")],
                         focus=len(self.choices))

    settled_key, choose_key = "reply", "choose"

    def settled(self) -> bool:
        return bool(self.reply)

    # (situation text, columns of answers, answers' text): the first that fits is used
    FITS = (("large", 1, "body"), ("body", 1, "body"), ("body", 2, "body"), ("body", 1, "small"), ("body", 2, "small"))

    def fit(self, top: int, text: str | None, choices: list) -> tuple[str, int, str] | None:
        """Everything above the bottom bar: smaller text, or answers side by side, before anything is
        cut; None when nothing fits (then the situation and the answers take a screen each)."""
        column = self.column_rect(top)
        voter = self.ui.size("body") + 26 + GAP if self.group_vote and not self.revealed else 0
        fits = [f for f in self.FITS if f[1] == 1] if self.group_vote else self.FITS
        for text_size, cols, label_size in fits:
            y = top + (self.speaker_height(column, text, text_size) + GAP if text else 0) + voter
            rect = pygame.Rect(column.left, y, column.width, column.bottom - y)
            if layout_cells(self.ui, choices, rect, GAP, max_cols=cols, size=label_size, min_cols=cols):
                return text_size, cols, label_size
        return None

    def draw(self, surface: pygame.Surface) -> None:
        y = self.draw_header(surface)
        text = self.reply if self.reply else self.text(self.step.text)
        if self.reply or self.reading:
            self.draw_text_alone(surface, y, text)
            return
        choices = [b for b in self.buttons if b.kind == "choice"]
        if self.two_screens:  # the answers alone (the situation is one button away)
            size, cols, label_size = self.fit(y, None, choices) or ("body", 1, "small")
            bottom = y - GAP
        else:
            size, cols, label_size = self.fit(y, text, choices) or ("body", 1, "small")
            bottom = self.draw_speaker(surface, self.panel_rect(y), text, size)
        if self.group_vote and not self.revealed:
            bottom = self.draw_current_voter(surface, bottom + GAP) - GAP
        column = self.column_rect(bottom + GAP)
        layout_cells(self.ui, choices, column, GAP, max_cols=cols, size=label_size, min_cols=cols)
        self.nav_bar([b for b in self.buttons if b.kind != "choice"])
        self.draw_buttons(surface)
        if self.group_vote:
            if self.revealed:
                self.draw_reveal_marks(surface)
            else:
                self.draw_voters(surface)
