"""`diva autoplay`: play scenarios through the real scenes with synthetic input events,
under SDL's dummy drivers (no window). How tests and demos drive the whole game."""
from __future__ import annotations

import logging
import os
import random
import sys
import time
from pathlib import Path

log = logging.getLogger("diva")

NAMES = ("Élodie", "Noé", "Aïssata", "Lucas", "Mei", "Yanis", "Inès", "Mamadou", "Chloé", "Dragan", "Fatou", "Théo")
MAX_FRAMES_PER_SCREEN = 400
MAX_SECONDS_WAITING = 60     # a screen that waits (e.g. for the network) may take this long
STEP_SCENES = ("dialogue", "ordering", "identify", "experience", "budget", "debrief")


class Bot:
    """Decides like a player (or a counsellor with a group) would: the first choice, or a seeded random one."""

    pin = "2468"
    structure = "Mission Locale de Lyon"

    def __init__(self, strategy: str, seed: int, plan: list[str], name: str, players: int = 1, group_mode: str = "vote"):
        self.strategy = strategy
        self.seed = seed
        self.rng = random.Random(seed)
        self.plan = plan
        self.name = name
        self.players = players
        self.group_mode = group_mode
        self.started = False
        self.seen_dashboard = False
        self.finished = False
        self._voters: dict[str, random.Random] = {}
        self.exported = False
        self.seen_detail = False

    def pick(self, n: int) -> int:
        return 0 if self.strategy == "first" else self.rng.randrange(n)

    def next_name(self) -> str:
        return self.name

    def next_scenario(self, done: set[str]) -> str | None:
        return next((sid for sid in self.plan if sid not in done), None)

    def wants_badge(self, suggested: bool) -> bool:
        """The player's yes: 'first' asks for every badge, 'random' for some."""
        return True if self.strategy == "first" else self.rng.random() < (0.8 if suggested else 0.4)

    @property
    def endorser(self) -> tuple[str, str] | None:
        """Someone the player names to vouch for their badges."""
        if self.strategy == "random" and self.rng.random() < 0.3:
            return None
        return ("Mme Durand", "tutrice@example.org")

    def participant_name(self, index: int) -> str:
        return NAMES[index % len(NAMES)] + ("" if index < len(NAMES) else f" {index // len(NAMES) + 1}")

    def vote(self, player_id: str, options: int) -> int:
        """Each synthetic participant answers on their own (their own seeded choices)."""
        if self.strategy == "first":
            return 0
        rng = self._voters.setdefault(player_id, random.Random(f"{self.seed}/{player_id}"))
        return rng.randrange(options)


class AutoplayError(Exception):
    pass


def run_autoplay(args) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.ui.app import App, DEFAULT_WINDOW, open_game
    from game.store.sqlite import StoreError

    services = open_game("autoplay", args.data_dir, args.lang)
    if services is None:
        return 1
    ids = [s.id for s in services.library.scenarios]
    if args.scenario != "all" and args.scenario not in ids:
        print(f"autoplay: unknown scenario '{args.scenario}' (known: {', '.join(ids)})", file=sys.stderr)
        services.close()
        return 2
    plan = ids if args.scenario == "all" else [args.scenario]
    if args.issuer:
        from game.services.issuer_config import IssuerSettings

        override = IssuerSettings(url=args.issuer, secret=args.issuer_secret or "", structure_id="autoplay",
                                  structure_name="DIVA autoplay")
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
        app = App(services, args.window or DEFAULT_WINDOW)
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
    import pygame

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
        events = app.top.auto_events(bot)
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
