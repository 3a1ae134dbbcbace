"""Dialogue: a situation, 2-4 choices; each choice is evidence, committed before moving on."""
from __future__ import annotations

import pygame

from game.ui.theme import GAP
from game.ui.widgets import Button
from scenes.base import StepScene, shuffled


class DialogueScene(StepScene):
    name = "dialogue"

    def enter(self) -> None:
        self.reply = None
        choices = shuffled(self.step.choices, f"{self.play.scenario.id}/{self.step.id}")
        self.set_buttons(self.numbered([Button(self.text(c.text), lambda c=c: self.choose(c)) for c in choices]))

    def choose(self, choice) -> None:
        player = self.play.active_player
        self.play.record(player, choice.evidence, choice.id, next_step=choice.next)
        if choice.reply:
            self.reply = self.text(choice.reply)
            self.set_buttons([self.continue_button(choice.next)])
        else:
            self.go_next(choice.next)

    def phase_key(self) -> str:
        return "reply" if self.reply else "choose"

    def draw(self, surface: pygame.Surface) -> None:
        y = self.draw_header(surface)
        text = self.reply if self.reply else self.text(self.step.text)
        bottom = self.draw_speaker(surface, self.panel_rect(y), text)
        if self.reply:
            self.nav_bar(self.buttons)
        else:
            self.layout_choices(self.buttons, bottom + GAP * 2)
        self.draw_buttons(surface)
