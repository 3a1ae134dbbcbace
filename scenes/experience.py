"""My real experience: pick a theme and activities from a catalogue with pictograms, then
place yourself on first-person descriptors. Gives declared evidence for the counsellor."""
from __future__ import annotations

import pygame

from game.model import tr
from game.play import declared_why
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button, layout_grid
from scenes.base import StepScene


class ExperienceScene(StepScene):
    name = "experience"
    mechanic = ("experience.title", "user-star")

    def enter(self) -> None:
        self.themes = self.services.library.themes_for(self.step.catalogue)
        self.theme = None
        self.activities: list = []
        self.competence_index = 0
        self.show_themes()

    # phases: themes -> activities -> one descriptor choice per competence
    def show_themes(self) -> None:
        self.phase = "theme"
        buttons = [Button(tr(t.title, self.lang), lambda t=t: self.pick_theme(t), icon=t.icon) for t in self.themes[:9]]
        self.numbered(buttons)
        self.set_buttons(buttons + [Button(self.t("experience.skip"), self.skip, icon="player-skip-forward", kind="nav")])

    def pick_theme(self, theme) -> None:
        self.theme = theme
        self.activities = []
        self.phase = "activities"
        self.build_activities()

    def build_activities(self) -> None:
        buttons = []
        for a in self.theme.activities[:9]:
            buttons.append(Button(tr(a.title, self.lang), lambda a=a: self.toggle(a), selected=a in self.activities, kind="toggle"))
        self.numbered(buttons)
        ok = Button(self.t("experience.next"), self.show_levels, icon="arrow-right", kind="nav-primary", enabled=bool(self.activities))
        self.set_buttons(buttons + [Button(self.t("nav.back"), self.show_themes, icon="arrow-back-up", kind="nav"), ok], self.focus)

    def toggle(self, activity) -> None:
        if activity in self.activities:
            self.activities.remove(activity)
        else:
            self.activities.append(activity)
        self.build_activities()

    def show_levels(self) -> None:
        self.phase = "levels"
        competence = self.services.referential.competence(self.step.competences[self.competence_index])
        buttons = [Button(tr(level.descriptor, self.lang), lambda n=level.number: self.place(n)) for level in competence.levels]
        self.set_buttons(self.numbered(buttons))

    def place(self, number: int) -> None:
        cid = self.step.competences[self.competence_index]
        descriptor = self.services.referential.competence(cid).level(number).descriptor
        why = declared_why(self.theme.title, [a.title for a in self.activities], descriptor)
        self.play.declare(self.play.active_player, cid, number, why,
                          f"{self.theme.id}:{','.join(a.id for a in self.activities)}")
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
        if self.phase == "theme":
            prompt = self.text(self.step.text) + "\n" + self.t("experience.pick_theme")
        elif self.phase == "activities":
            prompt = self.t("experience.pick_activities", theme=tr(self.theme.title, self.lang))
        else:
            competence = self.services.referential.competence(self.step.competences[self.competence_index])
            prompt = self.t("experience.pick_level", name=tr(competence.name, self.lang))
        size = "large" if ui.text_height(prompt, self.width - MARGIN * 4, "large") <= 2 * ui.fonts.line_height(ui.size("large")) else "body"
        y += ui.text_block(surface, prompt, pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 200), size) + GAP // 2
        choices = [b for b in self.buttons if b.kind in ("choice", "toggle")]
        if self.phase == "levels":
            self.layout_choices(choices, y)
        else:
            layout_grid(ui, choices, pygame.Rect(MARGIN, y, self.width - MARGIN * 2, self.height - y - 96))
        nav = [b for b in self.buttons if b.kind.startswith("nav")]
        self.nav_bar(nav)
        if self.phase == "activities" and not self.activities:
            hint = ui.fonts.render(self.t("experience.need_activity"), ui.size("small"), p.text)
            surface.blit(hint, (MARGIN, nav[0].rect.centery - hint.get_height() // 2))
        self.draw_buttons(surface)

    def auto_events(self, bot):
        if self.phase == "activities":
            ok = self.buttons[-1]
            if self.activities and (bot.strategy == "first" or len(self.activities) >= 2 or bot.pick(2)):
                return self.press(ok)
            rest = [b for b, a in zip(self.buttons, self.theme.activities) if a not in self.activities]
            return self.press(rest[bot.pick(len(rest))]) if rest else self.press(ok)
        return super().auto_events(bot)

