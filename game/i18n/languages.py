"""Which languages the game speaks: those with a UI catalogue (locale/<lang>/LC_MESSAGES/diva.po),
French, the reference, first. A new catalogue is a new language: no code changes."""
from __future__ import annotations

from pathlib import Path

from game.core.model import DEFAULT_LANG

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "diva"


def catalogue_path(lang: str, folder: Path = LOCALE_DIR) -> Path:
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def discover_languages(folder: Path = LOCALE_DIR) -> tuple[str, ...]:
    """Every language with a catalogue, the reference (French) first."""
    found = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return tuple(sorted(found, key=lambda lang: lang != DEFAULT_LANG))


LANGUAGES = discover_languages()
