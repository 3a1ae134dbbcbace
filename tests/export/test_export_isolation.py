"""export/ stands alone: no pygame, no game store or referential, no imaging library at run time."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
sys.modules["PIL"] = None  # as on a machine without an imaging library
import export
from export.qr import claim_qr_png, offline_claim_url
from export_samples import request_input
from export.request import build_badge_request, validate_request
request = build_badge_request(request_input())
assert validate_request(request) == []
claim_qr_png(offline_claim_url("https://badges.example.org/c", request))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pygame", "pygame_gui", "game", "referential",
                                                               "scenes", "yaml"))
print(",".join(loaded))
"""


def test_export_imports_nothing_from_the_game_or_pygame():
    env_path = f"{ROOT}{':' + str(Path(__file__).parent)}"
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
