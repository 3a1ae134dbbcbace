"""Dialogue: a situation, 2-4 choices; each choice is evidence, committed before moving on.
In a group voting session everyone answers, then a reveal shows who chose what."""
from __future__ import annotations

import pygame

from game.ui.theme import GAP
from game.ui.widgets import Button
from scenes.base import StepScene, shuffled
from scenes.group import VoteMixin


class DialogueScene(VoteMixin, StepScene):
    name = "dialogue"

    def enter(self) -> None:
        self.reply = None
        self.choices = shuffled(self.step.choices, f"{self.play.scenario.id}/{self.step.id}")
        if self.group_vote:
            self.start_vote(self.choices)
            self.set_buttons(self.numbered([Button(self.text(c.text), lambda i=i: self.cast(i)) for i, c in enumerate(self.choices)]))
        else:
            self.set_buttons(self.numbered([Button(self.text(c.text), lambda c=c: self.choose(c)) for c in self.choices]))

    def choose(self, choice) -> None:
        self.play.record(self.play.active_player, choice.evidence, choice.id, next_step=choice.next)
        self.show_reply(choice)

    def show_reply(self, choice) -> None:
        if choice.reply:
            self.reply = self.text(choice.reply)
            self.set_buttons([self.continue_button(choice.next)])
        else:
            self.go_next(choice.next)

    # votes: every answer is evidence for the one who gave it; the story follows the majority
    def record_vote(self, player, option: int) -> None:
        choice = self.choices[option]
        self.play.record(player, choice.evidence, choice.id, replace=True)

    def after_reveal(self, winner: int) -> None:
        self.winner = self.choices[winner]
        self.set_buttons(self.numbered([Button(self.text(c.text), lambda: None) for c in self.choices])
                         + [Button(self.t("step.continue"), lambda: self.show_reply(self.winner), icon="arrow-right", kind="nav-primary")],
                         focus=len(self.choices))

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.group_vote and not self.reply and self.handle_vote_event(event):
            return
        super().handle_event(event)

    def phase_key(self) -> str:
        if self.reply:
            return "reply"
        return self.vote_key() if self.group_vote else "choose"

    def draw(self, surface: pygame.Surface) -> None:
        y = self.draw_header(surface)
        text = self.reply if self.reply else self.text(self.step.text)
        size = "large"
        if not self.reply:  # everything must fit above the bottom bar: smaller text before anything is cut
            column = self.column_rect(y)
            needed = self.speaker_height(column, text, "large") + GAP * 2 + (60 if self.group_vote else 0) + \
                sum(self.ui.button_height(b, column.width) + GAP for b in self.buttons if b.kind == "choice")
            size = "large" if needed <= column.height else "body"
        bottom = self.draw_speaker(surface, self.panel_rect(y), text, size)
        if self.reply:
            self.nav_bar(self.buttons)
            self.draw_buttons(surface)
            return
        if self.group_vote and not self.revealed:
            bottom = self.draw_current_voter(surface, bottom + GAP)
        choices = [b for b in self.buttons if b.kind == "choice"]
        self.layout_choices(choices, bottom + GAP)
        self.nav_bar([b for b in self.buttons if b.kind != "choice"])
        self.draw_buttons(surface)
        if self.group_vote:
            if self.revealed:
                self.draw_reveal_marks(surface)
            else:
                self.draw_voters(surface)

    def auto_events(self, bot):
        if self.group_vote and not self.reply:
            events = self.vote_auto_events(bot)
            if events is not None:
                return events
            return self.press(self.buttons[-1])
        return super().auto_events(bot)
