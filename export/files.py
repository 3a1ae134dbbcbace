"""Export files for a workshop without network: each player's request + QR, and a session CSV.

Files are written atomically (temp file, then os.replace): a crash never leaves half a file.
Names come from ids, never from a person's name; the CSV holds no email and no secret.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

_EMAIL = re.compile(r"[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("pseudonym", "competences", "status", "request_id", "claim_url")


def slug(text: str) -> str:
    """A file-name-safe form of an id: lower case letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "request"


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temp file in the same folder, then rename it over."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def without_endorser_emails(request: dict) -> dict:
    """A copy of `request` with the e-mail addresses of the people named to vouch left out: those go to
    the issuer only, inside the signed request, never into a file."""
    copy = json.loads(json.dumps(request))
    for ask in copy.get("endorsement", {}).get("endorsementRequests", []):
        ask.pop("email", None)
    return copy


def write_player_files(out_dir: str | Path, request: dict, qr_png: bytes | None) -> list[Path]:
    """`<slug of request id>.json` (the request, without endorsers' e-mails) and `.png` (its QR code when given)."""
    out_dir = Path(out_dir)
    stem = slug(request["id"])
    text = json.dumps(without_endorser_emails(request), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    paths = [write_atomic(out_dir / f"{stem}.json", text.encode("utf-8"))]
    if qr_png:
        paths.append(write_atomic(out_dir / f"{stem}.png", qr_png))
    return paths


@dataclass(frozen=True)
class SessionRow:
    """One player's line in the session CSV."""

    pseudonym: str
    competences: Mapping[str, int] | Sequence[tuple[str, int]] = field(default_factory=dict)
    status: str = ""
    request_id: str = ""
    claim_url: str = ""


def _cell(value: object) -> str:
    text = _EMAIL.sub("[email hidden]", str(value or ""))
    # A cell starting like a formula would run as one in a spreadsheet.
    return "'" + text if text.startswith(_FORMULA_START) else text


def _competences(value: Mapping[str, int] | Sequence[tuple[str, int]]) -> str:
    pairs = value.items() if isinstance(value, Mapping) else value
    return " ".join(f"{cid}:{level}" for cid, level in sorted(pairs))


def write_session_csv(out_dir: str | Path, rows: Iterable[SessionRow | Mapping], *,
                      name: str = "session.csv") -> Path:
    """Per player: pseudonym, competences and levels ("O1:2 O3:1"), status, request id, claim URL."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        if isinstance(row, Mapping):
            row = SessionRow(**{k: row[k] for k in CSV_COLUMNS if k in row})
        writer.writerow([_cell(row.pseudonym), _cell(_competences(row.competences)), _cell(row.status),
                         _cell(row.request_id), _cell(row.claim_url)])
    # utf-8 with BOM so that spreadsheet programs show accents right.
    return write_atomic(Path(out_dir) / name, out.getvalue().encode("utf-8-sig"))
