"""The skill map as a one-page PDF portfolio a player can print or add to a CV (no pygame).

`build_portfolio_pdf` lays out the 12 competences by domain on one A4 page: for each,
its name, its level shown three ways (the domain's shape filled, the number "2/4" and
the level name, "étape"/"step" for the non-graded RP1/RP2), the first-person descriptor
of the level reached, and why (the strongest played evidence, what was told and waits
for the counsellor, what the counsellor validated). Competences not shown yet are
written smaller and lighter. The referential and the skill map are read through their
attributes only (duck typing), like the rest of `export`: callers hand the data in.

The font is Atkinson Hyperlegible (OFL, assets/fonts), converted to TTF for fpdf2.
The file is written atomically.
"""
from __future__ import annotations

import io

import re
from pathlib import Path
from typing import Any, Callable, Mapping

from fpdf import FPDF

from export.files import write_atomic

FONT_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"
FONT_FILES = {"": "AtkinsonHyperlegible-Regular.ttf", "B": "AtkinsonHyperlegible-Bold.ttf"}
FAMILY = "Atkinson"

NBSP = "\u00a0"
Typeset = Callable[[str, str], str]

# The words of the page, given by the caller in its language (the game's catalogues, keys portfolio.*)
CLAIM_QR_MM = 28   # printed, a QR code of up to ~60 modules stays readable by a cheap phone
TEXT_KEYS = ("title", "level", "step", "not_shown", "played", "told", "cv", "waiting", "validated", "pending", "legend", "footer")

# Colours (RGB). Text pairs on white are at least 4.5:1 (WCAG AA), the light ones too.
INK = (27, 27, 31)
MUTED = (74, 74, 85)
LIGHT = (105, 105, 115)      # "not shown yet": lighter, still 5.3:1 on white
LIGHT_LINE = (170, 170, 178)  # outlines of empty marks on light rows (not text)

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X, MARGIN_TOP, FOOTER_H = 14.0, 12.0, 14.0
MARK_COL = 46.0               # width of the left column: marks and level
MAX_SCALE = 1.15              # text sizes below are at scale 1; a short map is drawn larger


def _pick(text: Mapping[str, str] | str | None, lang: str) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        text = text.get(lang) or text.get("fr") or next(iter(text.values()), "")
    return text


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


class _Layout:
    """Draws the page at a given scale; `fits` tells whether it stayed on one page."""

    def __init__(self, scale: float, lang: str, texts: Mapping[str, str], typeset: Typeset, why_lines: int = 2):
        self.s = scale
        self.typeset = typeset
        self.why_lines = why_lines
        self.lang = lang
        self.t = {**texts, "colon": self.tr("x: y")[1:-1]}  # the colon as the language sets it (French: a space before)
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        for style, name in FONT_FILES.items():
            pdf.add_font(FAMILY, style, FONT_DIR / name)
        pdf.add_page()
        self.pdf = pdf
        self.y = MARGIN_TOP
        self.bottom = PAGE_H - FOOTER_H - 4

    def tr(self, text: Mapping[str, str] | str | None) -> str:
        """The text in the page's language, typeset with the no-break space the font has (it lacks U+202F)."""
        return self.typeset(_pick(text, self.lang), self.lang).replace("\u202f", NBSP)

    def fits(self) -> bool:
        return self.y <= self.bottom and self.pdf.pages_count == 1

    # ---- text helpers

    def font(self, size: float, bold: bool = False, colour=INK) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size * self.s)
        self.pdf.set_text_color(*colour)

    def line_h(self, size: float) -> float:
        return size * self.s * 0.3528 * 1.28  # points to mm, with leading

    def lines(self, text: str, width: float, max_lines: int) -> list[str]:
        """Words wrapped to `width`; past `max_lines`, the last line ends with an ellipsis."""
        pdf = self.pdf
        out: list[str] = []
        line = ""
        for word in re.split(r"[ \t\r\n]+", text.strip()):  # no-break spaces stay inside their word
            if not word:
                continue
            candidate = f"{line} {word}" if line else word
            if pdf.get_string_width(candidate) <= width:
                line = candidate
                continue
            if line:
                out.append(line)
            line = word
            while pdf.get_string_width(line) > width and len(line) > 1:  # one word wider than the box
                cut = len(line)
                while cut > 1 and pdf.get_string_width(line[:cut]) > width:
                    cut -= 1
                out.append(line[:cut])
                line = line[cut:]
        if line:
            out.append(line)
        if len(out) > max_lines:
            out = out[:max_lines]
            last = out[-1]
            while last and pdf.get_string_width(last + "…") > width:
                last = last[:-1].rstrip()
            out[-1] = last.rstrip(" ,;:.") + "…"
        return out

    def write_lines(self, x: float, y: float, lines: list[str], size: float) -> float:
        h = self.line_h(size)
        for i, line in enumerate(lines):
            self.pdf.set_xy(x, y + i * h)
            self.pdf.cell(0, h, line)
        return y + len(lines) * h

    # ---- marks

    def shape(self, shape: str, cx: float, cy: float, r: float, filled: bool, colour, line=None) -> None:
        pdf = self.pdf
        pdf.set_draw_color(*(line or colour))
        pdf.set_fill_color(*(colour if filled else (255, 255, 255)))
        pdf.set_line_width(0.35 * self.s)
        style = "DF"
        if shape == "circle":
            pdf.circle(cx, cy, r, style=style)
        elif shape == "triangle":
            pdf.polygon([(cx, cy - r * 1.05), (cx + r * 1.1, cy + r * 0.85), (cx - r * 1.1, cy + r * 0.85)], style=style)
        else:
            pdf.rect(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8, style=style)

    def marks(self, x: float, cy: float, level: int, max_level: int, shape: str, colour, r: float, line=None) -> float:
        """`level` filled shapes out of `max_level`; returns the x after them."""
        step = r * 2.6
        for i in range(max_level):
            self.shape(shape, x + r + i * step, cy, r, i < level, colour, line)
        return x + max_level * step


def build_portfolio_pdf(out_path, *, player_name: str, lang: str, referential: Any, skill_map: Any,
                        scenario_titles: dict[str, dict], date: str, texts: Mapping[str, str], typeset: Typeset,
                        cv_lines: Any = None, claim_qr: bytes | None = None, claim_caption: str = "") -> Path:
    """Write the player's one-page skill map portfolio to `out_path` (atomically); returns the path.
    `cv_lines` (referential.cv.CvLines) adds a suggested CV line under each competence shown;
    `texts` holds the page's words (TEXT_KEYS) and `typeset(text, lang)` is the game's typesetting, both
    in `lang` (export imports nothing from the game). `claim_qr` (a QR code PNG) is printed at the top
    right, `claim_caption` under it: the learner's claim link, to scan from the paper."""
    missing = [k for k in TEXT_KEYS if k not in texts]
    if missing:
        raise ValueError(f"portfolio texts missing: {', '.join(missing)}")
    player_name = typeset(player_name, lang).replace("\u202f", NBSP)

    def draw(scale: float, why_lines: int) -> _Layout:
        layout = _Layout(scale, lang, texts, typeset, why_lines)
        layout.cv_lines = cv_lines
        layout.claim = (claim_qr, claim_caption) if claim_qr else None
        _draw(layout, player_name, referential, skill_map, scenario_titles, date)
        return layout

    layout = _largest_that_fits(draw)
    _footer(layout)
    pdf = layout.pdf
    pdf.set_title(f"{texts['title']} — {player_name}")
    pdf.set_author(player_name)
    pdf.set_creator("DIVA")
    pdf.set_lang(lang)
    return write_atomic(Path(out_path), bytes(pdf.output()))


def _largest_that_fits(draw) -> "_Layout":
    """The page drawn as large as one A4 page allows: the reasons on up to 2 lines each down to
    a scale of 0.85, then on 1 line (cut with "…") down to 0.5."""
    for why_lines, low in ((2, 0.85), (1, 0.5)):
        best = draw(low, why_lines)
        if not best.fits():
            continue
        top = draw(MAX_SCALE, why_lines)
        if top.fits():
            return top
        lo, hi = low, MAX_SCALE
        for _ in range(6):  # the height grows with the scale (nearly always: wrapping may jump)
            mid = (lo + hi) / 2
            layout = draw(mid, why_lines)
            if layout.fits():
                lo, best = mid, layout
            else:
                hi = mid
        return best
    return best  # more than a page even at the smallest scale: cut at the bottom, never a second page


def _draw(L: _Layout, player_name: str, ref: Any, skill_map: Any, titles: dict[str, dict], date: str) -> None:
    pdf, t, s = L.pdf, L.t, L.s
    width = PAGE_W - 2 * MARGIN_X
    top = L.y
    claim = getattr(L, "claim", None)
    if claim:  # the claim QR code at the top right, the header's text beside it
        png, caption = claim
        pdf.image(io.BytesIO(png), x=PAGE_W - MARGIN_X - CLAIM_QR_MM, y=top, w=CLAIM_QR_MM, h=CLAIM_QR_MM)
        pdf.set_font(FAMILY, "", 7)
        pdf.set_text_color(*MUTED)
        for i, line in enumerate(caption.splitlines()[:2]):
            pdf.set_xy(PAGE_W - MARGIN_X - CLAIM_QR_MM - 10, top + CLAIM_QR_MM + i * 3)
            pdf.cell(CLAIM_QR_MM + 10, 3, line, align="R")
        width -= CLAIM_QR_MM + 4
    # title, then name and date
    L.font(24, True)
    pdf.set_xy(MARGIN_X, L.y)
    pdf.cell(width, L.line_h(24), t["title"])
    L.y += L.line_h(24)
    L.font(15, True)
    name_w = pdf.get_string_width(player_name)
    pdf.set_xy(MARGIN_X, L.y)
    pdf.cell(name_w + 1, L.line_h(15), player_name)
    L.font(12, False, MUTED)
    pdf.set_xy(MARGIN_X + name_w + 4, L.y + L.line_h(15) - L.line_h(12) - 0.2)
    pdf.cell(0, L.line_h(12), "·  " + date)
    L.y += L.line_h(15) + 1
    names = ", ".join(f"{ln.number} {L.tr(ln.name)}" for ln in ref.level_names)
    L.font(9.5, False, MUTED)
    L.y = L.write_lines(MARGIN_X, L.y, L.lines(L.tr(t["legend"].format(names=names)), width, 2), 9.5) + 1
    if claim:
        L.y = max(L.y, top + CLAIM_QR_MM + 3 * len(claim[1].splitlines()[:2]) + 1)
        width = PAGE_W - 2 * MARGIN_X
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.line(MARGIN_X, L.y, PAGE_W - MARGIN_X, L.y)
    L.y += 3 * s

    for domain in ref.domains:
        colour = _rgb(domain.colour)
        # domain heading: its shape, its name, a rule in its colour
        L.y += 1.5 * s
        h = L.line_h(14)
        L.shape(domain.shape, MARGIN_X + 2.6 * s, L.y + h / 2, 2.4 * s, True, colour)
        L.font(14, True, colour)
        pdf.set_xy(MARGIN_X + 7 * s, L.y)
        pdf.cell(0, h, L.tr(domain.name))
        L.y += h
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.5 * s)
        pdf.line(MARGIN_X, L.y, PAGE_W - MARGIN_X, L.y)
        L.y += 2 * s
        for cid in domain.competence_ids:
            _competence(L, ref, ref.competence(cid), skill_map.status(cid), domain, colour, titles)


def _why(L: _Layout, status: Any, titles: dict[str, dict]) -> list[str]:
    """Short reasons, one per source: played (strongest), validated, told and waiting."""
    t, colon = L.t, L.t["colon"]
    out = []
    played = status.supporting()
    if played and status.level:
        e = played[0]
        title = L.tr(titles.get(e.scenario_id)) or e.scenario_id
        out.append(f"{t['played']} ({title}){colon}{L.tr(e.why)}")
    if status.validated:
        v = max(status.validations, key=lambda x: x.level)
        comment = L.tr((v.comment or "").strip())
        label = f"{t['validated']} ({t['level'].lower()} {v.level})"
        out.append(f"{label}{colon}{comment}" if comment else label + ".")
    if status.declared and status.declared > status.validated:
        e = max(status.declared_evidence, key=lambda x: x.level)
        told = L.tr(e.why)
        # the status first, so a cut line keeps it; the game's wording already says "Tu as raconté"
        if t["told"].casefold() not in told.casefold():
            told = f"{t['told']}{colon}{told}"
        out.append(f"{t['waiting']} — {told}")
    elif status.pending:
        out.append(L.tr(t["pending"].format(n=status.pending)))
    cv_lines = getattr(L, "cv_lines", None)
    if cv_lines and status.level:
        out.append(f"{t['cv']}{colon}{L.tr(cv_lines.line(status.competence, status.level, L.lang))}")
    return out


def _competence(L: _Layout, ref: Any, c: Any, status: Any, domain: Any, colour, titles: dict[str, dict]) -> None:
    pdf, t, s = L.pdf, L.t, L.s
    max_level = ref.max_level
    text_x = MARGIN_X + MARK_COL * s
    text_w = PAGE_W - MARGIN_X - text_x
    name = L.tr(c.name)
    word = t["level"] if c.graded else t["step"]
    top = L.y
    if not status.level:
        # not shown yet: smaller, lighter, on one line (plus what was told, if any)
        h = L.line_h(10)
        L.marks(MARGIN_X + 1, top + h / 2, 0, max_level, domain.shape, LIGHT_LINE, 1.5 * s)
        L.font(10, True, LIGHT)
        pdf.set_xy(text_x, top)
        pdf.cell(pdf.get_string_width(name) + 1, h, name)
        L.font(9, False, LIGHT)
        pdf.cell(0, h, "— " + t["not_shown"])
        y = top + h
        why = _why(L, status, titles)
        if why:
            L.font(8.5, False, LIGHT)
            y = L.write_lines(text_x, y, L.lines(why[0], text_w, 1), 8.5)
        L.y = y + 1.4 * s
        return
    # left: the marks, then "Niveau 2/4" and the level name
    h_name = L.line_h(12)
    after = L.marks(MARGIN_X + 1, top + h_name / 2, status.level, max_level, domain.shape, colour, 2.0 * s)
    L.font(10.5, True)
    pdf.set_xy(after + 0.5, top)
    pdf.cell(0, h_name, f"{status.level}/{max_level}")
    y_left = top + h_name
    label = f"{word} {status.level}"
    if c.graded:  # RP1/RP2 are steps of reflection, not graded by autonomy: no level name
        label += t["colon"] + L.tr(ref.level_name(status.level).name)
    L.font(9, True, MUTED)
    y_left = L.write_lines(MARGIN_X, y_left, L.lines(label, MARK_COL * s - 3, 2), 9)
    # right: name, descriptor, why
    L.font(12, True)
    pdf.set_xy(text_x, top)
    pdf.cell(text_w, h_name, name)
    y = top + h_name
    L.font(10, False)
    y = L.write_lines(text_x, y, L.lines(L.tr(c.level(status.level).descriptor), text_w, 2), 10)
    L.font(8.5, False, MUTED)
    for reason in _why(L, status, titles)[:3]:
        y = L.write_lines(text_x, y, L.lines(reason, text_w, L.why_lines), 8.5)
    L.y = max(y, y_left) + 2.4 * s


def _footer(L: _Layout) -> None:
    pdf = L.pdf
    y = PAGE_H - FOOTER_H
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.line(MARGIN_X, y, PAGE_W - MARGIN_X, y)
    pdf.set_font(FAMILY, "", 9)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(MARGIN_X, y + 1.5)
    pdf.cell(PAGE_W - 2 * MARGIN_X - 20, 5, L.t["footer"])
    pdf.set_font(FAMILY, "B", 9)
    pdf.set_xy(PAGE_W - MARGIN_X - 20, y + 1.5)
    pdf.cell(20, 5, "DIVA", align="R")
