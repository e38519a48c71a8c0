"""What every operation needs besides its arguments: the clock and the password hasher."""

from __future__ import annotations

from dataclasses import dataclass, field

import argon2

from chorus_tui.clock import Clock, SystemClock


def default_hasher() -> argon2.PasswordHasher:
    return argon2.PasswordHasher()


def cheap_hasher() -> argon2.PasswordHasher:
    """Fast hashing for tests and large seeds; hashes still verify with the default hasher."""
    return argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST)


@dataclass
class Services:
    """Injected into every domain operation: the one clock and the one hasher of the program."""

    clock: Clock = field(default_factory=SystemClock)
    hasher: argon2.PasswordHasher = field(default_factory=default_hasher)

    def now(self):
        return self.clock.now()
