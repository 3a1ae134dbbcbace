"""Ordering: put steps in order (drag and drop, or a number key then the arrows)."""
from __future__ import annotations

import random

import pygame

from game.play import ordering_score
from game.ui.theme import GAP, MARGIN, MIN_TARGET
from game.ui.widgets import Button
from scenes.base import NUMBER_KEYS, StepScene, click_event, key_event


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
        self.cards_top = 240  # set by draw; a first value for input before it
        self.validate_button = Button(self.t("ordering.done"), self.validate, icon="check", kind="nav-primary")
        self.set_buttons([self.validate_button])

    # ------------------------------------------------------------ moving items

    def card_rects(self) -> list[pygame.Rect]:
        top = self.cards_top
        h = max(MIN_TARGET, min(72, (self.height - top - MIN_TARGET - MARGIN - GAP * len(self.order)) // len(self.order)))
        return [pygame.Rect(MARGIN * 2, top + i * (h + GAP // 2), self.width - MARGIN * 4, h) for i in range(len(self.order))]

    def move(self, item_id: str, delta: int) -> None:
        i = self.order.index(item_id)
        j = max(0, min(len(self.order) - 1, i + delta))
        self.order.insert(j, self.order.pop(i))
        self.dirty = True

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.result:
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
        score = ordering_score([i.id for i in self.step.items], self.order)
        band = self.step.level_for_score(score)
        self.play.record(self.play.active_player, [band.evidence(self.step.competence)], f"order:{','.join(self.order)}",
                         next_step=self.step.next)
        self.result = (score, band)
        self.held = None
        self.set_buttons([self.continue_button(self.step.next)])

    def phase_key(self) -> str:
        return "result" if self.result else "order"

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        y = self.draw_header(surface)
        y += ui.text_block(surface, self.text(self.step.text), pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 140), "body")
        if not self.result:
            y += ui.text_block(surface, self.t("ordering.help"), pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 80), "small", p.muted)
        self.cards_top = y + GAP // 2
        if self.result:
            self.draw_result(surface)
        else:
            for n, (item_id, rect) in enumerate(zip(self.order, self.card_rects()), start=1):
                self.draw_card(surface, rect, n, item_id, held=item_id == self.held, grip=True)
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)

    def draw_card(self, surface, rect, n, item_id, held=False, grip=False, mark=False) -> None:
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
        right = rect.right - (ui.size("body") + 24 if grip or mark else 12)
        text = self.text(item.text)
        size = "body" if ui.fonts.font(ui.size("body")).size(text)[0] <= right - x else "small"
        height = ui.text_height(text, right - x, size)
        ui.text_block(surface, text, pygame.Rect(x, rect.centery - height // 2, right - x, height), size)
        tail = "arrows-move-vertical" if held else "grip-horizontal" if grip else "check" if mark else ""
        img = ui.icons.get(tail, ui.size("body"), p.focus if held else p.good if mark else p.muted) if tail else None
        if img:
            surface.blit(img, (rect.right - ui.size("body") - 14, rect.centery - img.get_height() // 2))

    def draw_result(self, surface) -> None:
        """The player's order beside one that works; a check mark where they match."""
        ui, p = self.ui, self.ui.palette
        best = [i.id for i in self.step.items]
        rects = self.card_rects()
        half = (rects[0].width - GAP) // 2
        for col, (title, order) in enumerate(((self.t("ordering.yours"), self.order), (self.t("ordering.suggested"), best))):
            left = rects[0].left + col * (half + GAP)
            head = ui.fonts.render(title, ui.size("small"), p.text, True)
            surface.blit(head, (left, rects[0].top - 4))
            for n, (item_id, rect) in enumerate(zip(order, rects), start=1):
                card = pygame.Rect(left, rect.top + head.get_height(), half, rect.height)
                self.draw_card(surface, card, n, item_id, mark=col == 0 and best[n - 1] == item_id)
        score, band = self.result
        bottom = rects[-1].bottom + ui.fonts.line_height(ui.size("small")) + GAP // 2
        ui.text_block(surface, self.text(band.why), pygame.Rect(MARGIN * 2, bottom, self.width - MARGIN * 4, self.height - bottom - 90), "body")

    # ------------------------------------------------------------ autoplay

    def auto_events(self, bot):
        if self.result:
            return self.press(self.buttons[0])
        best = [i.id for i in self.step.items]
        if bot.strategy == "random" and bot.pick(2) == 0:
            return key_event(pygame.K_RETURN, "\r")
        # put the first misplaced item in its place: pick it with its number, then move it up
        for target, item_id in enumerate(best):
            if self.order[target] != item_id:
                current = self.order.index(item_id)
                if bot.strategy == "random":  # drag it with the mouse
                    rects = self.card_rects()
                    return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rects[current].center, button=1, touch=False),
                            pygame.event.Event(pygame.MOUSEMOTION, pos=rects[target].center, rel=(0, 0), buttons=(1, 0, 0), touch=False),
                            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rects[target].center, button=1, touch=False)]
                events = []
                if self.held != item_id:
                    events += key_event(getattr(pygame, f"K_{current + 1}"), str(current + 1))
                events += key_event(pygame.K_UP)
                return events
        return click_event(self.validate_button.rect.center)

