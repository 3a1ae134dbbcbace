"""Player-facing preferences, saved in the store (global scope)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from game.model import DEFAULT_LANG, LANGS
from game.ui_constants import TEXT_SCALES


@dataclass
class Settings:
    lang: str = DEFAULT_LANG
    text_scale: float = TEXT_SCALES[0]
    high_contrast: bool = False
    dyslexic_font: bool = False
    reduced_motion: bool = False
    read_aloud: bool = False

    @classmethod
    def load(cls, store, scope: str = "") -> "Settings":
        saved = store.get_setting("preferences", {}, scope) or {}
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in saved.items() if k in known})
        if settings.lang not in LANGS:
            settings.lang = DEFAULT_LANG
        if settings.text_scale not in TEXT_SCALES:
            settings.text_scale = TEXT_SCALES[0]
        return settings

    def save(self, store, scope: str = "") -> None:
        store.set_setting("preferences", asdict(self), scope)
