""""What are you good at?": up to 5 plain-word cards, before the first session and at the end of one.
Both answers are kept (game.services); the skill map shows them side by side. In a group, each
participant answers in turn ("Au tour de …"), in private after "pass the laptop": `queue` holds the
indexes of those still to answer."""
from __future__ import annotations

import pygame

from game.core.model import BEFORE, MAX_STRENGTHS
from game.i18n.typeset import tr
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.base import ButtonScene, layout_cells


class StrengthsScene(ButtonScene):
    name = "strengths"

    def enter(self) -> None:
        self.player = self.app.play.players[self.params.get("player", 0)]
        self.moment = self.params.get("moment", BEFORE)
        self.chosen: list[str] = []
        self.build()

    def build(self) -> None:
        full = len(self.chosen) >= MAX_STRENGTHS
        cards = []
        for c in self.services.referential.competences:
            b = Button(tr(c.name, self.lang), lambda cid=c.id: self.toggle(cid), icon=c.icon, kind="toggle",
                       selected=c.id in self.chosen)
            b.enabled = c.id in self.chosen or not full
            b.competence = c.id
            cards.append(b)
        self.cards = cards
        self.done_button = Button(self.t("strengths.done"), self.done, icon="check", kind="nav-primary")
        self.page = getattr(self, "page", 0)
        self.fit = self.fitting(cards)
        if self.fit:  # every card on one screen
            self.shown, self.nav = cards, [self.done_button]
        else:  # the largest text on 4:3: the cards in pages, none smaller than the text size asked
            pages = self.paginate(cards, self.cards_area("body"), GAP // 2, max_cols=3)
            self.page %= len(pages)
            self.shown = pages[self.page]
            self.nav = ([self.page_button(self.page, len(pages), self.turn)] if len(pages) > 1 else []) + [self.done_button]
        self.set_buttons(self.shown + self.nav, getattr(self, "focus", 0))

    def turn(self) -> None:
        self.page += 1
        self.focus = 0
        self.build()

    def cards_area(self, text_size: str) -> pygame.Rect:
        """Under the title and the prompt (in text_size), above the way on."""
        y = self.title_bottom(self.t("strengths.title")) + GAP // 2
        h = self.ui.text_height(self.prompt(), self.width - MARGIN * 4, text_size)
        top = y + h + GAP // 2
        return pygame.Rect(MARGIN, top, self.width - MARGIN * 2, self.nav_top() - GAP - top)

    def fitting(self, cards: list[Button]) -> tuple[str, int, str] | None:
        """The first of FITS where every card fits on one screen, or None."""
        for text_size, cols, size in self.FITS:
            if layout_cells(self.ui, cards, self.cards_area(text_size), GAP // 2, max_cols=cols, size=size, min_cols=cols):
                return text_size, cols, size
        return None

    def toggle(self, cid: str) -> None:
        if cid in self.chosen:
            self.chosen.remove(cid)
        elif len(self.chosen) < MAX_STRENGTHS:
            self.chosen.append(cid)
        self.build()

    def done(self) -> None:
        self.services.save_self_assessment(self.player, self.app.play.session.id, self.moment, self.chosen)
        queue = list(self.params.get("queue", ()))
        if queue:  # the next participant's turn, in private too (the laptop passed), with no card picked
            self.app.show("handover", player=queue[0], then="strengths",
                          then_params={"moment": self.moment, "player": queue[0], "queue": queue[1:], "then": self.params.get("then", "hub"),
                                       "then_params": self.params.get("then_params", {})})
            return
        self.app.show(self.params.get("then", "hub"), **self.params.get("then_params", {}))

    def step_key(self) -> str:
        return f"strengths-{self.moment}-{self.player.id[:6]}-{len(self.chosen)}-{self.page}"

    def prompt(self) -> str:
        whose = self.t("strengths.whose", name=self.player.display_name) + " " if self.app.play.group else ""
        return whose + self.t(f"strengths.ask_{self.moment}", n=MAX_STRENGTHS) + " " + self.t("strengths.count", n=len(self.chosen),
                                                                                              most=MAX_STRENGTHS)

    # (prompt's text size, columns, cards' text size): the first that fits is used
    FITS = (("body", 3, "body"), ("body", 2, "body"), ("body", 3, "small"), ("small", 2, "small"), ("small", 3, "small"),
            ("small", 4, "small"))

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("strengths.title"), "star") + GAP // 2
        width = self.width - MARGIN * 4
        if self.fit:
            text_size, cols, size = self.fit
            layout_cells(ui, self.shown, self.cards_area(text_size), GAP // 2, max_cols=cols, size=size, min_cols=cols)
        else:
            text_size = "body"
            layout_cells(ui, self.shown, self.cards_area(text_size), GAP // 2, max_cols=3)
        ui.text_block(surface, self.prompt(), pygame.Rect(MARGIN * 2, y, width, ui.text_height(self.prompt(), width, text_size)), text_size)
        self.nav_bar(self.nav)
        self.draw_buttons(surface)
