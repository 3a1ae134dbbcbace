"""UI text by stable key, in gettext catalogues: game/i18n/locale/<lang>/LC_MESSAGES/diva.po.

The msgid is a stable key ("hub.title"), the msgstr its text with {name} fields; counts use
plural forms (msgid_plural). Babel reads the .po files as they are and compiles them in memory
for Python's gettext, so a translator edits one text file and nothing is built. The languages
are those that have a catalogue; French is the reference and English (or any other) falls back
to it key by key. Scenario text lives in the scenarios themselves ({fr, en} maps).
"""
from __future__ import annotations

import functools
import gettext
import io
import logging
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from game.core.model import DEFAULT_LANG
from game.i18n.languages import DOMAIN, LANGUAGES, catalogue_path
from game.i18n.typeset import typeset

log = logging.getLogger("diva")


class Catalogue:
    """One language's texts: a key's text, or its plural form for a count."""

    def __init__(self, lang: str, path: Path | None = None):
        with open(path or catalogue_path(lang), "rb") as fh:
            po = read_po(fh, locale=lang, domain=DOMAIN)
        self.lang = lang
        self.plural_keys = {m.id[0] for m in po if m.id and m.pluralizable}
        self.texts = {(m.id[0] if m.pluralizable else m.id): m.string for m in po if m.id}
        compiled = io.BytesIO()
        write_mo(compiled, po)
        compiled.seek(0)
        self._gettext = gettext.GNUTranslations(compiled)

    def get(self, key: str, n: int | None = None) -> str | None:
        """The text of `key` (for `n` things, when the key has plural forms); None when untranslated."""
        if key in self.plural_keys:
            text = self._gettext.ngettext(key, key + ".plural", 1 if n is None else n)
            return None if text in (key, key + ".plural") else text
        text = self._gettext.gettext(key)
        return None if text == key else text

    def keys(self) -> set[str]:
        return {k for k, v in self.texts.items() if v and (v if isinstance(v, str) else all(v))}


@functools.lru_cache(maxsize=None)
def load_catalogue(lang: str) -> Catalogue:
    """The language's catalogue, read once (a catalogue file is only read again by a new process)."""
    return Catalogue(lang)


def raw_text(lang: str, key: str, n: int | None = None) -> str:
    """The text of `key` in `lang` as written in the catalogue, French when `lang` lacks it: for texts
    stored with the evidence or the badge in every language (typeset when they are shown)."""
    own = load_catalogue(lang).get(key, n) if lang in LANGUAGES else None
    text = own or load_catalogue(DEFAULT_LANG).get(key, n)
    if text is None:
        log.warning("missing UI text %s", key)
        return key
    return text


def long_date(day, lang: str) -> str:
    """A date written out in words ("3 mars 2026", "3 August 2026"): never ambiguous."""
    return format_date(day, "d MMMM y", locale=lang)


def in_every_language(key: str, **params) -> dict[str, str]:
    """{lang: text} for every language the game speaks, as written (not typeset)."""
    return {lang: raw_text(lang, key).format(**params) if params else raw_text(lang, key) for lang in LANGUAGES}


class I18n:
    def __init__(self, lang: str = DEFAULT_LANG):
        self._catalogues = {code: load_catalogue(code) for code in LANGUAGES}
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANG

    def set_lang(self, lang: str) -> None:
        if lang in LANGUAGES:
            self.lang = lang

    def t(self, key: str, **params) -> str:
        n = params.get("n") if isinstance(params.get("n"), int) else None
        text = raw_text(self.lang, key, n)
        if text == key:
            return key
        if params and self.lang == "fr":
            text = _elide(text, params)
        return typeset(text.format(**params) if params else text, self.lang)

    def keys(self, lang: str) -> set[str]:
        return self._catalogues[lang].keys()


_VOWELS = "AEIOUYÂÀÉÈÊËÎÏÔÛÙÜHaeiouyâàéèêëîïôûùüh"
_ELIDED = (("de", "d'"), ("De", "D'"), ("que", "qu'"), ("Que", "Qu'"))


def _elides(name: str) -> bool:
    """Whether French elides before this name: a vowel sound, not a Y sounded as a consonant
    ("d'Élodie", "d'Yves", but "de Yanis", "de Yasmine"); H is taken as mute ("d'Hugo")."""
    first, second = name[:1], name[1:2]
    if first not in _VOWELS:
        return False
    if first in "Yy" and second and second in _VOWELS:
        return False
    return True


def _elide(template: str, params: dict) -> str:
    """French elision before a name: "la carte de {name}" with Élodie -> "la carte d'Élodie",
    "ce que {name} a montré" with Inès -> "ce qu'Inès a montré"."""
    for key, value in params.items():
        if isinstance(value, str) and _elides(value):
            for word, elided in _ELIDED:
                template = template.replace(f"{word} {{{key}}}", f"{elided}{{{key}}}")
    return template
