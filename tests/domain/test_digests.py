"""F3 notification digests: the daily digest of a user's new events and the weekly summary of
their structures' movements, queued into the outbox once per period, for active users with
notifications on only."""

from __future__ import annotations

import datetime as dt

import pytest

from chorus_tui.clock import DISPLAY_TZ
from chorus_tui.domain import digests
from chorus_tui.domain.digests import DigestError, build_digests, period_before
from chorus_tui.domain.journal import audit, event
from chorus_tui.models import DigestRun, OutboxMail, database
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role
from tests.conftest import FIXED_NOW
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")

# FIXED_NOW is Tuesday 24/11/2026 10:30 in Paris: yesterday is Monday 23/11, the last full week
# Monday 16/11 to Sunday 22/11.


def at_paris(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time of November 2026 in Paris (UTC+1), as UTC."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=DISPLAY_TZ).astimezone(dt.UTC)


def mails(kind: str | None = None) -> list[OutboxMail]:
    query = OutboxMail.select().order_by(OutboxMail.id)
    if kind:
        query = query.where(OutboxMail.kind == kind)
    return list(query)


def subscriber(services, **fields):
    return make_user(services, notifications=True, **fields)


def add_event(services, clock, user, when, kind="membership_validated", **params):
    clock.set(when)
    if kind.startswith("membership"):
        params.setdefault("structure", "Menuiserie Dupont")
    entry = event(services, user, kind, **params)
    clock.set(FIXED_NOW)
    return entry


def add_movement(services, clock, when, actor, action, structure, target=None, motif=""):
    clock.set(when)
    entry = audit(services, actor, action, structure=structure, target=target, motif=motif)
    clock.set(FIXED_NOW)
    return entry


# -- periods -----------------------------------------------------------------------------------


def test_daily_period_is_the_previous_paris_day_and_weekly_the_previous_iso_week():
    tuesday = dt.date(2026, 11, 24)
    assert period_before("daily", tuesday).start == dt.date(2026, 11, 23)
    assert period_before("daily", tuesday).last_day == dt.date(2026, 11, 23)
    week = period_before("weekly", tuesday)
    assert (week.start, week.last_day) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert period_before("weekly", dt.date(2026, 11, 23)) == week  # run on the Monday itself
    first, last = week.bounds()
    assert first == dt.datetime(2026, 11, 15, 23, 0, tzinfo=dt.UTC)
    assert last == dt.datetime(2026, 11, 22, 23, 0, tzinfo=dt.UTC)


def test_a_period_that_is_not_over_is_refused(services):
    with pytest.raises(DigestError, match="not over yet"):
        build_digests(services, "daily", period_end=dt.date(2026, 11, 25))
    with pytest.raises(DigestError, match="not over yet"):
        build_digests(services, "weekly", period_end=dt.date(2026, 11, 30))
    with pytest.raises(DigestError, match="unknown digest"):
        build_digests(services, "monthly")


# -- daily -------------------------------------------------------------------------------------


def test_daily_digest_lists_yesterdays_events_in_french_with_the_day(services, clock):
    user = subscriber(services, nom="BON", prenom="Julie", email="julie@example.fr")
    add_event(services, clock, user, at_paris(23, 0, 30), "membership_validated")
    add_event(
        services,
        clock,
        user,
        at_paris(23, 15),
        "role_changed",
        structure="CCAS Terneuil",
        role=Role.GESTIONNAIRE_SECONDAIRE,
    )
    add_event(services, clock, user, at_paris(22, 23, 59), "password_changed")  # the day before
    add_event(services, clock, user, at_paris(24, 0, 1), "account_reactivated")  # today

    report = build_digests(services, "daily")

    assert (report.queued, report.skipped) == (1, 0)
    (sent,) = mails()
    assert sent.kind == "digest_daily" and sent.to_address == "julie@example.fr"
    assert sent.user_id == user.id
    assert sent.subject == "Chorus Pro – Vos notifications du 23/11/2026"
    assert sent.body.startswith("Bonjour Julie BON,")
    assert "du 23/11/2026 (nombre : 2)" in sent.body
    assert (
        "- 23/11/2026 00:30:00 : Votre demande de rattachement à la structure "
        "Menuiserie Dupont a été validée." in sent.body
    )
    assert (
        "- 23/11/2026 15:00:00 : Votre rôle sur la structure CCAS Terneuil est désormais "
        "Gestionnaire secondaire." in sent.body
    )
    assert "mot de passe" not in sent.body
    assert "réactivé" not in sent.body
    assert "« Recevoir des notifications »" in sent.body


def test_daily_digest_speaks_the_users_language(services, clock):
    user = subscriber(services, nom="SMITH", prenom="Ann", language="EN")
    add_event(services, clock, user, at_paris(23, 9), "membership_refused")
    build_digests(services, "daily")
    (sent,) = mails()
    assert sent.subject == "Chorus Pro – Your notifications of 23/11/2026"
    assert sent.body.startswith("Hello Ann SMITH,")
    assert "Your membership request to the structure Menuiserie Dupont was refused." in sent.body
    assert "Bonjour" not in sent.body


def test_an_event_the_catalogue_does_not_know_is_named_by_its_kind(services, clock):
    user = subscriber(services)
    add_event(services, clock, user, at_paris(23, 9), "something_new", structure="X")
    build_digests(services, "daily")
    assert "Événement « something_new »" in mails()[0].body


def test_running_twice_for_the_same_period_queues_nothing_more(services, clock):
    first = subscriber(services)
    second = subscriber(services)
    for user in (first, second):
        add_event(services, clock, user, at_paris(23, 9))
    assert build_digests(services, "daily").queued == 2
    again = build_digests(services, "daily")
    assert (again.queued, again.skipped) == (0, 2)
    assert len(mails()) == 2
    assert DigestRun.select().count() == 2
    # A later day is another period.
    add_event(services, clock, first, at_paris(24, 9))
    clock.set(at_paris(25, 7))
    assert build_digests(services, "daily").queued == 1
    assert len(mails()) == 3


def test_a_user_with_notifications_off_gets_nothing(services, clock):
    user = make_user(services, notifications=False)
    add_event(services, clock, user, at_paris(23, 9))
    report = build_digests(services, "daily")
    assert (report.queued, report.skipped) == (0, 0)
    assert mails() == []


@pytest.mark.parametrize(
    "fields",
    [
        {"status": AccountStatus.DESACTIVE},
        {"status": AccountStatus.EN_COURS_ACTIVATION},
        {"is_technical": True},
    ],
    ids=["deactivated", "pending-activation", "technical"],
)
def test_inactive_or_technical_accounts_get_nothing(services, clock, fields):
    user = subscriber(services, **fields)
    add_event(services, clock, user, at_paris(23, 9))
    structure = make_structure(services)
    add_member(services, user, structure, Role.GESTIONNAIRE_PRINCIPAL)
    add_movement(services, clock, at_paris(18, 9), user, "STRUCTURE_UPDATED", structure)
    assert build_digests(services, "daily").queued == 0
    assert build_digests(services, "weekly").queued == 0
    assert mails() == []


def test_a_user_with_nothing_new_gets_no_mail_and_no_record(services, clock):
    user = subscriber(services)
    add_event(services, clock, user, at_paris(20, 9))  # too old for yesterday's digest
    report = build_digests(services, "daily")
    assert (report.queued, report.skipped) == (0, 0)
    assert mails() == []
    assert DigestRun.select().count() == 0


def test_the_digest_never_carries_a_code_or_a_password(services, clock):
    user = subscriber(services)
    add_event(
        services,
        clock,
        user,
        at_paris(23, 9),
        "account_created",
        code="ZX81-SECRET",
        password="Chorus.Pro.2017",
        secret_answer="rosebud",
    )
    build_digests(services, "daily")
    body = mails()[0].body
    assert "Votre compte a été créé." in body
    for secret in ("ZX81-SECRET", "Chorus.Pro.2017", "rosebud", user.password_hash):
        assert secret not in body


def test_control_characters_of_stored_text_never_reach_the_mail(services, clock):
    user = subscriber(services)
    add_event(services, clock, user, at_paris(23, 9), structure="Evil\x1b[2J\u202eCorp")
    build_digests(services, "daily")
    body = mails()[0].body
    assert "\x1b" not in body and "\u202e" not in body
    assert "Evil [2J Corp" in body


def test_a_long_digest_lists_the_first_items_and_counts_the_rest(services, clock, monkeypatch):
    monkeypatch.setattr(digests, "MAX_ITEMS", 3)
    user = subscriber(services)
    for minute in range(5):
        add_event(services, clock, user, at_paris(23, 9, minute))
    build_digests(services, "daily")
    body = mails()[0].body
    assert "(nombre : 5)" in body
    assert body.count("- 23/11/2026 09:0") == 3
    assert "… et 2 autre(s), à consulter dans Chorus Pro." in body


def test_a_crash_midway_leaves_whole_digests_and_the_next_run_completes(
    services, clock, monkeypatch
):
    users = [subscriber(services) for _ in range(3)]
    for user in users:
        add_event(services, clock, user, at_paris(23, 9))
    real_mail = digests.mail
    calls = []

    def failing_mail(services, user, kind, **params):
        calls.append(user.id)
        queued = real_mail(services, user, kind, **params)  # written, then the crash
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return queued

    monkeypatch.setattr(digests, "mail", failing_mail)
    with pytest.raises(RuntimeError):
        build_digests(services, "daily")
    assert [mail.user_id for mail in mails()] == [users[0].id]
    assert [run.user_id for run in DigestRun.select()] == [users[0].id]

    monkeypatch.setattr(digests, "mail", real_mail)
    report = build_digests(services, "daily")
    assert (report.queued, report.skipped) == (2, 1)
    assert sorted(mail.user_id for mail in mails()) == [user.id for user in users]


def test_each_digest_is_written_in_its_own_transaction(services, clock, monkeypatch):
    users = [subscriber(services) for _ in range(2)]
    for user in users:
        add_event(services, clock, user, at_paris(23, 9))
    depths = []
    real_mail = digests.mail

    def spying_mail(services, user, kind, **params):
        depths.append(database.transaction_depth())
        return real_mail(services, user, kind, **params)

    monkeypatch.setattr(digests, "mail", spying_mail)
    build_digests(services, "daily")
    assert depths == [1, 1]


# -- weekly ------------------------------------------------------------------------------------


@pytest.fixture
def structures(services):
    """Paul manages « Menuiserie Dupont » (principal) and « Rénovation Habitat » (secondary), is a
    simple user of « CCAS Terneuil », was refused by « Mairie », has nothing to do with
    « Ailleurs SA » and has a pending request as manager of « Pending SA »."""
    paul = subscriber(services, nom="DUPONT", prenom="Paul", email="contact@menuiserie.fr")
    boss = make_user(services, nom="CHEF", prenom="Carla")
    julie = make_user(services, nom="BON", prenom="Julie")
    made = {
        "paul": paul,
        "boss": boss,
        "julie": julie,
        "mine": make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont"),
        "second": make_structure(services, principal=boss, raison_sociale="Rénovation Habitat"),
        "simple": make_structure(services, principal=boss, raison_sociale="CCAS Terneuil"),
        "refused": make_structure(services, principal=boss, raison_sociale="Mairie"),
        "other": make_structure(services, principal=boss, raison_sociale="Ailleurs SA"),
        "pending": make_structure(services, principal=boss, raison_sociale="Pending SA"),
    }
    add_member(services, paul, made["second"], Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, paul, made["simple"], Role.UTILISATEUR_SIMPLE)
    add_member(
        services,
        paul,
        made["pending"],
        Role.GESTIONNAIRE_SECONDAIRE,
        MembershipStatus.EN_COURS_DE_VALIDATION,
    )
    return made


def test_weekly_summary_covers_the_managed_structures_and_the_users_own_movements(
    services, clock, structures
):
    s = structures
    paul, boss, julie = s["paul"], s["boss"], s["julie"]
    week = (
        (at_paris(16, 0, 10), boss, "MEMBERSHIP_VALIDATED", s["second"], julie, ""),
        (at_paris(18, 9), paul, "MEMBERSHIP_REFUSED", s["mine"], julie, "Inconnue"),
        (at_paris(22, 23, 50), paul, "STRUCTURE_UPDATED", s["mine"], None, ""),
        (at_paris(19, 9), boss, "MEMBERSHIP_VALIDATED", s["simple"], julie, ""),  # not his
        (at_paris(19, 10), boss, "SUBSCRIPTION_VALIDATED", s["simple"], paul, ""),  # his own
        (at_paris(20, 9), boss, "MEMBERSHIP_REFUSED", s["refused"], paul, "Hors périmètre"),
        (at_paris(20, 10), boss, "STRUCTURE_UPDATED", s["other"], None, ""),
        (at_paris(21, 9), boss, "STRUCTURE_UPDATED", s["pending"], None, ""),
    )
    outside = (
        (at_paris(15, 23, 50), paul, "ROLE_CHANGED", s["mine"], julie, ""),  # Sunday before
        (at_paris(23, 0, 10), paul, "SERVICE_CREATED", s["mine"], None, ""),  # this Monday
    )
    for when, actor, action, structure, target, motif in week + outside:
        add_movement(services, clock, when, actor, action, structure, target, motif)

    report = build_digests(services, "weekly")

    sent = {mail.user_id: mail for mail in mails("digest_weekly")}
    assert report.queued == len(sent)
    body = sent[paul.id].body
    assert sent[paul.id].to_address == "contact@menuiserie.fr"
    assert sent[paul.id].subject == (
        "Chorus Pro – Récapitulatif hebdomadaire des mouvements du 16/11/2026 au 22/11/2026"
    )
    assert "du 16/11/2026 au 22/11/2026 (nombre : 5)" in body
    expected = [
        "CCAS Terneuil (identifiant {}) :".format(s["simple"].identifier),
        "  - 19/11/2026 10:00:00 : Validée – DUPONT Paul (par CHEF Carla)",
        "",
        "Mairie (identifiant {}) :".format(s["refused"].identifier),
        "  - 20/11/2026 09:00:00 : Refusée – DUPONT Paul (par CHEF Carla) – motif : Hors périmètre",
        "",
        "Menuiserie Dupont (identifiant {}) :".format(s["mine"].identifier),
        "  - 18/11/2026 09:00:00 : Refusée – BON Julie (par DUPONT Paul) – motif : Inconnue",
        "  - 22/11/2026 23:50:00 : Structure modifiée – DUPONT Paul",
        "",
        "Rénovation Habitat (identifiant {}) :".format(s["second"].identifier),
        "  - 16/11/2026 00:10:00 : Validée – BON Julie (par CHEF Carla)",
    ]
    assert "\n".join(expected) in body
    for absent in ("Ailleurs SA", "Pending SA", "SERVICE", "Rôle modifié", "Service créé"):
        assert absent not in body
    assert "19/11/2026 09:00:00" not in body  # Julie's movement on a structure he does not manage


def test_weekly_summary_of_a_simple_user_lists_only_their_own_movements(
    services, clock, structures
):
    s = structures
    julie = s["julie"]
    julie.notifications = True
    julie.language = "EN"
    julie.save()
    add_movement(
        services, clock, at_paris(18, 9), s["paul"], "MEMBERSHIP_REFUSED", s["mine"], julie, "No"
    )
    add_movement(services, clock, at_paris(18, 10), s["paul"], "STRUCTURE_UPDATED", s["mine"])
    build_digests(services, "weekly")
    (sent,) = [mail for mail in mails() if mail.user_id == julie.id]
    assert (
        sent.subject == "Chorus Pro – Weekly summary of the movements from 16/11/2026 to 22/11/2026"
    )
    assert "  - 18/11/2026 09:00:00: Refused – BON Julie (by DUPONT Paul) – reason: No" in sent.body
    assert "(number: 1)" in sent.body
    assert "18/11/2026 10:00:00" not in sent.body


def test_weekly_summary_is_queued_once_per_week_and_skips_opted_out_managers(
    services, clock, structures
):
    s = structures
    opted_out = make_user(services, notifications=False)
    add_member(services, opted_out, s["mine"], Role.GESTIONNAIRE_SECONDAIRE)
    add_movement(services, clock, at_paris(18, 9), s["paul"], "STRUCTURE_UPDATED", s["mine"])
    assert build_digests(services, "weekly").queued == 1
    assert build_digests(services, "weekly", period_end=dt.date(2026, 11, 23)).queued == 0
    assert [mail.user_id for mail in mails()] == [s["paul"].id]
    assert DigestRun.get().period_start == dt.date(2026, 11, 16)
    # A quiet week: nothing.
    clock.set(at_paris(30, 7))
    assert build_digests(services, "weekly").queued == 0
    assert len(mails()) == 1


def test_a_deactivated_manager_gets_no_weekly_summary(services, clock, structures):
    s = structures
    s["paul"].status = AccountStatus.DESACTIVE
    s["paul"].save()
    add_movement(services, clock, at_paris(18, 9), s["boss"], "STRUCTURE_UPDATED", s["second"])
    assert build_digests(services, "weekly").queued == 0
    assert mails() == []
