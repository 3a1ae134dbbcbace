"""French typesetting, the one function screen, PNG and PDF use: no line break before ? ! ; :
or inside « », nor between a number and its unit or the short word after it ("12 €", "1 an", "10 h 10");
other languages are left as written. `quotable`: a sentence quoted inside another, without a doubled stop."""
from __future__ import annotations

import re
from typing import Mapping

from game.core.model import DEFAULT_LANG

NNBSP = "\u202f"  # narrow no-break space, as French typography puts before ? ! ; : and inside « »
NBSP = "\u00a0"   # for fonts that lack the narrow one (the PDF's)
_FR_BEFORE = re.compile(r"(?<=[^\s\d?!;:»])[ \u00a0\u202f]?([?!;»])|(?<=\S)[ \u00a0\u202f]?(:)(?=\s|$)")
_FR_AFTER = re.compile(r"(«)[ \u00a0\u202f]?")
# a number never leaves its unit or the short word after it ("20 €", "9 h", "1 an", "5 km", "3 ans"),
# nor the minutes of "10 h 10", nor its other digits ("1 000")
_FR_UNIT = re.compile(r"(\d) (?=[^\s\d]{1,4}(?:[\s.,;:!?»)…]|$)|\d{3}\b)|(?<=\d[ \u00a0]h) (?=\d)")


def typeset(text: str, lang: str, space: str = NNBSP) -> str:
    """French spacing that never breaks a line before ? ! ; : or inside « »; other languages unchanged.
    `space`: the no-break space put there (NBSP for a font without the narrow one)."""
    if lang != "fr" or not text:
        return text.replace(NNBSP, space) if text and space != NNBSP else text
    text = _FR_BEFORE.sub(lambda m: space + (m.group(1) or m.group(2)), text)
    text = _FR_UNIT.sub(lambda m: (m.group(1) or "") + NBSP, text)
    text = _FR_AFTER.sub(lambda m: m.group(1) + space, text)
    return text.replace(NNBSP, space) if space != NNBSP else text


def quotable(text: str) -> str:
    """A sentence made ready to be quoted inside another: without its final full stop, which the sentence
    around it gives (« … à pied ». rather than « … à pied. ».); ? ! and … stay, they say something."""
    stripped = text.rstrip()
    return stripped[:-1].rstrip() if stripped.endswith(".") and not stripped.endswith("..") else stripped


def tr(text: Mapping[str, str] | str | None, lang: str) -> str:
    """The text in `lang` (falling back to French, then to any language there is), typeset."""
    if text is None:
        return ""
    if isinstance(text, str):
        return typeset(text, lang)
    chosen = lang if text.get(lang) else DEFAULT_LANG if text.get(DEFAULT_LANG) else next(iter(text), lang)
    return typeset(text.get(chosen, ""), chosen)
