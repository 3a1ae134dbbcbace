"""The rules of the house (../shared/DESIGN.md) that a machine can check."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PRODUCT = ("game", "scenes", "export", "referential", "benchmarks")


def sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_import_contracts_hold():
    """Layers, no pygame below the UI, a store and an export that stand alone (pyproject.toml, import-linter)."""
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "BROKEN" not in out.stdout and out.stdout.count("KEPT") >= 6


def test_imports_sit_at_the_top_but_for_a_commented_start_up_reason():
    late = []
    for path in sources(*PRODUCT):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(node):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        commented = "#" in lines[sub.lineno - 1] or path == ROOT / "game" / "cli.py"  # cli: one note for all
                        if not commented:
                            late.append(f"{path.relative_to(ROOT)}:{sub.lineno}: {lines[sub.lineno - 1].strip()}")
    assert late == []


def test_no_scene_holds_bot_input():
    """Synthetic players live in game.autoplay; a scene never takes a bot nor makes events for one."""
    found = []
    for path in sources("scenes"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and ("auto" in node.name or any(a.arg == "bot" for a in node.args.args)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}")
            if isinstance(node, ast.Attribute) and node.attr in ("TEXTINPUT", "MOUSEMOTION") and "autoplay" in str(path):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_one_french_typesetting_function():
    """game.i18n.typeset is the only place that knows French spacing (screen, PNG and PDF alike)."""
    owners = []
    for path in sources(*PRODUCT):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and "typeset" in node.name:
                owners.append(f"{path.relative_to(ROOT).as_posix()}:{node.name}")
            if isinstance(node, ast.Name) and node.id in ("_FR_BEFORE", "_FR_AFTER", "_FR_UNIT") and isinstance(node.ctx, ast.Store):
                owners.append(f"{path.relative_to(ROOT).as_posix()}:{node.id}")
    assert sorted(owners) == ["game/i18n/typeset.py:_FR_AFTER", "game/i18n/typeset.py:_FR_BEFORE",
                              "game/i18n/typeset.py:_FR_UNIT", "game/i18n/typeset.py:typeset"]


def test_scenes_call_services_never_the_raw_store():
    """Scenes draw and react; what they read and write goes through game.services (Services, PlaySession)."""
    found = []
    for path in sources("scenes"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "store":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game.store"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: imports {node.module}")
    assert found == []
