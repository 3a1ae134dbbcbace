"""My real experience: pick a theme and activities from a catalogue with pictograms, then
place yourself on first-person descriptors. Gives declared evidence for the counsellor."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.core.grading import grade_experience
from game.i18n.catalogue import in_every_language
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button, layout_column
from scenes.base import StepScene, layout_cells


class ExperienceScene(StepScene):
    name = "experience"
    mechanic = ("experience.title", "user-star")

    def enter(self) -> None:
        if self.play.group and not self.params.get("private"):  # a personal step: in private, laptop passed
            self.app.show("handover", player=self.play.index_of(self.play.active_player), then="experience")
            return
        self.themes = self.services.library.themes_for(self.step.catalogue)
        self.theme = None
        self.activities: list = []
        self.competence_index = 0
        self.show_themes()

    # phases: themes -> activities -> one descriptor choice per competence
    def show_themes(self) -> None:
        self.phase, self.page = "theme", 0
        self.build()

    def pick_theme(self, theme) -> None:
        self.theme = theme
        self.activities = []
        self.phase, self.page = "activities", 0
        self.build()

    def toggle(self, activity) -> None:
        if activity in self.activities:
            self.activities.remove(activity)
        else:
            self.activities.append(activity)
        self.build()

    def show_levels(self) -> None:
        self.phase, self.page = "levels", 0
        self.build()

    def build(self) -> None:
        """The current phase's choices, as many as fit on the screen, and its way on."""
        if self.phase == "theme":
            choices = [Button(tr(t.title, self.lang), lambda t=t: self.pick_theme(t), icon=t.icon) for t in self.themes[:9]]
            nav = [Button(self.t("experience.skip"), self.skip, icon="player-skip-forward", kind="nav")]
        elif self.phase == "activities":
            choices = [Button(tr(a.title, self.lang), lambda a=a: self.toggle(a), selected=a in self.activities, kind="toggle")
                       for a in self.theme.activities[:9]]
            for b, a in zip(choices, self.theme.activities):
                b.activity = a
            nav = [Button(self.t("nav.back"), self.show_themes, icon="arrow-back-up", kind="nav"),
                   Button(self.t("experience.next"), self.show_levels, icon="arrow-right", kind="nav-primary", enabled=bool(self.activities))]
        else:
            competence = self.services.referential.competence(self.step.competences[self.competence_index])
            choices = [Button(tr(level.descriptor, self.lang), lambda n=level.number: self.place(n)) for level in competence.levels]
            nav = []
        self.numbered(choices)  # measured with their number, as shown
        pages = self.paginate(choices, self.grid_rect(), max_cols=1 if self.phase == "levels" else 3)
        self.page %= len(pages)
        shown = self.numbered(pages[self.page])
        for b in choices:
            if b not in shown:
                b.key_hint = None
        if len(pages) > 1:
            nav.insert(0, self.page_button(self.page, len(pages), self.turn))
        self.choices = shown
        self.set_buttons(shown + nav, self.focus)

    def turn(self) -> None:
        self.page += 1
        self.focus = 0
        self.build()

    def prompt(self) -> str:
        if self.phase == "theme":
            return self.text(self.step.text) + "\n" + self.t("experience.pick_theme")
        if self.phase == "activities":
            return self.t("experience.pick_activities", theme=tr(self.theme.title, self.lang))
        competence = self.services.referential.competence(self.step.competences[self.competence_index])
        return self.t("experience.pick_level", name=tr(competence.name, self.lang))

    def prompt_size(self) -> str:
        ui = self.ui
        fits = ui.text_height(self.prompt(), self.width - MARGIN * 4, "large") <= 2 * ui.fonts.line_height(ui.size("large"))
        return "large" if fits else "body"

    def hint_height(self) -> int:
        """The line kept above the bottom bar for "choose at least one" (the cards never jump)."""
        if self.phase != "activities":
            return 0
        return self.ui.text_height(self.t("experience.need_activity"), self.width - MARGIN * 2, "small") + GAP // 2

    def grid_rect(self) -> pygame.Rect:
        top = self.header_bottom() + self.ui.text_height(self.prompt(), self.width - MARGIN * 4, self.prompt_size()) + GAP // 2
        bottom = self.nav_top() - GAP - self.hint_height()
        if self.phase == "levels":
            return pygame.Rect(MARGIN * 2, top, self.width - MARGIN * 4, bottom - top)
        return pygame.Rect(MARGIN, top, self.width - MARGIN * 2, bottom - top)

    def place(self, number: int) -> None:
        cid = self.step.competences[self.competence_index]
        descriptor = self.services.referential.competence(cid).level(number).descriptor
        graded = grade_experience(self.step, cid, number, descriptor, self.theme.id, self.theme.title,
                                  [(a.id, a.title) for a in self.activities], in_every_language("experience.told_why"))
        self.play.record_answer(self.play.active_player, graded)
        self.competence_index += 1
        if self.competence_index < len(self.step.competences):
            self.show_levels()
        else:
            self.go_next(self.step.next)

    def skip(self) -> None:
        self.go_next(self.step.next)

    def phase_key(self) -> str:
        return f"{self.phase}{self.competence_index}"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        y = self.draw_header(surface)
        ui.text_block(surface, self.prompt(), pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 300), self.prompt_size())
        nav = [b for b in self.buttons if b.kind.startswith("nav")]
        self.nav_bar(nav)
        grid = self.grid_rect()
        if self.phase == "activities" and not self.activities:
            ui.text_block(surface, self.t("experience.need_activity"),
                          pygame.Rect(MARGIN, grid.bottom + GAP // 2, self.width - MARGIN * 2, self.hint_height()), "small", p.text)
        if self.phase == "levels":
            layout_column(ui, self.choices, grid)
        else:
            layout_cells(ui, self.choices, grid)
        self.draw_buttons(surface)

