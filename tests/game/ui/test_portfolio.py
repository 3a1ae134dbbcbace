"""The skill map as a picture: the one-page PDF portfolio, the PNG, `diva portfolio`, the game's button."""
import itertools
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pygame
import pytest

from export.portfolio import build_portfolio_pdf
from game.i18n.catalogue import long_date
from game.ui.portfolio import portfolio_texts
from game.core.model import DECLARED, PLAYED, Evidence, Validation
from game.services.portfolio import file_stem, find_players, name_slug
from game.core.skills import compute_skill_map
from game.i18n.typeset import typeset
from referential import load_referential
from scenes import scene_class
from tests.conftest import ROOT

REF = load_referential()
TITLES = {"festival": {"fr": "Bénévole au festival", "en": "Festival volunteer"}}


def tr(text, lang):
    """The referential's text as written (the PDF's spaces may be no-break ones: compare words)."""
    return norm(text[lang])


def norm(text):
    return re.sub(r"\s+", " ", text)


_STEPS = itertools.count()


def ev(cid, level, source=PLAYED, why=None):
    """One piece of evidence, each in a situation of its own (a level counts once shown in 2)."""
    why = why or {"fr": f"Preuve {cid} niveau {level}.", "en": f"Evidence {cid} level {level}."}
    return Evidence("p1", "s1", cid, level, source, "festival", f"step{next(_STEPS)}", "choice", why)


def twice(cid, level, source=PLAYED, why=None):
    return [ev(cid, level, source, why), ev(cid, level, source, why)]


def sample_map():
    """O2 played at 2, C1 played at 3 and validated at 4, RP1 step 2, C2 told (waiting); the rest not shown."""
    evidence = [ev("O2", 1), *twice("O2", 2, why={"fr": "Tu suis la procédure dans l'ordre.", "en": "You follow the procedure in order."}),
                ev("C1", 3), *twice("RP1", 2),
                ev("C2", 2, DECLARED, {"fr": "Tu as raconté : Aider au club.", "en": "You told us about: Helping at the club."})]
    validations = [Validation("p1", "s1", "C1", 4, "Mme Martin", "Anime les réunions du club.")]
    return compute_skill_map(REF.ids(), evidence, validations)


# ------------------------------------------------------------ reading a PDF back (no extra library)


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """{number: (dictionary, decoded stream or None)}; streams are cut by their /Length (binary inside)."""
    out, i = {}, 0
    start = re.compile(rb"(\d+) 0 obj\s*")
    while (m := start.search(data, i)) is not None:
        head_end = min(x for x in (data.find(b"stream", m.end()), data.find(b"endobj", m.end())) if x >= 0)
        head, stream, i = data[m.end():head_end], None, head_end + 6
        if data.startswith(b"stream", head_end):
            body = head_end + 6 + (2 if data.startswith(b"\r\n", head_end + 6) else 1)
            length = int(re.search(rb"/Length (\d+)", head).group(1))
            stream, i = data[body:body + length], body + length
            if b"/FlateDecode" in head:
                stream = zlib.decompress(stream)
        out[int(m.group(1))] = (head, stream)
    return out


def _literal(data: bytes, i: int) -> tuple[bytes, int]:
    """A PDF literal string starting after '(' at i; returns (bytes, index after ')')."""
    out, depth = bytearray(), 1
    escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while True:
        c = data[i]
        if c == 0x5C:  # backslash
            n = data[i + 1]
            if 0x30 <= n <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", data[i + 1:i + 4]).group(0)
                out.append(int(digits, 8) & 0xFF)
                i += 1 + len(digits)
                continue
            out.append(escapes.get(n, n))
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(c)
        i += 1


def pdf_text(path: Path) -> str:
    """Every string the page shows, decoded through the fonts' ToUnicode maps, joined by spaces."""
    objects = _objects(Path(path).read_bytes())
    fonts = {}
    for body, _ in objects.values():
        for name, num in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            tounicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(num)][0])
            cmap = {}
            text = objects[int(tounicode.group(1))][1].decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
                for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    cmap[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
            for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
                for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    for k in range(int(lo, 16), int(hi, 16) + 1):
                        cmap[k] = chr(int(dst, 16) + k - int(lo, 16))
            fonts[name.decode()] = cmap
    pieces = []
    for body, stream in objects.values():
        if stream is None or b"Tf" not in stream:
            continue
        font, i = None, 0
        while i < len(stream):
            m = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|\(").search(stream, i)
            if not m:
                break
            if m.group(0) != b"(":
                font, i = m.group(1).decode(), m.end()
                continue
            raw, i = _literal(stream, m.end())
            pieces.append("".join(fonts[font].get(int.from_bytes(raw[k:k + 2], "big"), "?") for k in range(0, len(raw), 2)))
    return norm(" ".join(pieces))


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", Path(path).read_bytes()))


def build(tmp_path, lang="fr", name="Élodie", skill_map=None, file="p.pdf"):
    return build_portfolio_pdf(tmp_path / file, player_name=name, lang=lang, referential=REF,
                               skill_map=skill_map or sample_map(), scenario_titles=TITLES, date="3 mars 2026", texts=portfolio_texts(lang), typeset=typeset)


# ------------------------------------------------------------ the PDF


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_is_one_page_with_the_name_and_every_competence(tmp_path, lang):
    path = build(tmp_path, lang)
    assert path == tmp_path / "p.pdf" and path.read_bytes().startswith(b"%PDF-")
    assert page_count(path) == 1
    text = pdf_text(path)
    other = "en" if lang == "fr" else "fr"
    assert portfolio_texts(lang)["title"] in text and "Élodie" in text and "3 mars 2026" in text
    for c in REF.competences:
        assert tr(c.name, lang) in text, c.id
    for d in REF.domains:
        assert tr(d.name, lang) in text
    assert tr(REF.competence("O1").name, other) not in text  # really in the chosen language
    assert portfolio_texts(lang)["footer"] in text and "DIVA" in text


def test_pdf_shows_level_number_name_descriptor_and_where_it_was_seen(tmp_path):
    text = pdf_text(build(tmp_path, "fr"))
    o2, c1, rp1 = (REF.competence(c) for c in ("O2", "C1", "RP1"))
    # O2 played at 2: number, level name, first-person descriptor, where it was seen (a workshop's role play)
    assert "2/4" in text and "Niveau 2 : Je m'entraîne" in text
    assert tr(o2.level(2).descriptor, "fr") in text
    assert "Montré 2 fois en atelier, dans 1 mise en situation jouée : « Bénévole au festival »." in text
    assert "Tu suis la procédure" not in text and "Preuve O2" not in text  # the game's words to the player: never
    # C1 validated at 4 by the counsellor, in words
    assert "4/4" in text and "Niveau 4 : Je guide" in text and tr(c1.level(4).descriptor, "fr") in text
    assert "Validé par Mme Martin (niveau 4 sur 4, je guide) : « Anime les réunions du club. »" in text
    # RP1: a step in plain words, never "Étape 2"
    assert "Deuxième étape franchie" in text and tr(rp1.level(2).descriptor, "fr") in text
    assert "Étape" not in text and "étape 2" not in text.lower()
    assert "Niveau 2" not in text.rsplit(tr(rp1.name, "fr"), 1)[1].split("Apprendre à apprendre")[0]  # RP1: no level
    # C2 only told: not shown yet, what was told of their life waits for the counsellor
    assert "Lire et écrire — pas encore montré" in text
    assert "Dans ma vie : une expérience racontée, à confirmer." in text and "Aider au club" not in text
    assert text.count("pas encore montré") == 12 - 3


def test_pdf_in_english_says_step_and_told(tmp_path):
    text = pdf_text(build(tmp_path, "en"))
    assert "Second step taken" in text and "Level 2: I'm practising" in text
    assert "Validated by Mme Martin (level 4 of 4, I lead): “Anime les réunions du club.”" in text
    assert "In my life: an experience told, to be confirmed." in text
    assert "Shown 2 times in a workshop, in 1 role-play situation: “Festival volunteer”." in text
    assert text.count("not shown yet") == 9 and "étape" not in text.lower() and "Step 2" not in text
    assert not re.search(r"\b[Yy]ou\b", text)


# a played answer's feedback that corrects the player, as the scenarios write them (issue 19, "when
# following the rule is the competent answer")
CORRECTION = {"fr": "Tu suis ton chef. Mais la règle de sécurité passe avant la vitesse : les lunettes protègent tes yeux.",
              "en": "You follow your boss. But the safety rule comes before speed: goggles protect your eyes."}
TU = re.compile(r"(?<![\w'’])(?:tu|te|toi|ton|ta|tes|t['’])(?![\w])", re.IGNORECASE)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_portfolio_speaks_of_the_player_never_to_them_nor_quotes_the_game_as_real_life(tmp_path, lang):
    """Issue 21: no "tu", no "Étape 2", no correction listed as evidence, no scenario title quoted as if it
    had happened: the situations are said to be played in a workshop, and CV lines say where they were seen."""
    from referential.cv import load_cv_lines

    evidence = [*twice("C3", 1, why=CORRECTION), *twice("O2", 3, why={"fr": "Tu appliques la règle sans aide.", "en": "You apply the rule."}),
                *twice("RP2", 2), ev("C1", 2, DECLARED, {"fr": "Tu as raconté : Aider au club.", "en": "You told us: Helping at the club."})]
    told = {evidence[-1].id: "Aide au club de foot (Encadrer les enfants)"}
    smap = compute_skill_map(REF.ids(), evidence)
    path = build_portfolio_pdf(tmp_path / "p.pdf", player_name="Élodie", lang=lang, referential=REF, skill_map=smap,
                               scenario_titles=TITLES, date="3 mars 2026", texts=portfolio_texts(lang), typeset=typeset,
                               cv_lines=load_cv_lines(REF), workshop="Situations jouées en atelier DIVA (Mission locale), le 3 mars 2026.",
                               told=told, structure="Mission locale")
    text = pdf_text(path)
    assert CORRECTION[lang].split(".")[1].strip() not in text and "lunettes" not in text and "goggles" not in text
    if lang == "fr":
        assert not TU.findall(text), TU.findall(text)
        assert not re.search(r"[ÉE]tape \d", text)
        assert "Situations jouées en atelier DIVA (Mission locale), le 3 mars 2026." in text
        assert "Dans ma vie (raconté, à confirmer) : Aide au club de foot (Encadrer les enfants)." in text
        # every mention of the scenario is a role play in a workshop
        for m in re.finditer("Bénévole au festival", text):
            assert "mise en situation" in text[max(0, m.start() - 60):m.start()]
        assert "Pour mon CV : Appliquer les règles sans aide, même dans un lieu nouveau, et repérer les risques " \
               "(niveau 3 sur 4, je sais faire). Observé en atelier DIVA (Mission locale)." in text
        assert "(deuxième étape franchie). Observé en atelier DIVA (Mission locale)." in text
    else:
        assert not re.search(r"\b[Yy]ou\b", text)
        assert "Step 2" not in text and "Second step taken" in text
        assert "(level 3 of 4, I can do it). Observed in a DIVA workshop (Mission locale)." in text
    cv_part = " ".join(re.findall(r"(?:Pour mon CV|For my CV)[^.]*\.[^.]*\.", text))
    assert cv_part and "Bénévole" not in cv_part and "Festival" not in cv_part  # no game title on a CV line


STRENGTHS = {"before": ("3 mars 2026", ("O1", "C1")), "after": ("10 mars 2026", ("O1", "RA2", "RP1"))}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_before_and_after_what_i_say_i_am_good_at_side_by_side(tmp_path, lang):
    """Issue 19: the "up to 5 things I am good at" of the first session and of the end, in the portfolio."""
    path = build_portfolio_pdf(tmp_path / "p.pdf", player_name="Élodie", lang=lang, referential=REF, skill_map=sample_map(),
                               scenario_titles=TITLES, date="3 mars 2026", texts=portfolio_texts(lang), typeset=typeset,
                               strengths=STRENGTHS)
    assert page_count(path) == 1
    text = pdf_text(path)
    words = portfolio_texts(lang)
    name = {c: tr(REF.competence(c).name, lang) for c in ("O1", "C1", "RA2", "RP1")}
    section = text.split(words["strengths_title"], 1)[1]
    before, after = section.split(words["strengths_after"], 1)
    assert f"{words['strengths_before']} — 3 mars 2026" in before and after.startswith(" — 10 mars 2026")
    assert f"• {name['O1']} • {name['C1']}" in before and name["RA2"] not in before
    # what they picked at the end and not at first is marked new
    new = words["strengths_new"]
    assert f"• {name['O1']} • {name['RA2']} {new} • {name['RP1']} {new}" in after and after.count(new) == 2
    if lang == "fr":
        assert "Ce que je dis savoir bien faire" in text and "Au début — 3 mars 2026" in text
    only_before = build_portfolio_pdf(tmp_path / "b.pdf", player_name="Élodie", lang=lang, referential=REF,
                                      skill_map=sample_map(), scenario_titles=TITLES, date="3 mars 2026",
                                      texts=words, typeset=typeset, strengths={"before": STRENGTHS["before"]})
    assert words["strengths_not_yet"] in pdf_text(only_before) and new not in pdf_text(only_before)
    assert words["strengths_title"] not in pdf_text(build(tmp_path, lang, file="none.pdf"))  # never asked: no section


def test_french_accents_survive_in_an_embedded_font(tmp_path):
    name = "Élodie Ñúñez-Bœuf"
    path = build(tmp_path, "fr", name=name)
    text = pdf_text(path)
    assert name in text
    assert "Ma carte de compétences" in text and "Réflexion" in text and "référentiel" in text
    assert b"AtkinsonHyperlegible" in path.read_bytes() and b"/FontFile2" in path.read_bytes()


def test_a_full_map_with_long_reasons_goes_on_to_a_second_page_never_shrunk_nor_cut(tmp_path):
    long_why = {"fr": "Tu prends le temps d'expliquer la situation à toute l'équipe, tu vérifies que chacun a bien "
                      "compris ce qu'il doit faire et tu proposes une solution à tout le monde. " * 2,
                "en": "You explain the situation to the whole team and check everyone understood. " * 4}
    evidence = [e for c in REF.ids() for e in twice(c, 3, why=long_why)] + [ev(c, 4, DECLARED, long_why) for c in REF.ids()]
    validations = [Validation("p1", "s1", c, 4, "", "Très bien, plusieurs fois, au club et au travail. " * 3) for c in REF.ids()[::2]]
    path = build(tmp_path, "fr", skill_map=compute_skill_map(REF.ids(), evidence, validations))
    assert page_count(path) == 2
    text = pdf_text(path)
    full = compute_skill_map(REF.ids(), evidence, validations)
    for c in REF.competences:
        assert tr(c.name, "fr") in text and tr(c.level(full.level_of(c.id)).descriptor, "fr") in text
    assert {full.level_of(c) for c in REF.ids()} == {3, 4}
    assert "pas encore montré" not in text and "Validé en atelier (niveau 4 sur 4, je guide) : « Très bien" in text
    assert "page 1/2" in text and "page 2/2" in text
    assert "…" not in text  # nothing cut: the validations' comments are whole
    sizes = [float(x) for _, stream in _objects(path.read_bytes()).values() if stream
             for x in re.findall(rb"/F\d+\s+([\d.]+)\s+Tf", stream)]
    assert min(sizes) >= 8.5 * 0.9  # readable: the smallest text (the reasons) never below 7.65 points


def test_pdf_is_written_atomically_and_replaces_the_old_file(tmp_path):
    (tmp_path / "p.pdf").write_bytes(b"old")
    build(tmp_path)
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.pdf"]  # no temp file left


def test_dates_are_written_in_words():
    import datetime

    assert long_date(datetime.date(2026, 8, 3), "fr") == "3 août 2026"
    assert long_date(datetime.date(2026, 8, 3), "en") == "3 August 2026"


# ------------------------------------------------------------ the PNG


@pytest.fixture(scope="module")
def display():
    from game.ui.app import init_pygame

    assert init_pygame() is None
    yield
    pygame.quit()


def render(path, skill_map, lang="fr", **extra):
    from game.ui.fonts import Fonts
    from game.ui.icons import Icons
    from game.ui.portfolio import render_skill_map_png
    from game.ui.theme import PALETTES

    return render_skill_map_png(path, player_name="Élodie", lang=lang, referential=REF, skill_map=skill_map,
                                fonts=Fonts(), icons=Icons(), palette=PALETTES["standard"], date="3 mars 2026", **extra)


def test_png_is_1600x1000_and_shows_the_levels(tmp_path, display):
    shown = render(tmp_path / "a.png", sample_map())
    empty = render(tmp_path / "b.png", compute_skill_map(REF.ids(), []))
    again = render(tmp_path / "c.png", compute_skill_map(REF.ids(), []))
    images = [pygame.image.load(str(p)) for p in (shown, empty, again)]
    assert [img.get_size() for img in images] == [(1600, 1000)] * 3
    raw = [pygame.image.tobytes(img, "RGB") for img in images]
    assert raw[0] != raw[1] and raw[1] == raw[2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "b.png", "c.png"]  # no temp file left


def test_png_level_marks_are_filled_only_for_levels_reached(tmp_path, display):
    from game.ui.theme import PALETTES

    good = PALETTES["standard"].good

    def filled(path):
        img = pygame.image.load(str(path))
        return sum(1 for x in range(0, 1600, 2) for y in range(0, 1000, 2) if tuple(img.get_at((x, y)))[:3] == good)

    assert filled(render(tmp_path / "empty.png", compute_skill_map(REF.ids(), []))) == 0
    one = filled(render(tmp_path / "one.png", compute_skill_map(REF.ids(), twice("O1", 1))))
    three = filled(render(tmp_path / "three.png", compute_skill_map(REF.ids(), twice("O1", 3))))
    assert 0 < one and 2.5 * one < three < 3.5 * one


def test_png_language_changes_the_picture(tmp_path, display):
    fr = pygame.image.tobytes(pygame.image.load(str(render(tmp_path / "fr.png", sample_map(), "fr"))), "RGB")
    en = pygame.image.tobytes(pygame.image.load(str(render(tmp_path / "en.png", sample_map(), "en"))), "RGB")
    assert fr != en


def test_png_stars_what_the_player_said_they_are_good_at(tmp_path, display):
    """An outlined star on the cards picked at the first session, a filled one at the end (shape, not colour)."""
    from game.ui.theme import PALETTES

    ink = PALETTES["standard"].text[:3]
    smap = compute_skill_map(REF.ids(), [])

    def inked(strengths, name):
        img = pygame.image.load(str(render(tmp_path / name, smap, strengths=strengths)))
        return sum(1 for x in range(0, 1600) for y in range(150, 1000) if tuple(img.get_at((x, y)))[:3] == ink)

    plain = inked(None, "none.png")
    outlined = inked({"before": ("3 mars 2026", ("O1",))}, "before.png")
    filled = inked({"after": ("3 mars 2026", ("O1",))}, "after.png")
    both = inked({"before": ("3 mars 2026", ("O1", "C1")), "after": ("3 mars 2026", ("O1",))}, "both.png")
    assert plain < outlined < filled < both


def test_png_carries_the_claim_qr_code_when_a_claim_url_is_known(tmp_path, display):
    import zxingcpp
    from PIL import Image

    url = "https://badges.example.org/c/7Hq2KxP9aZ"
    with_qr = render(tmp_path / "qr.png", sample_map(), claim_url=url, claim_caption="Mes badges en ligne : scanner ce code")
    assert [c.text for c in zxingcpp.read_barcodes(Image.open(with_qr))] == [url]
    small = Image.open(with_qr).resize((800, 500))  # printed small, still read
    assert [c.text for c in zxingcpp.read_barcodes(small)] == [url]
    assert zxingcpp.read_barcodes(Image.open(render(tmp_path / "none.png", sample_map()))) == []


# ------------------------------------------------------------ file names and players


def test_file_names_come_from_the_name_without_accents():
    from game.core.model import Player

    a, b, c = Player("id-aaaaaaaa-1", "Élodie N."), Player("id-bbbbbbbb-2", "élodie n"), Player("id-c", "Zoé")
    assert name_slug("Élodie N.") == "elodie-n"
    assert file_stem(c, [a, b, c]) == "zoe"
    assert file_stem(a, [a, b, c]) == "elodie-n-id-aaaaa"  # two players share the slug: the id tells them apart
    assert file_stem(Player("1234567890", "???"), []) == "12345678"
    assert find_players([a, b, c], "zoé") == [c] and find_players([a, b, c], "ZOE") == [c]
    assert find_players([a, b, c], "id-c") == [c] and find_players([a, b, c], "Nobody") == []


# ------------------------------------------------------------ `diva portfolio`, end to end


def run_main(*args):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONUTF8="1")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=240)


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    out = run_main("autoplay", "--scenario", "festival", "--data-dir", data)
    assert out.returncode == 0, out.stderr
    return data


def test_portfolio_command_writes_both_files(played, tmp_path):
    out = run_main("portfolio", "--data-dir", played, "--out", tmp_path / "out")
    assert out.returncode == 0, out.stderr
    paths = [Path(line) for line in out.stdout.splitlines()]
    assert [p.name for p in paths] == ["elodie-carte.png", "elodie-portfolio.pdf"]
    assert all(p.parent == tmp_path / "out" and p.is_file() for p in paths)
    assert page_count(paths[1]) == 1
    text = pdf_text(paths[1])
    assert "Élodie" in text and "Ma carte de compétences" in text and "fois en atelier, dans" in text
    assert "Situations jouées en atelier DIVA" in text and "le " + long_date(__import__("datetime").date.today(), "fr") in text
    assert not TU.findall(text) and "Étape" not in text
    assert "Ce que je dis savoir bien faire" in text and "Au début — " in text and "À la fin — " in text  # autoplay answered both
    assert pygame.image.load(str(paths[0])).get_size() == (1600, 1000)


def test_portfolio_command_one_player_in_english_into_the_data_dir(played):
    out = run_main("portfolio", "--data-dir", played, "--player", "élodie", "--lang", "en")
    assert out.returncode == 0, out.stderr
    pdf = played / "portfolios" / "elodie-portfolio.pdf"
    assert out.stdout.split() == [str(played / "portfolios" / "elodie-carte.png"), str(pdf)]
    text = pdf_text(pdf)
    assert "My skill map" in text and "Élodie" in text and "in a workshop, in 1 role-play situation" in text
    assert not re.search(r"\b[Yy]ou\b", text)


def test_portfolio_command_unknown_player_is_one_line(played, tmp_path):
    out = run_main("portfolio", "--data-dir", played, "--player", "Zoé", "--out", tmp_path / "none")
    assert out.returncode == 1
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "Zoé" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "none").exists()


# ------------------------------------------------------------ the game's button


def test_skill_map_button_saves_both_files_and_says_where(tmp_path, display, monkeypatch):
    """Without a viewer on the machine, the message says where the files are."""
    import game.ui.opener as opener
    from game.ui.app import App
    from game.services.play import PlaySession
    from game.services.context import open_services
    from game.autoplay.screens import click_event

    monkeypatch.setattr(opener.sys, "platform", "linux")
    monkeypatch.setattr(opener.shutil, "which", lambda name: None)
    services = open_services(tmp_path / "data", "fr")
    try:
        player = services.store.create_player("Élodie")
        session = services.store.start_session("solo", [player.id])
        services.store.record_evidence([Evidence(player.id, session.id, "O2", 2, PLAYED, "festival", "s", "c",
                                                 {"fr": "Tu suis la procédure.", "en": "You follow the procedure."})])
        app = App(services, scenes=scene_class)
        app.play = PlaySession(services.store, session, [player])
        scene = app.show("skillmap")
        app.draw()
        button = next(b for b in scene.buttons if b.label == "Imprimer ma carte")
        for event in click_event(button.rect.center):
            app.dispatch(event)
        folder = services.data_dir / "portfolios"
        assert sorted(p.name for p in folder.iterdir()) == ["elodie-carte.png", "elodie-portfolio.pdf"]
        assert "Élodie" in pdf_text(folder / "elodie-portfolio.pdf")
        assert scene.saved.startswith("Ta carte est enregistrée (image et PDF) dans") and scene.saved.endswith(str(folder))
        before = pygame.image.tobytes(app.screen, "RGB")
        app.draw()
        assert pygame.image.tobytes(app.screen, "RGB") != before  # the message is on the screen
        app.dispatch(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))
        assert scene.saved == ""
    finally:
        services.close()


def test_the_printed_map_opens_in_the_system_viewer(tmp_path, display, monkeypatch):
    """With a viewer (a fake xdg-open here), the PDF is handed to it: no file path in a banner."""
    import game.ui.opener as opener
    from game.ui.app import App
    from game.services.play import PlaySession
    from game.services.context import open_services

    launched = []
    monkeypatch.setattr(opener.sys, "platform", "linux")
    monkeypatch.setattr(opener.shutil, "which", lambda name: f"/usr/bin/{name}" if name == "xdg-open" else None)
    monkeypatch.setattr(opener, "launch", launched.append)
    services = open_services(tmp_path / "data", "fr")
    try:
        player = services.store.create_player("Élodie")
        session = services.store.start_session("solo", [player.id])
        app = App(services, scenes=scene_class)
        app.play = PlaySession(services.store, session, [player])
        scene = app.show("skillmap")
        app.draw()
        next(b for b in scene.buttons if b.label == "Imprimer ma carte").action()
        pdf = services.data_dir / "portfolios" / "elodie-portfolio.pdf"
        assert launched == [["/usr/bin/xdg-open", str(pdf)]] and pdf.is_file()
        assert scene.saved == services.i18n.t("skillmap.opened") and str(pdf.parent) not in scene.saved
    finally:
        services.close()
    monkeypatch.setattr(opener.sys, "platform", "darwin")
    monkeypatch.setattr(opener.shutil, "which", lambda name: f"/usr/bin/{name}" if name == "open" else None)
    assert opener.open_in_viewer(pdf) and launched[-1] == ["/usr/bin/open", str(pdf)]
    monkeypatch.setattr(opener.shutil, "which", lambda name: None)
    assert not opener.open_in_viewer(pdf)
