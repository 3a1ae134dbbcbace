"""From a session's evidence to badge requests in the outbox, and from the outbox to the
issuer and to files (plain Python; the export scene and the CLI both use this)."""
from __future__ import annotations

import json
import logging
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from export.files import SessionRow, write_player_files, write_session_csv
from export.outbox import OutboxItem, deliver, requeue_refused
from export.qr import claim_qr_png, offline_claim_url, qr_matrix
from export.request import Alignment, CompetenceAward, Endorser, LevelRubric, RequestInput, build_badge_request, request_body
from game.core.model import Player, Session
from game.i18n.catalogue import raw_text
from game.i18n.typeset import tr
from game.services.skillmap import skill_map
from export.files import slug, write_atomic
from export.request import competence_and_level
from game.services.issuer_config import IssuerSettings
from game.store.sqlite import Store, prepare_data_dir
import csv
import io

from qrcode.exceptions import DataOverflowError

log = logging.getLogger("diva")
REQUEST_NAMESPACE = uuid.UUID("6f1c2a0e-5d4b-4c3a-9e8f-0a1b2c3d4e5f")
RECTEC_URN = "urn:rectec:2019:"
# where a phone goes with no issuer answer yet: the issuer's own claim page, with the summary in the fragment
OFFLINE_CLAIM_PATH = "/claim"


def request_id_for(session_id: str, player_id: str) -> str:
    """One request per player per session: the same id however often it is prepared."""
    return f"urn:uuid:{uuid.uuid5(REQUEST_NAMESPACE, f'{session_id}/{player_id}')}"


def awards_for(store, referential, library, session: Session, player: Player, lang: str) -> tuple[CompetenceAward, ...]:
    """What the player showed in this session and chose to request (their yes), with the why,
    their own words, the badge's picture and who they name to vouch for it."""
    drafts = {cid: d for cid, d in store.drafts_for(player.id, session.id).items() if d.chosen}
    smap = skill_map(store, referential, player.id, session.id)
    titles = {s.id: s.title for s in library.scenarios}
    awards = []
    for status in smap.reached():
        draft = drafts.get(status.competence)
        if draft is None:
            continue
        c = referential.competence(status.competence)
        rubric = tuple(
            LevelRubric(level.number, tr(referential.level_name(level.number).name, lang), tr(level.descriptor, lang))
            for level in c.levels
        )
        alignments = [Alignment(c.official_rectec, RECTEC_URN + c.id, "RECTEC", c.id)]
        if c.esco:
            alignments.append(Alignment(c.esco.label, c.esco.uri, "ESCO", c.esco.uri.rsplit("/", 1)[-1]))
        narratives = [(tr(titles.get(e.scenario_id, {}), lang) or e.scenario_id, tr(e.why, lang)) for e in status.supporting()]
        if status.validations:
            narratives += [(tr(raw_text(lang, "badge.my_experience"), lang), tr(e.why, lang))
                           for e in status.declared_evidence]
        last = status.validations[-1] if status.validations else None
        awards.append(CompetenceAward(
            competence_id=c.id,
            name=tr(c.name, lang),
            description=tr(c.summary, lang),
            domain=tr(referential.domain(c.domain).name, lang),
            level=status.level,
            rubric=rubric,
            alignments=tuple(alignments),
            evidence=tuple(dict.fromkeys(narratives))[:8],
            narrative=draft.narrative,
            image_png=draft.image_png,
            validated_by=last.counsellor if last else "",
            validation_comment=last.comment if last else "",
            validated_at=last.created_at if last else "",
            endorsers=tuple(Endorser(e["name"], e["role"], e.get("email", "")) for e in draft.endorsers),
        ))
    return tuple(awards)


def prepare_requests(store, referential, library, session: Session, players: list[Player], lang: str,
                     structure_id: str, structure_name: str, issuer_id: str = "") -> list[str]:
    """Put one badge request per player in the outbox (once: a prepared request is frozen)."""
    prepared = []
    known = {item.request_id for item in store.outbox_items(session.id)}
    for player in players:
        rid = request_id_for(session.id, player.id)
        if rid in known:
            prepared.append(rid)
            continue
        awards = awards_for(store, referential, library, session, player, lang)
        if not awards:
            continue
        request = build_badge_request(RequestInput(
            structure_id=structure_id or "diva", structure_name=structure_name or session.structure_name or "DIVA",
            session_id=session.id, session_date=session.date, session_mode=session.mode, player_id=player.id,
            display_name=player.display_name, lang=lang, awards=awards, issuer_id=issuer_id,
        ), request_id=rid)
        store.outbox_put(rid, player.id, session.id, request_body(request))
        prepared.append(rid)
    return prepared


def fits_qr(url: str) -> bool:
    """Whether `url` can be a QR code at all (a 5 KB claim URL cannot: the largest holds ~1.6 KB at level Q)."""
    try:
        qr_matrix(url)
    except (DataOverflowError, ValueError):
        return False
    return True


def qr_url(item: OutboxItem, issuer_url: str) -> str:
    """What the player's QR code holds: the issuer's claim URL once accepted, the offline claim URL before
    (or when the issuer's URL cannot fit a QR code); "" when neither can be one."""
    candidates = [item.claim_url] if item.claim_url else []
    if issuer_url:
        try:
            candidates.append(offline_claim_url(issuer_url.rstrip("/") + OFFLINE_CLAIM_PATH, json.loads(item.body)))
        except ValueError as exc:
            log.warning("no offline claim URL for %s: %s", item.request_id, exc)
    return next((url for url in candidates if fits_qr(url)), "")


def write_exports(out_dir: Path, items: list[OutboxItem], names: dict[str, str], issuer_url: str) -> list[Path]:
    """Per player the request JSON and its QR PNG; per session a CSV summary (no secrets).
    A folder that cannot take them (full, read-only) is logged: the requests stay in the outbox
    and the QR codes on screen, so the export screen goes on."""
    written, rows = [], []
    for item in items:
        request = json.loads(item.body)
        url = qr_url(item, issuer_url)
        try:
            written += write_player_files(out_dir, request, claim_qr_png(url) if url else None)
        except OSError as exc:
            log.warning("export files not written in %s: %s", out_dir, exc.strerror or exc)
            return written
        levels = []
        for cred in request.get("credentials", []):
            levels.append(competence_and_level(cred))
        rows.append(SessionRow(names.get(item.player_id, ""), levels, item.status, item.request_id, item.claim_url))
    if rows:
        try:
            written.append(write_session_csv(out_dir, rows))
        except OSError as exc:
            log.warning("export files not written in %s: %s", out_dir, exc.strerror or exc)
    return written


@dataclass
class DeliveryJob:
    """Send the due requests in a worker thread (its own connection), so the screen never freezes."""

    db_path: Path
    config: object
    force: bool = False   # someone asked to retry now: do not wait for the backoff
    error: str = ""
    sent: int = 0

    def start(self) -> "DeliveryJob":
        self.thread = threading.Thread(target=self._run, name="diva-delivery", daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        store = Store.connect(self.db_path)
        try:
            if self.force:
                store.outbox_retry_now()
            results = deliver(store, self.config)
            self.sent = sum(1 for _, r in results if r.status == "sent")
        except Exception as exc:  # shown to the counsellor, never a crash
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            store.conn.close()

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


def export_pending(data_dir: Path | None, now: float | None = None, *, issuer: IssuerSettings | None = None,
                   resend_refused: bool = False) -> tuple[int, list[str]]:
    """`diva export --pending`, the counsellor's "send now": every waiting request is tried at once
    (the backoff is for automatic retries). Refused requests are listed with the reason; with
    `resend_refused` they are sent again with the settings as they are now. `issuer` replaces the
    saved settings (`--issuer URL`). Returns (exit code, lines to print): 0 only when nothing is left."""
    folder = prepare_data_dir(data_dir)
    settings = issuer or IssuerSettings.load(folder)
    problem = settings.problem()
    store = Store.open(folder)
    try:
        if resend_refused and not problem:
            requeue_refused(store)
        items = store.outbox_items()
        waiting = [i for i in items if i.status == "pending"]
        refused = [i for i in items if i.status == "refused"]
        lines, left = [], len(waiting)
        if not waiting:
            lines.append("export: nothing waits in the outbox")
        elif problem:
            lines.append(f"export: {len(waiting)} request(s) wait, but they cannot be sent: {problem} "
                         f"(set the issuer in the counsellor's settings, or {folder / 'issuer.json'})")
        else:
            lines, left = [], 0
            for item, result in deliver(store, settings.config(), now=now, every_pending=True):
                if item.status == "refused":
                    refused.append(item)  # listed below, with what to do
                    continue
                lines.append(f"{item.request_id}: {item.status}" + (f" ({result.message})" if result.message else ""))
                left += item.status == "pending"
        for item in refused:
            lines.append(f"{item.request_id}: refused ({item.last_error}); once the settings are fixed: "
                         "diva export --pending --resend-refused")
        return (1 if left or refused else 0), lines
    finally:
        store.close()


def forget_export_files(folder: Path, session_ids: list[str], player_id: str) -> int:
    """Remove a forgotten player's badge request, QR code and session.csv line from the export
    folders the game wrote (<data dir>/exports/<session>/); returns how many files were touched."""

    touched = 0
    for session_id in session_ids:
        session_dir = Path(folder) / session_id
        request_id = request_id_for(session_id, player_id)
        for suffix in (".json", ".png"):
            path = session_dir / f"{slug(request_id)}{suffix}"
            if path.exists():
                path.unlink()
                touched += 1
        table = session_dir / "session.csv"
        if table.exists():
            rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
            kept = [r for r in rows if request_id not in r]
            if len(kept) != len(rows):
                out = io.StringIO()
                csv.writer(out, lineterminator="\r\n").writerows(kept)
                write_atomic(table, out.getvalue().encode("utf-8-sig"))
                touched += 1
    return touched

