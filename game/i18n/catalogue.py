"""UI text by stable key, one YAML catalogue per language (game/locale/<lang>.yaml).

Scenario text lives in the scenarios themselves ({fr, en} maps); this module only holds
the interface's words. French is the reference; English falls back to it key by key.
"""
from __future__ import annotations

import logging
from pathlib import Path

import yaml

from game.core.model import DEFAULT_LANG, LANGS
from game.i18n.typeset import typeset

LOCALE_DIR = Path(__file__).with_name("locale")
log = logging.getLogger("diva")


def load_catalogue(lang: str) -> dict[str, str]:
    with open(LOCALE_DIR / f"{lang}.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {str(k): str(v) for k, v in data.items()}


class I18n:
    def __init__(self, lang: str = DEFAULT_LANG):
        self._catalogues = {code: load_catalogue(code) for code in LANGS}
        self.lang = lang if lang in LANGS else DEFAULT_LANG

    def set_lang(self, lang: str) -> None:
        if lang in LANGS:
            self.lang = lang

    def t(self, key: str, **params) -> str:
        text = self._catalogues[self.lang].get(key) or self._catalogues[DEFAULT_LANG].get(key)
        if text is None:
            log.warning("missing UI text %s", key)
            return key
        if params and self.lang == "fr":
            text = _elide(text, params)
        return typeset(text.format(**params) if params else text, self.lang)

    def keys(self, lang: str) -> set[str]:
        return set(self._catalogues[lang])


_VOWELS = "AEIOUYÂÀÉÈÊËÎÏÔÛÙÜaeiouyâàéèêëîïôûùü"


def _elide(template: str, params: dict) -> str:
    """French elision before a name: "la carte de {name}" with Élodie -> "la carte d'Élodie"."""
    for key, value in params.items():
        if isinstance(value, str) and value[:1] in _VOWELS:
            template = template.replace(f"de {{{key}}}", f"d'{{{key}}}").replace(f"De {{{key}}}", f"D'{{{key}}}")
    return template
