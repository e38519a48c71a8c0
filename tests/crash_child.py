"""The child process of tests/test_crash_safety.py: a bulk validation (X7) of every pending
membership request a manager may decide, on a SQLite file, as the « Valider » of many requests
runs it. The test kills it with SIGKILL at random moments.

    python -m tests.crash_child DATABASE LOGIN

Prints ``ready`` once the database is open and the requests are listed (the work starts
then), and the number of requests validated at the end.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    path, login = argv
    from chorus_tui.db import open_database, prepare_schema
    from chorus_tui.domain import membership_requests
    from chorus_tui.domain.bulk import process_each
    from chorus_tui.domain.context import Services, cheap_hasher
    from chorus_tui.models import Membership, User
    from chorus_tui.models.codes import MembershipStatus

    prepare_schema(open_database(path))
    services = Services(hasher=cheap_hasher())
    manager = User.get(User.login == login)
    ids = [
        membership.id
        for membership in Membership.select(Membership.id)
        .where(Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
        .order_by(Membership.id)
    ]
    print("ready", flush=True)
    outcome = process_each(
        ids, lambda item: membership_requests.validate_membership(services, manager, item)
    )
    print(len(outcome.done), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
