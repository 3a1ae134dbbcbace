"""Pause menu, settings and the calm error screen."""
from __future__ import annotations

import pygame

from game.model import LANGS
from game.ui.theme import MARGIN, TEXT_SCALES
from game.ui.widgets import Button, layout_column
from scenes.base import ButtonScene


class PauseScene(ButtonScene):
    name = "pause"
    modal = True

    def enter(self) -> None:
        self.back_action = self.app.back
        buttons = [
            Button(self.t("pause.resume"), self.app.back, icon="player-play"),
            Button(self.t("pause.settings"), lambda: self.app.push("settings"), icon="settings"),
        ]
        if self.app.play and self.app.play.group and self.app.counsellor_unlocked:
            buttons.append(Button(self.t("dashboard.open"), lambda: self.app.show("dashboard"), icon="dashboard"))
        buttons += [Button(self.t("pause.home"), self.home, icon="home"),
                    Button(self.t("pause.quit"), lambda: self.app.quit(0), icon="door-exit")]
        self.set_buttons(self.numbered(buttons))

    def home(self) -> None:
        self.app.show("title")

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.back()
            return
        super().handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        draw_dialog_box(self, surface, self.t("pause.title"), "player-pause")


def draw_dialog_box(scene: ButtonScene, surface: pygame.Surface, title: str, icon: str, text: str = "") -> None:
    """A modal box over the dimmed screen below."""
    ui, p = scene.ui, scene.ui.palette
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 170))
    surface.blit(shade, (0, 0))
    width = min(720, scene.width - MARGIN * 2)
    box = pygame.Rect(scene.width // 2 - width // 2, 40, width, scene.height - 80)
    pygame.draw.rect(surface, p.background, box, border_radius=20)
    pygame.draw.rect(surface, p.border, box, width=4, border_radius=20)
    clip = surface.get_clip()
    y = ui.title(surface, title, icon, y=box.top + 24)
    if text:
        buttons_h = sum(ui.button_height(b, box.width - 120) + 12 for b in scene.buttons)
        y += ui.text_block(surface, text, pygame.Rect(box.left + 40, y, box.width - 80, box.bottom - y - buttons_h - 20), "small") + 12
    layout_column(ui, scene.buttons, pygame.Rect(box.left + 60, y, box.width - 120, box.bottom - y - 20), gap=12)
    surface.set_clip(clip)
    scene.draw_buttons(surface)


class SettingsScene(ButtonScene):
    """Language, text size, contrast and font: applied at once, saved for next time."""

    name = "settings"
    modal = True

    def enter(self) -> None:
        self.back_action = self.app.back
        self.build()

    def build(self) -> None:
        s = self.services.settings
        on_off = lambda flag: self.t("settings.on") if flag else self.t("settings.off")  # noqa: E731
        self.set_buttons(self.numbered([
            Button(self.t("settings.language", value=self.t(f"lang.{s.lang}")), self.next_lang, icon="language"),
            Button(self.t("settings.text_size", value=TEXT_SCALES.index(s.text_scale) + 1, total=len(TEXT_SCALES)), self.next_size, icon="text-size"),
            Button(self.t("settings.contrast", value=on_off(s.high_contrast)), lambda: self.toggle("high_contrast"), icon="contrast"),
            Button(self.t("settings.dyslexic", value=on_off(s.dyslexic_font)), lambda: self.toggle("dyslexic_font"), icon="typography"),
            Button(self.t("settings.done"), self.app.back, icon="check"),
        ]), self.focus)

    def changed(self) -> None:
        self.services.settings.save(self.services.store)
        self.app.apply_settings()
        self.build()

    def next_lang(self) -> None:
        s = self.services.settings
        s.lang = LANGS[(LANGS.index(s.lang) + 1) % len(LANGS)]
        self.changed()

    def next_size(self) -> None:
        s = self.services.settings
        s.text_scale = TEXT_SCALES[(TEXT_SCALES.index(s.text_scale) + 1) % len(TEXT_SCALES)]
        self.changed()

    def toggle(self, name: str) -> None:
        setattr(self.services.settings, name, not getattr(self.services.settings, name))
        self.changed()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.back()
            return
        super().handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        draw_dialog_box(self, surface, self.t("settings.title"), "settings")


class ErrorScene(ButtonScene):
    """Something unexpected happened: say so calmly; answers already given are saved."""

    name = "error"

    def enter(self) -> None:
        self.set_buttons([Button(self.t("error.home"), lambda: self.app.show("title"), icon="home", kind="nav-primary")])

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("error.title"), "mood-confused")
        text = self.t("error.text", log=str(self.services.log_path))
        y += ui.text_block(surface, text, pygame.Rect(MARGIN * 3, y, self.width - MARGIN * 6, 320), "large")
        layout_column(ui, self.buttons, pygame.Rect(self.width // 2 - 250, y + 30, 500, 100))
        self.draw_buttons(surface)
