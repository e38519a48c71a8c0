"""F8 through the interface: « Réactiver mon compte » on the login screen, the activation code
window, « Activation du compte utilisateur », and ``chorus-tui activate CODE``."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from chorus_tui.cli import main
from chorus_tui.domain import activation, auth
from chorus_tui.models import OutboxMail, User
from chorus_tui.models.codes import AccountStatus
from chorus_tui.ui.dialogs.account import ActivationCodeDialog, ConfirmDialog
from chorus_tui.ui.screens.activation import ActivationScreen
from chorus_tui.ui.screens.home import HomeScreen
from chorus_tui.ui.screens.login import LoginScreen
from tests.ui.helpers import LUC, fill, log_in, make_app, notice, screen_text, shown

pytestmark = pytest.mark.usefixtures("demo_db")

NEW_PASSWORD = "Retour.Chorus.2026"


def luc() -> User:
    return User.get(User.login == LUC)


async def test_a_recently_deactivated_user_requests_a_code_by_mail(services):
    mails_before = OutboxMail.select().count()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, LUC)
        button = app.screen.query_one("#reactivate")
        assert button.display and app.screen.focused is button
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert "Un courriel contenant votre code d'activation" in notice(pilot)
        assert not app.screen.query_one("#reactivate").display
        sent = OutboxMail.select().order_by(OutboxMail.id.desc()).first()
        assert sent.user_id == luc().id
        code_words = [word for word in sent.body.split() if word.count("-") >= 3]
        assert code_words and not any(word in screen_text(pilot) for word in code_words)
    assert OutboxMail.select().count() == mails_before + 1


async def test_the_code_opens_the_activation_screen_then_the_user_logs_in(services):
    code = activation.request_reactivation(services, luc())
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ActivationCodeDialog)
        await fill(pilot, code=code.lower().replace("-", " "))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActivationScreen)
        values = [str(label.content) for label in screen.query(".readonly-value")]
        assert values[0] == LUC
        await fill(pilot, new_password=NEW_PASSWORD, confirmation="Autre.Chose.2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.query_one("#field-confirmation").has_class("-invalid")
        assert screen.query_one("#field-secret_question").has_class("-invalid")
        await fill(
            pilot,
            confirmation=NEW_PASSWORD,
            secret_question="Ville de naissance ?",
            secret_answer="Rouen",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert "Votre compte est activé" in notice(pilot)
        await log_in(pilot, LUC, NEW_PASSWORD)
        assert isinstance(app.screen, HomeScreen)
    assert luc().status == AccountStatus.ACTIF


async def test_an_invalid_code_gets_one_message_in_the_window(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#activation-code")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one("#field-code")
        assert "Saisissez le code" in shown(field)
        await fill(pilot, code="AAAA-BBBB-CCCC")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActivationCodeDialog)
        assert "Code d'activation invalide ou expiré" in shown(field)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)


async def test_the_app_can_start_on_the_activation_screen(services):
    code = activation.request_reactivation(services, luc())
    app = make_app(services)
    app.activation_code = code
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ActivationScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)


async def test_a_spent_code_at_start_says_so_on_the_login_screen(services):
    app = make_app(services)
    app.activation_code = "AAAA-BBBB"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert "Code d'activation invalide" in notice(pilot)


async def test_a_referential_account_is_sent_to_its_dgfip_referent(services):
    pauline = User.get(User.is_referential == True)  # noqa: E712
    User.update(status=AccountStatus.DESACTIVE, deactivated_at=services.now()).where(
        User.id == pauline.id
    ).execute()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, pauline.login)
        await pilot.click("#reactivate")
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
        assert "référent DGFiP" in notice(pilot)


def test_activate_command_refuses_an_invalid_code_without_traceback(demo_db, tmp_path):
    path = demo_db.database
    result = CliRunner().invoke(main, ["--database", path, "activate", "NOPE-NOPE"])
    assert result.exit_code == 1
    assert "activation code is not valid" in result.output
    assert "Traceback" not in result.output


def test_activate_command_has_help():
    result = CliRunner().invoke(main, ["activate", "--help"])
    assert result.exit_code == 0
    assert "Activation du compte utilisateur" in result.output


def test_login_with_the_old_password_fails_after_activation(services):
    code = activation.request_reactivation(services, luc())
    activation.activate_account(services, code, NEW_PASSWORD, NEW_PASSWORD, "Q ?", "R")
    assert auth.login(services, LUC, NEW_PASSWORD).status is auth.LoginStatus.OK
