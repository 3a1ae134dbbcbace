"""The scenario hub: the neighbourhood map (each place a scenario, finished ones starred with the
colours of what they showed) beside the list of scenarios, which stays the way to choose."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.ui.play_panel import MapSpot, draw_map
from game.ui.theme import GAP, MARGIN, TEXT_SCALES
from game.ui.widgets import Button
from scenes.base import ART, ButtonScene, layout_cells
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
        self.shown = self.services.shown_in_scenarios(self.app.play.players[0].id)
        self.done = done
        cards = []
        for s in self.scenarios:
            label = f"{tr(s.title, self.lang)}\n{self.t('hub.minutes', n=s.minutes)}"
            if s.id in done:
                label += " · " + self.t("hub.done")
                if self.shown.get(s.id):
                    label += " · " + self.t("hub.shown", n=len(self.shown[s.id]))
            b = Button(label, lambda s=s: self.start(s), icon=s.icon, selected=s.id in done)
            b.scenario_id = s.id
            cards.append(b)
        for i, b in enumerate(cards):  # measured with a number, as shown (every page numbers its cards from 1)
            b.key_hint = i % 9 + 1
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

    def map_width(self) -> int:
        """The map takes the left part of a wide screen (on 4:3, or with the largest text, the list
        keeps the whole width: fewer pages to turn)."""
        if self.width < 1200 or self.ui.scale >= TEXT_SCALES[-1]:
            return 0
        return int(self.width * 0.36)

    def cards_area(self) -> pygame.Rect:
        top = self.title_bottom(self.t("hub.title"))
        left = MARGIN + (self.map_width() + GAP if self.map_width() else 0)
        return pygame.Rect(left, top, self.width - MARGIN - left, self.nav_top() - GAP - top)

    def map_spots(self) -> tuple[pygame.Rect, list[MapSpot]]:
        """The map's rectangle and one spot per scenario that has a place (every page's, numbered on this one)."""
        area = self.cards_area()
        rect = pygame.Rect(MARGIN, area.top, self.map_width(), area.height)
        places, ref = self.services.library.places, self.services.referential
        numbers = {b.scenario_id: b.key_hint for b in self.cards}
        focused = getattr(self.buttons[self.focus], "scenario_id", None) if self.buttons else None
        spots = []
        for s in self.scenarios:
            place = places.get(s.home_place())
            if place is None:
                continue
            colours = tuple(ref.domain(ref.competence(cid).domain).colour for cid in ref.ids() if cid in self.shown.get(s.id, ()))
            spots.append(MapSpot(place.map[0], place.map[1], place.picture, numbers.get(s.id, 0), s.id in self.done,
                                 colours if s.id in self.done else (), s.id == focused))
        return rect, spots

    def draw_map(self, surface: pygame.Surface) -> None:
        rect, spots = self.map_spots()
        draw_map(self.ui, ART, surface, rect, spots)
        self.ui.spoken.append(self.t("hub.map"))

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
        if self.map_width():
            self.draw_map(surface)
        self.nav_bar(self.nav)
        self.draw_buttons(surface)

    def step_key(self) -> str:
        return f"hub-{self.page}"
