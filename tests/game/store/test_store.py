"""The SQLite store: privacy of the files, schema, every table, forgetting a player, damaged files."""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game.store import sqlite as store_module
from game.core.model import DECLARED, PLAYED, Evidence, Validation
from game.store.migrations import MIGRATIONS
from game.store.sqlite import DB_NAME, PRIVATE_SUBFOLDER, Store, StoreError, prepare_data_dir
from tests.conftest import ROOT, reopened_with_a_player

POSIX = os.name == "posix"
EVERY_TABLE = ("players", "sessions", "session_players", "evidence", "progress", "validations", "outbox", "settings")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir):
    s = Store.open(data_dir)
    yield s
    try:
        s.close()
    except sqlite3.ProgrammingError:  # already closed by the test
        pass


def evidence(player_id, session_id, competence="O1", level=2, source=PLAYED, step="s1", choice="c1", why=None):
    return Evidence(player_id=player_id, session_id=session_id, competence=competence, level=level, source=source,
                    scenario_id="festival", step_id=step, choice_id=choice, why=why or {"fr": "parce que", "en": "because"})


def side_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=5)


def count(conn, table, where="", params=()):
    return conn.execute(f"SELECT COUNT(*) FROM {table} {where}", params).fetchone()[0]


# --------------------------------------------------------------------------- opening


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_open_creates_a_private_folder_and_file(data_dir):
    assert not data_dir.exists()
    s = Store.open(data_dir)
    try:
        assert data_dir.is_dir()
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        db = data_dir / DB_NAME
        assert s.path == db
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        for suffix in ("-wal", "-shm"):
            side = Path(str(db) + suffix)
            if side.exists():
                assert stat.S_IMODE(side.stat().st_mode) == 0o600, suffix
        assert not (data_dir / ".write-test").exists()
    finally:
        s.close()


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_an_existing_shared_folder_keeps_its_mode_and_gets_a_private_subfolder(data_dir):
    data_dir.mkdir(mode=0o777)
    data_dir.chmod(0o1777)  # like /tmp
    s = Store.open(data_dir)
    s.close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o1777
    assert s.path == data_dir / PRIVATE_SUBFOLDER / DB_NAME
    assert stat.S_IMODE((data_dir / PRIVATE_SUBFOLDER).stat().st_mode) == 0o700
    assert prepare_data_dir(data_dir) == data_dir / PRIVATE_SUBFOLDER  # the same folder next time


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_a_private_subfolder_planted_as_a_link_is_refused(data_dir, tmp_path):
    data_dir.mkdir(mode=0o777)
    data_dir.chmod(0o777)
    (tmp_path / "elsewhere").mkdir()
    (data_dir / PRIVATE_SUBFOLDER).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StoreError, match="belongs to another user"):
        Store.open(data_dir)


def test_a_store_from_a_newer_diva_is_refused_at_start_in_one_line(data_dir):
    s = Store.open(data_dir)
    s.conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    s.close()
    with pytest.raises(StoreError) as err:
        Store.open(data_dir)
    message = str(err.value)
    assert "newer DIVA" in message and "\n" not in message and "--data-dir" in message


def test_two_games_started_at_once_on_one_folder_both_open_it(tmp_path):
    code = ("import sys; from game.store.sqlite import Store\n"
            "for i in range(5):\n"
            "    s = Store.open(sys.argv[1]); s.create_player('p'); s.close()")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "d")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, errors
    assert len(Store.open(tmp_path / "d").list_players()) == 20


def test_a_main_file_without_its_wal_is_said_at_start(tmp_path):
    data = tmp_path / "d"
    code = ("import os, sys; from game.store.sqlite import Store; s = Store.open(sys.argv[1]);"
            "s.create_player('Élodie'); os._exit(0)")  # a crash: the answer sits in diva.db-wal
    subprocess.run([sys.executable, "-c", code, str(data)], cwd=ROOT, check=True)
    copy = tmp_path / "copy"
    copy.mkdir(mode=0o700)
    shutil.copy(data / DB_NAME, copy / DB_NAME)  # the main file copied alone
    lone = Store.open(copy)
    assert lone.wal_missing
    lone.close()
    whole = Store.open(data)  # the WAL is there: nothing to say, and the answer is back
    assert not whole.wal_missing and [p.display_name for p in whole.list_players()] == ["Élodie"]
    whole.close()
    assert not Store.open(data).wal_missing  # a clean close: nothing to say


def test_schema_version_and_wal(store):
    assert len(MIGRATIONS) >= 1
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    # WAL is a property of the file: a fresh connection sees it too
    with side_connection(store.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
        assert other.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        tables = {r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(EVERY_TABLE) <= tables
    assert store.integrity_ok()


def test_reopening_keeps_data_and_does_not_migrate_again(data_dir):
    with reopened_with_a_player(data_dir, "Noé") as (s, p):
        assert s.get_player(p.id).display_name == "Noé"
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


# --------------------------------------------------------------------------- players

NAMES = ("Élodie", "Noé", "Zoé 🎸🌟", "A" * 29 + "é", "Robert'); DROP TABLE players;--", "x\"y\\z%_")


@pytest.mark.parametrize("name", NAMES)
def test_player_names_round_trip_literally(store, data_dir, name):
    p = store.create_player(name, lang="en")
    got = store.get_player(p.id)
    assert got == p
    assert got.display_name == name
    assert got.lang == "en"
    assert got.consent_at is not None
    store.close()
    s = Store.open(data_dir)
    try:
        assert s.get_player(p.id).display_name == name
        assert [x.display_name for x in s.list_players()] == [name]
    finally:
        s.close()


def test_thirty_character_name(store):
    name = "Marie-Élodie Nguyễn-Ølsen 🙂abc"
    assert len(name) == 30
    p = store.create_player(name)
    assert store.get_player(p.id).display_name == name


def test_sql_injection_is_stored_literally(store):
    evil = "Robert'); DROP TABLE players;--"
    p = store.create_player(evil)
    store.rename_player(p.id, evil + " 2")
    other = store.create_player("Léa")
    store.set_setting("note", evil, scope=p.id)
    with side_connection(store.path) as conn:
        names = {r[0] for r in conn.execute("SELECT display_name FROM players")}
        assert count(conn, "players") == 2
    assert names == {evil + " 2", "Léa"}
    assert store.get_player(other.id).display_name == "Léa"
    assert store.get_setting("note", scope=p.id) == evil


def test_player_without_consent(store):
    p = store.create_player("Sans", consent=False)
    assert store.get_player(p.id).consent_at is None


def test_rename_get_and_unknown(store):
    p = store.create_player("Elodie")
    q = store.create_player("Noé")
    store.rename_player(p.id, "Élodie 🎉")
    assert store.get_player(p.id).display_name == "Élodie 🎉"
    assert store.get_player(q.id).display_name == "Noé"
    assert store.get_player("no-such-id") is None


def test_list_players_is_sorted_ignoring_case_and_accents(store):
    for name in ("Zoé", "noé", "Élodie", "adam", "Emma", "Benoît"):
        store.create_player(name)
    assert [p.display_name for p in store.list_players()] == ["adam", "Benoît", "Élodie", "Emma", "noé", "Zoé"]


def test_list_players_same_name_by_creation(store):
    a = store.create_player("Léo")
    b = store.create_player("Léo")
    store.conn.execute("UPDATE players SET created_at = ? WHERE id = ?", ("2020-01-01T00:00:00Z", b.id))
    store.conn.commit()
    assert [p.id for p in store.list_players()] == [b.id, a.id]


# --------------------------------------------------------------------------- sessions


def test_sessions_round_trip(store):
    a, b = store.create_player("A"), store.create_player("B")
    s = store.start_session("turns", [b.id, a.id], structure_name="Mission locale", date="2025-03-14")
    got = store.get_session(s.id)
    assert got.player_ids == [b.id, a.id]
    assert (got.mode, got.date, got.structure_name, got.ended_at) == ("turns", "2025-03-14", "Mission locale", None)
    store.set_absent(s.id, a.id, True)
    assert store.conn.execute("SELECT absent FROM session_players WHERE player_id = ?", (a.id,)).fetchone()[0] == 1
    store.end_session(s.id)
    assert store.get_session(s.id).ended_at is not None
    assert [x.id for x in store.sessions_of(a.id)] == [s.id]
    assert store.get_session("nope") is None


# --------------------------------------------------------------------------- evidence and progress


def test_evidence_is_committed_at_once(store):
    p = store.create_player("Élodie")
    s = store.start_session("solo", [p.id])
    ev = [evidence(p.id, s.id, "O2", 3, why={"fr": "Tu expliques « la règle »", "en": "You explain"}),
          evidence(p.id, s.id, "RA2", 1, source=DECLARED)]
    store.record_evidence(ev, (p.id, "festival", s.id, "entree"))
    # a second connection, the store still open: the rows are already on disk
    conn = side_connection(store.path)
    try:
        rows = conn.execute("SELECT id, competence, level, source, why_json FROM evidence ORDER BY level").fetchall()
        assert [(r[0], r[1], r[2], r[3]) for r in rows] == [(ev[1].id, "RA2", 1, DECLARED), (ev[0].id, "O2", 3, PLAYED)]
        assert "« la règle »" in rows[1][4]
        assert conn.execute("SELECT step_id, completed FROM progress WHERE player_id = ?", (p.id,)).fetchall() == [("entree", 0)]
    finally:
        conn.close()
    assert store.evidence_for(p.id) == ev
    assert store.evidence_for(p.id, s.id) == ev
    assert store.evidence_for(p.id, "other-session") == []


def test_a_crash_keeps_what_was_recorded(store, tmp_path):
    """Copy the files while the store is open (as a crash leaves them): everything is there."""
    p = store.create_player("Noé")
    s = store.start_session("solo", [p.id])
    ev = [evidence(p.id, s.id, step=f"s{i}") for i in range(5)]
    store.record_evidence(ev, (p.id, "festival", s.id, "bouteille"))
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        src = Path(str(store.path) + suffix)
        if src.exists():
            (crashed / (DB_NAME + suffix)).write_bytes(src.read_bytes())
    again = Store.open(crashed)
    try:
        assert again.recovered_from is None
        assert again.evidence_for(p.id) == ev
        assert again.progress_of(p.id, "festival") == ("bouteille", False)
    finally:
        again.close()


def test_evidence_and_progress_are_one_transaction(store):
    p = store.create_player("A")
    s = store.start_session("solo", [p.id])
    with side_connection(store.path) as conn:
        conn.execute("CREATE TRIGGER no_progress BEFORE INSERT ON progress BEGIN SELECT RAISE(ABORT, 'boom'); END")
    with pytest.raises((StoreError, sqlite3.DatabaseError)):
        store.record_evidence([evidence(p.id, s.id)], (p.id, "festival", s.id, "entree"))
    assert store.evidence_for(p.id) == []
    assert store.progress_of(p.id, "festival") is None


def test_progress_upsert_and_completed(store):
    p, q = store.create_player("A"), store.create_player("B")
    s = store.start_session("solo", [p.id])
    assert store.progress_of(p.id, "festival") is None
    assert store.completed_scenarios(p.id) == set()
    store.save_progress(p.id, "festival", s.id, "entree")
    assert store.progress_of(p.id, "festival") == ("entree", False)
    store.save_progress(p.id, "festival", s.id, "bilan")
    assert store.progress_of(p.id, "festival") == ("bilan", False)
    assert store.completed_scenarios(p.id) == set()
    store.save_progress(p.id, "festival", s.id, "end", completed=True)
    store.save_progress(p.id, "entretien", s.id, "question")
    store.save_progress(q.id, "colocation", s.id, "end", completed=True)
    assert store.progress_of(p.id, "festival") == ("end", True)
    assert store.completed_scenarios(p.id) == {"festival"}
    assert store.completed_scenarios(q.id) == {"colocation"}
    assert count(store.conn, "progress", "WHERE player_id = ?", (p.id,)) == 2  # upsert, not a second row
    # replaying a finished scenario: the row goes back to "in progress"
    store.save_progress(p.id, "festival", s.id, "entree")
    assert store.progress_of(p.id, "festival") == ("entree", False)
    assert store.completed_scenarios(p.id) == set()


# --------------------------------------------------------------------------- validations and settings


def test_validations_round_trip(store):
    p, q = store.create_player("A"), store.create_player("B")
    s = store.start_session("solo", [p.id])
    v1 = Validation(p.id, s.id, "O2", 4, counsellor="Mme Durand", comment="Très « clair »", created_at="2025-01-01T10:00:00Z")
    v2 = Validation(p.id, s.id, "C1", 2, created_at="2025-01-02T10:00:00Z")
    store.add_validation(v2)
    store.add_validation(v1)
    assert store.validations_for(p.id) == [v1, v2]
    assert store.validations_for(q.id) == []


def test_settings_round_trip_and_scopes(store):
    p, q = store.create_player("A"), store.create_player("B")
    assert store.get_setting("volume") is None
    assert store.get_setting("volume", 7) == 7
    store.set_setting("volume", 0.5)
    store.set_setting("prefs", {"lang": "en", "big_text": True, "name": "Noé 🎵"}, scope=p.id)
    store.set_setting("prefs", {"lang": "fr"}, scope=q.id)
    assert store.get_setting("volume") == 0.5
    assert store.get_setting("prefs", scope=p.id) == {"lang": "en", "big_text": True, "name": "Noé 🎵"}
    assert store.get_setting("prefs", scope=q.id) == {"lang": "fr"}
    assert store.get_setting("prefs") is None
    store.set_setting("prefs", [1, 2], scope=p.id)  # overwrite, no second row
    assert store.get_setting("prefs", scope=p.id) == [1, 2]
    assert count(store.conn, "settings", "WHERE scope = ?", (p.id,)) == 1
    store.set_setting("flag", None)
    assert store.get_setting("flag", "default") is None  # a stored null is not "missing"


# --------------------------------------------------------------------------- outbox


def test_outbox_put_is_idempotent(store):
    p = store.create_player("A")
    store.outbox_put("urn:uuid:1", p.id, "s1", b"\x00first\xff")
    store.outbox_put("urn:uuid:1", p.id, "s1", b"second")
    items = store.outbox_items()
    assert len(items) == 1
    assert items[0].body == b"\x00first\xff"
    assert (items[0].status, items[0].attempts, items[0].next_attempt_at, items[0].http_status) == ("pending", 0, 0, None)


def test_outbox_due_and_update(store):
    p = store.create_player("A")
    for n in (1, 2, 3):
        store.outbox_put(f"urn:uuid:{n}", p.id, "s1" if n < 3 else "s2", b"{}")
    assert [i.request_id for i in store.outbox_due(now=1000.0)] == ["urn:uuid:1", "urn:uuid:2", "urn:uuid:3"]
    store.outbox_update("urn:uuid:1", status="pending", attempts=1, next_attempt_at=2000.0, last_error="timeout",
                        claim_url="", http_status=None)
    store.outbox_update("urn:uuid:2", status="sent", attempts=1, next_attempt_at=0.0, last_error="",
                        claim_url="https://example.org/claim/2", http_status=201)
    assert [i.request_id for i in store.outbox_due(now=1000.0)] == ["urn:uuid:3"]
    assert [i.request_id for i in store.outbox_due(now=1999.9)] == ["urn:uuid:3"]
    assert [i.request_id for i in store.outbox_due(now=2000.0)] == ["urn:uuid:1", "urn:uuid:3"]
    assert [i.request_id for i in store.outbox_due()] == ["urn:uuid:1", "urn:uuid:3"]  # real time is far past 2000
    by_id = {i.request_id: i for i in store.outbox_items()}
    assert (by_id["urn:uuid:1"].attempts, by_id["urn:uuid:1"].last_error) == (1, "timeout")
    assert (by_id["urn:uuid:2"].status, by_id["urn:uuid:2"].claim_url, by_id["urn:uuid:2"].http_status) == (
        "sent", "https://example.org/claim/2", 201)
    assert [i.request_id for i in store.outbox_items("s2")] == ["urn:uuid:3"]
    store.outbox_update("urn:uuid:3", status="failed", attempts=5, next_attempt_at=0.0, last_error="400",
                        claim_url="", http_status=400)
    assert [i.request_id for i in store.outbox_due(now=5000.0)] == ["urn:uuid:1"]


# --------------------------------------------------------------------------- forgetting a player


def fill(store, player, session, tag):
    store.record_evidence(
        [evidence(player.id, session.id, "O2", 2, why={"fr": f"preuve {tag}", "en": f"proof {tag}"}, step=f"s{i}")
         for i in range(40)],
        (player.id, "festival", session.id, "entree"),
    )
    store.record_evidence([evidence(player.id, session.id, "C1", 1, source=DECLARED)])
    store.save_progress(player.id, "colocation", session.id, "end", completed=True)
    store.add_validation(Validation(player.id, session.id, "O2", 3, counsellor="Mme Durand", comment=f"ok {tag}"))
    body = f'{{"recipient": "{player.display_name}", "id": "{player.id}"}}'.encode() * 20
    store.outbox_put(f"urn:uuid:{player.id}", player.id, session.id, body)
    store.set_setting("preferences", {"display": player.display_name, "id": player.id}, scope=player.id)


def test_forget_player_removes_every_row_and_every_byte(store, data_dir):
    gone = store.create_player("Zéphyrine Oubliée")
    kept = store.create_player("Gardé Toujours")
    session = store.start_session("turns", [gone.id, kept.id])
    fill(store, gone, session, "A")
    fill(store, kept, session, "B")
    store.set_setting("volume", 3)
    db = store.path
    # the name and id are really written in the file before forgetting
    store.close()
    raw = db.read_bytes()
    assert gone.display_name.encode() in raw and gone.id.encode() in raw
    store = Store.open(data_dir)

    store.forget_player(gone.id)

    checks = {
        "players": ("WHERE id = ?", 0, 1),
        "session_players": ("WHERE player_id = ?", 0, 1),
        "evidence": ("WHERE player_id = ?", 0, 41),
        "progress": ("WHERE player_id = ?", 0, 2),
        "validations": ("WHERE player_id = ?", 0, 1),
        "outbox": ("WHERE player_id = ?", 0, 1),
        "settings": ("WHERE scope = ?", 0, 1),
    }
    with side_connection(db) as conn:
        for table, (where, expected_gone, expected_kept) in checks.items():
            assert count(conn, table, where, (gone.id,)) == expected_gone, table
            assert count(conn, table, where, (kept.id,)) == expected_kept, table
        # nothing anywhere mentions the forgotten player
        for table in EVERY_TABLE:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for col in cols:
                hits = conn.execute(
                    f"SELECT COUNT(*) FROM {table} WHERE CAST({col} AS BLOB) LIKE ? OR CAST({col} AS BLOB) LIKE ?",
                    (f"%{gone.id}%", f"%{gone.display_name}%"),
                ).fetchone()[0]
                assert hits == 0, (table, col)
        assert count(conn, "settings", "WHERE scope = ''") == 1
    assert store.get_player(gone.id) is None
    assert store.evidence_for(gone.id) == [] and store.validations_for(gone.id) == []
    assert store.get_session(session.id).player_ids == [kept.id]
    assert [p.id for p in store.list_players()] == [kept.id]
    assert len(store.evidence_for(kept.id)) == 41
    assert store.completed_scenarios(kept.id) == {"colocation"}
    assert store.get_setting("preferences", scope=kept.id)["id"] == kept.id
    assert store.integrity_ok()
    store.close()

    raw = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.name.startswith(DB_NAME))
    for needle in (gone.display_name, gone.id, "Oubliée", "Zéphyrine"):
        assert needle.encode() not in raw, needle
        assert needle.encode("utf-16-le") not in raw, needle
    assert kept.display_name.encode() in raw and kept.id.encode() in raw


def test_forgotten_bytes_are_gone_even_before_close(store):
    gone = store.create_player("Personne Secrète")
    session = store.start_session("solo", [gone.id])
    fill(store, gone, session, "A")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.forget_player(gone.id)
    raw = b"".join(Path(str(store.path) + s).read_bytes() for s in ("", "-wal") if Path(str(store.path) + s).exists())
    assert gone.display_name.encode() not in raw
    assert gone.id.encode() not in raw


# --------------------------------------------------------------------------- damaged files


def a_filled_database(data_dir) -> bytes:
    s = Store.open(data_dir)
    p = s.create_player("Élodie")
    session = s.start_session("solo", [p.id])
    s.record_evidence([evidence(p.id, session.id, step=f"s{i}", why={"fr": "x" * 300, "en": "y" * 300}) for i in range(300)])
    s.close()
    return (data_dir / DB_NAME).read_bytes()


def assert_moved_aside(data_dir, original: bytes):
    s = Store.open(data_dir)
    try:
        assert s.recovered_from is not None
        moved = Path(s.recovered_from)
        assert moved.parent == data_dir
        assert moved.name.startswith(DB_NAME + ".damaged-")
        assert moved.exists()
        assert moved.read_bytes() == original
        assert s.list_players() == []
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert s.integrity_ok()
        p = s.create_player("Nouveau")  # the new store works
        assert s.get_player(p.id).display_name == "Nouveau"
        return moved
    finally:
        s.close()


def test_garbage_in_the_middle_is_moved_aside(data_dir):
    healthy = a_filled_database(data_dir)
    assert len(healthy) > 16 * 4096
    damaged = bytearray(healthy)
    middle = (len(damaged) // 2) // 4096 * 4096
    damaged[middle:middle + 4096] = b"\xde\xad\xbe\xef" * 1024
    (data_dir / DB_NAME).write_bytes(bytes(damaged))
    assert_moved_aside(data_dir, bytes(damaged))
    # reopening the new store does not move anything again
    s = Store.open(data_dir)
    try:
        assert s.recovered_from is None
        assert [p.display_name for p in s.list_players()] == ["Nouveau"]
    finally:
        s.close()


def test_a_file_that_is_not_a_database_is_moved_aside(data_dir):
    data_dir.mkdir(parents=True)
    original = "Ceci n'est pas une base de données. 🙂\n".encode() * 200
    (data_dir / DB_NAME).write_bytes(original)
    assert_moved_aside(data_dir, original)


def test_two_damaged_files_in_the_same_second_are_both_kept(data_dir, monkeypatch):
    monkeypatch.setattr(store_module.time, "strftime", lambda fmt, *a: "20250101-120000")
    data_dir.mkdir(parents=True)
    (data_dir / DB_NAME).write_bytes(b"first damaged file" * 100)
    first = assert_moved_aside(data_dir, b"first damaged file" * 100)
    (data_dir / DB_NAME).write_bytes(b"second damaged file" * 100)
    second = assert_moved_aside(data_dir, b"second damaged file" * 100)
    assert first != second
    assert first.read_bytes() == b"first damaged file" * 100


# --------------------------------------------------------------------------- unusable places


def can_still_write(folder: Path) -> bool:
    try:
        probe = folder / "probe"
        probe.write_bytes(b"x")
        probe.unlink()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_read_only_folder_raises_store_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if can_still_write(folder):
            pytest.skip("this user can write into a 0500 folder (root)")
        with pytest.raises(StoreError) as info:
            Store.open(folder)
        assert str(folder) in str(info.value)
        assert not isinstance(info.value, sqlite3.Error)
    finally:
        folder.chmod(0o700)


def test_a_path_under_a_regular_file_raises_store_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("just a file")
    with pytest.raises(StoreError) as info:
        Store.open(blocker / "data")
    assert "cannot be used" in str(info.value)
    assert str(blocker / "data") in str(info.value)
    assert blocker.read_text() == "just a file"


def test_a_regular_file_as_the_data_folder_raises_store_error(tmp_path):
    blocker = tmp_path / "plain"
    blocker.write_text("just a file")
    with pytest.raises(StoreError):
        Store.open(blocker)
    assert blocker.read_text() == "just a file"
