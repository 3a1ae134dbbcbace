"""The scenario list: pick a situation from everyday life to play."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.base import ButtonScene, layout_cells
from scenes.counsellor.counsellor import ask_pin



class HubScene(ButtonScene):
    name = "hub"
    corner_tools = True

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.page = params.get("page", 0)

    def enter(self) -> None:
        self.build()

    def resume(self) -> None:
        super().resume()
        self.build()

    @property
    def scenarios(self):
        return self.services.library.scenarios

    def build(self) -> None:
        done = self.services.completed_scenarios(self.app.play.players[0].id)
        cards = []
        for s in self.scenarios:
            label = f"{tr(s.title, self.lang)}\n{self.t('hub.minutes', n=s.minutes)}"
            if s.id in done:
                label += " · " + self.t("hub.done")
            b = Button(label, lambda s=s: self.start(s), icon=s.icon, selected=s.id in done)
            b.scenario_id = s.id
            cards.append(b)
        self.numbered(cards)  # measured with their number, as shown
        pages = self.paginate(cards, self.cards_area(), gap=GAP, max_cols=2)
        self.page_ids = [[b.scenario_id for b in page] for page in pages]
        self.page = max(0, min(self.page, len(pages) - 1))
        cards = self.numbered(pages[self.page])
        nav = []
        where = f"{self.page + 1}/{len(pages)}"  # the page, on the button that turns it
        if self.page > 0:
            nav.append(Button(self.t("nav.previous"), lambda: self.turn(-1), icon="arrow-left", kind="nav",
                              detail="" if self.page + 1 < len(pages) else where))
        if self.page + 1 < len(pages):
            nav.append(Button(self.t("nav.more"), lambda: self.turn(1), icon="arrow-right", kind="nav", detail=where))
        if self.app.play.group:
            nav.append(Button(self.t("dashboard.open"), lambda: ask_pin(self.app, "dashboard", "hub"), icon="dashboard", kind="nav"))
            nav.append(Button(self.t("dashboard.end"), lambda: ask_pin(self.app, "dashboard", "hub", flow="end"), icon="flag", kind="nav-primary"))
        else:
            nav.append(Button(self.t("hub.skillmap"), lambda: self.app.show("skillmap"), icon="chart-dots-3", kind="nav-primary"))
        self.cards, self.nav = cards, nav
        self.set_buttons(cards + nav, self.focus)

    def cards_area(self) -> pygame.Rect:
        top = self.title_bottom(self.t("hub.title"))
        return pygame.Rect(MARGIN, top, self.width - MARGIN * 2, self.nav_top() - GAP - top)

    def turn(self, delta: int) -> None:
        self.page += delta
        self.build()

    def start(self, scenario) -> None:
        self.app.play.start(scenario)
        self.app.show(self.app.play.step.kind)

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        ui.title(surface, self.t("hub.title"), "map-2")
        layout_cells(ui, self.cards, self.cards_area(), gap=GAP, max_cols=2)
        self.nav_bar(self.nav)
        self.draw_buttons(surface)

    def step_key(self) -> str:
        return f"hub-{self.page}"
