"""What scenes and commands share: store, referential, content, settings, i18n, logging.

No pygame here: the CLI's non-graphic commands use it too.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from export.outbox import requeue_refused
from game.content.scenarios import SCENARIO_DIR, Library, check_library
from game.core.model import AFTER, BEFORE, MAX_STRENGTHS, MOMENTS, Player, SelfAssessment, Validation
from game.core.skills import SkillMap
from game.i18n.catalogue import I18n
from game.services.badges import DeliveryJob, forget_export_files, prepare_requests
from game.services.badges import export_pending as send
from game.services.cobuild import Candidate, CoBuild, candidates
from game.services.counsellor import PinGuard
from export.session_report import report_files
from game.services.group import (COUNSELLOR_NAME, Returning, ValidationItem, confirm_proposed, find_returning, named_in_session,
                                 record_validations, said_in_session, validation_items, write_report)
from game.services.issuer_config import SECRET_ENV, IssuerSettings
from game.services.play import PlaySession
from game.services.portfolio import FOLDER, PORTFOLIO_FILES, file_stem, name_slug
from game.services.settings import Settings
from game.services.skillmap import skill_map
from game.store.sqlite import Store, StoreError, prepare_data_dir
from referential import load_referential
from referential.cv import load_cv_lines
from referential.yamlfile import DataFileError, Problem

log = logging.getLogger("diva")


class _LogFile(logging.handlers.RotatingFileHandler):
    """diva.log: a log line that cannot be written (disk full) is dropped, never a traceback on screen."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def setup_logging(data_dir: Path) -> Path:
    """Log to diva.log in the data folder (rotated, private); secrets are never passed to the log."""
    path = data_dir / "diva.log"
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        handler: logging.Handler = _LogFile(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:  # a log that cannot be opened must not stop the workshop
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("diva")
    for old in list(root.handlers):
        if isinstance(old, (logging.handlers.RotatingFileHandler, logging.NullHandler)):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


@dataclass
class Services:
    data_dir: Path
    store: Store
    referential: object
    library: Library
    i18n: I18n
    settings: Settings
    log_path: Path
    notices: list[str] = field(default_factory=list)
    issuer_override: object = None      # autoplay --issuer: used instead of issuer.json, never saved
    export_dir: Path | None = None      # autoplay --export: where files go (default: data folder)
    counsellor_key: bytes | None = None  # from the counsellor's PIN, once given in this sitting: opens the sealed secrets

    _cv_lines: object = None

    def cv_lines(self):
        """Suggested CV lines per competence and level (None if the file cannot be used)."""
        if self._cv_lines is None:
            try:
                self._cv_lines = load_cv_lines(self.referential)
            except Exception as exc:  # shown as the descriptor instead; `diva validate` says why
                log.warning("CV lines not available: %s", exc)
                self._cv_lines = False
        return self._cv_lines or None

    def issuer_settings(self):
        return self.issuer_override or IssuerSettings.load(self.data_dir, self.counsellor_key)

    def save_issuer_settings(self, settings) -> None:
        """Saved with the secrets sealed by the counsellor's PIN (when one is set and was given)."""
        settings.save(self.data_dir, self.counsellor_key)

    def skill_map(self, player, session=None) -> SkillMap:
        """The player's skill map (with `session`: what that session gave)."""
        return skill_map(self.store, self.referential, player.id, session.id if session else None)

    def forget_player(self, player_id: str) -> None:
        """'Forget my data': every row in the store, then the copies the game wrote in its data
        folder (badge requests, QR codes, session.csv lines, portfolios). What the counsellor
        exported elsewhere is theirs to delete."""
        player = self.store.get_player(player_id)
        sessions = [s.id for s in self.store.sessions_of(player_id)]
        players = self.store.list_players()
        written = self.store.get_setting(PORTFOLIO_FILES, [], scope=player_id)
        self.store.forget_player(player_id)
        try:
            removed = self.store.forget_in_copies(player_id)
            if removed:
                log.warning("forgotten player: %d damaged copy(ies) that could not be cleaned were removed", len(removed))
        except OSError as exc:
            log.warning("forgotten player: damaged copies not all cleaned: %s", exc.strerror or exc)
        if player is None:
            return
        try:
            for name in written:  # every portfolio file written for them, under whatever name it had then
                (self.data_dir / FOLDER / name).unlink(missing_ok=True)
            forget_export_files(self.data_dir / "exports", sessions, player_id)
            self.rewrite_reports(sessions)
            others = {name_slug(p.display_name) for p in players if p.id != player_id}
            stems = {file_stem(player, players), f"{name_slug(player.display_name)}-{player_id[:8]}".strip("-")}
            if name_slug(player.display_name) not in others:
                stems.add(name_slug(player.display_name))
            for stem in filter(None, stems):
                for name in (f"{stem}-carte.png", f"{stem}-portfolio.pdf"):
                    (self.data_dir / FOLDER / name).unlink(missing_ok=True)
        except OSError as exc:  # the rows are gone; a file left is said in the log
            log.warning("forgotten player's files not all removed: %s", exc.strerror or exc)

    # ------------------------------------------------------------ players and sessions (what scenes call)

    def players(self) -> list[Player]:
        return self.store.list_players()

    def player(self, player_id: str) -> Player | None:
        return self.store.get_player(player_id)

    def create_player(self, name: str, lang: str) -> Player:
        return self.store.create_player(name, lang=lang)

    def rename_player(self, player_id: str, name: str) -> Player | None:
        self.store.rename_player(player_id, name)
        return self.store.get_player(player_id)

    def shown_in_scenarios(self, player_id: str) -> dict[str, set[str]]:
        """For each scenario this player played, the competences they showed in it (the hub's map)."""
        shown: dict[str, set[str]] = {}
        for e in self.store.evidence_for(player_id):
            if e.scenario_id:
                shown.setdefault(e.scenario_id, set()).add(e.competence)
        return shown

    def completed_scenarios(self, player_id: str) -> set[str]:
        return self.store.completed_scenarios(player_id)

    def sessions_of(self, player_id: str) -> list:
        return self.store.sessions_of(player_id)

    def start_solo(self, player: Player) -> PlaySession:
        return PlaySession(self.store, self.store.start_session("solo", [player.id]), [player])

    def start_group(self, names: list, mode: str, structure: str, lang: str) -> PlaySession:
        """The participants' session (votes or turns), led by the counsellor: each entry is a new
        participant's name, or a returning participant (a Player) who continues their map."""
        players = [n if isinstance(n, Player) else self.store.create_player(n, lang=lang) for n in names]
        session = self.store.start_session(mode, [p.id for p in players], structure_name=structure)
        return PlaySession(self.store, session, players)

    def find_returning(self, first_name: str, structure: str = "") -> list[Returning]:
        return find_returning(self.store, first_name, structure)

    def merge_players(self, keep: Player, other: Player) -> Player:
        """Two entries of the same person become one: `keep`, with everything `other` had."""
        self.store.merge_players(keep.id, other.id)
        return self.store.get_player(keep.id)

    def end_session(self, session_id: str) -> tuple[Path, Path] | None:
        """Close the session; a group session leaves its report (PDF and CSV) for the structure."""
        self.store.end_session(session_id)
        session = self.store.get_session(session_id)
        if session is None or len(session.player_ids) < 2:
            return None
        return self.write_session_report(session_id)

    def rewrite_reports(self, session_ids: list[str]) -> None:
        """The reports the game wrote for these sessions, written again from the store (a forgotten
        participant leaves them), or removed when nobody is left."""
        folder = self.data_dir / "reports"
        for session_id in session_ids:
            old = report_files(folder, session_id)
            for path in old:
                path.unlink()
            session = self.store.get_session(session_id)
            if old and session and session.player_ids:
                self.write_session_report(session_id, folder)

    def write_session_report(self, session_id: str, out_dir: Path | None = None) -> tuple[Path, Path] | None:
        """The session report in out_dir (default: the export folder, else <data dir>/reports); None if it cannot be written."""
        folder = out_dir or self.export_dir or self.data_dir / "reports"
        try:
            return write_report(self.store, self.referential, self.library, session_id, self.i18n.lang, folder, self.i18n.t)
        except OSError as exc:  # a full disk must not stop the end of the workshop; the log says why
            log.warning("session report not written in %s: %s", folder, exc.strerror or exc)
            return None

    # ------------------------------------------------------------ the counsellor's validation (game.services.group)

    def counsellor_name(self) -> str:
        """The name the counsellor signed with last time, offered again."""
        return self.store.get_setting(COUNSELLOR_NAME, "") or ""

    def validation_items(self, player: Player, session, lang: str) -> list[ValidationItem]:
        return validation_items(self.store, self.referential, self.library, player.id, session.id if session else None, lang)

    def validate(self, player: Player, session_id: str, levels: dict[str, int], counsellor: str, comment: str,
                 items: list[ValidationItem]) -> list[Validation]:
        """The counsellor's decisions, signed with their name, each with the evidence shown (ValidationError if not)."""
        return record_validations(self.store, player.id, session_id, levels, items, counsellor, comment)

    def confirm_proposed(self, session, players: list[Player], counsellor: str, lang: str) -> int:
        return confirm_proposed(self.store, self.referential, self.library, session, players, counsellor, lang)

    def set_absent(self, play: PlaySession, player: Player, absent: bool) -> None:
        """The counsellor marks a participant absent (or back): they leave the votes and turns."""
        self.store.set_absent(play.session.id, player.id, absent)
        (play.absent.add if absent else play.absent.discard)(player.id)

    # ------------------------------------------------------------ "what are you good at?" before and after

    def needs_before(self, player: Player) -> bool:
        """The first session: the player has never said what they are good at."""
        return not any(sa.moment == BEFORE for sa in self.store.self_assessments(player.id))

    def needs_after(self, player: Player, session_id: str) -> bool:
        return not any(sa.moment == AFTER for sa in self.store.self_assessments(player.id, session_id))

    def save_self_assessment(self, player: Player, session_id: str, moment: str, competences: list[str]) -> SelfAssessment:
        """Keep the cards the player picked (known competences, at most MAX_STRENGTHS, in the order picked)."""
        if moment not in MOMENTS:
            raise ValueError(f"moment must be one of {MOMENTS}, not {moment!r}")
        known = [c for c in dict.fromkeys(competences) if self.referential.has(c)]
        sa = SelfAssessment(player.id, session_id, moment, tuple(known[:MAX_STRENGTHS]))
        self.store.save_self_assessment(sa)
        return sa

    def strengths(self, player: Player) -> dict[str, tuple[str, ...]]:
        """The player's first "before" and latest "after", side by side ({moment: competence ids})."""
        return said_in_session(self.store, player.id)

    def strengths_in_session(self, session_id: str) -> dict[str, dict[str, int]]:
        """For the counsellor: per moment (before, after), how many participants of the session named each
        competence (id -> count; "" -> how many answered). See game.services.group.said_in_session."""
        return named_in_session(self.store, session_id)

    # ------------------------------------------------------------ badges and the counsellor

    def badge_candidates(self, player: Player, session) -> list[Candidate]:
        return candidates(self.store, self.referential, player.id, session.id)

    def cobuild(self, player: Player, session) -> CoBuild:
        """A player's badges to build with them in this session (what the co-build screens share)."""
        return CoBuild.start(self.store, self.referential, self.library, player, session)

    def prepare_requests(self, session, players: list[Player], lang: str, structure_id: str, structure_name: str,
                         issuer_id: str) -> None:
        prepare_requests(self.store, self.referential, self.library, session, players, lang, structure_id, structure_name,
                         issuer_id=issuer_id)

    def outbox_items(self, session_id: str | None = None) -> list:
        return self.store.outbox_items(session_id)

    def deliver(self, config, force: bool = False) -> DeliveryJob:
        """Send what waits, on the delivery thread (it opens the store on its own connection)."""
        return DeliveryJob(self.store.path, config, force=force).start()

    def resend_refused(self, request_ids: list[str]) -> None:
        """Refused requests wait again, to leave with the settings as they are now."""
        requeue_refused(self.store, request_ids)

    def pin_guard(self) -> PinGuard:
        return PinGuard(self.store)

    def close(self) -> None:
        self.store.close()


def open_services(data_dir: Path | None, lang: str | None = None) -> Services:
    """Open everything a game needs; raises StoreError / DataFileError with clear messages."""
    folder = prepare_data_dir(data_dir)
    log_path = setup_logging(folder)
    store = Store.open(folder)
    referential = load_referential()
    library, problems = check_library(None, referential)
    if not library.scenarios:
        raise DataFileError(problems or [Problem(str(SCENARIO_DIR), 1, "no scenario to play")])
    settings = Settings.load(store)
    if lang:
        settings.lang = lang
    i18n = I18n(settings.lang)
    services = Services(folder, store, referential, library, i18n, settings, log_path)
    if problems:
        # play what is sound; the counsellor runs `diva validate` to see the rest
        for problem in problems:
            log.warning("content problem: %s", problem)
        broken = len({p.path for p in problems})
        services.notices.append(i18n.t("notice.content", n=broken))
    if store.wal_missing:
        log.warning("%s was left open and %s-wal is missing: recent answers may be lost", store.path, store.path.name)
        services.notices.append(i18n.t("notice.wal_missing", path=store.path.name))
    if store.recovered_from:
        log.warning("damaged database moved to %s", store.recovered_from)
        services.notices.append(i18n.t("notice.recovered", path=store.recovered_from.name))
    return services


def issuer_from_args(args, data_dir: Path | None, command: str) -> IssuerSettings | None:
    """`--issuer URL [--structure ID]` on the command line: a DIVA issuer used instead of the saved one (never
    saved). The secret comes from DIVA_ISSUER_SECRET; `--issuer-secret` (autoplay) still works, with a warning."""
    if not getattr(args, "issuer", None):
        return None
    secret = os.environ.get(SECRET_ENV, "")
    if getattr(args, "issuer_secret", None):
        print(f"{command}: warning: --issuer-secret shows the secret to anyone listing processes; "
              f"put it in {SECRET_ENV} instead", file=sys.stderr)
        secret = args.issuer_secret
    saved = IssuerSettings.load(data_dir) if data_dir and data_dir.is_dir() else IssuerSettings()
    structure = getattr(args, "structure", None) or saved.structure_id or "autoplay"
    return IssuerSettings(url=args.issuer, secret=secret, structure_id=structure,
                          structure_name=saved.structure_name or "DIVA " + command)


def export_pending(args) -> int:
    """`diva export --pending [--resend-refused] [--issuer URL]`: send now what waits in the outbox."""

    if not args.pending:
        print("export: say what to send, e.g. 'diva export --pending'", file=sys.stderr)
        return 2
    try:
        folder = prepare_data_dir(args.data_dir)
        issuer = issuer_from_args(args, folder, "export")
        if issuer is None and os.environ.get(SECRET_ENV):  # the secret sealed by the PIN, given for this run
            saved = IssuerSettings.load(folder)
            if saved.locked:
                saved.secret, saved.locked = os.environ[SECRET_ENV], ""
                issuer = saved
        if issuer and issuer.problem():
            print(f"export: --issuer: {issuer.problem()}", file=sys.stderr)
            return 2
        code, lines = send(folder, issuer=issuer, resend_refused=args.resend_refused)
    except StoreError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return code
