"""Tests never open a window: SDL dummy drivers for every test."""
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# scenario files found valid are remembered between loads: in the tests, in a folder of their own
os.environ.setdefault("DIVA_CACHE_DIR", __import__("tempfile").mkdtemp(prefix="diva-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
