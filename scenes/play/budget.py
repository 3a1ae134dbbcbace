"""Budget: choose what to buy within a budget (mobiliser des ressources mathématiques)."""
from __future__ import annotations

import pygame

from game.core.grading import budget_total, budget_totals, grade_budget
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.base import StepScene, layout_cells


STATUS_SEP = "   ·   "


class BudgetScene(StepScene):
    name = "budget"
    mechanic = ("budget.title", "calculator")

    def enter(self) -> None:
        self.chosen = set()
        self.result = None
        self.computed: int | None = None
        self.computing = False  # chosen: now the player adds it up (no running total while choosing)
        self.build()

    def build(self) -> None:
        if self.result:
            if self.status()[1] < 0 and self.play.answered(self.play.active_player):
                # over budget: the way back is to their shopping, with what they chose kept (not an empty basket)
                self.set_buttons([Button(self.t("budget.redo"), self.redo, icon="arrow-back-up", kind="nav"),
                                  self.continue_button(self.step.next)], focus=1)
            else:
                self.show_moving_on(self.step.next)
            return
        if self.computing:
            self.totals = self.numbered([Button(self.t("budget.price", n=n), lambda n=n: self.validate(n), kind="choice")
                                         for n in budget_totals(self.step, self.chosen)])
            self.back_button = Button(self.t("budget.change"), self.change, icon="arrow-left", kind="nav")
            self.nav = [self.back_button]
            self.set_buttons(self.totals + self.nav, 0)
            return
        items = []
        for item in self.step.items:
            b = Button(self.text(item.text), lambda i=item.id: self.toggle(i), icon=item.icon, selected=item.id in self.chosen,
                       kind="toggle", detail=self.t("budget.price", n=item.price))
            b.item_id = item.id
            items.append(b)
        self.numbered(items)  # measured with their number, as shown
        pages = self.paginate(items, self.grid_rect(), max_cols=2)
        self.page = getattr(self, "page", 0) % len(pages)
        self.items = self.numbered(pages[self.page])
        self.done_button = Button(self.t("budget.done"), self.compute, icon="check", kind="nav-primary")
        self.nav = [self.page_button(self.page, len(pages), self.turn)] if len(pages) > 1 else []
        self.nav.append(self.done_button)
        self.set_buttons(self.items + self.nav, self.focus)

    def turn(self) -> None:
        self.page += 1
        self.focus = 0
        self.build()

    def status(self) -> tuple[str, int]:
        """The budget while choosing (the total is theirs to work out); once done, the total and what is left."""
        total = budget_total(self.step, self.chosen)
        left = self.step.budget - total
        if not self.result:
            return self.t("budget.budget", budget=self.step.budget), self.step.budget
        status = self.t("budget.left", n=left) if left >= 0 else self.t("budget.over", n=-left)
        return f"{self.t('budget.total', total=total, budget=self.step.budget)}{STATUS_SEP}{status}", left

    def top_text(self, with_bought: bool = True) -> str:
        """The task while choosing; then the question of the total; once done, what was bought (left out
        when it would not fit: a long basket, the largest text), the total they found and what it shows."""
        if self.computing and not self.result:
            return self.t("budget.compute", n=len(self.chosen))
        if not self.result:
            return self.text(self.step.text)
        bought = [f"{self.text(i.text)} ({self.t('budget.price', n=i.price)})" for i in self.step.items if i.id in self.chosen]
        total = budget_total(self.step, self.chosen)
        said = (self.t("budget.right", total=total) if self.computed == total
                else self.t("budget.wrong", said=self.computed, total=total))
        lines = [said, self.text(self.result.why)]
        if with_bought:
            lines.insert(0, self.t("budget.bought", items=", ".join(bought) or self.t("budget.nothing")))
        return "\n".join(lines)

    def result_text(self) -> str:
        """The result's words, with what was bought when it fits above the total."""
        top = self.header_bottom()
        room = self.nav_top() - GAP * 2 - top - self.status_height() - 22
        full = self.top_text()
        return full if self.ui.text_height(full, self.width - MARGIN * 4, "body") <= room else self.top_text(with_bought=False)

    def shown_text(self) -> str:
        return self.result_text() if self.result else self.top_text()

    def text_rect(self) -> pygame.Rect:
        top = self.header_bottom()
        width = self.width - MARGIN * 4
        height = self.ui.text_height(self.shown_text(), width, "body")
        if self.result:  # the total stays on screen under it
            height = min(height, self.nav_top() - GAP * 2 - top - self.status_height() - 22)
        return pygame.Rect(MARGIN * 2, top, width, height)

    def status_text(self) -> str:
        """The status on one line, or (narrow screen, beside the panel, large text) the total above what is left."""
        line = self.status()[0]
        if self.ui.fonts.font(self.ui.size("body"), True).size(line)[0] <= self.width - MARGIN * 4:
            return line
        return "\n".join(line.split(STATUS_SEP))

    def status_height(self) -> int:
        return self.ui.text_height(self.status_text(), self.width - MARGIN * 4, "body", bold=True)

    def status_rect(self) -> pygame.Rect:
        """The total and the bar: on one row when the screen is wide enough, else the bar below."""
        ui = self.ui
        text = self.status_text()
        width = self.width - MARGIN * 4
        one_row = "\n" not in text and ui.fonts.font(ui.size("body"), True).size(text)[0] + GAP + 160 <= width
        return pygame.Rect(MARGIN * 2, self.text_rect().bottom, width, self.status_height() + (GAP // 2 if one_row else 22))

    def grid_rect(self) -> pygame.Rect:
        top = self.status_rect().bottom + GAP // 2
        return pygame.Rect(MARGIN, top, self.width - MARGIN * 2, self.nav_top() - GAP - top)

    def toggle(self, item_id: str) -> None:
        self.chosen ^= {item_id}
        self.build()

    def compute(self) -> None:
        self.computing = True
        self.build()

    def change(self) -> None:
        self.computing = False
        self.build()

    def redo(self) -> None:
        """Over budget, back to the shopping (issue 21): the answer is taken back (the next step has not
        started) and what they chose stays ticked, to put something back and add up again."""
        self.play.undo_answer(self.play.active_player)
        self.result = None
        self.computed = None
        self.computing = False
        self.focus = 0
        self.build()

    def validate(self, computed: int) -> None:
        graded = grade_budget(self.step, self.chosen, computed)
        self.play.record_answer(self.play.active_player, graded)
        self.computed = computed
        self.result = graded.band
        self.build()

    def phase_key(self) -> str:
        return "result" if self.result else "compute" if self.computing else "choose"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        self.draw_header(surface)
        ui.text_block(surface, self.shown_text(), self.text_rect(), "body")
        left = self.status()[1]
        total = self.step.budget - left
        area = self.status_rect()
        lh = ui.fonts.line_height(ui.size("body"))
        status, status_h = self.status_text(), self.status_height()
        ui.text_block(surface, status, pygame.Rect(area.left, area.top, area.width, status_h), "body", p.text if left >= 0 else p.focus, bold=True)
        grid = self.grid_rect()
        if not self.result:  # no running total: the bar comes with the result
            layout_cells(ui, self.totals if self.computing else self.items, grid, max_cols=2)
            self.nav_bar([b for b in self.buttons if b.kind.startswith("nav")])
            self.draw_buttons(surface)
            return
        if area.height > status_h + GAP // 2:  # the bar under the lines
            bar = pygame.Rect(area.left, area.top + status_h + 2, area.width, 14)
        else:  # the bar beside the line
            line_w = ui.fonts.font(ui.size("body"), True).size(status)[0]
            bar = pygame.Rect(area.left + line_w + GAP, area.top + lh // 2 - 7, area.width - line_w - GAP, 14)
        pygame.draw.rect(surface, p.border, bar, width=2, border_radius=7)
        fill = bar.inflate(-4, -4)
        fill.width = int(fill.width * min(1.0, total / self.step.budget))
        pygame.draw.rect(surface, p.good if left >= 0 else p.focus, fill, border_radius=5)
        self.nav_bar([b for b in self.buttons if b.kind.startswith("nav")])
        self.draw_buttons(surface)
