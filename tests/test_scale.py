"""SPEC §7: the generated database for benchmarks (``seed --scale N``)."""

from __future__ import annotations

import pytest
from stdnum.fr import siret

from chorus_tui.db.demo import DEMO_PASSWORD, SeedError, seed_demo
from chorus_tui.db.scale import seed_scale, structure_sizes
from chorus_tui.domain import auth
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.text import fold
from chorus_tui.models import (
    AuditEntry,
    Event,
    Membership,
    Service,
    Space,
    Structure,
    Subscription,
    User,
)
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role, SubscriptionStatus

N = 2000


@pytest.fixture
def scaled(db, services):
    calls = []
    report = seed_scale(services, N, lambda done, total: calls.append((done, total)))
    return report, calls


def test_scale_makes_n_users_over_about_n_over_10_structures(scaled):
    report, _ = scaled
    assert User.select().count() == N == report.users
    assert Structure.select().count() == N // 10 == report.structures
    services_per_structure = Service.select().count() / report.structures
    assert 1 <= services_per_structure <= 3


def test_scale_keeps_the_principal_manager_invariant(scaled):
    assert all_violations() == []


def test_scale_logins_are_unique_and_searchable(scaled):
    logins = [
        u.login for u in User.select(User.login, User.search_login, User.search_nom, User.nom)
    ]
    assert len(set(logins)) == N
    assert all(login.endswith("@scale.example") for login in logins)
    sample = User.get_by_id(N // 2)
    assert sample.search_login == fold(sample.login)
    assert sample.search_nom == fold(sample.nom)


def test_scale_sirets_are_valid(scaled):
    assert all(siret.is_valid(s.identifier) for s in Structure.select(Structure.identifier))


def test_scale_proportions_follow_the_demo(scaled):
    principals = Membership.select().where(Membership.role == Role.GESTIONNAIRE_PRINCIPAL).count()
    secondaries = Membership.select().where(Membership.role == Role.GESTIONNAIRE_SECONDAIRE).count()
    pending = (
        Membership.select()
        .where(Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
        .count()
    )
    assert principals == N // 10
    assert 0.05 * N < secondaries < 0.15 * N
    assert 0.03 * N < pending < 0.15 * N
    assert User.select().where(User.status == AccountStatus.DESACTIVE).count() > 0
    assert User.select().where(User.status == AccountStatus.EN_COURS_ACTIVATION).count() > 0
    pending_subscriptions = Subscription.select().where(
        Subscription.status == SubscriptionStatus.EN_COURS_DE_VALIDATION
    )
    assert pending_subscriptions.count() > 0
    assert AuditEntry.select().count() > 0.1 * N
    assert Event.select().count() > 0.1 * N


def test_scale_gives_validated_members_their_default_spaces(scaled):
    validated = Membership.select().where(Membership.status == MembershipStatus.VALIDEE).count()
    subscriptions = (
        Subscription.select().where(Subscription.status == SubscriptionStatus.VALIDE).count()
    )
    assert 4 * validated <= subscriptions <= 7 * validated
    assert Space.select().count() == 9


def test_scale_reports_progress_up_to_n(scaled):
    _, calls = scaled
    assert calls[-1] == (N, N)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_scale_accounts_log_in_with_the_demo_password(scaled, services):
    principal = Membership.get(Membership.role == Role.GESTIONNAIRE_PRINCIPAL).user
    principal.password_changed_at = services.now()
    principal.save()
    assert auth.login(services, principal.login, DEMO_PASSWORD).status is auth.LoginStatus.OK


def test_scale_refuses_a_database_that_has_users(db, services):
    seed_demo(services)
    before = User.select().count()
    with pytest.raises(SeedError):
        seed_scale(services, 100)
    assert User.select().count() == before


def test_structure_sizes_add_up_and_are_never_empty():
    import random

    for n in (1, 9, 10, 11, 1234):
        sizes = structure_sizes(n, random.Random(1))
        assert sum(sizes) == n
        assert min(sizes) >= 1
        assert len(sizes) == max(1, round(n / 10))


def test_scale_timestamps_are_in_the_past_and_read_back_as_utc(scaled, services):
    newest = User.select().order_by(User.created_at.desc()).first().created_at
    assert newest.tzinfo is not None
    assert newest <= services.now()
