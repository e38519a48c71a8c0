"""What every operation needs besides its arguments: the clock and the password hasher."""

from __future__ import annotations

from dataclasses import dataclass, field

import argon2

from chorus_tui.clock import Clock, SystemClock

# The production parameters of argon2id, chosen for a small server (2 cores) where several
# operators may log in at once: 32 MiB and 2 passes, one lane. Above the OWASP minimum (19 MiB,
# t=2, p=1) in memory, the cost that matters against GPU attacks. One lane: the server's cores
# serve concurrent logins rather than one login's lanes. About 40 ms per verify alone on the
# planning machine, ~0.1 s each under 4 concurrent logins (benchmarks: « argon2 verify under 4
# concurrent logins »), and 32 MiB of peak memory per login (argon2-cffi's default, 64 MiB with
# t=3 and p=4, costs ~150 ms and twice the memory). Hashes made with other parameters still
# verify, and a successful login rehashes them with these (``auth.login``).
PRODUCTION_PARAMETERS = argon2.Parameters(
    type=argon2.Type.ID,
    version=19,
    salt_len=16,
    hash_len=32,
    time_cost=2,
    memory_cost=32 * 1024,  # KiB
    parallelism=1,
)


def default_hasher() -> argon2.PasswordHasher:
    return argon2.PasswordHasher.from_parameters(PRODUCTION_PARAMETERS)


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
