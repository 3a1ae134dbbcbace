"""Readability: every UI text in both languages, glyphs the fonts have, WCAG contrast."""
import re

import pygame
import pytest

from babel.messages.extract import extract_from_dir

from game.i18n.catalogue import Catalogue, I18n, _elide, load_catalogue
from game.i18n.languages import LANGUAGES, discover_languages
from game.ui.fonts import FAMILIES, FONT_DIR
from game.ui.theme import PALETTES, contrast_ratio
from tests.conftest import ROOT


def used_keys() -> set[str]:
    """Every key the code asks for, found as a translator's tool finds it (Babel's extractor, keyword t)."""
    keys = set()
    for folder in ("game", "scenes"):
        for _, _, key, _, _ in extract_from_dir(ROOT / folder, method_map=[("**.py", "python")], keywords={"t": None}):
            keys.add(key)
    return keys


def forms(lang: str) -> dict[str, tuple[str, ...]]:
    """Each key's text, or its plural forms."""
    return {k: v if isinstance(v, tuple) else (v,) for k, v in load_catalogue(lang).texts.items()}


def test_catalogues_have_the_same_keys_and_every_used_key():
    fr, en = forms("fr"), forms("en")
    assert set(fr) == set(en) and len(fr) > 200
    missing = used_keys() - set(fr)
    assert not missing, missing
    for key in fr:
        for text in fr[key] + en[key]:
            assert text, key
            assert sorted(re.findall(r"{(\w+)}", text)) == sorted(re.findall(r"{(\w+)}", fr[key][0])), key


def test_languages_are_the_catalogues_found(tmp_path):
    assert LANGUAGES == ("fr", "en")
    for lang in ("de", "fr", "ar"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / lang / "LC_MESSAGES" / "diva.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (tmp_path / "xx").mkdir()  # a folder without a catalogue is no language
    assert discover_languages(tmp_path) == ("fr", "ar", "de")


def test_counts_take_the_plural_form_of_the_language():
    i18n = I18n("en")
    assert i18n.t("debrief.shown", n=1) == "You showed 1 skill in this situation."
    assert i18n.t("debrief.shown", n=4) == "You showed 4 skills in this situation."
    i18n.set_lang("fr")
    assert i18n.t("notice.content", n=1).startswith("1 fichier de contenu a un problème")
    assert i18n.t("notice.content", n=0).startswith("0 fichier de contenu a")      # French: 0 is singular
    assert i18n.t("notice.content", n=3).startswith("3 fichiers de contenu ont")


def test_a_text_missing_in_a_language_falls_back_to_french(tmp_path):
    po = tmp_path / "de.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "title.play"\nmsgstr "Spielen"\n\n'
                  'msgid "title.quit"\nmsgstr ""\n', encoding="utf-8")
    german = Catalogue("de", po)
    assert german.get("title.play") == "Spielen" and german.get("title.quit") is None
    assert german.keys() == {"title.play"}


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
        chunks += [text for texts in forms(lang).values() for text in texts]
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
    assert i18n.t("skillmap.title", name="Yves") == "La carte d'Yves"


def test_french_no_elision_before_a_consonant_y_and_elision_after_que():
    i18n = I18n("fr")
    assert i18n.t("skillmap.title", name="Yanis") == "La carte de Yanis"
    assert i18n.t("skillmap.title", name="Yasmine") == "La carte de Yasmine"
    assert i18n.t("vote.whose", name="Yanis") == "Au tour de Yanis de choisir"
    # "que" elides too (no UI text says "que {name}" today; the rule serves the next one)
    assert _elide("ce que {name} a montré", {"name": "Inès"}).format(name="Inès") == "ce qu'Inès a montré"
    assert _elide("ce que {name} a montré", {"name": "Noé"}).format(name="Noé") == "ce que Noé a montré"
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
