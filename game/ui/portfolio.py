"""The skill map as a picture (1600x1000 PNG) and the portfolio a player can add to a CV or print.

`write_portfolio` writes `<slug>-carte.png` (drawn here with pygame) and `<slug>-portfolio.pdf`
(export.portfolio); the skill map screen and `diva portfolio` both use it.

Same reading as scenes/skillmap.py: one column per domain, one card per competence,
the level shown by filled shapes (Ui.level_mark), the number "2/4" and the level name
(RP1/RP2: the step in plain words), never by colour alone. Competences not shown yet are drawn
lighter, with "not shown yet". What the player said they are good at is marked on the cards, an
outlined star for the first session, a filled one for the end; the claim QR code (when a claim
URL is known) sits at the top right, drawn from export.qr's modules.
"""
from __future__ import annotations

import datetime as _dt
import math
import sys
from pathlib import Path
from typing import Any, Mapping, Sequence

import pygame

from export.files import write_atomic
from export.portfolio import TEXT_KEYS, build_portfolio_pdf, step_words
from export.qr import claim_qr_png, qr_matrix
from game.core.model import Player
from game.i18n.catalogue import long_date, raw_text
from game.i18n.typeset import tr, typeset
from game.services.badges import qr_url
from game.services.portfolio import FOLDER, PORTFOLIO_FILES, file_stem, find_players, portfolio_facts
from game.ui.app import open_game
from game.ui.badge_image import png_bytes
from game.ui.fonts import Fonts
from game.ui.icons import Icons
from game.ui.theme import PALETTES
from game.ui.widgets import Ui, draw_shape

SIZE = (1600, 1000)
MARGIN = 40
GAP = 18
QR_PX = 132          # the claim QR code's side at least (about 23 mm when the card is printed on A4)
STAR_R = 11          # "what I am good at" marks on a card


def portfolio_texts(lang: str) -> dict[str, str]:
    """The words of the PNG and the PDF, from the catalogues."""
    return {key: raw_text(lang, f"portfolio.{key}") for key in TEXT_KEYS}


def render_skill_map_png(out_path, *, player_name: str, lang: str, referential: Any, skill_map: Any, fonts, icons,
                         palette, date: str | None = None, workshop: str = "",
                         strengths: Mapping[str, tuple[str, Sequence[str]]] | None = None,
                         claim_url: str = "", claim_caption: str = "") -> Path:
    """Draw the player's skill map and save it as a PNG at `out_path` (atomically); returns the path.
    `workshop`: where and when the situations were played, under the name; `strengths`: what the player
    said they are good at ({"before"|"after": (day, competence ids)}), starred on the cards; `claim_url`:
    their claim link, as a QR code at the top right with `claim_caption` beside it.

    Needs pygame's display to be initialised (fonts and icons are converted for it)."""
    texts = portfolio_texts(lang)
    date = date or long_date(_dt.date.today(), lang)
    ui = Ui(fonts, icons, palette, scale=0.9)
    p = palette
    surface = pygame.Surface(SIZE)
    surface.fill(p.background)
    width, height = SIZE
    right = width - MARGIN  # the header's text stops before the QR code
    header_bottom = 0
    if claim_url:
        right, header_bottom = _claim_qr(surface, ui, claim_url, claim_caption)

    # title with the map's pictogram, then the name and the date, then where the situations were played
    px = ui.size("title")
    title = fonts.render(texts["title"], px, p.text, True)
    icon = icons.get("chart-dots-3", px, p.accent)
    if icon:
        surface.blit(icon, (MARGIN, 24 + (title.get_height() - px) // 2))
    surface.blit(title, (MARGIN + px + 14, 24))
    y = 24 + title.get_height() + 2
    name = fonts.render(player_name, ui.size("large"), p.text, True)
    surface.blit(name, (MARGIN, y))
    when = fonts.render("·  " + date, ui.size("body"), p.muted)
    surface.blit(when, (MARGIN + name.get_width() + 16, y + name.get_height() - when.get_height() - 2))
    y += name.get_height() + 4
    if workshop:
        area = pygame.Rect(MARGIN, y, right - MARGIN - 16, ui.fonts.line_height(ui.size("small")) * 2)
        text = tr(workshop, lang)
        if ui.text_height(text, area.width, "small") > area.height:  # the first sentence, when both do not fit
            text = text.split(". ")[0] + "."
        y += ui.text_block(surface, text, area, "small", p.muted) + 4
    y = max(y + 8, header_bottom + 8)

    footer_h = 44
    ref = referential
    cols = len(ref.domains)
    col_w = (width - 2 * MARGIN - GAP * (cols - 1)) // cols
    for col, domain in enumerate(ref.domains):
        x = MARGIN + col * (col_w + GAP)
        head = fonts.render(tr(domain.name, lang), ui.size("body"), p.text, True)
        draw_shape(surface, domain.shape, (x + 14, y + head.get_height() // 2), 12, p.text, p.text, 0)
        surface.blit(head, (x + 36, y))
        top = y + head.get_height() + 8
        ids = domain.competence_ids
        card_h = (height - footer_h - top - 12 * (len(ids) - 1)) // max(1, len(ids))
        for row, cid in enumerate(ids):
            rect = pygame.Rect(x, top + row * (card_h + 12), col_w, card_h)
            picked = [m for m in ("before", "after") if cid in (strengths or {}).get(m, ("", ()))[1]]
            _card(surface, ui, texts, lang, ref, ref.competence(cid), skill_map.status(cid), domain.shape, rect, picked)

    foot = fonts.render(texts["footer"], ui.size("small"), p.muted)
    surface.blit(foot, (MARGIN, height - footer_h + (footer_h - foot.get_height()) // 2))
    if strengths:  # the stars' legend, between the footer and the brand: as much of it as fits
        brand_w = fonts.render("DIVA", ui.size("small"), p.muted, True).get_width()
        _stars_legend(surface, ui, texts, lang, strengths, MARGIN + foot.get_width() + 36, width - MARGIN - brand_w - 24,
                      height - footer_h // 2)
    brand = fonts.render("DIVA", ui.size("small"), p.muted, True)
    surface.blit(brand, (width - MARGIN - brand.get_width(), height - footer_h + (footer_h - brand.get_height()) // 2))
    return _save_atomic(surface, Path(out_path))


def _stars_legend(surface, ui: Ui, texts: dict, lang: str, strengths: Mapping, left: int, right: int, cy: int) -> None:
    """"What I say I am good at: ☆ at the start (day) ★ at the end (day)", shortened until it fits."""
    p, fonts = ui.palette, ui.fonts
    colon = " :" if lang == "fr" else ":"
    for with_title, with_days in ((True, True), (True, False), (False, False)):
        parts = [fonts.render(texts["strengths_title"] + colon, ui.size("small"), p.muted, True)] if with_title else []
        labels = []
        for moment in ("before", "after"):
            day = strengths.get(moment, ("", ()))[0]
            labels.append(fonts.render(texts[f"strengths_{moment}"] + (f" ({day})" if day and with_days else ""),
                                       ui.size("small"), p.muted))
        needed = sum(x.get_width() + 14 for x in parts) + sum(2 * STAR_R + 8 + x.get_width() + 24 for x in labels)
        if left + needed <= right or not with_title:
            break
    x = left
    for part in parts:
        surface.blit(part, (x, cy - part.get_height() // 2))
        x += part.get_width() + 14
    for moment, label in zip(("before", "after"), labels):
        _star(surface, (x + STAR_R, cy), STAR_R, p.text, filled=moment == "after")
        surface.blit(label, (x + 2 * STAR_R + 8, cy - label.get_height() // 2))
        x += 2 * STAR_R + 8 + label.get_width() + 24


def _star(surface, centre: tuple[int, int], r: int, colour, filled: bool) -> None:
    """A five-pointed star, outlined or filled: told apart by its shape, not by its colour."""
    x, y = centre
    points = [(x + (r if i % 2 == 0 else r * 0.45) * math.cos(-math.pi / 2 + i * math.pi / 5),
               y + (r if i % 2 == 0 else r * 0.45) * math.sin(-math.pi / 2 + i * math.pi / 5)) for i in range(10)]
    pygame.draw.polygon(surface, colour, points, 0 if filled else 2)


def _claim_qr(surface, ui: Ui, url: str, caption: str) -> tuple[int, int]:
    """The claim QR code at the top right (export.qr's modules, black on white, its quiet zone included) and
    its caption to its left; returns (the x the header's text must stop at, the QR code's bottom)."""
    modules = qr_matrix(url)
    box = max(2, math.ceil(QR_PX / len(modules)))
    side = box * len(modules)
    left, top = SIZE[0] - MARGIN - side, 14
    surface.fill((255, 255, 255), pygame.Rect(left, top, side, side))
    for row, line in enumerate(modules):
        for col, dark in enumerate(line):
            if dark:
                surface.fill((0, 0, 0), pygame.Rect(left + col * box, top + row * box, box, box))
    width = 320
    y = top + 8
    for i, line in enumerate(caption.splitlines()[:2]):  # right-aligned against the code, the link under the words
        rendered = ui.fonts.render(line, ui.size("small"), ui.palette.text if i == 0 else ui.palette.muted, i == 0)
        if rendered.get_width() > width:
            rendered = ui.fonts.render(line, ui.size("small") * 3 // 4, ui.palette.muted)
        surface.blit(rendered, (left - 14 - rendered.get_width(), y))
        y += rendered.get_height() + 4
    return left - 14 - width, top + side


def _card(surface, ui: Ui, texts: dict, lang: str, ref, c, status, shape: str, r: pygame.Rect,
          picked: Sequence[str] = ()) -> None:
    p = ui.palette
    shown = status.level > 0
    pygame.draw.rect(surface, p.panel if shown else p.background, r, border_radius=12)
    pygame.draw.rect(surface, p.border, r, width=3 if shown else 1, border_radius=12)
    ink = p.text if shown else p.muted
    icon = ui.icons.get(c.icon, 40, p.accent if shown else p.muted)
    if icon:
        surface.blit(icon, (r.left + 12, r.top + 12))
    stars = 0
    for i, moment in enumerate(("before", "after")):  # what the player said they are good at, in the corner
        if moment in picked:
            _star(surface, (r.right - 14 - STAR_R - (1 - i) * (2 * STAR_R + 6), r.top + 14 + STAR_R), STAR_R, p.text,
                  filled=moment == "after")
            stars = 2 * (2 * STAR_R + 6)
    name_rect = pygame.Rect(r.left + 64, r.top + 10, r.width - 76 - stars, ui.fonts.line_height(ui.size("body")) * 2)
    used = ui.text_block(surface, tr(c.name, lang), name_rect, "body", ink, bold=True)
    # level: shapes, number, level name ("step" for RP1/RP2, which are not graded by autonomy)
    mark_y = r.bottom - 24
    mark_size = 22
    ui.level_mark(surface, (r.left + 12 + (mark_size + 8) * ref.max_level // 2, mark_y), status.level, ref.max_level,
                  shape, mark_size)
    number = f"{status.level}/{ref.max_level}"
    if not shown:
        label = f"{number} · {texts['not_shown']}"
    elif c.graded:
        label = f"{number} · {tr(ref.level_name(status.level).name, lang)}"
    else:  # RP1/RP2: steps of reflection, not levels of autonomy, said in plain words
        label = f"{number} · {step_words(texts, status.level)}"
    num = ui.fonts.render(label, ui.size("small"), ink, shown)
    surface.blit(num, (r.left + 24 + (mark_size + 8) * ref.max_level, mark_y - num.get_height() // 2))
    if shown:  # the first-person sentence of the level reached, smaller if it would be cut
        top = r.top + 10 + max(used, ui.fonts.line_height(ui.size("body")))
        desc = pygame.Rect(r.left + 64, top, r.width - 76, mark_y - mark_size // 2 - 6 - top)
        text = tr(c.level(status.level).descriptor, lang)
        for small in (ui, Ui(ui.fonts, ui.icons, p, scale=ui.scale * 0.85)):
            if small.text_height(text, desc.width, "small") <= desc.height + 2:
                break
        small.text_block(surface, text, desc, "small", p.muted)


def _save_atomic(surface: pygame.Surface, path: Path) -> Path:
    return write_atomic(path, png_bytes(surface))


def write_portfolio(services, player: Player, out_dir: Path, lang: str | None = None,
                    day: _dt.date | None = None) -> list[Path]:
    """Write the player's PNG map and PDF portfolio into out_dir; returns [png, pdf]."""
    ref = services.referential
    store = services.store
    lang = lang or services.i18n.lang
    skill_map = services.skill_map(player)
    date = long_date(day or _dt.date.today(), lang)
    stem = file_stem(player, store.list_players())
    out_dir = Path(out_dir)
    titles = {s.id: dict(s.title) for s in services.library.scenarios}
    url, caption = claim_link(services, player, lang)
    claim_png = claim_qr_png(url, box_size=8) if url else None
    facts = portfolio_facts(store, services.library, player.id, lang, structure_name(services))
    pdf = build_portfolio_pdf(out_dir / f"{stem}-portfolio.pdf", player_name=player.display_name, lang=lang,
                              referential=ref, skill_map=skill_map, scenario_titles=titles, date=date,
                              texts=portfolio_texts(lang), typeset=typeset, cv_lines=services.cv_lines(),
                              claim_qr=claim_png, claim_caption=caption, **facts)
    png = render_skill_map_png(out_dir / f"{stem}-carte.png", player_name=player.display_name, lang=lang,
                               referential=ref, skill_map=skill_map, fonts=Fonts(), icons=Icons(),
                               palette=PALETTES["standard"], date=date, workshop=facts["workshop"],
                               strengths=facts["strengths"], claim_url=url, claim_caption=caption)
    if out_dir.resolve() == (services.data_dir / FOLDER).resolve():  # "forget me" finds them, whatever their name
        store.update_setting(PORTFOLIO_FILES, lambda old: sorted(set(old) | {png.name, pdf.name}), [], scope=player.id)
    return [png, pdf]


def structure_name(services) -> str:
    """The structure's name from the issuer settings ("" when none is set)."""
    try:
        return (services.issuer_settings().structure_name or "").strip()
    except Exception:  # unreadable settings must not stop a player leaving with their portfolio
        return ""


def claim_link(services, player: Player, lang: str) -> tuple[str, str]:
    """The URL the player's claim QR code holds (the issuer's claim URL once their latest badge request was
    accepted, else the offline one) and its caption; ("", "") when there is none."""
    items = [i for i in services.outbox_items() if i.player_id == player.id and i.status != "refused"]
    url = qr_url(items[-1], services.issuer_settings().url) if items else ""
    if not url:
        return "", ""
    caption = raw_text(lang, "portfolio.claim")
    if items[-1].claim_url and len(items[-1].claim_url) <= 48:  # a short link is printed too, to type
        caption += "\n" + items[-1].claim_url.split("://", 1)[-1]
    return url, caption


def claim_for(services, player: Player, lang: str) -> tuple[bytes | None, str]:
    """The claim QR code as a PNG (export.qr) and its caption, for the printed portfolio; (None, "") when
    there is none."""
    url, caption = claim_link(services, player, lang)
    return (claim_qr_png(url, box_size=8), caption) if url else (None, "")


def run_portfolio(args) -> int:
    """`diva portfolio`: write each chosen player's PNG and PDF, print their paths."""
    services = open_game("portfolio", args.data_dir, args.lang, headless=True)
    if services is None:
        return 1
    try:
        players = services.store.list_players()
        chosen = find_players(players, args.player) if args.player else players
        if not chosen:
            what = f"unknown player '{args.player}'" if args.player else "no player yet"
            print(f"portfolio: {what} in {services.data_dir}", file=sys.stderr)
            return 1
        out_dir = Path(args.out) if args.out else services.data_dir / FOLDER
        for player in chosen:
            try:
                paths = write_portfolio(services, player, out_dir, args.lang or player.lang)
            except OSError as exc:
                print(f"portfolio: cannot write into {out_dir}: {exc.strerror or exc}", file=sys.stderr)
                return 1
            for path in paths:
                print(path)
        return 0
    finally:
        services.close()
        pygame.quit()
