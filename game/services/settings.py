"""Player-facing preferences, saved in the store: a global default (title screen, group
sessions) and one set per player (scope = the player's id), loaded when that player plays."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from game.core.model import DEFAULT_LANG
from game.i18n.languages import LANGUAGES

GLOBAL = ""  # the store scope of the default settings (the room's defaults, chosen by the counsellor)


def session_scope(session_id: str) -> str:
    """The scope of what a group changes during its session: it starts from the room's defaults and leaves them alone."""
    return f"session:{session_id}"
TEXT_SCALES = (1.0, 1.15, 1.3)  # the text-size setting's three steps
VOLUME_STEPS = 4                 # sound volume 0 (off) to 3


@dataclass
class Settings:
    lang: str = DEFAULT_LANG
    text_scale: float = TEXT_SCALES[0]
    high_contrast: bool = False
    dyslexic_font: bool = False
    reduced_motion: bool = False
    read_aloud: bool = False
    volume: int = 2          # feedback sounds when one plays alone (0 = off)
    group_volume: int = 0    # in a group session: off unless the counsellor turns it up
    music: bool = False      # the quiet music loop

    @classmethod
    def load(cls, store, scope: str = GLOBAL, fallback: "Settings | None" = None) -> "Settings":
        """The saved settings of `scope`; when it has none, a copy of `fallback` (or the defaults)."""
        saved = store.get_setting("preferences", None, scope)
        if not isinstance(saved, dict):
            return replace(fallback) if fallback else cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in saved.items() if k in known})
        if settings.lang not in LANGUAGES:
            settings.lang = DEFAULT_LANG
        if settings.text_scale not in TEXT_SCALES:
            settings.text_scale = min(TEXT_SCALES, key=lambda s: abs(s - settings.text_scale)) \
                if isinstance(settings.text_scale, (int, float)) else TEXT_SCALES[0]
        for name in ("high_contrast", "dyslexic_font", "reduced_motion", "read_aloud", "music"):
            setattr(settings, name, bool(getattr(settings, name)))
        for name in ("volume", "group_volume"):
            value = getattr(settings, name)
            default = getattr(cls, name)
            setattr(settings, name, min(VOLUME_STEPS - 1, max(0, value)) if isinstance(value, int) and not isinstance(value, bool) else default)
        return settings

    def save(self, store, scope: str = GLOBAL) -> None:
        store.set_setting("preferences", asdict(self), scope)
