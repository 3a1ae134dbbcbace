"""The one SQLite store: players, sessions, evidence, progress, validations, outbox, settings.

Every write is committed at once (a recorded choice survives a crash the moment the
screen moves on). The file is checked at start; a damaged one is moved aside, never
silently emptied. Only parameterised SQL.
"""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from game.core.model import BadgeDraft, Evidence, Player, SelfAssessment, Session, Validation, new_id, now_iso
from game.store.migrations import NewerStoreError, migrate
from platformdirs import user_data_dir

DB_NAME = "diva.db"

PLAYER_TABLES = ("evidence", "progress", "validations", "outbox", "session_players", "badge_drafts", "self_assessments")


@dataclass
class OutboxRow:
    """One badge request in the outbox table; it has the fields of export.outbox.OutboxItem,
    so export.outbox.deliver works on the store (the store imports nothing from export)."""

    request_id: str; player_id: str; session_id: str; body: bytes  # noqa: E702
    status: str = "pending"; attempts: int = 0; next_attempt_at: float = 0.0; last_error: str = ""  # noqa: E702
    claim_url: str = ""; http_status: int | None = None  # noqa: E702


class StoreError(Exception):
    """The store cannot be opened or written; the message is shown to the user."""


def default_data_dir() -> Path:
    return Path(user_data_dir("diva", appauthor=False))


PRIVATE_SUBFOLDER = "diva-data"


def prepare_data_dir(data_dir: Path | None) -> Path:
    """The data folder, private to the user (0700); raise StoreError if impossible.

    A folder that already exists and is open to others (a shared folder, /tmp) is never made
    private in place: its mode is not ours to change. DIVA then keeps its data in a private
    subfolder `diva-data` of it (unless the folder already holds a DIVA store)."""
    path = Path(data_dir) if data_dir else default_data_dir()
    if path.exists() and not path.is_dir():
        raise StoreError(f"data folder {path} cannot be used: it is a file, not a folder")
    try:
        shared = path.is_dir() and not (path / DB_NAME).exists() and _open_to_others(path)
        if shared:
            path = path / PRIVATE_SUBFOLDER
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            info = path.lstat()
            if shared and (stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid()):
                raise StoreError(f"data folder {path} cannot be used: it belongs to another user")
            if stat.S_IMODE(info.st_mode) & 0o077:  # our own DIVA folder (it holds our store): made private
                path.chmod(0o700)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=path)  # one per process: two games at once
        os.close(fd)
        os.unlink(probe)
    except NotADirectoryError:
        raise StoreError(f"data folder {path} cannot be used: part of that path is a file, not a folder") from None
    except OSError as exc:
        raise StoreError(f"data folder {path} cannot be used: {exc.strerror or exc}") from None
    return path


def _open_to_others(path: Path) -> bool:
    """A folder others may write to or read (group/other bits, or owned by someone else)."""
    if os.name != "posix":
        return False
    info = path.stat()
    return info.st_uid != os.getuid() or bool(stat.S_IMODE(info.st_mode) & 0o077)


class Store:
    """One open DIVA database. Use Store.open(data_dir)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, recovered_from: Path | None = None):
        self.conn = conn
        self.path = path
        # where a damaged database was moved, to tell the user once
        self.recovered_from = recovered_from
        # the main file was left open (a crash, or copied while open) and its diva.db-wal is not beside it:
        # what was saved since the last clean close may be missing; said once at start
        self.wal_missing = False

    # ------------------------------------------------------------ opening

    @classmethod
    def connect(cls, path: Path) -> "Store":
        """Another connection to an open store's file (for a worker thread)."""
        return cls(_connect(path), path)

    @classmethod
    def open(cls, data_dir: Path | None = None) -> "Store":
        folder = prepare_data_dir(data_dir)
        path = folder / DB_NAME
        moved = None
        wal_missing = _left_open(path) and not _has_wal(path)
        if path.exists() and not _healthy(path):
            moved = _move_aside(path)
        try:
            conn = _connect(path)
            migrate(conn)
            _mark(conn, OPEN_MARK)
        except NewerStoreError as exc:
            conn.close()
            raise StoreError(f"{path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"database {path} cannot be opened: {_explain(exc)}") from None
        store = cls(conn, path, moved)
        store.wal_missing = wal_missing and moved is None
        return store

    def close(self) -> None:
        try:
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:  # everything is in the main file: mark it closed (another game still open keeps it open)
                _mark(self.conn, 0)
        except sqlite3.DatabaseError:
            pass
        self.conn.close()

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def _write(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            with self.conn:
                return self.conn.execute(sql, tuple(params))
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot save to {self.path}: {_explain(exc)}") from None

    # ------------------------------------------------------------ self-assessments (before / after)
    def save_self_assessment(self, sa: SelfAssessment) -> None:
        """Keep what the player said (the last answer for that session and moment wins)."""
        self._write("INSERT OR REPLACE INTO self_assessments (player_id, session_id, moment, competences_json, created_at) "
                    "VALUES (?, ?, ?, ?, ?)", (sa.player_id, sa.session_id, sa.moment, json.dumps(list(sa.competences)), sa.created_at))

    def self_assessments(self, player_id: str | None = None, session_id: str | None = None) -> list[SelfAssessment]:
        """A player's self-assessments (in a session, if given), or a whole session's, oldest first."""
        if player_id is not None and session_id is not None:
            rows = self.conn.execute("SELECT player_id, session_id, moment, competences_json, created_at FROM self_assessments"
                                     " WHERE player_id = ? AND session_id = ? ORDER BY created_at, rowid", (player_id, session_id)).fetchall()
        elif player_id is not None:
            rows = self.conn.execute("SELECT player_id, session_id, moment, competences_json, created_at FROM self_assessments"
                                     " WHERE player_id = ? ORDER BY created_at, rowid", (player_id,)).fetchall()
        else:
            rows = self.conn.execute("SELECT player_id, session_id, moment, competences_json, created_at FROM self_assessments"
                                     " WHERE session_id = ? ORDER BY created_at, rowid", (session_id,)).fetchall()
        return [SelfAssessment(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4]) for r in rows]

    # ------------------------------------------------------------ players

    def create_player(self, display_name: str, lang: str = "fr", consent: bool = True) -> Player:
        player = Player(id=new_id(), display_name=display_name, lang=lang, consent_at=now_iso() if consent else None)
        self._write(
            "INSERT INTO players (id, display_name, created_at, consent_at, lang) VALUES (?, ?, ?, ?, ?)",
            (player.id, player.display_name, player.created_at, player.consent_at, player.lang),
        )
        return player

    def get_player(self, player_id: str) -> Player | None:
        row = self.conn.execute(
            "SELECT id, display_name, created_at, consent_at, lang FROM players WHERE id = ?", (player_id,)
        ).fetchone()
        return Player(*row) if row else None

    def list_players(self) -> list[Player]:
        rows = self.conn.execute("SELECT id, display_name, created_at, consent_at, lang FROM players").fetchall()
        # sorted in Python: SQLite's NOCASE folds ASCII only, so "Élodie" would come after "Zoé"
        return sorted((Player(*r) for r in rows), key=lambda p: (_name_key(p.display_name), p.created_at))

    def rename_player(self, player_id: str, display_name: str) -> None:
        self._write("UPDATE players SET display_name = ? WHERE id = ?", (display_name, player_id))

    def forget_player(self, player_id: str) -> None:
        """Erase every row about the player, outbox included, and scrub freed pages."""
        try:
            with self.conn:
                for table in PLAYER_TABLES:
                    self.conn.execute(f"DELETE FROM {table} WHERE player_id = ?", (player_id,))  # table names are constants
                self.conn.execute("DELETE FROM settings WHERE scope = ?", (player_id,))
                self.conn.execute("DELETE FROM players WHERE id = ?", (player_id,))
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot erase from {self.path}: {_explain(exc)}") from None

    def merge_players(self, keep_id: str, other_id: str) -> None:
        """Two entries of the same person become one (`keep_id`): every row of the other moves over; where
        both have a row for the same key (progress on a scenario, a badge draft), the kept one's stays."""
        if keep_id == other_id:
            raise ValueError("a player cannot be merged with themselves")
        try:
            with self.conn:
                for table in PLAYER_TABLES:  # table names are constants
                    self.conn.execute(f"UPDATE OR IGNORE {table} SET player_id = ? WHERE player_id = ?", (keep_id, other_id))
                    self.conn.execute(f"DELETE FROM {table} WHERE player_id = ?", (other_id,))
                self.conn.execute("DELETE FROM settings WHERE scope = ?", (other_id,))
                self.conn.execute("DELETE FROM players WHERE id = ?", (other_id,))
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot save to {self.path}: {_explain(exc)}") from None

    def forget_in_copies(self, player_id: str) -> list[Path]:
        """Forget the player in the damaged copies moved aside earlier (diva.db.damaged-*): their rows are
        erased where SQLite can still read the copy; a copy it cannot change, or that still holds the
        player's id afterwards, is removed whole (it was kept only for rescue by hand). Returns what was removed."""
        removed = []
        for copy in sorted(self.path.parent.glob(f"{self.path.name}.damaged-*")):
            if copy.name.endswith(("-wal", "-shm")) or not copy.is_file():
                continue
            try:
                conn = sqlite3.connect(copy.absolute().as_uri(), uri=True, timeout=5, isolation_level=None)
                try:
                    conn.execute("PRAGMA secure_delete=ON")
                    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                    for table in PLAYER_TABLES + ("players", "settings"):
                        if table in tables:  # table names are constants; the copy may be from an older schema
                            column = {"players": "id", "settings": "scope"}.get(table, "player_id")
                            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (player_id,))
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    conn.execute("VACUUM")
                finally:
                    conn.close()
                clean = not any(player_id.encode() in p.read_bytes() for p in _with_sidecars(copy) if p.exists())
            except (sqlite3.DatabaseError, OSError):
                clean = False
            if not clean:
                for p in _with_sidecars(copy):
                    p.unlink(missing_ok=True)
                removed.append(copy)
        return removed

    # ------------------------------------------------------------ sessions

    def start_session(self, mode: str, player_ids: list[str], structure_name: str = "", date: str | None = None) -> Session:
        session = Session(id=new_id(), mode=mode, date=date or now_iso()[:10], structure_name=structure_name, player_ids=list(player_ids))
        try:
            with self.conn:
                self.conn.execute(
                    "INSERT INTO sessions (id, mode, date, structure_name, created_at) VALUES (?, ?, ?, ?, ?)",
                    (session.id, mode, session.date, structure_name, now_iso()),
                )
                self.conn.executemany(
                    "INSERT INTO session_players (session_id, player_id, position) VALUES (?, ?, ?)",
                    [(session.id, pid, i) for i, pid in enumerate(player_ids)],
                )
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot save to {self.path}: {_explain(exc)}") from None
        return session

    def get_session(self, session_id: str) -> Session | None:
        row = self.conn.execute(
            "SELECT id, mode, date, structure_name, ended_at FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if not row:
            return None
        players = [
            r[0]
            for r in self.conn.execute(
                "SELECT player_id FROM session_players WHERE session_id = ? ORDER BY position", (session_id,)
            )
        ]
        return Session(id=row[0], mode=row[1], date=row[2], structure_name=row[3], player_ids=players, ended_at=row[4])

    def end_session(self, session_id: str) -> None:
        self._write("UPDATE sessions SET ended_at = ? WHERE id = ?", (now_iso(), session_id))

    def set_absent(self, session_id: str, player_id: str, absent: bool) -> None:
        self._write(
            "UPDATE session_players SET absent = ? WHERE session_id = ? AND player_id = ?",
            (int(absent), session_id, player_id),
        )

    def absent_in(self, session_id: str) -> set[str]:
        """The players the counsellor marked absent from a session."""
        rows = self.conn.execute("SELECT player_id FROM session_players WHERE session_id = ? AND absent = 1", (session_id,))
        return {r[0] for r in rows}

    def sessions_of(self, player_id: str) -> list[Session]:
        rows = self.conn.execute(
            "SELECT s.id FROM sessions s JOIN session_players sp ON sp.session_id = s.id WHERE sp.player_id = ? ORDER BY s.created_at",
            (player_id,),
        ).fetchall()
        return [self.get_session(r[0]) for r in rows]

    # ------------------------------------------------------------ evidence and progress

    def record_evidence(self, evidence: Iterable[Evidence], progress: tuple | None = None,
                        replace: tuple[str, str, str, str] | None = None) -> None:
        """Commit evidence (and optionally the step reached) in one transaction; `replace`
        (player, session, scenario, step) first removes that player's earlier answer to the step."""
        try:
            with self.conn:
                if replace:
                    self.conn.execute(
                        "DELETE FROM evidence WHERE player_id = ? AND session_id = ? AND scenario_id = ? AND step_id = ?", replace)
                self.conn.executemany(
                    "INSERT INTO evidence (id, player_id, session_id, competence, level, source, scenario_id, step_id, choice_id, why_json, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (e.id, e.player_id, e.session_id, e.competence, e.level, e.source, e.scenario_id, e.step_id, e.choice_id,
                         json.dumps(dict(e.why), ensure_ascii=False), e.created_at)
                        for e in evidence
                    ],
                )
                if progress:
                    self._save_progress(*progress)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot save to {self.path}: {_explain(exc)}") from None

    def evidence_for(self, player_id: str, session_id: str | None = None) -> list[Evidence]:
        sql = ("SELECT player_id, session_id, competence, level, source, scenario_id, step_id, choice_id, why_json, created_at, id"
               " FROM evidence WHERE player_id = ?")
        params: list[Any] = [player_id]
        if session_id:
            sql += " AND session_id = ?"
            params.append(session_id)
        rows = self.conn.execute(sql + " ORDER BY created_at, rowid", params).fetchall()
        whys: dict[str, dict] = {}  # the same few texts come back again and again: decoded once each
        return [Evidence(*r[:8], whys[r[8]] if r[8] in whys else whys.setdefault(r[8], json.loads(r[8])), r[9], r[10])
                for r in rows]

    def _save_progress(self, player_id: str, scenario_id: str, session_id: str, step_id: str, completed: bool = False) -> None:
        self.conn.execute(
            "INSERT INTO progress (player_id, scenario_id, session_id, step_id, completed, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(player_id, scenario_id) DO UPDATE SET session_id = excluded.session_id, step_id = excluded.step_id,"
            " completed = excluded.completed, updated_at = excluded.updated_at",
            (player_id, scenario_id, session_id, step_id, int(completed), now_iso()),
        )

    def save_progress(self, player_id: str, scenario_id: str, session_id: str, step_id: str, completed: bool = False) -> None:
        try:
            with self.conn:
                self._save_progress(player_id, scenario_id, session_id, step_id, completed)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot save to {self.path}: {_explain(exc)}") from None

    def progress_of(self, player_id: str, scenario_id: str) -> tuple[str, bool] | None:
        """(next step to play, completed) for an interrupted or finished scenario."""
        row = self.conn.execute(
            "SELECT step_id, completed FROM progress WHERE player_id = ? AND scenario_id = ?", (player_id, scenario_id)
        ).fetchone()
        return (row[0], bool(row[1])) if row else None

    def completed_scenarios(self, player_id: str) -> set[str]:
        rows = self.conn.execute("SELECT scenario_id FROM progress WHERE player_id = ? AND completed = 1", (player_id,))
        return {r[0] for r in rows}

    # ------------------------------------------------------------ validations

    def add_validation(self, v: Validation) -> None:
        self._write(
            "INSERT INTO validations (id, player_id, session_id, competence, level, counsellor, comment, created_at, evidence_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (v.id, v.player_id, v.session_id, v.competence, v.level, v.counsellor, v.comment, v.created_at, json.dumps(list(v.evidence))),
        )

    def validations_for(self, player_id: str) -> list[Validation]:
        rows = self.conn.execute(
            "SELECT player_id, session_id, competence, level, counsellor, comment, created_at, id, evidence_json FROM validations"
            " WHERE player_id = ? ORDER BY created_at, rowid",
            (player_id,),
        ).fetchall()
        return [Validation(*r[:8], evidence=tuple(json.loads(r[8] or "[]"))) for r in rows]

    # ------------------------------------------------------------ badge drafts (what the player chose to request)

    def save_draft(self, draft: BadgeDraft) -> None:
        self._write(
            "INSERT INTO badge_drafts (player_id, session_id, competence, chosen, narrative, endorsers_json, image_png, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(player_id, session_id, competence) DO UPDATE SET chosen = excluded.chosen,"
            " narrative = excluded.narrative, endorsers_json = excluded.endorsers_json, image_png = excluded.image_png,"
            " updated_at = excluded.updated_at",
            (draft.player_id, draft.session_id, draft.competence, int(draft.chosen), draft.narrative,
             json.dumps(draft.endorsers, ensure_ascii=False), draft.image_png, now_iso()),
        )

    def drafts_for(self, player_id: str, session_id: str) -> dict[str, BadgeDraft]:
        rows = self.conn.execute(
            "SELECT player_id, session_id, competence, chosen, narrative, endorsers_json, image_png FROM badge_drafts"
            " WHERE player_id = ? AND session_id = ?", (player_id, session_id)).fetchall()
        return {r[2]: BadgeDraft(r[0], r[1], r[2], bool(r[3]), r[4], json.loads(r[5]), bytes(r[6]) if r[6] else None) for r in rows}

    # ------------------------------------------------------------ settings

    def get_setting(self, key: str, default: Any = None, scope: str = "") -> Any:
        row = self.conn.execute("SELECT value_json FROM settings WHERE scope = ? AND key = ?", (scope, key)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any, scope: str = "") -> None:
        self._write(
            "INSERT INTO settings (scope, key, value_json) VALUES (?, ?, ?) ON CONFLICT(scope, key) DO UPDATE SET value_json = excluded.value_json",
            (scope, key, json.dumps(value, ensure_ascii=False)),
        )

    def update_setting(self, key: str, change, default: Any = None, scope: str = "") -> Any:
        """Read, change and write one setting in one write transaction (BEGIN IMMEDIATE): two games
        changing it at once both count (the PIN's wrong tries). Returns the new value."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                value = change(self.get_setting(key, default, scope))
                self.conn.execute(
                    "INSERT INTO settings (scope, key, value_json) VALUES (?, ?, ?)"
                    " ON CONFLICT(scope, key) DO UPDATE SET value_json = excluded.value_json",
                    (scope, key, json.dumps(value, ensure_ascii=False)))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot save to {self.path}: {_explain(exc)}") from None
        return value

    # ------------------------------------------------------------ outbox (export.outbox.Outbox protocol)

    def outbox_put(self, request_id: str, player_id: str, session_id: str, body: bytes) -> None:
        self._write(
            "INSERT INTO outbox (request_id, player_id, session_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(request_id) DO NOTHING",
            (request_id, player_id, session_id, body, now_iso(), now_iso()),
        )

    def outbox_due(self, now: float | None = None) -> list[OutboxRow]:
        now = time.time() if now is None else now
        return self._outbox("WHERE status = 'pending' AND next_attempt_at <= ?", (now,))

    def outbox_items(self, session_id: str | None = None) -> list[OutboxRow]:
        if session_id:
            return self._outbox("WHERE session_id = ?", (session_id,))
        return self._outbox("", ())

    def outbox_update(self, request_id: str, *, status: str, attempts: int, next_attempt_at: float, last_error: str,
                      claim_url: str, http_status: int | None) -> None:
        self._write(
            "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, claim_url = ?, http_status = ?, updated_at = ?"
            " WHERE request_id = ?",
            (status, attempts, next_attempt_at, last_error, claim_url, http_status, now_iso(), request_id),
        )

    def outbox_retry_now(self) -> None:
        """Make every waiting request due now (someone pressed 'retry')."""
        self._write("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'")

    def _outbox(self, where: str, params: tuple) -> list[OutboxRow]:
        rows = self.conn.execute(
            "SELECT request_id, player_id, session_id, body, status, attempts, next_attempt_at, last_error, claim_url, http_status"
            f" FROM outbox {where} ORDER BY created_at, rowid",  # `where` is one of the constant clauses above
            params,
        ).fetchall()
        return [OutboxRow(r[0], r[1], r[2], bytes(r[3]), *r[4:]) for r in rows]


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=5, isolation_level=None)
    conn.isolation_level = ""  # explicit transactions through `with conn`
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # a committed choice survives a power cut
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    if os.name == "posix":
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.chmod(0o600)
    return conn


# PRAGMA application_id in the main file's header: OPEN_MARK while a game has the store open (written
# through to the main file at once), 0 after a clean close. Found at start with no diva.db-wal beside it,
# it means the WAL, where the last answers sit until they are copied in, was lost or left behind.
OPEN_MARK = 0x44495641  # "DIVA"


def _mark(conn: sqlite3.Connection, value: int) -> None:
    conn.execute(f"PRAGMA application_id = {int(value)}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _left_open(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            header = fh.read(72)
    except OSError:
        return False
    return len(header) == 72 and header.startswith(b"SQLite format 3\0") and int.from_bytes(header[68:72], "big") == OPEN_MARK


def _has_wal(path: Path) -> bool:
    return Path(str(path) + "-wal").exists()  # after a crash it is there, even empty; a clean close removes it


def _name_key(name: str) -> str:
    """Case- and accent-insensitive sort key for a display name."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# What SQLite says when the file itself is damaged; anything else (disk full, I/O error,
# locked, no permission) is a problem of the moment, and the file must be left where it is.
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_HINTS = (
    (("SQLITE_FULL", "SQLITE_IOERR"), "the disk may be full or removed"),
    (("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"), "the folder may be read-only"),
    (("SQLITE_BUSY", "SQLITE_LOCKED"), "DIVA may be open in another window"),
)


def _explain(exc: sqlite3.Error) -> str:
    """SQLite's message, with what the person in front of the screen can do about it."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    for prefixes, hint in _HINTS:
        if name.startswith(prefixes):
            return f"{exc} ({hint})"
    return str(exc)


def _healthy(path: Path) -> bool:
    """True for a sound database, False for a damaged one (to move aside). A database that
    cannot be read just now raises StoreError: it is never moved aside for that."""
    try:
        # as a URI so that '#', '?' or '%' in the folder's name are not read as URI syntax
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorname", "") or "").startswith(_DAMAGED):
            return False
        raise StoreError(f"database {path} cannot be read: {_explain(exc)}") from None


def _with_sidecars(path: Path) -> list[Path]:
    return [Path(str(path) + suffix) for suffix in ("", "-wal", "-shm")]


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while any(Path(str(target) + suffix).exists() for suffix in ("", "-wal", "-shm")):
        n += 1  # never replace an earlier damaged file moved aside in the same second
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            os.replace(p, Path(str(target) + suffix))
    return target
