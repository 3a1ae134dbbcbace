"""The house rules for the platform: issuer uses export (and may use referential), never game or scenes;
nothing in the game imports issuer."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_issuer_never_imports_the_game():
    offenders = {str(p.relative_to(ROOT)): sorted(_imports(p) & {"game", "scenes", "pygame", "pygame_gui"})
                 for p in (ROOT / "issuer").rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_nothing_imports_the_issuer():
    offenders = [str(p.relative_to(ROOT)) for folder in ("game", "scenes", "export", "referential")
                 for p in (ROOT / folder).rglob("*.py") if "issuer" in _imports(p)]
    assert offenders == []
