"""Readability: every UI text in both languages, glyphs the fonts have, WCAG contrast."""
import re

import pygame
import pytest

from game.i18n.catalogue import I18n, load_catalogue
from game.ui.fonts import FAMILIES, FONT_DIR
from game.ui.theme import PALETTES, contrast_ratio
from tests.conftest import ROOT


def used_keys() -> set[str]:
    keys = set()
    for path in list((ROOT / "scenes").rglob("*.py")) + list((ROOT / "game").rglob("*.py")):
        keys |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    return keys


def test_catalogues_have_the_same_keys_and_every_used_key():
    fr, en = load_catalogue("fr"), load_catalogue("en")
    assert set(fr) == set(en)
    missing = used_keys() - set(fr)
    assert not missing, missing
    for key in fr:
        assert re.findall(r"{(\w+)}", fr[key]) == re.findall(r"{(\w+)}", en[key]) or \
            sorted(re.findall(r"{(\w+)}", fr[key])) == sorted(re.findall(r"{(\w+)}", en[key])), key


def test_i18n_falls_back_and_formats():
    i18n = I18n("en")
    assert i18n.t("hub.minutes", n=9) == "9 minutes"
    i18n.set_lang("fr")
    assert i18n.t("consent.title", name="Noé") == "Bienvenue, Noé\u202f!"
    assert i18n.t("no.such.key") == "no.such.key"


@pytest.mark.parametrize("palette", list(PALETTES.values()), ids=list(PALETTES))
def test_every_colour_pair_meets_wcag_aa(palette):
    for name, fg, bg in palette.text_pairs():
        assert contrast_ratio(fg, bg) >= 4.5, f"{palette.name} {name}: {contrast_ratio(fg, bg):.2f}"


def all_text() -> str:
    chunks = []
    for lang in ("fr", "en"):
        chunks += load_catalogue(lang).values()
    for path in list((ROOT / "content").rglob("*.yaml")) + [ROOT / "referential" / "rectec.yaml"]:
        chunks.append(path.read_text(encoding="utf-8"))
    return "".join(chunks)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_fonts_have_every_character_the_game_shows(family):
    pygame.font.init()
    font = pygame.font.Font(FONT_DIR / FAMILIES[family][False], 30)

    def pixels(ch):
        return pygame.image.tobytes(font.render(ch, True, (0, 0, 0), (255, 255, 255)), "RGB")

    tofu = pixels("\ue000")  # a private-use character: the font's "missing glyph" box
    chars = sorted({ch for ch in all_text() if ch.isprintable() and not ch.isspace() and ord(ch) > 127})
    missing = [ch for ch in chars if pixels(ch) == tofu]
    assert not missing, f"{family} lacks {''.join(missing)}"


def test_french_elision_before_a_vowel():
    i18n = I18n("fr")
    assert i18n.t("skillmap.title", name="Élodie") == "La carte d'Élodie"
    assert i18n.t("skillmap.title", name="Noé") == "La carte de Noé"
    assert I18n("en").t("skillmap.title", name="Élodie") == "Élodie's skill map"


def test_icons_are_painted_in_the_asked_colour():
    pygame.display.init()
    pygame.display.set_mode((10, 10))
    from game.ui.icons import Icons

    for colour in ((255, 255, 255), (29, 79, 145)):
        icon = Icons().get("check", 48, colour)
        visible = [icon.get_at((x, y)) for x in range(48) for y in range(48) if icon.get_at((x, y)).a > 0]
        assert visible and all(tuple(c)[:3] == colour for c in visible)
    assert Icons().get("no-such-icon", 48, (0, 0, 0)) is None


def test_french_typography_keeps_punctuation_with_its_word():
    from game.i18n.typeset import tr, typeset

    assert typeset("Bonjour! Ça va ? Oui !!", "fr") == "Bonjour\u202f! Ça va\u202f? Oui\u202f!!"
    assert typeset("Il dit: « Oui »", "fr") == "Il dit\u202f: «\u202fOui\u202f»"
    assert typeset("Il est 10:30, ça coûte 10 €.", "fr") == "Il est 10:30, ça coûte 10\u00a0€."
    assert typeset("Hello: yes!", "en") == "Hello: yes!"
    assert tr({"fr": "Ça va?", "en": "OK?"}, "en") == "OK?"
    assert tr({"fr": "Ça va?"}, "en") == "Ça va\u202f?"  # French fallback is typeset as French


def test_wrapping_never_breaks_at_a_no_break_space():
    pygame.font.init()
    from game.ui.fonts import Fonts

    lines = Fonts().wrap("Tu vas où\u202f? Un mot\u00a0€", 32, 120)
    assert all(not line.startswith(("\u202f", "?", "€")) for line in lines)
    assert any("\u202f?" in line for line in lines)
