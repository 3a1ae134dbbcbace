"""The session report for the structure and its funders: a one-page PDF and a CSV (no pygame).

Who came, the scenarios played, the competences shown and validated, the badges requested, who
validated, and "what I am good at" summed (how many participants named each competence before
playing and at the end: the measure of what the game taught). No secret goes in: no PIN, no issuer secret, no e-mail address, no claim URL (a claim
URL is the learner's key to their badges). The caller hands the figures in (`SessionReport`) and
the words of the page in its language (keys in `TEXT_KEYS`); both files are written atomically.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from fpdf import FPDF

from export.files import _cell, slug, write_atomic
from export.portfolio import FAMILY, FONT_DIR, FONT_FILES, INK, MUTED

TEXT_KEYS = ("title", "structure", "date", "mode", "participants", "absent", "scenarios", "shown", "validated",
             "badges", "counsellors", "none", "footer", "named_before", "named_after", "named_note")
CSV_COLUMNS = ("session", "date", "structure", "participant", "present", "scenarios_completed", "competences_shown",
               "competences_validated", "badges_requested", "validated_by", "named_before", "named_after")


@dataclass(frozen=True)
class ReportRow:
    """One participant's line: first name only, what they showed and what was validated."""

    name: str
    present: bool
    scenarios_completed: int
    shown: Mapping[str, int] = field(default_factory=dict)        # competence id -> level shown in this session
    validated: Mapping[str, int] = field(default_factory=dict)    # competence id -> level validated in this session
    badges: tuple[str, ...] = ()                                  # competence ids of the badges requested
    validated_by: tuple[str, ...] = ()
    named_before: tuple[str, ...] | None = None   # "what I am good at" before playing (None: not asked or not answered)
    named_after: tuple[str, ...] | None = None    # ... and at the end of this session


@dataclass(frozen=True)
class SessionReport:
    session_id: str
    date: str
    structure: str
    mode: str
    scenarios: tuple[str, ...]             # titles, in the language of the report
    rows: tuple[ReportRow, ...]
    competence_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def counsellors(self) -> list[str]:
        return sorted({name for row in self.rows for name in row.validated_by})

    def totals(self) -> dict[str, tuple[int, int, int]]:
        """Per competence: how many participants showed it, had it validated, requested its badge."""
        ids = list(self.competence_names) or sorted({c for r in self.rows for c in (*r.shown, *r.validated, *r.badges)})
        return {c: (sum(c in r.shown for r in self.rows), sum(c in r.validated for r in self.rows),
                    sum(c in r.badges for r in self.rows)) for c in ids}

    def named(self) -> dict[str, tuple[int, int]]:
        """Per competence: how many participants named it as something they are good at, before and after."""
        ids = list(self.competence_names) or sorted({c for r in self.rows for c in (*(r.named_before or ()), *(r.named_after or ()))})
        return {c: (sum(c in (r.named_before or ()) for r in self.rows), sum(c in (r.named_after or ()) for r in self.rows))
                for c in ids}

    def answered(self) -> tuple[int, int]:
        """How many participants answered "what are you good at?" before, and at the end."""
        return sum(r.named_before is not None for r in self.rows), sum(r.named_after is not None for r in self.rows)


def _levels(levels: Mapping[str, int]) -> str:
    return " ".join(f"{cid}:{level}" for cid, level in sorted(levels.items()))


def report_csv(report: SessionReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in report.rows:
        writer.writerow([_cell(v) for v in (report.session_id, report.date, report.structure, r.name, "1" if r.present else "0",
                                            r.scenarios_completed, _levels(r.shown), _levels(r.validated), " ".join(sorted(r.badges)),
                                            " ; ".join(r.validated_by), " ".join(r.named_before or ()), " ".join(r.named_after or ()))])
    return out.getvalue().encode("utf-8-sig")   # with a BOM: spreadsheet programs show accents right


def report_pdf(report: SessionReport, words: Mapping[str, str]) -> bytes:
    """One A4 page: the session, the participants, and a table of competences (shown, validated, badges,
    named before and after)."""
    missing = [k for k in TEXT_KEYS if k not in words]
    if missing:
        raise ValueError(f"session report: words missing: {', '.join(missing)}")
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(14, 12, 14)
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, FONT_DIR / name)
    pdf.add_page()
    width = pdf.w - 28

    def text(size: float, value: str, bold: bool = False, colour=INK, h: float | None = None) -> None:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, h or size * 0.5, _cell(value), new_x="LMARGIN", new_y="NEXT")

    text(18, words["title"], bold=True, h=9)
    text(10, f"{words['structure']} : {report.structure or '—'}   ·   {words['date']} : {report.date}   ·   {words['mode']} : {report.mode}",
         colour=MUTED)
    pdf.ln(2)
    present = [r.name for r in report.rows if r.present]
    absent = [r.name for r in report.rows if not r.present]
    text(11, f"{words['participants']} ({len(present)}) : {', '.join(present) or words['none']}")
    if absent:
        text(10, f"{words['absent']} : {', '.join(absent)}", colour=MUTED)
    text(11, f"{words['scenarios']} ({len(report.scenarios)}) : {', '.join(report.scenarios) or words['none']}")
    text(11, f"{words['counsellors']} : {', '.join(report.counsellors) or words['none']}")
    before, after = report.answered()
    text(10, words["named_note"].format(before=before, after=after), colour=MUTED)
    pdf.ln(3)
    # the table: a competence a row, three counts, then how many named it before and after
    totals, named = report.totals(), report.named()
    row_h = min(8.0, (pdf.h - pdf.get_y() - 24 - 10) / max(len(totals), 1))
    heads = (words["shown"], words["validated"], words["badges"], words["named_before"], words["named_after"])
    count_w = 20.0
    cols = (width - len(heads) * count_w, *([count_w] * len(heads)))
    pdf.set_draw_color(*MUTED)
    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, "B", 9)
    top, x, line = pdf.get_y(), pdf.l_margin, 4.2   # the heads on two lines at most, each in its column
    for w, head in zip(cols, ("", *heads)):
        pdf.rect(x, top, w, 2 * line + 1)
        pdf.set_xy(x, top + 0.5)
        pdf.multi_cell(w, line, _cell(head), align="C", max_line_height=line)
        x += w
    pdf.set_xy(pdf.l_margin, top + 2 * line + 1)
    pdf.set_font(FAMILY, "", 9.5)
    for cid, (shown, validated, badges) in totals.items():
        label = _cell(f"{cid} — {report.competence_names.get(cid, '')}".rstrip(" —"))
        while len(label) > 4 and pdf.get_string_width(label) > cols[0] - 2:  # a long name, shortened to its cell
            label = label[:-2].rstrip() + "…"
        pdf.cell(cols[0], row_h, label, border=1)
        for w, n in zip(cols[1:], (shown, validated, badges, *named.get(cid, (0, 0)))):
            pdf.cell(w, row_h, str(n), border=1, align="C")
        pdf.ln(row_h)
    pdf.set_y(pdf.h - 16)
    text(8, words["footer"], colour=MUTED)
    return bytes(pdf.output())


def report_files(out_dir: str | Path, session_id: str) -> list[Path]:
    """The report files of one session in out_dir (to write them again, or remove them)."""
    return sorted(Path(out_dir).glob(f"session-report-*-{slug(session_id)[:8]}.*"))


def write_session_report(out_dir: str | Path, report: SessionReport, words: Mapping[str, str]) -> tuple[Path, Path]:
    """session-report-<date>-<id>.pdf and .csv in out_dir; returns (pdf, csv)."""
    stem = f"session-report-{slug(report.date)}-{slug(report.session_id)[:8]}"
    out = Path(out_dir)
    pdf = write_atomic(out / f"{stem}.pdf", report_pdf(report, words))
    table = write_atomic(out / f"{stem}.csv", report_csv(report))
    return pdf, table
