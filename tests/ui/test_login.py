"""F0 on the login screen: every way a login can be refused, and where a success leads."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input

from chorus_tui.models import SupportRequest, User
from chorus_tui.models.codes import AccountStatus
from chorus_tui.ui.screens.home import HomeScreen
from chorus_tui.ui.screens.login import LoginScreen
from tests.domain.factories import PASSWORD, make_user
from tests.ui.helpers import (
    LUC,
    MARIE,
    PAUL,
    TECHNICAL,
    fill,
    log_in,
    make_app,
    notice,
    shown,
)

pytestmark = pytest.mark.usefixtures("demo_db")


async def test_login_opens_the_home_screen_with_the_banner(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        assert isinstance(app.screen, HomeScreen)
        assert shown(app.screen.query_one("#user-name")) == "Paul DUPONT"
        previous = app.session.previous_login
        assert shown(app.screen.query_one("#last-login")) == (
            f"Dernière connexion le {app.t.long_datetime(previous)}"
        )


async def test_wrong_password_and_unknown_login_say_the_same_thing(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL, "Wrong.Password.2017")
        wrong_password = notice(pilot)
        assert app.screen.query_one("#password", Input).value == ""
        await log_in(pilot, "nobody@nowhere.fr", "Wrong.Password.2017")
        unknown_login = notice(pilot)
    assert (
        wrong_password == unknown_login == ("Identifiant de connexion ou mot de passe incorrect.")
    )


async def test_five_failures_lock_the_account_and_say_until_when(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await log_in(pilot, PAUL, "Wrong.Password.2017")
        locked = notice(pilot)
        await log_in(pilot, PAUL)
        still_locked = notice(pilot)
        assert isinstance(app.screen, LoginScreen)
    # 09:30 UTC + 15 minutes, shown in Paris time.
    expected = (
        "Trop de tentatives infructueuses : le compte est verrouillé jusqu'au 24/11/2026 "
        "à 10:45:00."
    )
    assert locked == still_locked == expected


async def test_empty_fields_get_a_message_each(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#submit")
        await pilot.pause()
        login_error = shown(app.screen.query_one("#field-login .field-error"))
        password_error = shown(app.screen.query_one("#field-password .field-error"))
        assert login_error == "Saisissez votre identifiant de connexion."
        assert password_error == "Saisissez votre mot de passe."
        assert app.focused is app.screen.query_one("#login")
        await fill(pilot, login=PAUL)
        assert not app.screen.query_one("#field-login").has_class("-invalid")


async def test_enter_in_the_login_field_moves_to_the_password(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, login=PAUL)
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#password")
        assert notice(pilot) == ""


async def test_account_deactivated_less_than_60_days_ago_can_be_reactivated(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, LUC)
        assert isinstance(app.screen, LoginScreen)
        assert notice(pilot) == (
            "Votre compte a été désactivé le 14/11/2026. Il peut être réactivé jusqu'au 13/01/2027."
        )
        assert not app.screen.query_one("#support-request").display
        assert app.session is None


async def test_account_deactivated_long_ago_records_a_support_request(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, MARIE)
        assert "le délai de réactivation de 60 jours est dépassé" in notice(pilot)
        button = app.screen.query_one("#support-request", Button)
        assert button.display
        assert app.focused is button
        await pilot.press("enter")
        await pilot.pause()
        request = SupportRequest.get()
        assert request.user.login == MARIE
        assert notice(pilot) == f"Votre sollicitation n° {request.number} a été enregistrée."
        assert request.number.startswith("SOL-")
        assert not button.display


async def test_account_pending_activation_is_told_to_use_its_code(services):
    make_user(services, login="attente@example.fr", status=AccountStatus.EN_COURS_ACTIVATION)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, "attente@example.fr", PASSWORD)
        assert notice(pilot) == (
            "Votre compte est en cours d'activation : activez-le avec le code d'activation "
            "reçu par courriel."
        )
        assert app.session is None


async def test_technical_user_is_refused(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, TECHNICAL)
        assert notice(pilot).startswith("Un utilisateur technique ne peut pas se connecter")
        assert app.session is None


async def test_an_unexpected_error_is_reported_without_stopping_the_app(services, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("chorus_tui.domain.auth.login", broken)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        assert app.is_running
        assert isinstance(app.screen, LoginScreen)
        messages = [notification.message for notification in app._notifications]
        assert any("erreur inattendue" in message for message in messages)


async def test_the_users_language_applies_at_login(services):
    User.update(language="EN").where(User.login == PAUL).execute()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        assert shown(app.screen.query_one("#logout")) == "Log out"
        assert "Event feed" in str(app.screen.query_one("#feed").border_title)


async def test_a_message_follows_a_language_switch(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, LUC)
        await fill(pilot, login=PAUL)
        await app.set_language("EN")
        await pilot.pause()
        assert notice(pilot) == (
            "Your account was deactivated on 14/11/2026. It can be reactivated until 13/01/2027."
        )
        assert app.screen.query_one("#login", Input).value == PAUL
        assert "Log in" in shown(app.screen.query_one("#submit"))
