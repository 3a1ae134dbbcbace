"""Reliability and security, proven by injecting the faults: SIGKILL in the middle of play,
hostile content, a failing issuer, bad names, an unusable or full data folder, and secrets.

What other test files already prove is not tested again here (see README, "Reliability"):
tests/game/store/test_store.py (forget in the file bytes, damaged database moved aside, 0700 folder),
tests/game/content/test_content.py and tests/referential/test_referential.py (broken files, alias bomb, deep nesting,
hypothesis), tests/export/ (each HTTP fault at the send level), tests/scenes/test_group.py (PIN delay),
tests/game/services/test_badges.py (issuer down, then `export --pending` exactly once).
Everything runs on loopback; the figures in the README table are the constants below.
"""
from __future__ import annotations

import ast
import hashlib
import hmac
import json
import os
import random
import re
import resource
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, reopened_with_a_player
from scenes import scene_class

# --------------------------------------------------------------------------- figures (README "Reliability")

KILLS = 24                 # SIGKILLs of a running `autoplay`
FUZZED_FILES = 240         # mutated copies of the bundled scenarios and referential, through `validate`'s loader
HOSTILE_FILES = 10         # hand-made hostile files (50 MB, bombs, encodings …) through `validate` and the game
NETWORK_FAULTS = 11        # 10 kinds of failure, each on every waiting request, + a success answered in bad JSON

ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
ENV.pop("DISPLAY", None)


def run_main(*args, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=ENV, **kwargs)


@pytest.fixture(scope="module")
def library():
    from game.content.scenarios import check_library
    from referential import load_referential

    lib, problems = check_library(None, load_referential())
    assert problems == []
    return lib


# =========================================================================== crash: SIGKILL at random moments

STEP_LINE = re.compile(r"autoplay: on step ([a-z0-9_-]+)/([a-z0-9_-]+) for ([0-9a-f-]{36}(?:,[0-9a-f-]{36})*)$")


def path_to(scenario, chosen: dict[str, str], target: str) -> list[str]:
    """The steps from the start to `target`, following the choices found in the store.
    Fails if a step the player must have passed has no evidence: a lost choice."""
    from game.core.scenario import END

    flags: set[str] = set()  # the scenario's state: steps whose condition does not hold are skipped
    path, step_id = [], scenario.resolve(scenario.start, flags)
    for _ in range(len(scenario.steps) + 1):
        path.append(step_id)
        if step_id == target:
            return path
        if step_id == END:
            break
        step = scenario.step(step_id)
        if step_id in chosen:
            choice = next((c for c in getattr(step, "choices", ()) if c.id == chosen[step_id]), None)
            flags.update(choice.sets if choice else ())
            step_id = choice.next if choice else step.next
        elif step.kind == "experience":  # telling an experience may be skipped: no evidence then
            step_id = step.next
        else:
            raise AssertionError(f"{scenario.id}: no evidence for step '{step_id}', passed before '{target}'")
        step_id = scenario.resolve(step_id, flags)
    raise AssertionError(f"{scenario.id}: step '{target}' is not reached by the recorded choices {path}")


def check_after_kill(data_dir: Path, library, seen: set[str], logged: list[tuple[str, str, str]]) -> set[str]:
    """The store opens and is intact, nothing committed before is gone, and every step a screen
    had moved on from has its evidence. Returns the evidence ids now present."""
    from game.store.sqlite import Store

    store = Store.open(data_dir)
    try:
        assert store.recovered_from is None, "the store was found damaged after a kill"
        assert store.integrity_ok()
        conn = store.conn
        ids = {r[0] for r in conn.execute("SELECT id FROM evidence")}
        assert seen <= ids, f"{len(seen - ids)} evidence rows vanished"
        chosen: dict[tuple[str, str], dict[str, str]] = {}
        for pid, sid, step, choice in conn.execute("SELECT player_id, scenario_id, step_id, choice_id FROM evidence ORDER BY rowid"):
            chosen.setdefault((pid, sid), {})[step] = choice
        progress = {(pid, sid): (step, done) for pid, sid, step, done in
                    conn.execute("SELECT player_id, scenario_id, step_id, completed FROM progress")}
        for (pid, sid), (step, done) in progress.items():
            path = path_to(library.scenario(sid), chosen.get((pid, sid), {}), step)
            assert bool(done) == (step == "end"), (sid, step, done)
            assert path[-1] == step
        for sid, step, pid in logged:  # the screen showed `step`: every choice before it is in the store
            scenario = library.scenario(sid)
            saved = progress.get((pid, sid), (scenario.start, 0))[0]
            assert step in path_to(scenario, chosen.get((pid, sid), {}), saved), (sid, step, saved)
        for (pid, sid) in chosen:
            assert (pid, sid) in progress, f"evidence for {sid} without its progress row"
        return ids
    finally:
        store.conn.close()  # no checkpoint: the next run starts on the WAL the kill left


def new_log_lines(log: Path, offset: int) -> list[tuple[str, str, str]]:
    if not log.exists():
        return []
    raw = log.read_bytes()[offset:]
    lines = raw.decode("utf-8", "replace").split("\n")[:-1]  # a line cut by the kill is ignored
    found = []
    for line in lines:
        m = STEP_LINE.search(line)
        if m:
            found += [(m.group(1), m.group(2), pid) for pid in m.group(3).split(",")]
    return found


def kill_lane(data: Path, library, lane: int, kills_wanted: int) -> tuple[int, int, set[str]]:
    """Start `autoplay` again and again on one data folder, SIGKILL it at a random moment, check the store."""
    from game.core.scenario import END

    log = data / "diva.log"
    rng = random.Random(20251123 + lane)
    seen: set[str] = set()
    kills = mid_scenario = attempts = 0
    while kills < kills_wanted:
        attempts += 1
        assert attempts < kills_wanted * 2, "autoplay kept finishing before it could be killed"
        offset = log.stat().st_size if log.exists() else 0
        proc = subprocess.Popen([sys.executable, "main.py", "autoplay", "--scenario", "all", "--strategy", "random",
                                 "--seed", str(100 * lane + attempts), "--data-dir", str(data)],
                                cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            if attempts % 4 == 1:  # any moment, start-up and the opening of the store included
                time.sleep(rng.uniform(0.05, 1.5))
            else:  # in the middle of play: once the first step is on screen
                deadline = time.monotonic() + 30
                while not new_log_lines(log, offset) and proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.01)
                time.sleep(rng.uniform(0.0, 1.0))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
        finally:
            proc.wait(timeout=30)
            err = proc.stderr.read().decode(errors="replace")
            proc.stderr.close()
        assert "Traceback" not in err, err
        logged = new_log_lines(log, offset)
        mid_scenario += bool(logged) and logged[-1][1] != END
        seen = check_after_kill(data, library, seen, logged)
    assert not (data / "diva.log.1").exists()  # the log was read whole
    return kills, mid_scenario, seen


def test_sigkill_during_autoplay_never_loses_a_choice(tmp_path, library):
    from concurrent.futures import ThreadPoolExecutor

    from game.services.play import PlaySession
    from game.store.sqlite import Store

    started = time.monotonic()
    lanes = [tmp_path / f"data{i}" for i in range(2)]  # two workshops' laptops, killed side by side
    with ThreadPoolExecutor(len(lanes)) as pool:
        results = [f.result() for f in [pool.submit(kill_lane, data, library, i, KILLS // len(lanes))
                                        for i, data in enumerate(lanes)]]
    kills = sum(r[0] for r in results)
    mid_scenario = sum(r[1] for r in results)
    assert kills >= KILLS and mid_scenario >= KILLS // 3, (kills, mid_scenario)

    data, seen = lanes[0], results[0][2]
    # a killed player resumes where they were
    store = Store.open(data)
    try:
        interrupted = store.conn.execute(
            "SELECT player_id, scenario_id, step_id FROM progress WHERE completed = 0 ORDER BY updated_at").fetchall()
        assert interrupted, "no kill landed in the middle of a scenario"
        for player_id, scenario_id, step_id in interrupted:
            player = store.get_player(player_id)
            session = store.start_session("solo", [player.id])
            play = PlaySession(store, session, [player])
            play.start(library.scenario(scenario_id))
            assert play.step_id == step_id
            assert {e.step_id for e in play.recorded} <= set(path_to(library.scenario(scenario_id),
                                                                     {e.step_id: e.choice_id for e in play.recorded}, step_id))
    finally:
        store.close()

    # and the next workshop starts as if nothing happened
    out = run_main("autoplay", "--scenario", "all", "--data-dir", data)
    assert out.returncode == 0, out.stderr
    check_after_kill(data, library, seen, [])
    assert time.monotonic() - started < 150
    print(f"{kills} kills, {mid_scenario} in the middle of a scenario, "
          f"{sum(len(r[2]) for r in results)} choices checked, 0 lost")


# =========================================================================== hostile content

PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<message>.+)$")
BUNDLED_SCENARIOS = sorted((ROOT / "content" / "scenarios").glob("*.yaml"))
REFERENTIAL_FILE = ROOT / "referential" / "rectec.yaml"

# pieces an editor, a bad merge or an attacker may leave in a file
SPECIALS = [
    b"a: &a [*a, *a]\n", b"b: &b ['x', 'x', 'x']\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
    b"x: !!python/object/apply:os.system ['echo pwned']\n", b"<<: *nowhere\n", b"[" * 400 + b"\n",
    b"\t- a tab\n", b"? [complex, key]\n: value\n", b"---\nid: second\n", b"%YAML 1.1\n", b"id: !!int 12abc\n",
    b"k: " + b"v" * 200_000 + b"\n", b"\xed\xa0\x80 surrogate\n", b"\xc0\xaf overlong\n", b"\xef\xbb\xbf",
    "text: {fr: \u202e\u200b\x1b[2J, en: 🙂}\n".encode(), b"id: 1e999999\n", b"minutes: .nan\n",
]


def mutate(raw: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One seeded damage: byte flips, truncation, line edits, a hostile piece, another encoding."""
    lines = raw.split(b"\n")
    kind = rng.choice(["flip", "truncate", "lines", "special", "encoding"])
    if kind == "flip":
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return kind, bytes(data)
    if kind == "truncate":
        return kind, raw[: rng.randrange(len(raw))]
    if kind == "lines":
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        edit = rng.choice(["delete", "duplicate", "swap", "indent"])
        if edit == "delete":
            del lines[i]
        elif edit == "duplicate":
            lines.insert(i, lines[j])
        elif edit == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = b" " * rng.randint(1, 9) + lines[i]
        return kind, b"\n".join(lines)
    if kind == "special":
        lines.insert(rng.randrange(len(lines)), rng.choice(SPECIALS).rstrip(b"\n"))
        return kind, b"\n".join(lines)
    encoding = rng.choice(["latin-1", "cp1252", "utf-16", "utf-16-be", "utf-32", "shift_jis"])
    return kind, raw.decode("utf-8").encode(encoding, errors="replace")


def assert_problem_lines(lines: list[str], files: dict[str, bytes]) -> None:
    """Each line is `file:line: message`, about a file we wrote, on a line that file has."""
    for line in lines:
        m = PROBLEM_LINE.match(line)
        assert m, line
        assert m["path"] in files, line
        assert 1 <= int(m["line"]) <= files[m["path"]].count(b"\n") + 2, line


def measured(*args, limit_mb: int = 1536, timeout: float = 60) -> tuple[subprocess.CompletedProcess, float, float]:
    """`python main.py …` under an address-space limit; (result, seconds, peak memory in MB)."""
    # VmHWM: this process's own peak (ru_maxrss would also count the test process it was forked from)
    wrapper = ("import re, resource, runpy, sys\n"
               "try:\n    sys.argv = ['main.py', *sys.argv[1:]]\n    runpy.run_path('main.py', run_name='__main__')\n"
               "finally:\n    try:\n        kb = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]\n"
               "    except (OSError, TypeError):\n        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
               "    print(f'peak-rss-kb={kb}', file=sys.stderr)\n")
    limit = limit_mb * 1024 * 1024
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", wrapper, *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                         timeout=timeout, env=ENV, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
    seconds = time.monotonic() - started
    peak = re.search(r"peak-rss-kb=(\d+)", out.stderr)
    assert peak, out.stderr
    return out, seconds, int(peak[1]) / 1024


def test_mutated_scenarios_and_referential_never_crash_validate(tmp_path):
    """FUZZED_FILES seeded mutations of every bundled file: problems as file:line, never a traceback."""
    from referential import check_referential

    rng = random.Random(4242)
    per_scenario = 10
    folder = tmp_path / "fuzz"
    folder.mkdir()
    files: dict[str, bytes] = {}
    for source in BUNDLED_SCENARIOS:
        raw = source.read_bytes()
        for i in range(per_scenario):
            _, damaged = mutate(raw, rng)
            path = folder / f"{source.stem}-{i}.yaml"
            path.write_bytes(damaged)
            files[str(path)] = damaged
    out, seconds, peak_mb = measured("validate", folder)
    assert "Traceback" not in out.stderr and "internal error" not in out.stdout, out.stdout[-2000:] + out.stderr[-2000:]
    assert out.returncode == 1
    problems = out.stdout.splitlines()
    assert_problem_lines(problems, files)
    named = {PROBLEM_LINE.match(line)["path"] for line in problems}
    assert len(named) >= len(files) * 0.8, "most damaged files must be reported"
    assert seconds < 30 and peak_mb < 400, (seconds, peak_mb)
    print(f"validate on {len(files)} damaged scenarios: {seconds:.1f} s, {peak_mb:.0f} MB peak")

    ref_raw = REFERENTIAL_FILE.read_bytes()
    ref_runs = FUZZED_FILES - len(files)
    for i in range(ref_runs):
        _, damaged = mutate(ref_raw, rng)
        path = tmp_path / f"rectec-{i}.yaml"
        path.write_bytes(damaged)
        referential, found = check_referential(path)
        assert (referential is None) == bool(found)
        assert_problem_lines([str(p) for p in found], {str(path): damaged})
    assert len(files) + ref_runs == FUZZED_FILES


def hostile_files(folder: Path) -> dict[str, bytes | None]:
    """HOSTILE_FILES hand-made files, each worse than what a hurried edit leaves (None: not a plain file)."""
    festival = (ROOT / "content" / "scenarios" / "festival.yaml").read_bytes()
    text = festival.decode("utf-8")
    bomb = [b"id: bombe", b"a: &a [" + b",".join([b'"lol"'] * 9) + b"]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        bomb.append(f"{name}: &{name} [".encode() + b",".join([f"*{prev}".encode()] * 9) + b"]")
    made: dict[str, bytes | None] = {
        "huge-50mb.yaml": None,
        "bomb.yaml": b"\n".join(bomb) + b"\n",
        "deep.yaml": b"id: x\nsteps:\n  - " + b"[" * 1_000_000 + b"\n",
        "utf16.yaml": text.encode("utf-16"),
        "utf16be-no-bom.yaml": text.encode("utf-16-be"),
        "utf32.yaml": text.encode("utf-32"),
        "latin1.yaml": text.encode("latin-1", errors="replace"),
        "cut-in-a-letter.yaml": festival[: festival.index("é".encode()) + 1],
        "many-values.yaml": b"".join(b"k%d: [1, 2, 3, 4]\n" % i for i in range(60_000)),
        "dev-zero.yaml": None,
    }
    with open(folder / "huge-50mb.yaml", "wb") as fh:  # sparse: 50 MB without writing them
        fh.write(festival)
        fh.truncate(50 * 1024 * 1024)
    (folder / "dev-zero.yaml").symlink_to("/dev/zero")  # endless: a loader that reads it all never returns
    for name, raw in made.items():
        if raw is not None:
            (folder / name).write_bytes(raw)
    assert len(made) == HOSTILE_FILES
    return made


def test_hostile_files_are_named_by_validate_within_bounded_time_and_memory(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    made = hostile_files(folder)
    out, seconds, peak_mb = measured("validate", folder, limit_mb=1024)
    assert "Traceback" not in out.stderr and out.returncode == 1, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    for name in made:
        mine = [line for line in lines if line.startswith(f"{folder / name}:")]
        assert mine, f"{name} not reported"
        assert all(PROBLEM_LINE.match(line) for line in mine)
    said = "\n".join(lines)
    for expected in ("file too large (52428800 bytes", "too many values", "nested too deeply", "saved as UTF-16 text",
                     "saved as UTF-32 text", "not UTF-8 text", "not a regular file"):
        assert expected in said, expected
    assert seconds < 20 and peak_mb < 300, (seconds, peak_mb)
    print(f"validate on {len(made)} hostile files: {seconds:.1f} s, {peak_mb:.0f} MB peak")


def test_the_game_plays_what_is_sound_and_names_what_is_not(tmp_path, monkeypatch, capsys):
    """The game's own loader: hostile scenarios beside a good one, then a hostile referential."""
    import game.content.scenarios
    import referential
    from game.autoplay.driver import run_autoplay
    from game.cli import build_parser

    folder = tmp_path / "scenarios"
    folder.mkdir()
    made = hostile_files(folder)
    (folder / "festival.yaml").write_bytes((ROOT / "content" / "scenarios" / "festival.yaml").read_bytes())
    monkeypatch.setattr(game.content.scenarios, "SCENARIO_DIR", folder)
    args = lambda data: build_parser().parse_args(["autoplay", "--scenario", "festival", "--data-dir", str(data)])  # noqa: E731
    started = time.monotonic()
    assert run_autoplay(args(tmp_path / "d1")) == 0
    log = (tmp_path / "d1" / "diva.log").read_text()
    for name in made:
        assert f"content problem: {folder / name}:" in log, name
    assert time.monotonic() - started < 20

    for name in ("bomb.yaml", "utf16.yaml", "deep.yaml", "dev-zero.yaml", "huge-50mb.yaml"):
        monkeypatch.setattr(referential, "DEFAULT_PATH", folder / name)
        capsys.readouterr()
        assert run_autoplay(args(tmp_path / "d2")) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        first = err.splitlines()[0]
        assert first.startswith(f"autoplay: {folder / name}:") and PROBLEM_LINE.match(first.removeprefix("autoplay: ")), err


# =========================================================================== network faults, end to end

SECRET = "structure-secret-Zq8-never-shown"


class FlakyIssuer:
    """A DIVA issuer on loopback that fails as told; one badge per Idempotency-Key, like the protocol says."""

    def __init__(self):
        self.mode = "ok"
        self.badges: dict[str, bytes] = {}
        self.posts: dict[str, int] = {}

    def __call__(self, request):
        from werkzeug import Response

        key = request.headers.get("Idempotency-Key", "")
        self.posts[key] = self.posts.get(key, 0) + 1
        body = request.get_data()
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        if request.headers.get("X-DIVA-Signature") != expected:
            return Response('{"message": "bad signature"}', status=401, content_type="application/json")
        mode = self.mode
        if mode == "500":
            return Response('{"message": "database down"}', status=500, content_type="application/json")
        if mode == "503":
            return Response("maintenance", status=503, headers={"Retry-After": "60"})
        if mode == "429":
            return Response('{"message": "slow down"}', status=429, headers={"Retry-After": "7200"},
                            content_type="application/json")
        if mode == "502-bad-json":
            return Response('{"message": "gateway', status=502, content_type="application/json")
        if mode == "redirect":
            return Response("", status=302, headers={"Location": "http://badges.example.org/badge-requests"})
        self.badges.setdefault(key, body)  # done: the badge exists from now on
        if mode == "answer-lost":
            time.sleep(1.0)  # the client has given up by then
        if mode == "ok-bad-json":
            return Response("{claimUrl: nope", status=201, content_type="application/json")
        return Response(json.dumps({"claimUrl": f"https://issuer.example.org/c/{key[-6:]}"}), status=201,
                        content_type="application/json")


class Trickle:
    """A server that answers one byte every 0.1 s, for ever: a read timeout alone never fires."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.stop = False
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.drip, args=(conn,), daemon=True).start()

    def drip(self, conn):
        try:
            conn.recv(65536)
            for byte in b"HTTP/1.1 201 Created\r\nX-Slow: " + b"z" * 10_000:
                if self.stop:
                    break
                conn.sendall(bytes([byte]))
                time.sleep(0.1)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.stop = True
        self.sock.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# (fault, issuer mode or address, what the counsellor must read)
FAULTS = [
    ("connection refused", "refused", "could not reach the issuer"),
    ("TLS failure", "tls", "secure connection (TLS)"),
    ("timeout, answer lost after the badge was made", "answer-lost", "did not answer in time"),
    ("server answering one byte at a time", "trickle", "did not answer in time"),
    ("500", "500", "busy or failing (500); will retry: database down"),
    ("503 with Retry-After", "503", "busy or failing (503)"),
    ("429 with Retry-After: 7200", "429", "busy or failing (429); will retry: slow down"),
    ("malformed JSON answer (502)", "502-bad-json", "busy or failing (502)"),
    ("redirect to plain http", "redirect", "redirect (302) to http://badges.example.org"),
    ("disk full while saving the answer", "disk-full", None),
]
assert len(FAULTS) == NETWORK_FAULTS - 1  # + the malformed JSON on success, in the recovery


def test_every_network_fault_keeps_the_request_says_why_then_delivers_exactly_once(tmp_path, monkeypatch):
    import dataclasses

    from pytest_httpserver import HTTPServer

    from export.outbox import is_due
    from game.services.badges import export_pending
    from game.services.issuer_config import IssuerSettings
    from game.store.sqlite import Store, StoreError

    data = tmp_path / "data"
    store = Store.open(data)
    ids = []
    for name in ("Élodie", "Noé", "Aïssata"):
        player = store.create_player(name)
        session = store.start_session("solo", [player.id])
        rid = f"urn:uuid:{session.id}"
        store.outbox_put(rid, player.id, session.id, json.dumps({"id": rid, "type": "BadgeRequest"}).encode())
        ids.append(rid)
    store.close()
    timeout = 0.3
    real_config = IssuerSettings.config
    monkeypatch.setattr(IssuerSettings, "config", lambda self: dataclasses.replace(real_config(self), timeout_s=timeout))
    issuer = FlakyIssuer()
    trickle = Trickle()
    now = 1_000_000.0
    injected = 0

    def configure(url):
        IssuerSettings(kind="diva", url=url, structure_id="ml-lyon", secret=SECRET).save(data)

    def pending() -> dict:
        s = Store.open(data)
        try:
            return {i.request_id: i for i in s.outbox_items()}
        finally:
            s.close()

    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as server:
        server.expect_request("/badge-requests", method="POST").respond_with_handler(issuer)
        base = server.url_for("/").rstrip("/")
        try:
            for fault, mode, why in FAULTS:
                configure({"refused": f"http://127.0.0.1:{closed_port()}", "tls": base.replace("http://", "https://"),
                           "trickle": trickle.url}.get(mode, base))
                issuer.mode = "ok" if mode == "disk-full" else mode
                now += 10_000
                started = time.monotonic()
                if mode == "disk-full":  # the issuer made the badge, the answer cannot be saved
                    def full(*args, **kwargs):
                        raise StoreError(f"cannot save to {data / 'diva.db'}: database or disk is full")
                    posts = sum(issuer.posts.values())
                    with monkeypatch.context() as patch:
                        patch.setattr(Store, "outbox_update", full)
                        with pytest.raises(StoreError, match="disk is full"):
                            export_pending(data, now=now)
                    assert sum(issuer.posts.values()) == posts + 1 and ids[0] in issuer.badges  # made, but not known here
                    assert all(i.status == "pending" for i in pending().values())
                    injected += 1
                    continue
                code, lines = export_pending(data, now=now)
                assert time.monotonic() - started < 3 * (timeout * 3 + 1.5), fault
                assert code == 1, (fault, lines)
                items = pending()
                for rid in ids:
                    item = items[rid]
                    assert item.status == "pending", (fault, item)
                    assert why in item.last_error, (fault, item.last_error)
                    assert f"{rid}: pending ({item.last_error})" in lines, (fault, lines)
                    assert SECRET not in item.last_error
                injected += len(ids)
                if mode == "429":  # the issuer's Retry-After is kept: no automatic retry leaves before
                    assert all(items[rid].next_attempt_at == now + 7200 for rid in ids)
                    assert not any(is_due(items[rid], now + 7100) for rid in ids)
                    # the counsellor's "send now" (export --pending) does not wait for it
                    posts = sum(issuer.posts.values())
                    code, lines = export_pending(data, now=now + 7100)
                    assert code == 1 and sum(issuer.posts.values()) == posts + 3

            # the issuer recovers: every request leaves, once
            configure(base)
            issuer.mode = "ok-bad-json"
            now += 10_000
            code, lines = export_pending(data, now=now)
            assert code == 0, lines
            items = pending()
            assert [items[rid].status for rid in ids] == ["sent"] * 3
            injected += 1  # a success whose answer is not JSON still counts as sent, without a claim URL
            posts = dict(issuer.posts)
            code, lines = export_pending(data, now=now + 10**6)
            assert (code, lines) == (0, ["export: nothing waits in the outbox"])
            assert issuer.posts == posts  # a sent request never leaves again
        finally:
            trickle.close()
    assert sorted(issuer.badges) == sorted(ids)  # exactly one badge per request, although some were sent 5 times
    assert all(issuer.badges[rid] == json.dumps({"id": rid, "type": "BadgeRequest"}).encode() for rid in ids)
    assert injected == (NETWORK_FAULTS - 2) * len(ids) + 2
    log = (data / "diva.log").read_text() if (data / "diva.log").exists() else ""
    assert SECRET not in log


# =========================================================================== bad input: names

HOSTILE_NAMES = {
    "empty": "",
    "only invisible": "\u200b\u202e\x00\u2066\ufeff",
    "10 000 characters": "Ab" * 5000,
    "emoji": "Zoé 😀👩\u200d👩\u200d👧",
    "control characters": "Lu\x00c\x1b[2Jas\x07",
    "right-to-left override": "\u202eeidolÉ",
    "zero-width": "No\u200bé\u200d\ufeff",
    "no-break spaces": "Jean\u00a0\u00a0Pierre",
    "decomposed accent": "E\u0301lodie",
    "SQL": "Robert'); DROP TABLE players;--",
    "stacked accents": "Z" + "\u0336\u0301" * 40,
}


@pytest.fixture
def game_app(tmp_path):
    import pygame

    from game.ui.app import App, init_pygame
    from game.services.context import open_services

    assert init_pygame() is None
    services = open_services(tmp_path / "data", "fr")
    app = App(services, scenes=scene_class)
    yield app
    services.close()
    pygame.quit()


def frames(app, events=(), n=3):
    import pygame

    app.frame(list(events), 1 / 60)
    for _ in range(n):
        app.frame(pygame.event.get(), 1 / 60)
    assert app.top.name != "error", (app.services.log_path.read_text()[-3000:])


def clean(name: str) -> bool:
    import unicodedata

    return (0 < len(name) <= 30 and name == name.strip() and "  " not in name
            and all(ch == " " or (ch.isprintable() and unicodedata.category(ch) not in ("Cf", "Cc", "Co", "Cn"))
                    for ch in name))


def test_clean_name_keeps_only_what_can_be_shown():
    from game.core.model import clean_name

    assert clean_name(HOSTILE_NAMES["empty"]) == clean_name(HOSTILE_NAMES["only invisible"]) == ""
    assert clean_name(HOSTILE_NAMES["10 000 characters"]) == "Ab" * 15
    assert clean_name(HOSTILE_NAMES["control characters"]) == "Luc[2Jas"
    assert clean_name(HOSTILE_NAMES["right-to-left override"]) == "eidolÉ"
    assert clean_name(HOSTILE_NAMES["zero-width"]) == "Noé"
    assert clean_name(HOSTILE_NAMES["no-break spaces"]) == "Jean Pierre"
    assert clean_name(HOSTILE_NAMES["decomposed accent"]) == "Élodie"
    for raw in HOSTILE_NAMES.values():
        name = clean_name(raw)
        assert name == "" or clean(name), (raw[:40], name)
        assert clean_name(name) == name


def test_hostile_names_typed_in_the_game_are_stored_clean_and_drawn(game_app):
    """Typed through the real name screen, consent and hub, then listed and drawn: no crash, clean rows."""
    import pygame

    from game.autoplay.screens import key_event

    app = game_app
    for label, raw in HOSTILE_NAMES.items():
        app.show("name_entry")
        frames(app)
        chunks = [raw[i:i + 50] for i in range(0, min(len(raw), 400), 50)]
        frames(app, [pygame.event.Event(pygame.TEXTINPUT, text=c, window=None) for c in chunks])
        frames(app, key_event(pygame.K_RETURN, "\r"))
        if label in ("empty", "only invisible"):
            assert app.top.name == "name_entry" and app.top.message, label  # a clear message, no player
            continue
        assert app.top.name == "consent", label
        frames(app, key_event(pygame.K_1, "1"))
        assert app.top.name == "strengths", label   # a first session: "what are you good at?" before playing
        app.top.done_button.action()
        frames(app)
        assert app.top.name == "hub", label
    players = app.services.store.list_players()
    assert len(players) == len(HOSTILE_NAMES) - 2
    for player in players:
        assert clean(player.display_name), repr(player.display_name)
    app.show("players")
    frames(app)
    for page in range(3):  # every page of the list is drawn
        frames(app, key_event(pygame.K_PAGEDOWN))
    for player in players:  # each name, at every text size the game uses
        for size in (18, 28, 48, 96):
            assert app.fonts.render(player.display_name, size, (0, 0, 0)).get_width() > 0
            assert app.fonts.wrap(player.display_name, size, 200)


# =========================================================================== bad input: the data folder

def one_clear_line(out: subprocess.CompletedProcess, prefix: str, *needles: str) -> str:
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    lines = [line for line in out.stderr.splitlines() if line.startswith(prefix)]
    assert len(lines) == 1, out.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_a_data_folder_that_cannot_be_one_is_one_clear_line(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("the counsellor's notes")
    for data_dir, why in ((blocker, "it is a file, not a folder"), (blocker / "diva", "part of that path is a file")):
        for command, prefix in (("play", "diva:"), ("autoplay", "autoplay:"), ("export", "export:")):
            extra = ["--pending"] if command == "export" else []
            one_clear_line(run_main(command, *extra, "--data-dir", data_dir), prefix, str(data_dir), why)
    assert blocker.read_text() == "the counsellor's notes"


def test_a_read_only_data_folder_is_one_clear_line(tmp_path, monkeypatch, capsys):
    """Simulated (as root, chmod stops nothing): every write into the folder is refused."""
    import errno

    from game.autoplay.driver import run_autoplay
    from game.cli import build_parser

    import io

    folder = tmp_path / "readonly"
    folder.mkdir(mode=0o700)  # private: a folder open to others would get a private subfolder (tested in test_store.py)
    real_os_open, real_io_open = os.open, io.open

    def refused(path) -> PermissionError:
        return PermissionError(errno.EACCES, "Permission denied", str(path))

    def os_open(path, flags, *args, **kwargs):
        if str(path).startswith(str(folder)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise refused(path)
        return real_os_open(path, flags, *args, **kwargs)

    def io_open(path, mode="r", *args, **kwargs):
        if str(path).startswith(str(folder)) and any(m in mode for m in "wax+"):
            raise refused(path)
        return real_io_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    code = run_autoplay(build_parser().parse_args(["autoplay", "--scenario", "festival", "--data-dir", str(folder)]))
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.strip() == f"autoplay: data folder {folder} cannot be used: Permission denied"


def test_a_full_disk_stops_the_game_cleanly_and_loses_nothing_committed(tmp_path, library):
    """A real full disk for SQLite: the size of every file this process writes is capped (RLIMIT_FSIZE)."""
    data = tmp_path / "data"
    first = run_main("autoplay", "--scenario", "festival", "--data-dir", data)
    assert first.returncode == 0, first.stderr
    seen = check_after_kill(data, library, set(), [])
    offset = (data / "diva.log").stat().st_size
    cap = 64 * 1024  # the store's write-ahead log fills up after a few choices
    full = run_main("autoplay", "--scenario", "all", "--data-dir", data,
                    preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap)))
    one_clear_line(full, "autoplay:", f"cannot save to {data / 'diva.db'}", "the disk may be full")
    logged = new_log_lines(data / "diva.log", offset)
    assert logged, "the game had started playing"
    after = check_after_kill(data, library, seen, logged)  # everything committed before the disk filled is there
    assert len(after) > len(seen)
    again = run_main("autoplay", "--scenario", "festival", "--data-dir", data)  # room again: the workshop goes on
    assert again.returncode == 0, again.stderr


def test_odd_characters_in_the_data_folder_name_never_cost_the_store(tmp_path):
    """'%41', '#' or '?' in a folder's name once made the health check open another file and move a sound store aside."""
    data = tmp_path / "Atelier 100%41 #2 ?x=1"
    with reopened_with_a_player(data, "Élodie") as (store, player):
        assert [p.id for p in store.list_players()] == [player.id]
    assert sorted(p.name for p in data.iterdir()) == ["diva.db"]
    assert not (tmp_path / "Atelier 100").exists()


def test_a_store_that_cannot_be_read_now_is_never_moved_aside(tmp_path, monkeypatch):
    """Only a damaged file is moved aside; a full disk or a lock at start-up is said, and the file stays."""
    from game.store import sqlite as store_module
    from game.store.sqlite import DB_NAME, Store, StoreError

    data = tmp_path / "data"
    store = Store.open(data)
    store.create_player("Noé")
    store.close()
    real_connect = sqlite3.connect

    def busy(*args, **kwargs):
        if kwargs.get("uri"):
            error = sqlite3.OperationalError("disk I/O error")
            error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
            raise error
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", busy)
    with pytest.raises(StoreError, match="cannot be read: disk I/O error .the disk may be full or removed."):
        Store.open(data)
    monkeypatch.undo()
    assert (data / DB_NAME).exists() and not list(data.glob("*.damaged-*"))
    store = Store.open(data)
    try:
        assert [p.display_name for p in store.list_players()] == ["Noé"]
    finally:
        store.close()


# =========================================================================== security

def test_secrets_never_reach_logs_screens_exports_qr_codes_or_the_database(tmp_path, monkeypatch, capsys):
    """A whole group session with a real (loopback) issuer that fails first: the secret stays in issuer.json."""
    import pygame
    import zxingcpp
    from PIL import Image
    from pytest_httpserver import HTTPServer
    from werkzeug import Response

    from game.autoplay.driver import run_autoplay
    from game.cli import build_parser
    from game.ui.fonts import Fonts

    drawn: list[str] = []
    real_render = Fonts.render
    monkeypatch.setattr(Fonts, "render", lambda self, text, *a, **k: (drawn.append(text), real_render(self, text, *a, **k))[1])
    answers = iter([Response('{"message": "overloaded"}', status=500, content_type="application/json")])

    def issuer(request):
        echo = json.dumps({"claimUrl": "https://issuer.example.org/c/" + request.headers["Idempotency-Key"][-8:],
                           "debug": request.headers.get("X-DIVA-Signature", "")})
        return next(answers, None) or Response(echo, status=201, content_type="application/json")

    data, shots, out = tmp_path / "data", tmp_path / "shots", tmp_path / "out"
    with HTTPServer(host="127.0.0.1", port=0) as server:
        server.expect_request("/badge-requests", method="POST").respond_with_handler(issuer)
        url = server.url_for("/").rstrip("/")
        args = build_parser().parse_args(["autoplay", "--scenario", "festival", "--players", "3", "--data-dir", str(data),
                                          "--issuer", url, "--issuer-secret", SECRET, "--screenshots", str(shots),
                                          "--export", str(out)])
        assert run_autoplay(args) == 0
        db = sqlite3.connect(data / "diva.db")
        statuses = sorted(r[0] for r in db.execute("SELECT status FROM outbox"))
        assert statuses == ["pending", "sent", "sent"]  # the first send met the 500
        db.execute("UPDATE outbox SET next_attempt_at = 0")
        db.commit()
        db.close()

        # the counsellor saves the issuer in the game; the screen never shows the secret back
        from game.ui.app import App, init_pygame
        from game.services.issuer_config import IssuerSettings
        from game.services.context import open_services

        saved = IssuerSettings(kind="diva", url=url, structure_id="ml", secret=SECRET).save(data)
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert init_pygame() is None
        services = open_services(data, "fr")
        try:
            app = App(services, scenes=scene_class)
            app.counsellor_unlocked = True
            app.show("issuer")
            for _ in range(5):
                app.frame(pygame.event.get(), 1 / 60)
            assert app.top.name == "issuer"
            assert all(field.text != SECRET for field in app.top.fields.values())
            app.screenshot(shots / "issuer.png")
        finally:
            services.close()
            pygame.quit()
        sent = run_main("export", "--pending", "--data-dir", data)
        assert sent.returncode == 0, sent.stdout + sent.stderr
    printed = capsys.readouterr()

    secret = SECRET.encode()
    assert not any(SECRET in text for text in drawn), "drawn on a screen"
    assert drawn and any("Élodie" in text for text in drawn)  # the capture did see the screens
    places = {"stdout/stderr": (printed.out + printed.err + sent.stdout + sent.stderr).encode()}
    for path in [*data.rglob("*"), *shots.rglob("*"), *out.rglob("*")]:
        if path.is_file() and path.name != "issuer.json":
            places[str(path)] = path.read_bytes()
    for place, raw in places.items():
        for form in (secret, SECRET.encode("utf-16-le"), SECRET.encode().hex().encode()):
            assert form not in raw, place
    qr_texts = []
    for png in [*out.glob("*.png"), *data.glob("exports/**/*.png")]:
        qr_texts += [code.text for code in zxingcpp.read_barcodes(Image.open(png))]
    assert len(qr_texts) >= 3
    for text in qr_texts:
        assert SECRET not in text and text.startswith(("https://issuer.example.org/c/", url))
        assert not any(name in text for name in ("Élodie", "Noé", "Aïssata"))
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


# the only SQL built from pieces, each piece a constant of the store itself
SQL_PIECES_ALLOWED = {
    ("_write", "sql"),                                   # every caller passes a literal (checked below)
    ("_outbox", "where"),                                # every caller passes a literal (checked below)
    ("forget_player", "table"),                          # from PLAYER_TABLES, a tuple of literals
    ("merge_players", "table"),                          # the same
    ("forget_in_copies", "table"),                       # PLAYER_TABLES + two literals
    ("forget_in_copies", "column"),                      # from a dict of literals
    ("_mark", "int(value)"),                             # an int, in a PRAGMA that takes no parameter
    ("evidence_for", "sql"),                             # literals joined (checked below)
    ("migrate", "statement"),                            # pieces of MIGRATIONS, literals
    ("migrate", "int(number)"),                          # an int, in a PRAGMA that takes no parameter
}


def test_sql_is_only_ever_parameterised():
    """Every execute() gets literal SQL; the few pieces put together come from the store's own constants."""
    checked = 0
    sources = [p for folder in ("game", "scenes", "export", "referential") for p in (ROOT / folder).rglob("*.py")]
    for source in sources:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

        def function_of(node):
            while node in parents and not isinstance(node, ast.FunctionDef):
                node = parents[node]
            return node.name if isinstance(node, ast.FunctionDef) else "<module>"

        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name, where = node.func.attr, f"{source.relative_to(ROOT)}:{node.lineno}"
            if name in ("execute", "executemany", "executescript", "_write", "_outbox") and node.args:
                sql, func = node.args[0], function_of(node)
                if name in ("_write", "_outbox"):
                    assert isinstance(sql, ast.Constant), f"{where}: {name}() needs literal SQL"
                elif isinstance(sql, ast.Constant):
                    pass
                elif isinstance(sql, ast.JoinedStr):
                    for part in sql.values:
                        if isinstance(part, ast.FormattedValue):
                            assert (func, ast.unparse(part.value)) in SQL_PIECES_ALLOWED, f"{where}: {ast.unparse(sql)}"
                elif isinstance(sql, ast.BinOp):
                    assert isinstance(sql.right, ast.Constant) and (func, ast.unparse(sql.left)) in SQL_PIECES_ALLOWED, where
                else:
                    assert (func, ast.unparse(sql)) in SQL_PIECES_ALLOWED, f"{where}: {ast.unparse(sql)}"
                checked += 1
            if name == "format" and isinstance(node.func.value, ast.Constant):  # no SQL through str.format
                assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b", str(node.func.value.value)), where
        for node in ast.walk(tree):  # `sql` in evidence_for: only literals added
            if isinstance(node, (ast.Assign, ast.AugAssign)) and function_of(node) == "evidence_for":
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "sql" for t in targets):
                    assert isinstance(node.value, ast.Constant), ast.unparse(node)
    from game.store.migrations import MIGRATIONS
    from game.store.sqlite import PLAYER_TABLES

    assert all(isinstance(t, str) and t.isidentifier() for t in PLAYER_TABLES)
    assert all(isinstance(m, str) for m in MIGRATIONS)
    assert checked >= 30, checked


def test_guessing_the_counsellor_pin_takes_weeks():
    """The growing delay (tested in test_group.py) in figures: trying every PIN through the game's screen
    (offline, the scrypt cost alone: test_counsellor_pin.py)."""
    from game.services.counsellor import MAX_DELAY_S, PIN_DIGITS, delay_after

    first = sum(delay_after(n) for n in range(1, 1_000))
    assert delay_after(999) == MAX_DELAY_S
    every_pin = (first + (10 ** PIN_DIGITS[0] - 1_000) * MAX_DELAY_S) / 86_400
    assert every_pin > 30  # days, without counting the scrypt cost of each try


def test_the_pin_delay_never_overflows():
    from game.services.counsellor import MAX_DELAY_S, delay_after

    assert delay_after(1_027) == delay_after(10**6) == MAX_DELAY_S


def test_forget_my_data_leaves_nothing_about_the_player_in_the_data_folder(tmp_path):
    """After a real group session with exports and portfolios: the store's rows (test_store.py checks the
    file bytes) and the copies in the data folder. Names are never logged."""
    import pygame

    from game.ui.app import init_pygame
    from game.autoplay.driver import run_autoplay
    from game.cli import build_parser
    from game.ui.portfolio import FOLDER, write_portfolio
    from game.services.context import open_services

    data = tmp_path / "data"
    args = build_parser().parse_args(["autoplay", "--scenario", "festival", "--players", "2", "--data-dir", str(data)])
    assert run_autoplay(args) == 0
    assert init_pygame() is None
    services = open_services(data, "fr")
    try:
        gone, kept = services.store.list_players()
        for player in (gone, kept):
            write_portfolio(services, player, data / FOLDER)
        exported = list((data / "exports").rglob("*.json"))
        assert len(exported) == 2 and any(gone.display_name in p.read_text() for p in exported)
        services.forget_player(gone.id)
    finally:
        services.close()
        pygame.quit()
    leftovers = {}
    for path in data.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for needle in (gone.display_name, gone.id):
                if needle.encode() in raw and not (path.name == "diva.log" and needle == gone.id):
                    leftovers[str(path)] = needle
    assert leftovers == {}
    assert kept.display_name.encode() in b"".join(p.read_bytes() for p in (data / "exports").rglob("*.*"))
    assert len(list((data / FOLDER).iterdir())) == 2  # the other player's PNG and PDF stay
    assert gone.display_name not in (data / "diva.log").read_text()


def test_an_export_folder_that_cannot_be_written_never_stops_the_export_screen(tmp_path, caplog):
    from export.outbox import OutboxItem
    from game.services.badges import write_exports

    blocker = tmp_path / "usb-stick-removed"
    blocker.write_text("")
    item = OutboxItem("urn:uuid:1", "p1", "s1", json.dumps({"id": "urn:uuid:1", "credentials": []}).encode())
    assert write_exports(blocker / "exports", [item], {"p1": "Mei"}, "") == []
    assert "export files not written" in caplog.text


def test_the_readme_table_gives_these_figures():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    for figure in (f"{KILLS} kills", f"{FUZZED_FILES} files", f"{HOSTILE_FILES} files",
                   f"{len(FAULTS)} kinds × 3 waiting requests", f"{len(HOSTILE_NAMES)} names"):
        assert figure in section, figure
    lost = [row.rsplit("|", 2)[-2] for row in section.splitlines() if row.startswith("| ") and "---" not in row][1:]
    assert lost and all(cell.strip().startswith("**0**") for cell in lost)
