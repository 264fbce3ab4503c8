"""Join codes, tokens and rate limits: what keeps a workshop room to the people in it.

Codes and tokens come from `secrets` (never from the model's seeded streams, which anyone with
the config could replay). A join code is short and read aloud, so its alphabet leaves out
characters people confuse (0/O, 1/I/L, 5/S, 2/Z, 8/B); a token is long and never shown.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 6  # 25**6 = 244 million codes; one room open at a time on a laptop
TOKEN_BYTES = 24  # 192 bits, URL-safe text


def new_code(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A fresh join code not in `taken`."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def normalise_code(text: str) -> str:
    """A typed code as stored: upper case, without spaces and dashes (bounded length)."""
    return "".join(ch for ch in str(text)[:32].upper() if ch not in " -")


def new_token() -> str:
    """A fresh secret token (URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def same_secret(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a secret given by a client with the one held."""
    return isinstance(given, str) and secrets.compare_digest(given.encode(), expected.encode())


class RateLimit:
    """A token bucket per key: `burst` messages at once, refilled at `rate` per second."""

    def __init__(self, rate: float = 2.0, burst: int = 8,
                 clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        """Take one message from `key`'s bucket; False when it is empty."""
        now = self.clock()
        level, last = self._buckets.get(key, (float(self.burst), now))
        level = min(float(self.burst), level + (now - last) * self.rate)
        if level < 1.0:
            self._buckets[key] = (level, now)
            return False
        self._buckets[key] = (level - 1.0, now)
        return True

    def forget(self, key: str) -> None:
        """Drop `key`'s bucket (its participant left the room)."""
        self._buckets.pop(key, None)
