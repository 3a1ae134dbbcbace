"""The one pygame loop and the scene stack.

Scenes never talk to each other: they ask the app to show another scene by name
(`app.show`, `app.push`, `app.back`) and share data through `app.services` and
`app.play` (the current session).
"""
from __future__ import annotations

import logging
import os
import sys
import traceback
import warnings
from pathlib import Path
from typing import Callable

import pygame

from game.services.context import open_services
from game.services.settings import GLOBAL, Settings
from game.store.sqlite import StoreError
from game.ui.fonts import Fonts
from game.ui.icons import Icons
from game.ui.sound import VOLUMES, Sound
from game.ui.theme import PALETTES
from game.ui.widgets import Ui
from referential.yamlfile import DataFileError
from game.ui import speech
from game.ui.speech import Speaker

log = logging.getLogger("diva")

LOGICAL_HEIGHT = 720
DEFAULT_WINDOW = (1280, 720)
FPS = 60
SLIDE_SECONDS = 0.22   # a new step slides in gently (off with reduced motion); input is never held
SLIDE_PIXELS = 28

# Keys of a presenter's clicker and a keyboard, mapped to the game's actions.
NEXT_KEYS = (pygame.K_PAGEDOWN, pygame.K_RIGHT, pygame.K_SPACE)
BACK_KEYS = (pygame.K_PAGEUP, pygame.K_BACKSPACE)
READ_KEY = pygame.K_r   # read the screen aloud (not on screens where one types)


def logical_size(window: tuple[int, int]) -> tuple[int, int]:
    """720 px high, as wide as the window's shape (16:9 -> 1280, 4:3 -> 960)."""
    w, h = window
    return (max(900, min(1400, round(LOGICAL_HEIGHT * w / h))), LOGICAL_HEIGHT)


class Scene:
    """One screen. The app calls enter/exit, handle_event, update(dt) and draw."""

    name = "scene"
    modal = False          # Esc closes it instead of opening the pause menu
    takes_text = False     # typing goes to the scene (number keys are letters then)

    def __init__(self, app: "App", **params):
        self.app = app
        self.params = params
        self.dirty = True

    @property
    def services(self):
        return self.app.services

    def t(self, key: str, **kw) -> str:
        return self.app.services.i18n.t(key, **kw)

    @property
    def lang(self) -> str:
        return self.app.services.i18n.lang

    def enter(self) -> None: ...
    def exit(self) -> None: ...
    def pause(self) -> None: ...

    def resume(self) -> None:
        self.dirty = True

    def handle_event(self, event: pygame.event.Event) -> None: ...
    def update(self, dt: float) -> None: ...
    def draw(self, surface: pygame.Surface) -> None: ...

    def step_key(self) -> str:
        """Changes whenever the screen shows a new step (one screenshot per key)."""
        return self.name

    def tools(self) -> list:
        """Buttons the app handles on every frame of this scene (read aloud, menu); none by default."""
        return []

    def draw_tools(self, surface: pygame.Surface) -> None: ...

    def settings_changed(self) -> None:
        """The language or the text size changed: remake what was made with the old ones."""
        self.dirty = True

    def speech_text(self) -> str:
        """What read-aloud says for this screen; empty: the text the screen drew, in order."""
        return ""


class App:
    def __init__(self, services, window: tuple[int, int] = DEFAULT_WINDOW, fullscreen: bool = False, *, scenes: Callable[[str], type]):
        """`scenes`: the scene class of a name (scenes.scene_class; the UI layer does not import scenes)."""
        self.services = services
        self.scene_class = scenes
        self.size = logical_size(window)
        flags = pygame.SCALED | (pygame.FULLSCREEN if fullscreen else 0)
        with warnings.catch_warnings():  # "no fast renderer" under the dummy driver is expected
            warnings.simplefilter("ignore")
            self.screen = pygame.display.set_mode(self.size, flags)
        pygame.display.set_caption("DIVA")
        pygame.key.set_repeat(400, 60)
        self.fonts = Fonts()
        self.icons = Icons()
        self.ui = Ui(self.fonts, self.icons, PALETTES["standard"])
        self.sound = Sound()
        self.stack: list[Scene] = []
        self.default_settings = services.settings   # title screen and group sessions
        self.settings_scope = GLOBAL                  # or the id of the player playing alone
        self._speaker = None
        self._speech_possible: bool | None = None
        self.screen_text = ""                         # what the last drawn screen said, for read-aloud
        self._shown = None                            # the screen last shown (scene, step) for motion and reading
        self._read_pending = False
        self._slide = 0.0
        self._keys_down: set[int] = set()             # keys pressed and not yet released
        self._stale_keys: set[int] = set()            # keys held while the screen changed: not for the new one
        self.apply_settings()
        self.clock = pygame.time.Clock()
        self.running = True
        self.exit_code = 0
        self.play = None                # the current session (game.services.play.PlaySession)
        self.counsellor_unlocked = False  # the PIN was given in this sitting
        self.last_play = None             # the session that just ended (group sessions)
        self.frame_hooks: list[Callable[["App"], None]] = []
        self._gui = None
        self._needs_draw = True
        self._below, self._below_key, self._below_overflowed = None, None, False  # the screen under a modal box

    # ------------------------------------------------------------ settings

    def apply_settings(self) -> None:
        s = self.services.settings
        self.ui.palette = PALETTES["contrast" if s.high_contrast else "standard"]
        self.ui.scale = s.text_scale
        self.fonts.set_family("dyslexic" if s.dyslexic_font else "atkinson")
        self.services.i18n.set_lang(s.lang)
        self._gui = None
        for scene in self.stack:
            scene.settings_changed()
        self.redraw()
        self.tune_sound()

    # ------------------------------------------------------------ sound

    def in_group(self) -> bool:
        play = getattr(self, "play", None)  # (apply_settings runs once before the app has a session)
        return bool(play is not None and play.group)

    def tune_sound(self) -> None:
        """The volume of this sitting: the player's own alone, the group setting in a group session."""
        s = self.services.settings
        level = s.group_volume if self.in_group() else s.volume
        self.sound.configure(VOLUMES[level], s.music)

    def play_sound(self, name: str) -> None:
        """A feedback sound (choice, reveal, collect, celebrate); nothing when muted or without audio."""
        self.tune_sound()
        self.sound.play(name)

    def use_settings(self, scope: str) -> None:
        """Switch to the settings of a player (their saved ones, else the defaults) or back to the defaults."""
        if scope == GLOBAL:
            settings = self.default_settings
        else:
            settings = Settings.load(self.services.store, scope, fallback=self.default_settings)
        self.settings_scope = scope
        changed = settings != self.services.settings
        self.services.settings = settings
        if changed:
            self.apply_settings()

    def save_settings(self) -> None:
        """Keep the current settings for next time: the player's own, or the defaults."""
        self.services.settings.save(self.services.store, self.settings_scope)
        if self.settings_scope == GLOBAL:
            self.default_settings = self.services.settings

    # ------------------------------------------------------------ read-aloud

    @property
    def speaker(self):
        """The text-to-speech worker, started on first use (no thread when reading is never used)."""
        if self._speaker is None:
            self._speaker = Speaker()
        return self._speaker

    @speaker.setter
    def speaker(self, value) -> None:
        self._speaker = value

    def speech_available(self) -> bool:
        """Whether this machine can read aloud (known without starting the engine)."""
        if self._speaker is not None and self._speaker.ready:
            return self._speaker.available
        if self._speech_possible is None:
            self._speech_possible = speech.possible()
        return self._speech_possible

    def read_aloud(self) -> None:
        """Say the screen's text now (the R key, the speaker button); never waits for the engine."""
        text = self.top.speech_text() if self.stack else ""
        self.speaker.say(text or self.screen_text, self.services.i18n.lang)

    def read_after_draw(self) -> None:
        """Read the screen once it is drawn again (after a setting changed what it says)."""
        self._read_pending = True
        self.redraw()

    def stop_reading(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()

    def gui(self):
        """The window's one pygame_gui manager, themed like the game (rebuilt when settings change)."""
        if self._gui is None:
            from game.ui.textentry import make_manager  # start-up: pygame_gui takes 0.09 s to import, only screens where one types need it

            self._gui = make_manager(self.size, self.ui)
        return self._gui

    def redraw(self) -> None:
        self._needs_draw = True
        for scene in self.stack:
            scene.dirty = True

    # ------------------------------------------------------------ scene stack

    def make(self, scene_name: str, **params) -> Scene:
        return self.scene_class(scene_name)(self, **params)

    def push(self, scene_name: str, **params) -> Scene:
        if self.stack:
            self.stack[-1].pause()
        scene = self.make(scene_name, **params)
        self.stack.append(scene)
        scene.enter()
        self._needs_draw = True
        return scene

    def back(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop().exit()
            self.stack[-1].resume()
            self._needs_draw = True

    def show(self, scene_name: str, **params) -> Scene:
        """Replace the whole stack with one scene (moving on in the game)."""
        while self.stack:
            self.stack.pop().exit()
        return self.push(scene_name, **params)

    @property
    def top(self) -> Scene:
        return self.stack[-1]

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False
        if self._speaker is not None:
            self._speaker.close()
            self._speaker = None

    # ------------------------------------------------------------ loop

    def run(self) -> int:
        while self.running:
            dt = self.clock.tick(FPS) / 1000
            if not self._needs_draw and not self.top.dirty and not pygame.event.peek():
                # nothing to show: wait for input instead of spinning (saves the battery)
                event = pygame.event.wait(250)
                if event.type != pygame.NOEVENT:
                    pygame.event.post(event)
            self.frame(pygame.event.get(), dt)
        return self.exit_code

    def frame(self, events: list[pygame.event.Event], dt: float) -> None:
        """One turn of the loop: events, update, and a draw only if something changed."""
        try:
            for event in events:
                self.dispatch(event)
                if not self.running:
                    return
            self.top.update(dt)
            self.notice_new_screen(dt)
            if self._needs_draw or self.top.dirty:
                self.draw()
                if self._read_pending:
                    self._read_pending = False
                    self.read_aloud()
            for hook in self.frame_hooks:
                hook(self)
        except Exception as exc:  # an unexpected error: log it, show a calm message
            self.fail(exc)

    def notice_new_screen(self, dt: float) -> None:
        """A new screen or step: slide it in (unless reduced motion) and read it (if read-aloud is on)."""
        top = self.top
        shown = (id(top), top.step_key())
        if shown != self._shown:
            below = self._shown
            self._shown = shown
            if self.services.settings.read_aloud:
                self._read_pending = True
                self._needs_draw = True
            # no motion for a menu opening over the screen, or for coming back to the screen under it
            returning = below is not None and below[0] == id(top) and below[1] == shown[1]
            if not top.modal and not returning and below is not None and not self.services.settings.reduced_motion:
                self._slide = SLIDE_SECONDS
                self._needs_draw = True
            return
        if self._slide > 0:
            self._slide = max(0.0, self._slide - dt)
            self._needs_draw = True

    def draw(self) -> None:
        self.ui.overflowed = False
        self.screen.fill(self.ui.palette.background)
        # a modal scene is drawn over the scene below it
        start = len(self.stack) - 1
        while start > 0 and self.stack[start].modal:
            start -= 1
        below = self.stack[start:-1]
        key = [id(scene) for scene in below]
        if below and self._below_key == key and not any(scene.dirty for scene in below):
            self.screen.blit(self._below, (0, 0))  # the screen under a modal box does not change
            self.ui.overflowed = self._below_overflowed
            drawn = self.stack[-1:]
        else:
            drawn = self.stack[start:]
            self._below_key = None
        for scene in drawn:
            if below and scene is self.stack[-1] and self._below_key is None:
                self._below = self.screen.copy()
                self._below_key, self._below_overflowed = key, self.ui.overflowed
            self.ui.spoken = []
            scene.draw(self.screen)
            scene.draw_tools(self.screen)
            scene.dirty = False
        self.screen_text = "\n".join(self.ui.spoken)
        if self._slide > 0 and not self.services.settings.reduced_motion:
            # ease out: the screen comes up from a little below and settles; it can be used at once
            offset = round(SLIDE_PIXELS * (self._slide / SLIDE_SECONDS) ** 2)
            if offset:
                self.screen.scroll(0, offset)
                self.screen.fill(self.ui.palette.background, pygame.Rect(0, 0, self.size[0], offset))
        pygame.display.flip()
        self._needs_draw = False

    def dispatch(self, event: pygame.event.Event) -> None:
        """One event to the app, then the top scene. A key held down while it changes the screen (or
        the step) does nothing more on the new one until released: its repeats never answer there."""
        if event.type == pygame.KEYUP:
            self._keys_down.discard(event.key)
            self._stale_keys.discard(event.key)
        elif event.type == pygame.KEYDOWN:
            if event.key in self._stale_keys:
                return
            self._keys_down.add(event.key)
            before = (id(self.top), self.top.step_key()) if self.stack else None
            self._dispatch(event)
            if self.stack and self.running and (id(self.top), self.top.step_key()) != before:
                self._stale_keys = set(self._keys_down)
            return
        self._dispatch(event)

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F11:
                pygame.display.toggle_fullscreen()
                self.redraw()
                return
            if event.key == pygame.K_ESCAPE and not self.top.modal and not self.top.takes_text:
                self.push("pause")
                return
            if event.key == READ_KEY and not self.top.takes_text:
                self.read_aloud()
                return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for tool in self.top.tools():
                if tool.enabled and tool.rect.collidepoint(event.pos):
                    tool.action()
                    self.redraw()
                    return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED, pygame.VIDEOEXPOSE):
            self.redraw()
        self.top.handle_event(event)

    def fail(self, exc: BaseException) -> None:
        log.error("unexpected error in %s:\n%s", self.top.name if self.stack else "start", traceback.format_exc())
        if self.stack and self.top.name == "error":
            self.quit(1)  # the error screen itself failed: stop rather than loop
            return
        self.show("error", detail=str(exc) if isinstance(exc, StoreError) else "", store_failed=isinstance(exc, StoreError))

    def screenshot(self, path: Path) -> None:
        """The screen as it settles (a step sliding in is pictured in its place)."""
        if self._slide > 0:
            self._slide = 0.0
            self.draw()
        pygame.image.save(self.screen, str(path))


HIDDEN_DRIVERS = ("dummy", "offscreen")   # SDL video drivers that draw where nobody sees


def init_pygame() -> str | None:
    """Start pygame's display; return a one-line reason (French, then English) when there is no
    screen to show a window on. Without a screen SDL falls back to drawing off-screen: a window
    nobody sees counts as none, unless the environment asked for it (SDL_VIDEODRIVER, autoplay)."""
    try:
        pygame.display.init()
        pygame.font.init()
        driver = pygame.display.get_driver()
        if driver in HIDDEN_DRIVERS and os.environ.get("SDL_VIDEODRIVER") != driver:
            raise pygame.error(f"no screen: SDL video driver '{driver}'")
        pygame.display.set_mode((1, 1), pygame.HIDDEN)
    except pygame.error as exc:
        pygame.quit()
        return (f"pas d'écran pour ouvrir une fenêtre ; sans écran, utilisez 'autoplay' / "
                f"cannot open a window ({exc}); on a machine without a screen, use 'autoplay'")
    return None


def open_game(command: str, data_dir, lang, headless: bool = False):
    """Start pygame and open the services, or say in one line why not (then None).
    `headless`: no window unless the environment asks for one (autoplay, portfolio)."""
    if headless:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    reason = init_pygame()
    if reason:
        print(f"{command}: {reason}", file=sys.stderr)
        return None
    try:
        return open_services(data_dir, lang)
    except (StoreError, DataFileError) as exc:
        print(f"{command}: {exc}", file=sys.stderr)
        pygame.quit()
        return None


def run_game(args, scenes: Callable[[str], type]) -> int:
    """`diva play`: open the window and play."""
    services = open_game("diva", args.data_dir, args.lang)
    if services is None:
        return 1
    try:
        app = App(services, args.window or DEFAULT_WINDOW, fullscreen=args.fullscreen, scenes=scenes)
        app.show("title")
        return app.run()
    finally:
        services.close()
        pygame.quit()
