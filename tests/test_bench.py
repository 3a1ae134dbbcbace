"""`diva bench --json --quick`: one JSON object with every figure the issue asks for.
Only the shape is checked here, never a wall-clock limit (machines differ; the README has the table)."""
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCENES = ("title", "players", "name_entry", "consent", "hub", "dialogue", "ordering", "identify", "experience",
          "budget", "debrief", "skillmap", "competence", "export",
          "pin", "counsellor", "setup", "dashboard", "validate")
FIGURES = ("startup_s", "load_bundled_s", "load_500_s", "record_choice_p95_ms", "skillmap_10k_ms", "export_one_ms",
           "export_30_s", "peak_rss_mb", "idle_cpu_percent")


@pytest.fixture(scope="module")
def report():
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "main.py", "bench", "--json", "--quick"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, "bench --json prints one JSON object and nothing else"
    return json.loads(lines[0])


def test_every_figure_is_there_and_positive(report):
    for key in FIGURES:
        assert isinstance(report[key], (int, float)) and report[key] > 0, key


@pytest.mark.parametrize("frames", ["frames", "frames_1280x720"])
def test_every_scene_has_its_frame_time(report, frames):
    for scene in SCENES:
        figures = report[frames][scene]
        assert figures["p50_ms"] > 0 and figures["p95_ms"] >= figures["p50_ms"] and figures["max_ms"] >= figures["p95_ms"]


def test_each_target_is_stated_with_whether_it_is_met(report):
    targets = report["targets"]
    for key in ("frames", "startup_s", "load_500_s", "record_choice_p95_ms", "skillmap_10k_ms", "export_one_ms",
                "export_30_s", "peak_rss_mb", "idle_cpu_percent"):
        assert targets[key]["target"] > 0 and isinstance(targets[key]["met"], bool)


def test_text_report_names_the_figures():
    from benchmarks.bench import format_report

    frame = {"p50_ms": 1.0, "p95_ms": 2.0, "max_ms": 3.0, "n": 300}
    stat = {"p50": 1.0, "p95": 2.0, "max": 3.0, "n": 5}
    result = {"frames": {"title": frame}, "frames_1280x720": {"title": frame},
              "stats": {k: stat for k in ("startup_s", "load_bundled_s", "load_bundled_first_s", "load_500_s",
                                          "load_500_first_s", "record_choice_ms", "skillmap_10k_ms",
                                          "skillmap_10k_read_ms", "export_one_ms", "export_30_s")},
              "peak_rss_mb": 100.0, "idle_cpu_percent": 1.0, "startup_s": 1.0, "load_500_s": 1.0,
              "record_choice_p95_ms": 2.0, "skillmap_10k_ms": 1.0, "export_one_ms": 1.0, "export_30_s": 1.0}
    from benchmarks.bench import met

    result["targets"] = met(result)
    text = format_report(result)
    for words in ("title", "start-up", "500 scenarios", "record one choice", "skill map", "badge request",
                  "30-player", "peak memory", "CPU"):
        assert words in text
