"""The manager PIN: a salted scrypt hash (PBKDF2 where scrypt is missing) in the history database.

Five wrong tries lock the gate for 60 seconds. The failure count and the lock end are stored in
the database, so restarting the app does not reset them. The clock is injectable for tests.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from posfix_gui.history.errors import PinError
from posfix_gui.history.store import HistoryStore

MAX_TRIES = 5
LOCK_SECONDS = 60.0
PIN_MIN, PIN_MAX = 4, 8
_KEY_HASH = "pin.hash"
_KEY_FAILS = "pin.failures"
_KEY_UNTIL = "pin.locked_until"


@dataclass(frozen=True, slots=True)
class PinCheck:
    ok: bool
    tries_left: int  # before the lock
    locked_for: float  # seconds until the gate opens again (0 when not locked)

    def message(self, lang: str = "zh") -> str:
        if self.ok:
            return ""
        if self.locked_for > 0:
            secs = max(1, round(self.locked_for + 0.499))
            if lang == "en":
                return f"Too many wrong PINs. Try again in {secs} s."
            return f"PIN 错误次数过多，请 {secs} 秒后再试。"
        if lang == "en":
            return f"Wrong PIN. {self.tries_left} tries left."
        return f"PIN 不正确，还可以再试 {self.tries_left} 次。"


def _hash(pin: str, salt: bytes, algo: str) -> bytes:
    import hashlib  # imported here: it loads OpenSSL, which the cashier's start-up does not need

    if algo == "scrypt":
        return hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 200_000, dklen=32)


def _algo() -> str:
    import hashlib

    return "scrypt" if hasattr(hashlib, "scrypt") else "pbkdf2_sha256"


def _same(a: bytes, b: bytes) -> bool:
    import hmac

    return hmac.compare_digest(a, b)


def validate_pin(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise PinError(f"PIN 须为 {PIN_MIN} 到 {PIN_MAX} 位数字。",
                       f"The PIN must be {PIN_MIN} to {PIN_MAX} digits.")


class PinGate:
    """Set, check and change the manager PIN kept in ``store``."""

    def __init__(self, store: HistoryStore, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock

    def is_set(self) -> bool:
        return self.store.get_setting(_KEY_HASH) is not None

    def set_pin(self, new_pin: str, current_pin: str | None = None) -> None:
        """Set the PIN; changing an existing one needs the current PIN (checked like a login)."""
        validate_pin(new_pin)
        if self.is_set():
            if current_pin is None or not self.verify(current_pin).ok:
                raise PinError("当前 PIN 不正确，PIN 未修改。",
                               "The current PIN is wrong; the PIN was not changed.")
        salt = os.urandom(16)
        algo = _algo()
        record = json.dumps({"algo": algo, "salt": salt.hex(), "hash": _hash(new_pin, salt, algo).hex()})
        self.store.update_settings(lambda get: {_KEY_HASH: record, _KEY_FAILS: "0", _KEY_UNTIL: None})

    def locked_for(self) -> float:
        """Seconds until the next try is allowed (0 when not locked)."""
        now = self.clock()
        until = float(self.store.get_setting(_KEY_UNTIL) or 0)
        if until - now > LOCK_SECONDS:  # the clock went back: restart the lock from now, once
            until = now + LOCK_SECONDS
            self.store.update_settings(lambda get: {_KEY_UNTIL: repr(until)})
        return max(0.0, until - now)

    def verify(self, pin: str) -> PinCheck:
        """Check a PIN, counting failures and locking after :data:`MAX_TRIES` wrong ones."""
        now = self.clock()
        result: list[PinCheck] = []

        def step(get: Callable[[str], str | None]) -> dict[str, str | None]:
            raw = get(_KEY_HASH)
            until = float(get(_KEY_UNTIL) or 0)
            if until - now > LOCK_SECONDS:  # the clock went back: do not lock for longer than promised
                until = now + LOCK_SECONDS
            if until > now:
                fails = int(get(_KEY_FAILS) or 0)
                result.append(PinCheck(False, MAX_TRIES - fails, until - now))
                return {_KEY_UNTIL: repr(until)}
            if raw is None:
                result.append(PinCheck(False, MAX_TRIES, 0.0))
                return {}
            rec = json.loads(raw)
            good = _same(_hash(pin, bytes.fromhex(rec["salt"]), rec["algo"]),
                                       bytes.fromhex(rec["hash"]))
            if good:
                result.append(PinCheck(True, MAX_TRIES, 0.0))
                return {_KEY_FAILS: "0", _KEY_UNTIL: None}
            fails = int(get(_KEY_FAILS) or 0) + 1
            if fails >= MAX_TRIES:
                result.append(PinCheck(False, 0, LOCK_SECONDS))
                return {_KEY_FAILS: "0", _KEY_UNTIL: repr(now + LOCK_SECONDS)}
            result.append(PinCheck(False, MAX_TRIES - fails, 0.0))
            return {_KEY_FAILS: str(fails)}

        self.store.update_settings(step)
        return result[0]
