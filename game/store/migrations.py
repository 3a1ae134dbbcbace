"""The store's schema, one migration per version; `PRAGMA user_version` says which ran."""
from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: first schema
    """
    CREATE TABLE players (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        consent_at TEXT,
        lang TEXT NOT NULL DEFAULT 'fr'
    );
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        mode TEXT NOT NULL,
        date TEXT NOT NULL,
        structure_name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        ended_at TEXT
    );
    CREATE TABLE session_players (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        absent INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (session_id, player_id)
    );
    CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        competence TEXT NOT NULL,
        level INTEGER NOT NULL,
        source TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        choice_id TEXT NOT NULL,
        why_json TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX evidence_player ON evidence(player_id);
    CREATE TABLE progress (
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        scenario_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        completed INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (player_id, scenario_id)
    );
    CREATE TABLE validations (
        id TEXT PRIMARY KEY,
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        competence TEXT NOT NULL,
        level INTEGER NOT NULL,
        counsellor TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE outbox (
        request_id TEXT PRIMARY KEY,
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        body BLOB NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        claim_url TEXT NOT NULL DEFAULT '',
        http_status INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE settings (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        PRIMARY KEY (scope, key)
    );
    """,
    # 2: the badges a player chose to request, in their own words (co-built with the counsellor)
    """
    CREATE TABLE badge_drafts (
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        competence TEXT NOT NULL,
        chosen INTEGER NOT NULL DEFAULT 0,
        narrative TEXT NOT NULL DEFAULT '',
        endorsers_json TEXT NOT NULL DEFAULT '[]',
        image_png BLOB,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (player_id, session_id, competence)
    );
    """,
    # 3: a validation keeps the evidence the counsellor had on screen when deciding
    """
    ALTER TABLE validations ADD COLUMN evidence_json TEXT NOT NULL DEFAULT '[]';
    """,
    # 4: "name up to 5 things you are good at", before the first session and at the end of each one
    """
    CREATE TABLE self_assessments (
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        moment TEXT NOT NULL,
        competences_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (player_id, session_id, moment)
    );
    """,
]


class NewerStoreError(Exception):
    """The store was written by a newer DIVA: opening it here would fail mid-play."""

    def __init__(self, found: int, known: int):
        super().__init__(f"this data was saved by a newer DIVA (store version {found}, this DIVA reads up to "
                         f"version {known}): update DIVA, or choose another data folder with --data-dir")
        self.found, self.known = found, known


def check_version(conn: sqlite3.Connection) -> int:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise NewerStoreError(version, len(MIGRATIONS))
    return version


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to date. Two games starting at once on one folder: the version is read
    again inside a write transaction (BEGIN IMMEDIATE), so only one of them runs each migration."""
    if check_version(conn) == len(MIGRATIONS):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = check_version(conn)
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in script.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(number)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
