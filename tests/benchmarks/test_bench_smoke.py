"""`diva bench`: a fast smoke test in the default run; the whole `bench --json --quick` (about a
minute and a half) only with `pytest -m bench` (`make test-bench`). Only the shape is checked,
never a wall-clock limit (machines differ; the README has the table)."""
import json
import subprocess
import sys

import pytest

from benchmarks.bench import bench_record_choice, bench_skillmap, format_report, met
from game.content.scenarios import check_library
from referential import load_referential
from tests.conftest import ROOT

SCENES = ("title", "players", "name_entry", "consent", "hub", "dialogue", "ordering", "identify", "experience",
          "budget", "debrief", "skillmap", "competence", "export",
          "pin", "counsellor", "setup", "dashboard", "validate")
FIGURES = ("startup_s", "load_bundled_s", "load_500_s", "record_choice_p95_ms", "skillmap_10k_ms", "export_one_ms",
           "export_30_s", "peak_rss_mb", "idle_cpu_percent")


@pytest.fixture(scope="module")
def library():
    return check_library(None, load_referential())[0]


def test_smoke_record_choice_and_skill_map_figures(tmp_path, library):
    """The plain-Python measures run in-process on small inputs and give positive figures."""
    figures = bench_record_choice(tmp_path, library, 12)
    assert figures["n"] == 12 and 0 < figures["p50"] <= figures["p95"] <= figures["max"]
    timed, read = bench_skillmap(tmp_path, library, load_referential(), 2)
    assert timed["n"] == 2 and timed["p50"] > 0 and read["p50"] > 0


def run_main(*args):
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def report():
    out = run_main("bench", "--json", "--quick")
    assert out.returncode == 0, out.stderr[-2000:]
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, "bench --json prints one JSON object and nothing else"
    return json.loads(lines[0])


@pytest.mark.bench
def test_every_figure_is_there_and_positive(report):
    for key in FIGURES:
        assert isinstance(report[key], (int, float)) and report[key] > 0, key


@pytest.mark.bench
@pytest.mark.parametrize("frames", ["frames", "frames_1280x720"])
def test_every_scene_has_its_frame_time(report, frames):
    for scene in SCENES:
        figures = report[frames][scene]
        assert figures["p50_ms"] > 0 and figures["p95_ms"] >= figures["p50_ms"] and figures["max_ms"] >= figures["p95_ms"]


@pytest.mark.bench
def test_each_target_is_stated_with_whether_it_is_met(report):
    targets = report["targets"]
    for key in ("frames", "startup_s", "load_500_s", "record_choice_p95_ms", "skillmap_10k_ms", "export_one_ms",
                "export_30_s", "peak_rss_mb", "idle_cpu_percent"):
        assert targets[key]["target"] > 0 and isinstance(targets[key]["met"], bool)


def test_text_report_names_the_figures():
    frame = {"p50_ms": 1.0, "p95_ms": 2.0, "max_ms": 3.0, "n": 300}
    stat = {"p50": 1.0, "p95": 2.0, "max": 3.0, "n": 5}
    result = {"frames": {"title": frame}, "frames_1280x720": {"title": frame},
              "stats": {k: stat for k in ("startup_s", "load_bundled_s", "load_bundled_first_s", "load_500_s",
                                          "load_500_first_s", "record_choice_ms", "skillmap_10k_ms",
                                          "skillmap_10k_read_ms", "export_one_ms", "export_30_s")},
              "peak_rss_mb": 100.0, "idle_cpu_percent": 1.0, "startup_s": 1.0, "load_500_s": 1.0,
              "record_choice_p95_ms": 2.0, "skillmap_10k_ms": 1.0, "export_one_ms": 1.0, "export_30_s": 1.0}
    result["targets"] = met(result)
    text = format_report(result)
    for words in ("title", "start-up", "500 scenarios", "record one choice", "skill map", "badge request",
                  "30-player", "peak memory", "CPU"):
        assert words in text


@pytest.mark.bench
def test_bench_json_has_the_figures(report):
    for key in ("frames", "startup_s", "load_bundled_s", "record_choice_p95_ms", "skillmap_10k_ms", "peak_rss_mb"):
        assert key in report
    for scene in ("title", "dialogue", "ordering", "identify", "experience", "budget", "debrief", "skillmap"):
        assert report["frames"][scene]["p95_ms"] > 0
