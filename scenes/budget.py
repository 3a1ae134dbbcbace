"""Budget: choose what to buy within a budget (mobiliser des ressources mathématiques)."""
from __future__ import annotations

import pygame

from game.play import budget_score, budget_total
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button, layout_grid
from scenes.base import StepScene


class BudgetScene(StepScene):
    name = "budget"
    mechanic = ("budget.title", "calculator")

    def enter(self) -> None:
        self.chosen: set[str] = set()
        self.result = None
        self.build()

    def build(self) -> None:
        items = []
        for item in self.step.items:
            b = Button(self.text(item.text), lambda i=item.id: self.toggle(i), icon=item.icon, selected=item.id in self.chosen,
                       kind="toggle", detail=self.t("budget.price", n=item.price))
            items.append(b)
        self.numbered(items)
        self.items = items
        self.done_button = Button(self.t("budget.done"), self.validate, icon="check", kind="nav-primary")
        self.set_buttons(items + [self.done_button], self.focus)

    def toggle(self, item_id: str) -> None:
        self.chosen ^= {item_id}
        self.build()

    def validate(self) -> None:
        score = budget_score(self.step, self.chosen)
        band = self.step.level_for_score(score)
        choice = "buy:" + ",".join(sorted(self.chosen))
        self.play.record(self.play.active_player, [band.evidence(self.step.competence)], choice, next_step=self.step.next)
        self.result = band
        self.set_buttons([self.continue_button(self.step.next)])

    def phase_key(self) -> str:
        return "result" if self.result else "choose"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        y = self.draw_header(surface)
        y += ui.text_block(surface, self.text(self.step.text), pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 140), "body")
        total = budget_total(self.step, self.chosen)
        left = self.step.budget - total
        status = self.t("budget.left", n=left) if left >= 0 else self.t("budget.over", n=-left)
        line = f"{self.t('budget.total', total=total, budget=self.step.budget)}   ·   {status}"
        surface.blit(ui.fonts.render(line, ui.size("body"), p.text if left >= 0 else p.focus, True), (MARGIN * 2, y))
        bar = pygame.Rect(MARGIN * 2, y + ui.fonts.line_height(ui.size("body")) + 4, self.width - MARGIN * 4, 14)
        pygame.draw.rect(surface, p.border, bar, width=2, border_radius=7)
        fill = bar.inflate(-4, -4)
        fill.width = int(fill.width * min(1.0, total / self.step.budget))
        pygame.draw.rect(surface, p.good if left >= 0 else p.focus, fill, border_radius=5)
        top = bar.bottom + GAP
        if self.result:
            bought = [f"{self.text(i.text)} ({self.t('budget.price', n=i.price)})" for i in self.step.items if i.id in self.chosen]
            text = self.t("budget.bought", items=", ".join(bought) or self.t("budget.nothing")) + "\n" + self.text(self.result.why)
            ui.text_block(surface, text, pygame.Rect(MARGIN * 2, top + GAP, self.width - MARGIN * 4, self.height - top - 110), "body")
        else:
            layout_grid(ui, self.items, pygame.Rect(MARGIN, top, self.width - MARGIN * 2, self.height - top - 90))
        self.nav_bar([b for b in self.buttons if b.kind == "nav-primary"])
        self.draw_buttons(surface)

    def auto_events(self, bot):
        if self.result:
            return self.press(self.buttons[0])
        if bot.strategy == "first":
            wanted = {i.id for i in self.step.items if i.essential}
        else:
            wanted = {i.id for i in self.step.items if bot.pick(2) == 0} if not hasattr(self, "_wanted") else self._wanted
            self._wanted = wanted
        for b, item in zip(self.items, self.step.items):
            if (item.id in wanted) != (item.id in self.chosen):
                return self.press(b)
        return self.press(self.done_button)
