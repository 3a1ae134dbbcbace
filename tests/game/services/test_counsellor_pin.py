"""The counsellor's PIN holds against someone who can read the data folder (issue 15)."""
import hashlib
import os
import subprocess
import sys
import time

from game.services.counsellor import (ATTEMPTS, PIN_DIGITS, SCRYPT, SEARCH_DAYS_MIN, SETTING, PinGuard, delay_after,
                                      pin_hash, search_days)
from game.store.sqlite import Store
from tests.conftest import ROOT


class Clock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


def test_an_offline_search_of_the_whole_pin_space_takes_more_than_30_days_on_one_core():
    salt = os.urandom(16)
    pin_hash("00000000", salt, **SCRYPT)  # warm up
    best = min(_timed(lambda: pin_hash("12345678", salt, **SCRYPT)) for _ in range(3))
    # the arithmetic of the README: 10^8 PINs x the fastest measured try; an attacker's core may be
    # up to 3x faster than this shared test machine's, so the margin is kept
    assert PIN_DIGITS[0] >= 8
    assert search_days(best / 3) > SEARCH_DAYS_MIN, f"{best:.3f} s per try: {search_days(best):.0f} days"
    assert 128 * SCRYPT["n"] * SCRYPT["r"] >= 64 * 2 ** 20  # memory-hard: 64 MiB per try


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def test_a_short_pin_from_before_must_be_chosen_again(tmp_path):
    store = Store.open(tmp_path)
    salt = os.urandom(16)
    old = {"n": 2 ** 14, "r": 8, "p": 1}
    store.set_setting(SETTING, {"salt": salt.hex(), "hash": hashlib.scrypt(b"2468", salt=salt, dklen=32, **old).hex(), **old})
    guard = PinGuard(store)
    assert guard.check("2468") == (True, 0.0) and guard.needs_upgrade
    guard.set_pin("24681357")
    assert not guard.needs_upgrade


def test_tries_made_while_the_clock_ran_ten_years_ahead_do_not_lock_the_pin_for_ten_years(tmp_path):
    clock = Clock(time.time() + 10 * 365 * 86400)
    store = Store.open(tmp_path)
    PinGuard(store, clock).set_pin("24681357")
    for _ in range(8):
        PinGuard(store, clock).check("00000000")
        clock.now = store.get_setting(ATTEMPTS)["last"] + 400  # past each delay, still in the future
    clock.now = time.time()  # the clock is put right
    wait = PinGuard(store, clock).wait_seconds()
    assert 0 < wait <= delay_after(8)  # the delay itself, not ten years
    clock.now += wait
    assert PinGuard(store, clock).check("24681357") == (True, 0.0)


def test_wrong_tries_from_several_games_at_once_are_all_counted(tmp_path):
    store = Store.open(tmp_path)
    PinGuard(store).set_pin("24681357")
    store.close()
    code = ("import sys; from game.store.sqlite import Store; from game.services.counsellor import PinGuard;"
            "PinGuard(Store.open(sys.argv[1])).check('00000000')")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT) for _ in range(2)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    store = Store.open(tmp_path)
    assert store.get_setting(ATTEMPTS)["failures"] == 2


def test_a_setting_changed_by_several_processes_at_once_loses_no_change(tmp_path):
    Store.open(tmp_path).close()
    code = ("import sys; from game.store.sqlite import Store; s = Store.open(sys.argv[1])\n"
            "for _ in range(150): s.update_setting('n', lambda v: v + 1, 0)")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT) for _ in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    assert Store.open(tmp_path).get_setting("n") == 450
