"""The skill map as a PDF portfolio a player can print, show a recruiter or add to a CV (no pygame).

`build_portfolio_pdf` lays out the 12 competences by domain on one A4 page when they fit at a
readable size, else on as many pages as they need (never cut). For each competence: its name,
its level shown three ways (the domain's shape filled, the number "2/4" and the level name; the
non-graded RP1/RP2 as steps in plain words, "Deuxième étape franchie"), the first-person
descriptor of the level reached, and where it was seen: in how many situations played in a
workshop (named as such, never quoted as real life), a level seen once only, who validated it,
what the player told of their own life (to be confirmed), and a CV line a recruiter can read.
The game's own feedback ("why", written to the player as "tu", sometimes a correction) is never
printed. Competences not shown yet are written smaller and lighter. The referential and the
skill map are read through their attributes only (duck typing), like the rest of `export`:
callers hand the data in.

The font is Atkinson Hyperlegible (OFL, assets/fonts), converted to TTF for fpdf2.
The file is written atomically.
"""
from __future__ import annotations

import io

import re
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from fpdf import FPDF

from export.files import write_atomic

FONT_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"
FONT_FILES = {"": "AtkinsonHyperlegible-Regular.ttf", "B": "AtkinsonHyperlegible-Bold.ttf"}
FAMILY = "Atkinson"

NBSP = "\u00a0"
Typeset = Callable[[str, str], str]

CLAIM_QR_MM = 28   # printed, a QR code of up to ~60 modules stays readable by a cheap phone
# The words of the page, given by the caller in its language (the game's catalogues, keys portfolio.*)
TEXT_KEYS = ("title", "level", "step_1", "step_2", "step_3", "step_4", "not_shown", "played_once", "played_one", "played_many", "more_one", "more",
             "seen_once", "told", "told_anon", "cv", "cv_level", "observed", "observed_at", "validated_by", "validated", "validated_anon",
             "pending", "legend", "footer", "page", "strengths_title", "strengths_help", "strengths_before",
             "strengths_after", "strengths_none", "strengths_not_yet", "strengths_new")
MOMENTS = ("before", "after")  # "what I am good at": at the first session, at the end (game.core.model.BEFORE/AFTER)

# Colours (RGB). Text pairs on white are at least 4.5:1 (WCAG AA), the light ones too.
INK = (27, 27, 31)
MUTED = (74, 74, 85)
LIGHT = (105, 105, 115)      # "not shown yet": lighter, still 5.3:1 on white
LIGHT_LINE = (170, 170, 178)  # outlines of empty marks on light rows (not text)

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X, MARGIN_TOP, FOOTER_H = 14.0, 12.0, 14.0
MARK_COL = 46.0               # width of the left column: marks and level
MAX_SCALE = 1.15              # text sizes below are at scale 1; a short map is drawn larger
ONE_PAGE_SCALE = 0.9          # the smallest scale for keeping everything on one page
PAGES_SCALES = (1.0, 0.95, ONE_PAGE_SCALE)  # past that, more pages: the largest size needing the fewest pages
MAX_TITLES = 2                # situations named after "played in", the rest counted


def _pick(text: Mapping[str, str] | str | None, lang: str) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        text = text.get(lang) or text.get("fr") or next(iter(text.values()), "")
    return text


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def step_words(texts: Mapping[str, str], number: int) -> str:
    """A step of RP1/RP2 in plain words ("Deuxième étape franchie"), never "Étape 2"."""
    return texts.get(f"step_{number}") or texts["step_4"]


class _Layout:
    """Draws the page at a given scale; `fits` tells whether it stayed on one page."""

    def __init__(self, scale: float, lang: str, texts: Mapping[str, str], typeset: Typeset, paged: bool = False,
                 facts: Mapping[str, Any] | None = None):
        self.s = scale
        self.typeset = typeset
        self.lang = lang
        self.paged = paged            # go on to a new page when a block does not fit (else: one page, checked by fits)
        self.facts = dict(facts or {})
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
        self._scratch: _Layout | None = None

    def measure(self, draw: Callable[["_Layout"], None]) -> float:
        """The height `draw` takes, drawn on a scratch page of the same scale (nothing lands on this one)."""
        if self._scratch is None:
            self._scratch = _Layout(self.s, self.lang, self.t, self.typeset, facts=self.facts)
        scratch = self._scratch
        scratch.y = MARGIN_TOP
        draw(scratch)
        return scratch.y - MARGIN_TOP

    def room_for(self, height: float) -> None:
        """On a paged portfolio, a new page when `height` does not fit under what is drawn (never on an empty page)."""
        if self.paged and self.y + height > self.bottom and self.y > MARGIN_TOP + 1:
            self.pdf.add_page()
            self.y = MARGIN_TOP

    def tr(self, text: Mapping[str, str] | str | None) -> str:
        """The text in the page's language, typeset with the no-break space the font has (it lacks U+202F)."""
        return self.typeset(_pick(text, self.lang), self.lang).replace("\u202f", NBSP)

    def fits(self) -> bool:
        return self.paged or (self.y <= self.bottom and self.pdf.pages_count == 1)

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
                        cv_lines: Any = None, claim_qr: bytes | None = None, claim_caption: str = "",
                        workshop: str = "", told: Mapping[str, str] | None = None,
                        validated_by: Mapping[str, str] | None = None, structure: str = "",
                        strengths: Mapping[str, tuple[str, Sequence[str]]] | None = None) -> Path:
    """Write the player's skill map portfolio to `out_path` (atomically); returns the path.

    `texts` holds the page's words (TEXT_KEYS) and `typeset(text, lang)` is the game's typesetting, both
    in `lang` (export imports nothing from the game). `workshop` says under the name where and when the
    situations were played; `told` gives, per declared evidence id, what the player told of their life in
    plain words; `validated_by`, per validation id, who validated it (name, structure, date); `structure`, the
    structure that ran the workshop (in the CV lines: "observed in a DIVA workshop (structure)"); `strengths`,
    what the player said they are good at, {"before"|"after": (day in words, competence ids)}, printed side
    by side after the map. `cv_lines`
    (referential.cv.CvLines) adds a CV line under each competence shown. `claim_qr` (a QR code PNG) is
    printed at the top right, `claim_caption` under it: the learner's claim link, to scan from the paper."""
    missing = [k for k in TEXT_KEYS if k not in texts]
    if missing:
        raise ValueError(f"portfolio texts missing: {', '.join(missing)}")
    player_name = typeset(player_name, lang).replace("\u202f", NBSP)
    facts = {"cv_lines": cv_lines, "claim": (claim_qr, claim_caption) if claim_qr else None, "workshop": workshop,
             "told": dict(told or {}), "validated_by": dict(validated_by or {}), "titles": scenario_titles,
             "structure": structure, "strengths": dict(strengths or {})}

    def draw(scale: float, paged: bool = False) -> _Layout:
        layout = _Layout(scale, lang, texts, typeset, paged, facts)
        _draw(layout, player_name, referential, skill_map, date)
        return layout

    layout = _largest_that_fits(draw)
    _footers(layout)
    pdf = layout.pdf
    pdf.set_title(f"{texts['title']} — {player_name}")
    pdf.set_author(player_name)
    pdf.set_creator("DIVA")
    pdf.set_lang(lang)
    return write_atomic(Path(out_path), bytes(pdf.output()))


def _largest_that_fits(draw) -> "_Layout":
    """One A4 page drawn as large as it allows, down to ONE_PAGE_SCALE; past that, more pages, at the largest
    of PAGES_SCALES that needs the fewest (a portfolio a recruiter reads, never text shrunk to fit)."""
    best = draw(ONE_PAGE_SCALE)
    if not best.fits():
        paged = [draw(scale, paged=True) for scale in PAGES_SCALES]
        return min(paged, key=lambda layout: layout.pdf.pages_count)  # the first (largest) of the fewest
    top = draw(MAX_SCALE)
    if top.fits():
        return top
    lo, hi = ONE_PAGE_SCALE, MAX_SCALE
    for _ in range(5):  # the height grows with the scale (nearly always: wrapping may jump)
        mid = (lo + hi) / 2
        layout = draw(mid)
        if layout.fits():
            lo, best = mid, layout
        else:
            hi = mid
    return best


def _draw(L: _Layout, player_name: str, ref: Any, skill_map: Any, date: str) -> None:
    pdf, t, s = L.pdf, L.t, L.s
    width = PAGE_W - 2 * MARGIN_X
    top = L.y
    claim = L.facts.get("claim")
    if claim:  # the claim QR code at the top right, the header's text beside it
        png, caption = claim
        pdf.image(io.BytesIO(png), x=PAGE_W - MARGIN_X - CLAIM_QR_MM, y=top, w=CLAIM_QR_MM, h=CLAIM_QR_MM)
        pdf.set_font(FAMILY, "", 7)
        pdf.set_text_color(*MUTED)
        lines = caption.splitlines()[:2]
        wide = max([CLAIM_QR_MM] + [pdf.get_string_width(line) for line in lines])
        for i, line in enumerate(lines):
            pdf.set_xy(PAGE_W - MARGIN_X - wide, top + CLAIM_QR_MM + i * 3)
            pdf.cell(wide, 3, line, align="R")
        width -= wide + 5  # the header's text stays clear of the code and of its caption
    # title, then name and date, where the situations were played, the legend
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
    if L.facts.get("workshop"):
        L.font(10, True, INK)
        L.y = L.write_lines(MARGIN_X, L.y, L.lines(L.tr(L.facts["workshop"]), width, 3), 10) + 0.5
    names = ", ".join(f"{ln.number} {L.tr(ln.name)}" for ln in ref.level_names)
    steps = ", ".join(L.tr(c.name) for c in ref.competences if not c.graded)
    L.font(9.5, False, MUTED)
    L.y = L.write_lines(MARGIN_X, L.y, L.lines(L.tr(t["legend"].format(names=names, steps=steps)), width, 3), 9.5) + 1
    if claim:
        L.y = max(L.y, top + CLAIM_QR_MM + 3 * len(claim[1].splitlines()[:2]) + 1)
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.line(MARGIN_X, L.y, PAGE_W - MARGIN_X, L.y)
    L.y += 3 * s

    for domain in ref.domains:
        colour = _rgb(domain.colour)
        for i, cid in enumerate(domain.competence_ids):
            block = lambda M, cid=cid: _competence(M, ref, ref.competence(cid), skill_map.status(cid), domain, colour)
            if i == 0:  # a domain's heading stays with its first competence
                L.room_for(L.measure(lambda M: (_heading(M, domain, colour), block(M))))
                _heading(L, domain, colour)
            else:
                L.room_for(L.measure(block))
            block(L)
    if L.facts["strengths"]:
        L.room_for(L.measure(lambda M: _strengths(M, ref)))
        _strengths(L, ref)


def _strengths(L: _Layout, ref: Any) -> None:
    """What the player said they are good at, at the first session and at the end, side by side; the
    cards picked at the end and not at first are marked "new"."""
    pdf, t, s = L.pdf, L.t, L.s
    said = L.facts["strengths"]
    L.y += 2.5 * s
    h = L.line_h(14)
    L.font(14, True)
    pdf.set_xy(MARGIN_X, L.y)
    pdf.cell(0, h, t["strengths_title"])
    L.y += h
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.5 * s)
    pdf.line(MARGIN_X, L.y, PAGE_W - MARGIN_X, L.y)
    L.y += 1.5 * s
    width = PAGE_W - 2 * MARGIN_X
    L.font(9.5, False, MUTED)
    L.y = L.write_lines(MARGIN_X, L.y, L.lines(L.tr(t["strengths_help"]), width, 2), 9.5) + 1.5 * s
    gap = 8.0
    col_w = (width - gap) / 2
    first = set(said["before"][1]) if "before" in said else None
    bottom = L.y
    for i, moment in enumerate(MOMENTS):
        x, y = MARGIN_X + i * (col_w + gap), L.y
        day, ids = said.get(moment, ("", ()))
        head = f"{t[f'strengths_{moment}']} — {day}" if day else t[f"strengths_{moment}"]
        L.font(10.5, True)
        y = L.write_lines(x, y, L.lines(L.tr(head), col_w, 2), 10.5)
        if moment not in said or not ids:
            L.font(10, False, LIGHT)
            y = L.write_lines(x, y, L.lines(L.tr(t["strengths_not_yet" if moment not in said else "strengths_none"]), col_w, 2), 10)
        for cid in ids:
            if not ref.has(cid):
                continue
            name = "•  " + L.tr(ref.competence(cid).name)
            L.font(10, False)
            lines = L.lines(name, col_w - 18, 2)
            end = L.write_lines(x, y, lines, 10)
            if moment == "after" and first is not None and cid not in first:
                after_text = x + pdf.get_string_width(lines[-1]) + 2
                L.font(8.5, True, MUTED)
                pdf.set_xy(after_text, end - L.line_h(10))
                pdf.cell(18, L.line_h(10), t["strengths_new"])
            y = end
        bottom = max(bottom, y)
    L.y = bottom + 2 * s


def _heading(L: _Layout, domain: Any, colour) -> None:
    """A domain's heading: its shape, its name, a rule in its colour."""
    pdf, s = L.pdf, L.s
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


def _level_words(L: _Layout, ref: Any, c: Any, level: int) -> str:
    """The level reached said in words: "Niveau 3 : Je sais faire", or a step: "Troisième étape franchie"."""
    if not c.graded:  # RP1/RP2 are steps of reflection, not graded by autonomy: no level name
        return step_words(L.t, level)
    return f"{L.t['level']} {level}{L.t['colon']}{L.tr(ref.level_name(level).name)}"


def _lower_first(text: str) -> str:
    """"Je sais faire" -> "je sais faire" inside a sentence (the English pronoun "I" stays as it is)."""
    return text if re.match(r"I\b", text) else text[:1].lower() + text[1:]


def _level_short(L: _Layout, ref: Any, c: Any, level: int) -> str:
    """The level inside a sentence: "niveau 3 sur 4, je sais faire", or "troisième étape franchie"."""
    if not c.graded:
        return _lower_first(step_words(L.t, level))
    return L.t["cv_level"].format(n=level, total=ref.max_level, name=_lower_first(L.tr(ref.level_name(level).name)))


def _played(L: _Layout, status: Any) -> str:
    """In how many situations played in a workshop the level was shown, and which: never what the game
    told the player there (its feedback is written to them, and may be a correction)."""
    carrying = min(status.level, max(status.counted, 1)) if status.level else 0
    situations: dict[tuple[str, str], str] = {}
    for e in status.supporting():
        if carrying and e.level >= carrying:
            situations.setdefault((e.scenario_id, e.step_id), e.scenario_id)
    if not situations:
        return ""
    titles = []
    for scenario_id in dict.fromkeys(situations.values()):
        title = L.tr(L.facts["titles"].get(scenario_id)) or scenario_id
        titles.append(L.tr(f"« {title} »") if L.lang == "fr" else f"“{title}”")
    shown = ", ".join(titles[:MAX_TITLES])
    if len(titles) > MAX_TITLES:
        more = len(titles) - MAX_TITLES
        shown += " " + L.t["more_one" if more == 1 else "more"].format(n=more)
    n = len(titles)
    key = "played_many" if n > 1 else "played_one" if len(situations) > 1 else "played_once"
    return L.tr(L.t[key].format(n=n, times=len(situations), titles=shown))


def _validator(L: _Layout, v: Any) -> str:
    return L.tr(L.facts["validated_by"].get(getattr(v, "id", ""), "") or (v.counsellor or "").strip())


def _why(L: _Layout, ref: Any, c: Any, status: Any) -> list[str]:
    """Where the level was seen, one line per source: played in a workshop, seen once, validated, told."""
    t, colon = L.t, L.t["colon"]
    out = []
    played = _played(L, status)
    if played:
        out.append(played)
    if status.seen_once:
        out.append(L.tr(t["seen_once"].format(level=_level_short(L, ref, c, status.seen_once))))
    if status.validated:
        v = max(status.validations, key=lambda x: x.level)
        who = _validator(L, v)
        level = _level_short(L, ref, c, v.level)
        label = L.tr(t["validated"].format(who=who, level=level) if who else t["validated_anon"].format(level=level))
        comment = L.tr((v.comment or "").strip())
        out.append(f"{label}{colon}{L.tr(f'« {comment} »') if L.lang == 'fr' else f'“{comment}”'}" if comment else label + ".")
    if status.declared and status.declared > status.validated:
        e = max(status.declared_evidence, key=lambda x: x.level)
        what = L.facts["told"].get(e.id, "")
        out.append(L.tr(t["told"].format(what=what) if what else t["told_anon"]))
    elif status.pending and not status.seen_once:
        out.append(L.tr(t["pending"].format(n=status.pending)))
    cv_lines = L.facts.get("cv_lines")
    if cv_lines and status.level:
        out.append(f"{t['cv']}{colon}{_cv_line(L, ref, c, status, cv_lines)}")
    return out


def _cv_line(L: _Layout, ref: Any, c: Any, status: Any, cv_lines: Any) -> str:
    """The CV line a recruiter reads: what the person can do, the level in words, where it was observed."""
    t = L.t
    level = _level_short(L, ref, c, status.level)
    structure = L.facts.get("structure", "")
    observed = t["observed_at"].format(structure=structure) if structure else t["observed"]
    if status.validated >= status.level:
        v = max(status.validations, key=lambda x: x.level)
        who = L.tr((v.counsellor or "").strip()) or _validator(L, v)
        if who:
            observed += ", " + t["validated_by"].format(who=who)
    return L.tr(cv_lines.recruiter_line(status.competence, status.level, L.lang, level_words=level, observed=observed))


def _competence(L: _Layout, ref: Any, c: Any, status: Any, domain: Any, colour) -> None:
    pdf, t, s = L.pdf, L.t, L.s
    max_level = ref.max_level
    text_x = MARGIN_X + MARK_COL * s
    text_w = PAGE_W - MARGIN_X - text_x
    name = L.tr(c.name)
    top = L.y
    if not status.level:
        # not shown yet: smaller, lighter, on one line (plus a level seen once or what was told, if any)
        h = L.line_h(10)
        L.marks(MARGIN_X + 1, top + h / 2, 0, max_level, domain.shape, LIGHT_LINE, 1.5 * s)
        L.font(10, True, LIGHT)
        pdf.set_xy(text_x, top)
        pdf.cell(pdf.get_string_width(name) + 1, h, name)
        L.font(9, False, LIGHT)
        pdf.cell(0, h, "— " + t["not_shown"])
        y = top + h
        L.font(8.5, False, LIGHT)
        for reason in _why(L, ref, c, status)[:2]:
            y = L.write_lines(text_x, y, L.lines(reason, text_w, 2), 8.5)
        L.y = y + 1.4 * s
        return
    # left: the marks, then "3/4" and the level in words
    h_name = L.line_h(12)
    after = L.marks(MARGIN_X + 1, top + h_name / 2, status.level, max_level, domain.shape, colour, 2.0 * s)
    L.font(10.5, True)
    pdf.set_xy(after + 0.5, top)
    pdf.cell(0, h_name, f"{status.level}/{max_level}")
    y_left = top + h_name
    L.font(9, True, MUTED)
    y_left = L.write_lines(MARGIN_X, y_left, L.lines(_level_words(L, ref, c, status.level), MARK_COL * s - 3, 2), 9)
    # right: name, descriptor, where it was seen
    L.font(12, True)
    pdf.set_xy(text_x, top)
    pdf.cell(text_w, h_name, name)
    y = top + h_name
    L.font(10, False)
    y = L.write_lines(text_x, y, L.lines(L.tr(c.level(status.level).descriptor), text_w, 2), 10)
    L.font(8.5, False, MUTED)
    for reason in _why(L, ref, c, status):
        y = L.write_lines(text_x, y, L.lines(reason, text_w, 3), 8.5)
    L.y = max(y, y_left) + 2.4 * s


def _footers(L: _Layout) -> None:
    """Each page's footer; "page 1/2" when there are more than one."""
    pdf = L.pdf
    total = pdf.pages_count
    for number in range(1, total + 1):
        pdf.page = number
        y = PAGE_H - FOOTER_H
        pdf.set_draw_color(*MUTED)
        pdf.set_line_width(0.3)
        pdf.line(MARGIN_X, y, PAGE_W - MARGIN_X, y)
        pdf.set_font(FAMILY, "", 9)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(MARGIN_X, y + 1.5)
        pdf.cell(PAGE_W - 2 * MARGIN_X - 40, 5, L.t["footer"])
        pdf.set_font(FAMILY, "B", 9)
        pdf.set_xy(PAGE_W - MARGIN_X - 40, y + 1.5)
        brand = "DIVA" if total == 1 else f"{L.t['page'].format(n=number, total=total)}  ·  DIVA"
        pdf.cell(40, 5, brand, align="R")
