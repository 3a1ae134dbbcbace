"""The counsellor's PIN: set at first use, stored as a salted scrypt hash, with a delay
that grows after each wrong try (kept in the store, so restarting does not reset it)."""
from __future__ import annotations

import hashlib
import hmac
import os
import time

SETTING = "counsellor_pin"
ATTEMPTS = "counsellor_pin_failures"
PIN_DIGITS = (4, 8)
FREE_TRIES = 2          # wrong tries before any delay
MAX_DELAY_S = 300.0
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and PIN_DIGITS[0] <= len(pin) <= PIN_DIGITS[1] and pin.isascii()


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try: none for the first tries, then 5, 10, 20 … up to 5 min."""
    if failures <= FREE_TRIES:
        return 0.0
    return min(MAX_DELAY_S, 5.0 * 2 ** min(failures - FREE_TRIES - 1, 10))  # bounded exponent: no overflow


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


class PinGuard:
    def __init__(self, store, clock=time.time):
        self.store = store
        self.clock = clock

    @property
    def is_set(self) -> bool:
        return self.store.get_setting(SETTING) is not None

    def set_pin(self, pin: str) -> None:
        if not valid_pin(pin):
            raise ValueError(f"a PIN is {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits")
        salt = os.urandom(16)
        record = {"salt": salt.hex(), "hash": _hash(pin, salt, **_SCRYPT).hex(), **_SCRYPT}
        self.store.set_setting(SETTING, record)
        self.store.set_setting(ATTEMPTS, {"failures": 0, "last": 0})

    def wait_seconds(self) -> float:
        state = self.store.get_setting(ATTEMPTS, {"failures": 0, "last": 0})
        left = state["last"] + delay_after(state["failures"]) - self.clock()
        return max(0.0, left)

    def check(self, pin: str) -> tuple[bool, float]:
        """(right PIN?, seconds to wait before the next try). A try during the delay is refused unchecked."""
        wait = self.wait_seconds()
        if wait > 0:
            return False, wait
        record = self.store.get_setting(SETTING)
        if record is None:
            return False, 0.0
        candidate = _hash(pin, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"])
        state = self.store.get_setting(ATTEMPTS, {"failures": 0, "last": 0})
        if hmac.compare_digest(candidate.hex(), record["hash"]):
            self.store.set_setting(ATTEMPTS, {"failures": 0, "last": 0})
            return True, 0.0
        failures = state["failures"] + 1
        now = self.clock()
        self.store.set_setting(ATTEMPTS, {"failures": failures, "last": now})
        return False, delay_after(failures)
