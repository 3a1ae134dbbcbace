"""The scenario list: pick a situation from everyday life to play."""
from __future__ import annotations

import pygame

from game.model import tr
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.base import ButtonScene

PAGE = 6


class HubScene(ButtonScene):
    name = "hub"

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
        done = self.services.store.completed_scenarios(self.app.play.players[0].id)
        shown = self.scenarios[self.page * PAGE:(self.page + 1) * PAGE]
        cards = []
        for s in shown:
            label = f"{tr(s.title, self.lang)}\n{self.t('hub.minutes', n=s.minutes)}"
            if s.id in done:
                label += " · " + self.t("hub.done")
            b = Button(label, lambda s=s: self.start(s), icon=s.icon, selected=s.id in done)
            b.scenario_id = s.id
            cards.append(b)
        self.numbered(cards)
        nav = []
        if self.page > 0:
            nav.append(Button(self.t("nav.previous"), lambda: self.turn(-1), icon="arrow-left", kind="nav"))
        if (self.page + 1) * PAGE < len(self.scenarios):
            nav.append(Button(self.t("nav.more"), lambda: self.turn(1), icon="arrow-right", kind="nav"))
        if self.app.play.group:
            nav.append(Button(self.t("dashboard.open"), lambda: self.app.show("dashboard"), icon="dashboard", kind="nav"))
            nav.append(Button(self.t("dashboard.end"), lambda: self.app.show("skillmap", player=0, flow="end"), icon="flag", kind="nav-primary"))
        else:
            nav.append(Button(self.t("hub.skillmap"), lambda: self.app.show("skillmap"), icon="chart-dots-3", kind="nav-primary"))
        self.cards, self.nav = cards, nav
        self.set_buttons(cards + nav + [self.menu_button()], self.focus)

    def turn(self, delta: int) -> None:
        self.page += delta
        self.build()

    def start(self, scenario) -> None:
        self.app.play.start(scenario)
        self.app.show(self.app.play.step.kind)

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("hub.title"), "map-2")
        cols = 2
        area = pygame.Rect(MARGIN, y, self.width - MARGIN * 2, self.height - y - 100)
        w = (area.width - GAP * (cols - 1)) // cols
        h = min(130, (area.height - GAP * 2) // 3)
        for i, b in enumerate(self.cards):
            b.rect = pygame.Rect(area.left + (i % cols) * (w + GAP), area.top + (i // cols) * (h + GAP), w, h)
        self.nav_bar(self.nav)
        pages = (len(self.scenarios) + PAGE - 1) // PAGE
        if pages > 1:
            label = ui.fonts.render(self.t("nav.page", n=self.page + 1, total=pages), ui.size("small"), ui.palette.muted)
            surface.blit(label, (MARGIN, self.height - 20 - label.get_height() - 14))
        self.draw_buttons(surface)

    def step_key(self) -> str:
        return f"hub-{self.page}"

    def auto_events(self, bot):
        done = self.services.store.completed_scenarios(self.app.play.players[0].id)
        target = bot.next_scenario(done)
        if target is None:
            if self.app.play.group and not bot.seen_dashboard:
                bot.seen_dashboard = True
                return self.press(self.nav[-2])  # the counsellor looks at the dashboard first
            return self.press(self.nav[-1])  # all played: the skill map (solo) or the end of the session (group)
        for b in self.cards:
            if b.scenario_id == target:
                return self.press(b)
        index = [s.id for s in self.scenarios].index(target)
        want = index // PAGE
        label = self.t("nav.more") if want > self.page else self.t("nav.previous")
        return self.press(next(b for b in self.nav if b.label == label))
