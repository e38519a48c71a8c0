"""X7: a bulk validation processes each request in its own transaction; interrupted halfway (a
crash or « Interrompre »), every request is either fully processed — status, mail, history,
default subscriptions — or untouched."""

from __future__ import annotations

import pytest

from chorus_tui.domain import membership_requests
from chorus_tui.domain.bulk import process_each
from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import AuditEntry, Membership, OutboxMail, Subscription, User
from chorus_tui.models.codes import MembershipStatus
from tests.domain.factories import add_pending_requests, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")

REQUESTS = 500


@pytest.fixture
def pending(services):
    """500 pending requests to one structure, made in one go (the fixture is not under test)."""
    paul = make_user(services, login="paul@example.fr")
    structure = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    ids = add_pending_requests(services, structure, REQUESTS)
    return paul, structure, ids


def state_of(membership_id: int) -> tuple[str, int, int, int]:
    """Status, and the mails, history entries and subscriptions of its requester."""
    membership = Membership.get_by_id(membership_id)
    user = User.get_by_id(membership.user_id)
    return (
        membership.status,
        OutboxMail.select().where(OutboxMail.user == user).count(),
        AuditEntry.select().where(AuditEntry.target_user == user).count(),
        Subscription.select().where(Subscription.user == user).count(),
    )


def assert_all_or_nothing(ids: list[int]) -> tuple[int, int]:
    processed = untouched = 0
    for membership_id in ids:
        status, mails, history, subscriptions = state_of(membership_id)
        if status == MembershipStatus.VALIDEE:
            assert (mails, history, subscriptions) == (1, 1, 4)
            processed += 1
        else:
            assert (status, mails, history, subscriptions) == (
                MembershipStatus.EN_COURS_DE_VALIDATION,
                0,
                0,
                0,
            )
            untouched += 1
    return processed, untouched


def test_a_crash_halfway_leaves_each_request_processed_or_untouched(services, pending, monkeypatch):
    paul, _, ids = pending
    calls = []
    original = membership_requests.mail

    def crashes_on_the_251st(*args, **kwargs):
        calls.append(1)
        if len(calls) == REQUESTS // 2 + 1:
            raise RuntimeError("the machine stops")
        return original(*args, **kwargs)

    monkeypatch.setattr(membership_requests, "mail", crashes_on_the_251st)
    with pytest.raises(RuntimeError):
        process_each(
            ids, lambda item: membership_requests.validate_membership(services, paul, item)
        )
    assert assert_all_or_nothing(ids) == (REQUESTS // 2, REQUESTS // 2)
    assert all_violations() == []

    monkeypatch.setattr(membership_requests, "mail", original)
    outcome = process_each(
        ids, lambda item: membership_requests.validate_membership(services, paul, item)
    )
    assert (len(outcome.done), len(outcome.skipped)) == (REQUESTS // 2, REQUESTS // 2)
    assert assert_all_or_nothing(ids) == (REQUESTS, 0)


def test_interrupting_stops_after_the_request_in_progress(services, pending):
    paul, _, ids = pending
    seen: list[int] = []
    outcome = process_each(
        ids,
        lambda item: membership_requests.validate_membership(services, paul, item),
        progress=lambda done, total: seen.append(done),
        cancelled=lambda: len(seen) >= 100,
    )
    assert outcome.cancelled and len(outcome.done) == 100
    assert seen[-1] == 100
    assert assert_all_or_nothing(ids) == (100, REQUESTS - 100)
