"""Pause menu, settings and the calm error screen."""
from __future__ import annotations

import pygame

from game.i18n.languages import LANGUAGES
from game.services.settings import VOLUME_STEPS
from game.ui.theme import GAP, MARGIN, TEXT_SCALES
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

    def settings_changed(self) -> None:
        focus = self.focus
        self.enter()  # the menu in the new language
        self.focus = focus

    def home(self) -> None:
        self.app.show("title")


    def draw(self, surface: pygame.Surface) -> None:
        draw_dialog_box(self, surface, self.t("pause.title"), "player-pause")


_SHADES: dict = {}


def _shade(size: tuple[int, int]) -> pygame.Surface:
    """The dimming over the screen below a dialog box, made once per screen size."""
    shade = _SHADES.get(size)
    if shade is None:
        shade = _SHADES[size] = pygame.Surface(size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
    return shade


def draw_dialog_box(scene: ButtonScene, surface: pygame.Surface, title: str, icon: str, text: str = "") -> None:
    """A modal box over the dimmed screen below: as narrow as its content allows, its buttons
    in one column, or two when one would not fit (large text, small screens); when even two do
    not fit, the last button (the way out) moves up beside the title."""
    ui, p = scene.ui, scene.ui.palette
    surface.blit(_shade(surface.get_size()), (0, 0))
    top, bottom = 24, scene.height - 24
    head = ui.fonts.line_height(ui.size("title")) + GAP + 24

    def rows_height(buttons, inner: int, cols: int) -> int:
        rows = [buttons[i:i + cols] for i in range(0, len(buttons), cols)]
        return sum(max(ui.button_height(b, inner) for b in row) + 12 for row in rows)

    def fits(width: int, cols: int, buttons, head: int) -> bool:
        text_h = ui.text_height(text, width - 80, "small") + 12 if text else 0
        inner = (width - 120 - 16 * (cols - 1)) // cols
        return top + head + text_h + rows_height(buttons, inner, cols) + 8 <= bottom

    wide = scene.width - MARGIN
    shapes = ((min(720, wide), 1), (wide, 1), (wide, 2))
    body, corner = scene.buttons, None
    width, cols = next(((w, c) for w, c in shapes if fits(w, c, body, head)), (None, 2))
    if width is None and len(body) > 1:
        body, corner = scene.buttons[:-1], scene.buttons[-1]
        one_line = ui.button_height(corner, wide)
        corner_head = 16 + max(ui.fonts.line_height(ui.size("title")), one_line) + GAP
        width, cols = next(((w, c) for w, c in shapes if fits(w, c, body, corner_head)), (wide, 2))
    width = width or wide
    box = pygame.Rect(scene.width // 2 - width // 2, top, width, bottom - top)
    pygame.draw.rect(surface, p.background, box, border_radius=20)
    pygame.draw.rect(surface, p.border, box, width=4, border_radius=20)
    if corner is not None:
        corner_w = next((w for w in range(120, box.width // 2, 10) if ui.button_height(corner, w) == one_line),
                        box.width // 2)
        corner.rect = pygame.Rect(box.right - 24 - corner_w, box.top + 16, corner_w, ui.button_height(corner, corner_w))
    if corner is None:
        y = ui.title(surface, title, icon, y=box.top + 24)
    else:   # the title on the left, the way out on the right
        px = ui.size("title")
        img = ui.fonts.render(title, px, p.text, True)
        surface.blit(ui.icons.get(icon, px, p.accent), (box.left + 40, box.top + 16 + (img.get_height() - px) // 2))
        surface.blit(img, (box.left + 40 + px + 12, box.top + 16))
        ui.spoken.append(title)
        y = max(box.top + 16 + img.get_height(), corner.rect.bottom) + GAP
    if text:
        inner = (box.width - 120 - 16 * (cols - 1)) // cols
        room = box.bottom - y - 20 - rows_height(body, inner, cols)
        lines = text.split("\n")
        while len(lines) > 1 and ui.text_height("\n".join(lines), box.width - 80, "small") > room:
            lines = lines[:-2] + ["…"]  # the first lines say the most; the rest is one key away (read aloud)
        y += ui.text_block(surface, "\n".join(lines), pygame.Rect(box.left + 40, y, box.width - 80, room), "small") + 12
    area = pygame.Rect(box.left + 60, y, box.width - 120, box.bottom - y - 20)
    if cols == 1:
        layout_column(ui, body, area, gap=12)
    else:
        inner = (area.width - 16) // 2
        for i in range(0, len(body), 2):
            row = body[i:i + 2]
            h = max(ui.button_height(b, inner) for b in row)
            for j, b in enumerate(row):
                b.rect = pygame.Rect(area.left + j * (inner + 16), y, inner, h)
            y += h + 12
    scene.draw_buttons(surface)


class SettingsScene(ButtonScene):
    """Language, text size, contrast, font, motion and read-aloud: applied at once, saved for
    next time (the player's own settings when one plays alone, else the defaults)."""

    name = "settings"
    modal = True

    def enter(self) -> None:
        self.back_action = self.app.back
        self.build()

    def build(self) -> None:
        s = self.services.settings
        on_off = lambda flag: self.t("settings.on") if flag else self.t("settings.off")  # noqa: E731
        speech = self.app.speech_available()
        reading = self.t("settings.read_aloud", value=on_off(s.read_aloud)) if speech else self.t("settings.no_voice")
        self.set_buttons(self.numbered([
            Button(self.t("settings.language", value=self.t(f"lang.{s.lang}")), self.next_lang, icon="language"),
            Button(self.t("settings.text_size", value=TEXT_SCALES.index(s.text_scale) + 1, total=len(TEXT_SCALES)), self.next_size, icon="text-size"),
            Button(self.t("settings.contrast", value=on_off(s.high_contrast)), lambda: self.toggle("high_contrast"), icon="contrast"),
            Button(self.t("settings.dyslexic", value=on_off(s.dyslexic_font)), lambda: self.toggle("dyslexic_font"), icon="typography"),
            Button(reading, lambda: self.toggle("read_aloud"), icon="volume", enabled=speech),
            Button(self.sound_label(), lambda: self.app.push("sound_settings"), icon="speakerphone"),
            Button(self.t("settings.done"), self.app.back, icon="check", kind="nav-primary"),
        ]), self.focus)

    def resume(self) -> None:
        super().resume()
        self.build()   # back from the sound box: its new values on the buttons

    def sound_label(self) -> str:
        return (self.t("settings.sound_group", value=self.sound_level()) if self.app.in_group()
                else self.t("settings.sound", value=self.sound_level()))

    def changed(self) -> None:
        self.app.save_settings()
        self.app.apply_settings()
        self.build()
        if self.services.settings.read_aloud:
            self.app.read_after_draw()  # say the new value (and the screen) in the new language
        else:
            self.app.stop_reading()

    def next_lang(self) -> None:
        s = self.services.settings
        s.lang = LANGUAGES[(LANGUAGES.index(s.lang) + 1) % len(LANGUAGES)]
        self.changed()

    def next_size(self) -> None:
        s = self.services.settings
        s.text_scale = TEXT_SCALES[(TEXT_SCALES.index(s.text_scale) + 1) % len(TEXT_SCALES)]
        self.changed()

    def volume_key(self) -> str:
        """A group session has its own volume (off until the counsellor turns it up)."""
        return "group_volume" if self.app.in_group() else "volume"

    def sound_level(self) -> str:
        level = getattr(self.services.settings, self.volume_key())
        return self.t("settings.sound_level", n=level, total=VOLUME_STEPS - 1) if level else self.t("settings.off")

    def next_volume(self) -> None:
        s, key = self.services.settings, self.volume_key()
        setattr(s, key, (getattr(s, key) + 1) % VOLUME_STEPS)
        self.changed()
        self.app.play_sound("choice")  # hear the new volume

    def toggle(self, name: str) -> None:
        setattr(self.services.settings, name, not getattr(self.services.settings, name))
        self.changed()


    def draw(self, surface: pygame.Surface) -> None:
        draw_dialog_box(self, surface, self.t("settings.title"), "settings")


class SoundSettingsScene(SettingsScene):
    """Volume, music and motion (the calm of the game), in a box of their own so that every setting stays
    on screen at the largest text."""

    name = "sound_settings"

    def build(self) -> None:
        s = self.services.settings
        on_off = lambda flag: self.t("settings.on") if flag else self.t("settings.off")  # noqa: E731
        self.set_buttons(self.numbered([
            Button(self.sound_label(), self.next_volume, icon="speakerphone"),
            Button(self.t("settings.music", value=on_off(s.music)), lambda: self.toggle("music"), icon="music"),
            Button(self.t("settings.motion", value=on_off(s.reduced_motion)), lambda: self.toggle("reduced_motion"), icon="walk"),
            Button(self.t("settings.done"), self.app.back, icon="check", kind="nav-primary"),
        ]), self.focus)

    def draw(self, surface: pygame.Surface) -> None:
        draw_dialog_box(self, surface, self.t("settings.sound_title"), "speakerphone")


class ErrorScene(ButtonScene):
    """Something unexpected happened: say so calmly; answers already given are saved."""

    name = "error"

    def enter(self) -> None:
        self.set_buttons([Button(self.t("error.home"), lambda: self.app.show("title"), icon="home", kind="nav-primary")])

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("error.title"), "mood-confused")
        if self.params.get("store_failed"):  # the last answer may not be saved: say so, never pretend
            text = self.t("error.not_saved", detail=self.params.get("detail", "")[:200])
        else:
            text = self.t("error.text", log=str(self.services.log_path))
        y += ui.text_block(surface, text, pygame.Rect(MARGIN * 3, y, self.width - MARGIN * 6, 320), "large")
        layout_column(ui, self.buttons, pygame.Rect(self.width // 2 - 250, y + 30, 500, 100))
        self.draw_buttons(surface)
