"""`diva bench`: performance figures, measured headless (SDL dummy drivers).

Frame time is measured on the real scenes reached by an autoplay run: on each new
screen, the scene's update + draw is repeated and timed. Other figures time the pure
parts (start-up, content load, store write, skill map)."""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def summary(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50_ms": round(statistics.median(ordered), 3), "p95_ms": round(p95, 3), "max_ms": round(ordered[-1], 3), "n": len(ordered)}


def bench_frames(data_dir: Path, window: tuple[int, int], repeats: int) -> dict:
    import pygame

    from game.app import App
    from game.autoplay import Bot, Recorder, drive
    from game.services import open_services

    services = open_services(data_dir / f"frames-{window[0]}")
    app = App(services, window)
    frames: dict[str, list[float]] = {}

    def measure(app_) -> None:
        key = app_.top.step_key()
        if key == getattr(measure, "last", None):
            return
        measure.last = key
        scene = app_.top
        samples = frames.setdefault(scene.name, [])
        for _ in range(repeats):
            start = time.perf_counter()
            scene.dirty = True
            scene.update(1 / 60)
            app_.draw()
            samples.append((time.perf_counter() - start) * 1000)

    app.frame_hooks.append(measure)
    plan = [s.id for s in services.library.scenarios]
    drive(app, Bot("first", 0, plan, "Bench"), Recorder(None))
    services.close()
    pygame.display.quit()
    return {name: summary(s) for name, s in sorted(frames.items())}


def bench_startup(runs: int) -> float:
    """Cold start to the first drawn frame, in a fresh interpreter each time (median, s)."""
    code = ("import time; t=time.perf_counter(); import sys; sys.argv=['diva'];"
            "from game.app import App, init_pygame; from game.services import open_services; import tempfile;"
            "init_pygame(); s=open_services(__import__('pathlib').Path(tempfile.mkdtemp()));"
            "a=App(s); a.show('title'); a.frame([], 0); print(time.perf_counter()-t)")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def bench_load(runs: int) -> float:
    from game.content import check_library
    from referential import load_referential

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        check_library(None, load_referential())
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 4)


def bench_store(data_dir: Path, choices: int) -> tuple[float, float]:
    """p95 of one recorded choice (committed), and a skill map from 10 000 evidence rows."""
    import random

    from game.model import Evidence
    from game.skills import compute_skill_map
    from game.store import Store
    from referential import load_referential

    ids = load_referential().ids()
    store = Store.open(data_dir / "store")
    player = store.create_player("Bench")
    session = store.start_session("solo", [player.id])
    rng = random.Random(1)

    def evidence(i: int) -> Evidence:
        return Evidence(player.id, session.id, rng.choice(ids), rng.randint(1, 4), "played", "bench", f"s{i}", "c", {"fr": "x", "en": "x"})

    samples = []
    for i in range(choices):
        start = time.perf_counter()
        store.record_evidence([evidence(i)], (player.id, "bench", session.id, f"s{i + 1}"))
        samples.append((time.perf_counter() - start) * 1000)
    rows = [evidence(i) for i in range(10_000)]
    start = time.perf_counter()
    compute_skill_map(ids, rows)
    skillmap_ms = (time.perf_counter() - start) * 1000
    store.close()
    return summary(samples)["p95_ms"], round(skillmap_ms, 3)


def run_bench(args) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.app import init_pygame

    quick = getattr(args, "quick", False)
    reason = init_pygame()
    if reason:
        print(f"bench: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        result = {
            "frames": bench_frames(tmp_path, (1280, 720), 3 if quick else 20),
            "frames_1920x1080": bench_frames(tmp_path, (1920, 1080), 3 if quick else 20),
            "startup_s": bench_startup(1 if quick else 5),
            "load_bundled_s": bench_load(1 if quick else 5),
        }
        result["record_choice_p95_ms"], result["skillmap_10k_ms"] = bench_store(tmp_path, 30 if quick else 300)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if args.json:
        print(json.dumps(result))
    else:
        print(format_report(result))
    return 0


def format_report(result: dict) -> str:
    lines = ["frame time (update + draw), ms        p50     p95     max"]
    for window in ("frames", "frames_1920x1080"):
        lines.append(f"  window {'1280x720' if window == 'frames' else '1920x1080'}")
        for name, s in result[window].items():
            lines.append(f"    {name:<30} {s['p50_ms']:>7.2f} {s['p95_ms']:>7.2f} {s['max_ms']:>7.2f}")
    lines += [
        f"start-up to first frame         {result['startup_s']:.3f} s",
        f"load + validate bundled library {result['load_bundled_s']:.3f} s",
        f"record one choice, p95          {result['record_choice_p95_ms']:.2f} ms",
        f"skill map from 10 000 rows      {result['skillmap_10k_ms']:.2f} ms",
        f"peak memory (RSS)               {result['peak_rss_mb']:.1f} MB",
    ]
    return "\n".join(lines)
