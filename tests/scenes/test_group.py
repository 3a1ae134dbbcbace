"""Group sessions and the counsellor's PIN."""
import sqlite3
from collections import Counter, defaultdict

import pytest
from hypothesis import given, strategies as st

from game.cli import build_parser
from game.services.counsellor import PinGuard, delay_after, valid_pin
from game.core.votes import ICONS, MAX_PARTICIPANTS, identity, majority, next_voter
from game.store.sqlite import Store


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_pin_is_stored_as_a_salted_scrypt_hash(tmp_path):
    store = Store.open(tmp_path)
    PinGuard(store).set_pin("24681357")
    record = store.get_setting("counsellor_pin")
    assert "24681357" not in str(record) and len(bytes.fromhex(record["salt"])) == 16 and record["n"] >= 2 ** 16
    other = Store.open(tmp_path / "other")
    PinGuard(other).set_pin("24681357")
    assert other.get_setting("counsellor_pin")["hash"] != record["hash"]  # salted
    assert PinGuard(store).check("24681357") == (True, 0.0)
    assert PinGuard(store).check("13572468")[0] is False


def test_wrong_tries_make_the_next_try_wait_longer_even_after_a_restart(tmp_path):
    clock = Clock()
    store = Store.open(tmp_path)
    PinGuard(store, clock).set_pin("99999999")
    waits = []
    for _ in range(6):
        guard = PinGuard(Store.open(tmp_path), clock)  # a new start of the game each time
        ok, wait = guard.check("00000000")
        assert not ok
        waits.append(wait)
        clock.now += wait
    assert waits[:2] == [0, 0] and waits[2:] == [5, 10, 20, 40]
    # during the delay even the right PIN is refused, unchecked
    ok, wait = PinGuard(store, clock).check("00000000")
    clock.now += 1
    assert PinGuard(store, clock).check("99999999") == (False, pytest.approx(wait - 1))
    clock.now += wait
    assert PinGuard(store, clock).check("99999999") == (True, 0.0)


def test_pin_rules():
    assert valid_pin("12345678") and valid_pin("123456789012")
    assert not valid_pin("1234") and not valid_pin("1234567") and not valid_pin("1234567890123")
    assert not valid_pin("12a45678") and not valid_pin("١٢٣٤٥٦٧٨")
    assert delay_after(100) == 300


def test_thirty_participants_have_thirty_different_icons():
    assert len({identity(i)[1] for i in range(MAX_PARTICIPANTS)}) == MAX_PARTICIPANTS == len(ICONS)


@given(st.lists(st.integers(0, 3), max_size=30))
def test_majority_is_a_most_chosen_option(votes):
    winner = majority(votes, 4)
    counts = Counter(votes)
    assert counts.get(winner, 0) == max(counts.values(), default=0)
    assert all(counts.get(i, 0) < counts.get(winner, 0) for i in range(winner))  # ties go to the first


def test_next_voter_follows_the_order():
    assert next_voter(["a", "b", "c"], {"a": 1}) == "b"
    assert next_voter(["a", "b"], {"a": 1, "b": 0}) is None


def autoplay(tmp_path, *extra):
    from game.autoplay.driver import run_autoplay

    return run_autoplay(build_parser().parse_args(["autoplay", "--data-dir", str(tmp_path / "data"), *extra]))


def test_a_voting_group_gives_each_participant_the_evidence_of_their_own_answer(tmp_path):
    shots = tmp_path / "shots"
    assert autoplay(tmp_path, "--players", "6", "--scenario", "festival", "--strategy", "random", "--seed", "3",
                    "--screenshots", str(shots)) == 0
    db = sqlite3.connect(tmp_path / "data" / "diva.db")
    session_id, mode, ended = db.execute("SELECT id, mode, ended_at FROM sessions").fetchone()
    assert mode == "vote" and ended
    players = [r[0] for r in db.execute("SELECT player_id FROM session_players WHERE session_id = ?", (session_id,))]
    assert len(players) == 6
    answers = defaultdict(set)  # step -> the different answers given
    per_player_steps = defaultdict(set)
    for player, step, choice in db.execute("SELECT player_id, step_id, choice_id FROM evidence WHERE source = 'played'"):
        answers[step].add(choice)
        per_player_steps[player].add(step)
    # every participant answered the steps everyone votes on, and they did not all answer alike
    voted = set.intersection(*per_player_steps.values())
    assert len(voted) >= 5
    assert any(len(answers[step]) > 1 for step in voted)
    # one answer per participant per step, even if a vote was changed
    dup = db.execute("SELECT count(*) FROM (SELECT player_id, step_id, count(DISTINCT choice_id) n FROM evidence "
                     "WHERE source = 'played' GROUP BY player_id, step_id HAVING n > 1)").fetchone()[0]
    assert dup == 0
    assert db.execute("SELECT count(DISTINCT player_id) FROM validations").fetchone()[0] == 6
    assert db.execute("SELECT count(*) FROM outbox WHERE session_id = ?", (session_id,)).fetchone()[0] == 6
    names = " ".join(p.name for p in shots.iterdir())
    for screen in ("pin-create", "setup-6-vote", "agreement", "vote0", "reveal", "dashboard", "skillmap-end-5", "validate", "export-5"):
        assert screen in names, screen


def test_in_turns_each_step_belongs_to_the_participant_whose_turn_it_is(tmp_path):
    assert autoplay(tmp_path, "--players", "3", "--scenario", "colocation", "--group-mode", "turns") == 0
    db = sqlite3.connect(tmp_path / "data" / "diva.db")
    assert db.execute("SELECT mode FROM sessions").fetchone()[0] == "turns"
    owners = defaultdict(set)
    for player, step in db.execute("SELECT player_id, step_id FROM evidence WHERE source = 'played'"):
        owners[step].add(player)
    assert all(len(who) == 1 for who in owners.values())
    assert len({next(iter(who)) for who in owners.values()}) == 3  # the turn went round
