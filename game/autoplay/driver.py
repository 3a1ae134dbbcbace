"""`diva autoplay`: play scenarios through the real scenes with synthetic input events,
under SDL's dummy drivers (no window). How tests and demos drive the whole game."""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import pygame

from game.autoplay.bot import NAMES, Bot
from game.autoplay.screens import events_for
from game.services.context import issuer_from_args
from game.store.sqlite import StoreError
from game.ui.app import DEFAULT_WINDOW, App, open_game
from scenes import scene_class

log = logging.getLogger("diva")

MAX_FRAMES_PER_SCREEN = 400
MAX_SECONDS_WAITING = 60     # a screen that waits (e.g. for the network) may take this long
STEP_SCENES = ("dialogue", "ordering", "identify", "experience", "budget", "debrief")


class AutoplayError(Exception):
    pass


def run_autoplay(args) -> int:
    services = open_game("autoplay", args.data_dir, args.lang, headless=True)
    if services is None:
        return 1
    ids = [s.id for s in services.library.scenarios]
    if args.scenario != "all" and args.scenario not in ids:
        print(f"autoplay: unknown scenario '{args.scenario}' (known: {', '.join(ids)})", file=sys.stderr)
        services.close()
        return 2
    plan = ids if args.scenario == "all" else [args.scenario]
    override = issuer_from_args(args, services.data_dir, "autoplay")
    if override:
        problem = override.problem()
        if problem:
            print(f"autoplay: --issuer: {problem}", file=sys.stderr)
            services.close()
            return 2
        services.issuer_override = override
    services.export_dir = Path(args.export) if args.export else None
    shots = Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    failures: list[BaseException] = []   # what the game's error screen was shown for
    try:
        app = App(services, args.window or DEFAULT_WINDOW, scenes=scene_class)
        show_error = app.fail
        app.fail = lambda exc: (failures.append(exc), show_error(exc))
        recorder = Recorder(shots)
        bot = Bot(args.strategy, args.seed, plan, NAMES[0], players=args.players, group_mode=args.group_mode)
        drive(app, bot, recorder)
        play = app.play or app.last_play
        for player in play.players:
            missing = [sid for sid in plan if sid not in services.store.completed_scenarios(player.id)]
            if missing:
                raise AutoplayError(f"{player.display_name} did not finish: {', '.join(missing)}")
            print(f"autoplay: {player.display_name} played {len(plan)} scenario(s), "
                  f"{len(services.store.evidence_for(player.id))} evidence recorded")
        if play.group and play.session.id not in {s.id for s in services.store.sessions_of(play.players[0].id) if s.ended_at}:
            raise AutoplayError("the group session was not ended")
    except AutoplayError as exc:
        # a store that cannot save (disk full, folder gone) says so itself, in one line
        saving = [f for f in failures if isinstance(f, StoreError)]
        print(f"autoplay: {saving[-1] if saving else exc}", file=sys.stderr)
        return 1
    finally:
        services.close()
        pygame.quit()
    if shots:
        print(f"autoplay: {recorder.count} screenshots in {shots}")
    return 0


class Recorder:
    """One PNG each time the screen shows a new step."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.count = 0
        self.last = None

    def capture(self, app) -> None:
        key = app.top.step_key()
        if self.folder and key != self.last:
            self.count += 1
            app.screenshot(self.folder / f"{self.count:03d}-{_safe(key)}.png")
        self.last = key


def drive(app, bot: Bot, recorder: Recorder) -> None:
    """Play from the title screen to the skill map with synthetic input."""
    app.show("title")
    same, last, waiting_since, shown = 0, None, None, None
    while not bot.finished:
        app.frame(pygame.event.get(), 1 / 60)
        if not app.running:
            raise AutoplayError("the game quit before the end")
        if app.top.name == "error":
            raise AutoplayError(f"an unexpected error was shown; see {app.services.log_path}")
        if app.top is not shown:
            shown = app.top
            log_step(app)
        recorder.capture(app)
        key = app.top.step_key()
        same = same + 1 if key == last else 0
        last = key
        events = events_for(app.top, bot)
        if events:
            waiting_since = None
            if same > MAX_FRAMES_PER_SCREEN:
                raise AutoplayError(f"stuck on screen '{key}'")
        else:  # the screen is busy (sending, loading): give it time, within a bound
            waiting_since = waiting_since or time.monotonic()
            if time.monotonic() - waiting_since > MAX_SECONDS_WAITING:
                raise AutoplayError(f"stuck on screen '{key}'")
            time.sleep(0.005)
        for event in events:
            pygame.event.post(event)


def log_step(app) -> None:
    """Write to diva.log the step a scenario screen now shows: every choice before it is
    committed by then (the crash tests compare this line with the store after a SIGKILL)."""
    play = app.play
    if app.top.name not in STEP_SCENES or play is None or play.scenario is None:
        return
    log.info("autoplay: on step %s/%s for %s", play.scenario.id, play.step_id, ",".join(p.id for p in play.players))


def _safe(key: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in key)[:80]
