"""Open a file in the system's viewer, where the player prints it (their map as a PDF): xdg-open on
Linux, open on macOS, the file's associated program on Windows. Never waits for the viewer."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("diva")


def viewer_command(path: Path) -> list[str] | None:
    """The command that opens `path` in this system's viewer; None when there is none (or Windows)."""
    name = "open" if sys.platform == "darwin" else "xdg-open"
    found = shutil.which(name)
    return [found, str(path)] if found else None


def launch(argv: list[str]) -> None:
    subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


def open_in_viewer(path: Path) -> bool:
    """Show the file in the system's viewer (its print button is there); False when this machine has none."""
    try:
        if sys.platform == "win32":
            os.startfile(str(path))  # noqa: S606 -- the file's own program, as a double click would
            return True
        argv = viewer_command(path)
        if argv is None:
            return False
        launch(argv)
        return True
    except OSError as exc:
        log.warning("cannot open %s in a viewer: %s", path, exc)
        return False
