"""Ordering: put steps in order (drag and drop, or a number key then the arrows)."""
from __future__ import annotations

import random

import pygame

from game.core.grading import grade_ordering, ordering_matches
from game.ui.theme import GAP, MARGIN, MIN_TARGET
from game.ui.widgets import Button
from scenes.base import NUMBER_KEYS, StepScene


class OrderingScene(StepScene):
    name = "ordering"
    mechanic = ("ordering.title", "arrows-sort")

    def enter(self) -> None:
        ids = [item.id for item in self.step.items]
        order = ids[:]
        rng = random.Random(f"{self.play.scenario.id}/{self.step.id}")
        while order == ids:  # never start in the best order
            rng.shuffle(order)
        self.order = order
        self.items = {item.id: item for item in self.step.items}
        self.held: str | None = None      # the item picked up (keyboard or drag)
        self.dragging = False
        self.result = None
        self.validate_button = Button(self.t("ordering.done"), self.validate, icon="check", kind="nav-primary")
        self.answers = [self.validate_button]
        # the task and the cards do not fit together (large text, 4:3): the task first, then the cards
        self.two_screens = False
        self.beside_panel = self.shows_panel() and self.cards_fit_alone()
        self.two_screens = self.cards_margin() is None
        if self.two_screens:
            self.read_again()
        else:
            self.set_buttons(self.answers)

    see_key = "ordering.see_cards"

    # ------------------------------------------------------------ moving items

    def top_text(self) -> str:
        """The task while ordering; once done, what the order shows (the level's why)."""
        return self.text(self.result[1].why) if self.result else self.text(self.step.text)

    def cards_top(self) -> int:
        ui = self.ui
        width = self.width - MARGIN * 4
        if self.two_screens and not self.result:  # the task is on the screen before
            return self.header_bottom() + GAP // 2
        y = self.header_bottom() + ui.text_height(self.top_text(), width, "body")
        if not self.result:
            y += ui.text_height(self.t("ordering.help"), width, "small")
        return y + GAP // 2

    def card_text_width(self, width: int) -> int:
        body = self.ui.size("body")
        return width - 52 - (body + 10) - (body + 24)

    def cards_margin(self) -> int | None:
        """The cards' left margin: as wide as the text, or out to the screen's margins when a card's
        words would not fit otherwise (largest text); None when they do not fit this screen at all."""
        space = self.nav_top() - GAP - self.cards_top()
        for margin in (MARGIN * 2, MARGIN):
            need, per = self.card_need(self.width - 2 * margin, space)
            if need <= per:
                return margin
        return None

    def card_need(self, width: int, space: int) -> tuple[int, int]:
        """(the least card height that shows every item's words, the height each card can have)."""
        n = len(self.order)
        per = (space - GAP // 2 * (n - 1)) // n
        text_w = self.card_text_width(width)
        least = 0 if self.result else MIN_TARGET
        return max(least, max(self.ui.text_height(self.text(i.text), text_w, "small") for i in self.step.items) + 10), per

    def card_size(self, width: int, space: int) -> tuple[int, str]:
        """One height for every card (a card moves, its slot does not change) and the text size:
        body text when the cards fit, smaller text before anything is cut. Cards to move are
        targets (MIN_TARGET high); the cards of the result are not."""
        n = len(self.order)
        per = (space - GAP // 2 * (n - 1)) // n
        text_w = self.card_text_width(width)
        least = 0 if self.result else MIN_TARGET
        for size in ("body", "small"):
            need = max(least, max(self.ui.text_height(self.text(i.text), text_w, size) for i in self.step.items) + 10)
            if need <= per:
                return need, size
        return max(48 if not self.result else 0, per), "small"

    def cards_readable(self, width: int, h: int, size: str) -> bool:
        """Every card's text fits in cards `h` high (card_size gives the space left when none does)."""
        text_w = self.card_text_width(width)
        return all(self.ui.text_height(self.text(i.text), text_w, size) + 10 <= h for i in self.step.items)

    def cards_fit_alone(self) -> bool:
        """The cards fit beside the play panel, at least on a screen of their own."""
        width = self.width - MARGIN * 4
        space = self.nav_top() - GAP - self.header_bottom() - GAP // 2
        h, size = self.card_size(width, space)
        return (h + GAP // 2) * len(self.order) - GAP // 2 <= space and self.cards_readable(width, h, size)

    def card_rects(self) -> list[pygame.Rect]:
        top = self.cards_top()
        margin = self.cards_margin() or MARGIN * 2
        width = self.width - 2 * margin
        h, _ = self.card_size(width, self.nav_top() - GAP - top)
        return [pygame.Rect(margin, top + i * (h + GAP // 2), width, h) for i in range(len(self.order))]

    def move(self, item_id: str, delta: int) -> None:
        i = self.order.index(item_id)
        j = max(0, min(len(self.order) - 1, i + delta))
        self.order.insert(j, self.order.pop(i))
        self.dirty = True

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.result or self.reading:
            return super().handle_event(event)
        if event.type == pygame.KEYDOWN:
            if event.key in NUMBER_KEYS and NUMBER_KEYS[event.key] <= len(self.order):
                picked = self.order[NUMBER_KEYS[event.key] - 1]
                self.held = None if self.held == picked else picked
                self.dirty = True
                return
            if self.held and event.key in (pygame.K_UP, pygame.K_DOWN):
                self.move(self.held, -1 if event.key == pygame.K_UP else 1)
                return
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_PAGEDOWN):
                self.validate()
                return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for item_id, rect in zip(self.order, self.card_rects()):
                if rect.collidepoint(event.pos):
                    self.held, self.dragging = item_id, True
                    self.dirty = True
                    return
        if event.type == pygame.MOUSEMOTION and self.dragging and self.held:
            self.drag_to(event.pos[1])
            return
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.dragging:
            self.drag_to(event.pos[1])
            self.dragging = False
            return
        super().handle_event(event)

    def drag_to(self, y: int) -> None:
        rects = self.card_rects()
        target = min(range(len(rects)), key=lambda i: abs(rects[i].centery - y))
        current = self.order.index(self.held)
        if target != current:
            self.move(self.held, target - current)

    def validate(self) -> None:
        if self.result:
            return
        graded = grade_ordering(self.step, self.order)
        self.play.record_answer(self.play.active_player, graded)
        self.result = (graded.score, graded.band)
        self.held = None
        self.show_moving_on(self.step.next)

    def phase_key(self) -> str:
        return "result" if self.result else "read" if self.reading else "order"

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        y = self.draw_header(surface)
        width = self.width - MARGIN * 4
        if self.reading or self.result or not self.two_screens:
            y += ui.text_block(surface, self.top_text(), pygame.Rect(MARGIN * 2, y, width, self.nav_top() - GAP - y), "body")
            if not self.result:
                ui.text_block(surface, self.t("ordering.help"), pygame.Rect(MARGIN * 2, y, width, self.nav_top() - GAP - y), "small", p.muted)
        if self.reading:
            pass
        elif self.result:
            self.draw_result(surface)
        else:
            rects = self.card_rects()
            _, size = self.card_size(rects[0].width, self.nav_top() - GAP - self.cards_top())
            for n, (item_id, rect) in enumerate(zip(self.order, rects), start=1):
                self.draw_card(surface, rect, n, item_id, size, held=item_id == self.held, grip=True)
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)

    def draw_card(self, surface, rect, n, item_id, size, held=False, grip=False, mark=False) -> None:
        ui, p = self.ui, self.ui.palette
        pygame.draw.rect(surface, p.panel, rect, border_radius=12)
        pygame.draw.rect(surface, p.focus if held else p.border, rect, width=6 if held else 3, border_radius=12)
        num = ui.fonts.render(str(n), ui.size("body"), p.text, True)
        surface.blit(num, (rect.left + 16, rect.centery - num.get_height() // 2))
        x = rect.left + 52
        item = self.items[item_id]
        icon = ui.icons.get(item.icon, ui.size("body"), p.accent) if item.icon else None
        if icon:
            surface.blit(icon, (x, rect.centery - icon.get_height() // 2))
        x += ui.size("body") + 10
        text_w = self.card_text_width(rect.width)
        text = self.text(item.text)
        height = min(ui.text_height(text, text_w, size), rect.height - 4)
        ui.text_block(surface, text, pygame.Rect(x, rect.centery - height // 2, text_w, height), size)
        tail = "arrows-move-vertical" if held else "grip-horizontal" if grip else "check" if mark else ""
        img = ui.icons.get(tail, ui.size("body"), p.focus if held else p.good if mark else p.muted) if tail else None
        if img:
            surface.blit(img, (rect.right - ui.size("body") - 14, rect.centery - img.get_height() // 2))

    def draw_result(self, surface) -> None:
        """The player's order beside one that works, a check mark where they match; on a narrow
        screen (or with large text) only the one that works, with the check marks."""
        ui, p = self.ui, self.ui.palette
        best = [i.id for i in self.step.items]
        width = self.width - MARGIN * 4
        top = self.cards_top()
        head_h = ui.fonts.line_height(ui.size("small"))
        space = self.nav_top() - GAP - top - head_h
        half = (width - GAP) // 2
        h, size = self.card_size(half, space)
        origin = MARGIN * 2
        if size == "body" and (h + GAP // 2) * len(best) - GAP // 2 <= space:
            columns = ((self.t("ordering.yours"), self.order, True), (self.t("ordering.suggested"), best, False))
            card_w = half
        else:
            columns = ((self.t("ordering.same"), best, None),)
            card_w = width
            need, per = self.card_need(card_w, space)
            if need > per:   # out to the screen's margins before the words are cut
                origin, card_w = MARGIN, self.width - MARGIN * 2
            h, size = self.card_size(card_w, space)
            if (h + GAP // 2) * len(best) - GAP // 2 > space or not self.cards_readable(card_w, h, size):
                return  # no room for the list (very large text): what the order shows is said above
        matches = ordering_matches(self.step, self.order)  # interchangeable steps match in either order
        for col, (title, order, marks) in enumerate(columns):
            left = origin + col * (half + GAP)
            x = left
            if marks is None:  # the check mark explains itself in the heading
                icon = ui.icons.get("check", ui.size("small"), p.good)
                if icon:
                    surface.blit(icon, (x, top + 4))
                x += ui.size("small") + 8
            ui.text_block(surface, title, pygame.Rect(x, top, card_w - (x - left), head_h), "small", bold=True)
            for n, item_id in enumerate(order, start=1):
                card = pygame.Rect(left, top + head_h + (n - 1) * (h + GAP // 2), card_w, h)
                matched = matches[n - 1]
                self.draw_card(surface, card, n, item_id, size, mark=bool(marks or marks is None) and matched)

