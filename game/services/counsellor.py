"""The counsellor's PIN: chosen at first use, stored as a salted scrypt hash (memory-hard), with a
delay that grows after each wrong try (kept in the store, so restarting does not reset it).

Strength (README, "The counsellor's PIN"): at least 8 digits, so 10^8 candidates; scrypt with
N = 2^16, r = 8 (64 MiB per try) takes ~0.1-0.3 s on one core of a 2024 laptop (tests/game/services/
test_counsellor_pin.py measures it), so trying the whole space offline takes 10^8 x 0.1 s = 10^7 s,
about 116 days, on one core. 6 digits would need ~2.6 s and ~512 MiB per check for 30 days: too slow
for a workshop laptop, hence the 8-digit minimum.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import time

SETTING = "counsellor_pin"
ATTEMPTS = "counsellor_pin_failures"
PIN_DIGITS = (8, 12)
FREE_TRIES = 2          # wrong tries before any delay
MAX_DELAY_S = 300.0
SCRYPT = {"n": 2 ** 16, "r": 8, "p": 1}
SEARCH_DAYS_MIN = 30    # the whole PIN space, tried offline on one core, takes longer than this
_MAXMEM = 256 * 2 ** 20  # above 128 * n * r (64 MiB): OpenSSL's default cap is 32 MiB


def valid_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and PIN_DIGITS[0] <= len(pin) <= PIN_DIGITS[1]


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try: none for the first tries, then 5, 10, 20 … up to 5 min."""
    if failures <= FREE_TRIES:
        return 0.0
    return min(MAX_DELAY_S, 5.0 * 2 ** min(failures - FREE_TRIES - 1, 10))  # bounded exponent: no overflow


def pin_hash(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int = 32) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=_MAXMEM)


def _derive(pin: str, record: dict) -> tuple[bytes, bytes | None]:
    """(what is compared with the stored hash, the key that seals the issuer's secrets). One scrypt run gives
    both (64 bytes: the first half is stored, the second never): the key exists only once the PIN is typed."""
    salt = bytes.fromhex(record["salt"])
    if record.get("kdf") == 2:
        out = pin_hash(pin, salt, record["n"], record["r"], record["p"], dklen=64)
        return out[:32], out[32:]
    return pin_hash(pin, salt, record["n"], record["r"], record["p"]), None  # before the key: no sealing


def search_days(seconds_per_try: float, digits: int = PIN_DIGITS[0]) -> float:
    """Days one core needs to try every PIN of `digits` digits at `seconds_per_try` each."""
    return 10 ** digits * seconds_per_try / 86400


class PinGuard:
    def __init__(self, store, clock=time.time):
        self.store = store
        self.clock = clock
        self.key: bytes | None = None   # once the right PIN is given (or chosen): seals the issuer's secrets

    @property
    def is_set(self) -> bool:
        return self.store.get_setting(SETTING) is not None

    @property
    def needs_upgrade(self) -> bool:
        """A PIN chosen before the 8-digit rule (or with a cheaper hash): to be chosen again once given."""
        record = self.store.get_setting(SETTING)
        return record is not None and (record.get("digits", 0) < PIN_DIGITS[0] or record.get("n", 0) < SCRYPT["n"]
                                       or record.get("kdf") != 2)

    def set_pin(self, pin: str) -> None:
        if not valid_pin(pin):
            raise ValueError(f"a PIN is {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits")
        record = {"salt": os.urandom(16).hex(), "digits": len(pin), "kdf": 2, **SCRYPT}
        stored, self.key = _derive(pin, record)
        self.store.set_setting(SETTING, {**record, "hash": stored.hex()})
        self.store.set_setting(ATTEMPTS, {"failures": 0, "last": 0})

    def wait_seconds(self) -> float:
        """Seconds before the next try. A try recorded while the clock ran ahead is re-dated to now: a
        clock put right makes the wait the delay itself, never years."""
        state = self.store.get_setting(ATTEMPTS, {"failures": 0, "last": 0})
        now = self.clock()
        if state["last"] > now:  # the last try is dated in the future: the clock was ahead, the delay starts now
            state = self.store.update_setting(ATTEMPTS, lambda old: {**old, "last": min(old["last"], now)}, state)
        return max(0.0, state["last"] + delay_after(state["failures"]) - now)

    def check(self, pin: str) -> tuple[bool, float]:
        """(right PIN?, seconds to wait before the next try). A try during the delay is refused unchecked.
        Wrong tries are counted in one write transaction: tries from several games at once all count."""
        wait = self.wait_seconds()
        if wait > 0:
            return False, wait
        record = self.store.get_setting(SETTING)
        if record is None:
            return False, 0.0
        candidate, key = _derive(pin, record)
        if hmac.compare_digest(candidate.hex(), record["hash"]):
            self.store.set_setting(ATTEMPTS, {"failures": 0, "last": 0})
            self.key = key
            return True, 0.0
        now = self.clock()
        state = self.store.update_setting(
            ATTEMPTS, lambda old: {"failures": old["failures"] + 1, "last": now}, {"failures": 0, "last": 0})
        return False, delay_after(state["failures"])
