"""What a learner takes away from the claim page: the badge picture, the baked PNG (OB 3.0), the one-page
PDF, the LinkedIn "add to profile" link, the wallet link and the CV lines."""
from __future__ import annotations

import base64
import binascii
import io
import json
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlencode

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BAKED_KEYWORD = b"openbadgecredential"   # OB 3.0 §5.3.1: the iTXt keyword holding the credential
LINKEDIN_ADD = "https://www.linkedin.com/profile/add"
PICTURE_SIZE = 400
FALLBACK_DOMAIN = ("circle", "#2f4da0", "")


class NotAPng(ValueError):
    pass


# --------------------------------------------------------------------------- PNG chunks


def _chunks(png: bytes):
    if not png.startswith(PNG_SIGNATURE):
        raise NotAPng("not a PNG file")
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        data = png[at + 8:at + 8 + length]
        if len(data) != length:
            raise NotAPng("truncated PNG chunk")
        yield kind, data
        at += 12 + length
        if kind == b"IEND":
            return
    raise NotAPng("PNG without IEND")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _itxt_keyword(data: bytes) -> bytes:
    return data.split(b"\0", 1)[0]


def bake(png: bytes, credential: dict | str) -> bytes:
    """The picture with the signed credential in one uncompressed iTXt chunk `openbadgecredential`
    (any earlier one replaced), placed before IEND as the OB 3.0 baking rules say."""
    text = credential if isinstance(credential, str) else json.dumps(credential, ensure_ascii=False,
                                                                     separators=(",", ":"))
    # keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated keyword, NUL, text
    itxt = BAKED_KEYWORD + b"\0" + b"\0\0" + b"\0" + b"\0" + text.encode("utf-8")
    out = [PNG_SIGNATURE]
    for kind, data in _chunks(png):
        if kind == b"iTXt" and _itxt_keyword(data) == BAKED_KEYWORD:
            continue
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", itxt))
        out.append(_chunk(kind, data))
    return b"".join(out)


def unbake(png: bytes) -> str | None:
    """The credential text baked in a PNG, or None (compressed iTXt included)."""
    for kind, data in _chunks(png):
        if kind == b"iTXt" and _itxt_keyword(data) == BAKED_KEYWORD:
            rest = data[len(BAKED_KEYWORD) + 1:]
            compressed = rest[0] == 1
            rest = rest[2:]
            _language, rest = rest.split(b"\0", 1)
            _translated, text = rest.split(b"\0", 1)
            return (zlib.decompress(text) if compressed else text).decode("utf-8")
    return None


# --------------------------------------------------------------------------- the referential


@lru_cache(maxsize=1)
def _referential():
    from referential import load_referential

    return load_referential()


@lru_cache(maxsize=1)
def _cv_lines():
    from referential.cv import load_cv_lines

    return load_cv_lines(_referential())


@dataclass(frozen=True)
class Domain:
    shape: str     # square | circle | triangle
    colour: str
    name: str


def domain_of(competence_id: str, lang: str = "fr") -> Domain:
    """The competence's domain (shape, colour, name) from the referential; a neutral circle if unknown."""
    try:
        referential = _referential()
        domain = referential.domain(referential.competence(competence_id).domain)
    except Exception:  # an unknown id, or a referential that cannot load: never break the page
        return Domain(*FALLBACK_DOMAIN)
    return Domain(domain.shape, domain.colour, domain.name.get(lang) or domain.name.get("fr", ""))


def plain_words(competence_id: str, lang: str) -> str:
    """The referential's one-line summary of the competence ("Plan what to do, in the right order."), or ""."""
    try:
        summary = _referential().competence(competence_id).summary
    except Exception:
        return ""
    return summary.get(lang) or summary.get("fr", "")


# --------------------------------------------------------------------------- the picture


def _font(size: int, bold: bool = True):
    from PIL import ImageFont

    from export.portfolio import FONT_DIR, FONT_FILES

    return ImageFont.truetype(str(FONT_DIR / FONT_FILES["B" if bold else ""]), size)


def draw_picture(competence_id: str, level: int | None, levels: int) -> bytes:
    """A badge picture when the game sent none: the domain's shape in its colour, the competence code in it,
    and the level as filled marks under it (never colour alone)."""
    from PIL import Image, ImageDraw

    size = PICTURE_SIZE
    domain = domain_of(competence_id)
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    box = (60, 20, size - 60, size - 100)   # 280 × 280 above the marks
    if domain.shape == "square":
        draw.rounded_rectangle(box, radius=24, fill=domain.colour)
    elif domain.shape == "triangle":
        draw.polygon([((box[0] + box[2]) / 2, box[1]), (box[2], box[3]), (box[0], box[3])], fill=domain.colour)
    else:
        draw.ellipse(box, fill=domain.colour)
    code = competence_id[:4] or "?"
    centre_y = (box[1] + box[3]) / 2 + (30 if domain.shape == "triangle" else 0)
    draw.text(((box[0] + box[2]) / 2, centre_y), code, font=_font(96), fill="white", anchor="mm")
    levels = max(levels, level or 0)
    if levels:
        radius, gap = 16, 14
        width = levels * 2 * radius + (levels - 1) * gap
        x = (size - width) / 2
        y = size - 52
        for n in range(1, levels + 1):
            filled = level is not None and n <= level
            draw.ellipse((x, y - radius, x + 2 * radius, y + radius), outline="#1d1d2b", width=4,
                         fill="#1d1d2b" if filled else "white")
            x += 2 * radius + gap
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def picture_of(badge) -> bytes:
    """The PNG the game sent in the credential, else one drawn from the referential."""
    if badge.image.startswith("data:image/png;base64,"):
        try:
            png = base64.b64decode(badge.image.split(",", 1)[1], validate=True)
            if png.startswith(PNG_SIGNATURE):
                return png
        except (binascii.Error, ValueError):
            pass
    return draw_picture(badge.competence_id, badge.level, badge.levels)


def baked_png(document: dict, badge) -> bytes:
    return bake(picture_of(badge), document)


# --------------------------------------------------------------------------- LinkedIn, wallet, CV


def _issued(document: dict) -> datetime | None:
    value = document.get("validFrom") or document.get("issuanceDate")
    return parse_datetime(value) if isinstance(value, str) else None


def linkedin_url(document: dict, badge, *, public_url: str, structure) -> str:
    """LinkedIn's "add to profile" certification link: name, organisation (id when the structure set one),
    issue month, expiry when any, the public page as certUrl and the credential id as certId."""
    params = [("startTask", "CERTIFICATION_NAME"), ("name", badge.name or badge.competence)]
    if structure.linkedin_org_id:
        params.append(("organizationId", structure.linkedin_org_id))
    else:
        params.append(("organizationName", structure.name))
    issued = _issued(document)
    if issued is not None:
        params += [("issueYear", str(issued.year)), ("issueMonth", str(issued.month))]
    until = document.get("validUntil")
    until = parse_datetime(until) if isinstance(until, str) else None
    if until is not None:
        params += [("expirationYear", str(until.year)), ("expirationMonth", str(until.month))]
    params += [("certUrl", public_url), ("certId", document.get("id", ""))]
    return LINKEDIN_ADD + "?" + urlencode(params)


def cv_line(badge, lang: str, public_url: str) -> str:
    """The game's CV line for this competence and level (referential/cv_lines.yaml), with the public link."""
    try:
        line = _cv_lines().line(badge.competence_id, badge.level, lang)
    except Exception:  # a competence or level the referential does not know: the badge's own words
        line = f"{badge.competence or badge.name} ({badge.level_name})" if badge.level_name else (
            badge.competence or badge.name)
    with translation.override(lang):
        return _("%(line)s — badge vérifiable : %(url)s") % {"line": line, "url": public_url}


def interview_line(badge, lang: str) -> str:
    """How to say it in a job interview (referential/cv_lines.yaml), with "…" where the learner's own moment goes."""
    try:
        return _cv_lines().interview(badge.competence_id, lang, "")
    except Exception:  # a competence the referential does not know: no sentence rather than a wrong one
        return ""


# --------------------------------------------------------------------------- the one-page PDF


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def badge_pdf(document: dict, badge, *, learner: str, structure_name: str, public_url: str, lang: str,
              validated_by: str = "") -> bytes:
    """One A4 page for those who print: picture, competence, level in words and marks, the learner's words,
    evidence, the structure, the CV line, and the public link with its QR code."""
    import qrcode
    from fpdf import FPDF

    from export.portfolio import FONT_DIR, FONT_FILES

    ink, accent = (29, 29, 43), (47, 77, 160)
    with translation.override(lang):
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(18, 16, 18)
        for style, name in FONT_FILES.items():
            pdf.add_font("Atkinson", style, FONT_DIR / name)
        pdf.set_title(badge.name or badge.competence)
        pdf.set_author(structure_name)
        pdf.set_lang(lang)
        pdf.add_page()
        width = pdf.w - 36

        def text(value, size, bold=False, colour=ink, height=None, w=width):
            pdf.set_font("Atkinson", "B" if bold else "", size)
            pdf.set_text_color(*colour)
            pdf.set_x(pdf.l_margin if w == width else pdf.get_x())
            pdf.multi_cell(w, height or size * 0.5, value, align="L", new_x="LMARGIN", new_y="NEXT")

        text(f"DIVA Badges · {structure_name}", 11, colour=(85, 85, 85))
        top = pdf.get_y() + 3
        pdf.image(io.BytesIO(picture_of(badge)), x=18, y=top, w=42, h=42)
        pdf.set_xy(66, top)
        pdf.set_font("Atkinson", "B", 26)
        pdf.set_text_color(*ink)
        pdf.multi_cell(width - 48, 12, _clip(badge.competence or badge.name, 80), align="L", new_x="LEFT", new_y="NEXT")
        if badge.level:
            pdf.set_font("Atkinson", "", 16)
            pdf.multi_cell(width - 48, 7, _("Niveau %(level)s sur %(total)s : %(name)s") % {
                "level": badge.level, "total": badge.levels or badge.level, "name": badge.level_name},
                align="L", new_x="LEFT", new_y="NEXT")
            y = pdf.get_y() + 3
            for n in range(1, (badge.levels or badge.level) + 1):
                pdf.set_draw_color(*ink)
                pdf.set_fill_color(*(ink if n <= badge.level else (255, 255, 255)))
                pdf.set_line_width(0.6)
                pdf.ellipse(66 + (n - 1) * 9, y, 6, 6, style="DF")
            pdf.set_y(y + 8)
        pdf.set_y(max(pdf.get_y(), top + 46))
        issued = _issued(document)
        when = date_format(timezone.localtime(issued), "j F Y") if issued else ""
        text(_("Décerné à %(name)s par %(who)s, le %(when)s.") % {"name": learner, "who": structure_name,
                                                                    "when": when}, 14, bold=True, height=7)
        if validated_by:
            text(_("Validé par %(who)s.") % {"who": validated_by}, 13, height=6.5)
        pdf.ln(2)
        if badge.level_description:
            text(_("Ce que ce niveau veut dire :"), 13, bold=True, height=7)
            text(_clip(badge.level_description, 300), 13, height=6.5)
        if badge.narrative:
            pdf.ln(1)
            text(_("Avec ses propres mots"), 13, bold=True, height=7)
            text("« " + _clip(badge.narrative, 300) + " »" if lang == "fr" else '"' + _clip(badge.narrative, 300) + '"',
                 13, height=6.5)
        if badge.evidence:
            pdf.ln(1)
            text(_("Preuves"), 13, bold=True, height=7)
            for item in badge.evidence[:3]:
                line = item["name"] + (" : " + item["narrative"] if item.get("narrative") else "")
                text("• " + _clip(line, 220), 12, height=6)
        pdf.ln(2)
        text(_("Pour votre CV"), 13, bold=True, height=7)
        text(_clip(cv_line(badge, lang, public_url), 260), 12, height=6)
        # the public link and its QR code, at the bottom of the page
        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0)
        qr.add_data(public_url)
        qr.make(fit=True)
        matrix = qr.get_matrix()
        side = 38.0
        cell = side / len(matrix)
        x0, y0 = pdf.w - 18 - side, pdf.h - 18 - side
        pdf.set_fill_color(*ink)
        for row, cells in enumerate(matrix):
            for col, dark in enumerate(cells):
                if dark:
                    pdf.rect(x0 + col * cell, y0 + row * cell, cell, cell, style="F")
        pdf.set_xy(18, y0)
        pdf.set_font("Atkinson", "B", 13)
        pdf.set_text_color(*ink)
        pdf.multi_cell(width - side - 6, 7, _("Vérifier ce badge en ligne (scannez le code ou tapez l'adresse) :"),
                       align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Atkinson", "", 10)
        pdf.set_text_color(*accent)
        pdf.multi_cell(width - side - 6, 5, public_url, link=public_url, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(85, 85, 85)
        pdf.set_font("Atkinson", "", 9)
        pdf.multi_cell(width - side - 6, 4.5, _("Badge numérique Open Badges 3.0, signé par la structure."),
                       align="L", new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
