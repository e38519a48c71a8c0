"""F0: what a user must do before anything else — an expired password, then a referential
account's missing information."""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import Select

from chorus_tui.domain import auth
from chorus_tui.models import User
from chorus_tui.ui.screens.home import HomeScreen
from chorus_tui.ui.screens.login import LoginScreen
from chorus_tui.ui.screens.password import ForcedPasswordScreen
from chorus_tui.ui.screens.referential import ReferentialScreen
from tests.ui.helpers import DEMO_PASSWORD, JULES, PAULINE, fill, log_in, make_app, notice, shown

pytestmark = pytest.mark.usefixtures("demo_db")

NEW_PASSWORD = "Nouveau.Mot-de-passe.2026"


def field_error(app, name: str) -> str:
    """The error line of a field (the field may be scrolled out of view)."""
    field = app.screen.query_one(f"#field-{name}")
    error = field.query_one(".field-error")
    return str(error.content) if field.has_class("-invalid") else ""


async def test_expired_password_must_be_changed_before_home(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULES)
        assert isinstance(app.screen, ForcedPasswordScreen)
        meter = app.screen.query_one("#strength")
        assert "Insuffisante" in shown(meter)

        def level() -> str:
            return str(meter.query_one(".meter-level").content)

        await fill(
            pilot, current_password=DEMO_PASSWORD, new_password="court", confirmation="autre"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ForcedPasswordScreen)
        assert notice(pilot, "form-notice") == (
            "Veuillez corriger les champs signalés en rouge : "
            "Nouveau mot de passe, Confirmer le nouveau mot de passe."
        )
        assert field_error(app, "new_password") == (
            "Le mot de passe doit contenir au moins 12 caractères."
        )
        assert field_error(app, "confirmation") == (
            "La confirmation ne correspond pas au nouveau mot de passe."
        )
        assert app.focused is app.screen.query_one("#new_password")

        await fill(pilot, new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD)
        assert level() in ("Moyenne", "Forte")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert auth.login(services, JULES, NEW_PASSWORD).status is auth.LoginStatus.OK


async def test_the_forced_screens_offer_deconnexion(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULES)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.session is None


async def test_referential_account_completes_its_information_then_reaches_home(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAULINE)
        assert isinstance(app.screen, ReferentialScreen)
        assert app.screen.query_one("#pays", Select).value == "FR"

        await fill(pilot, email="pas-une-adresse", adresse="", ville="")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferentialScreen)
        assert notice(pilot, "form-notice") == (
            "Veuillez corriger les champs signalés en rouge : "
            "Adresse électronique de contact, Adresse, Ville."
        )
        assert field_error(app, "email") == "Adresse électronique invalide."
        assert field_error(app, "adresse") == "Ce champ est obligatoire."
        assert field_error(app, "ville") == "Ce champ est obligatoire."
        assert field_error(app, "nom") == ""
        assert app.focused is app.screen.query_one("#email")

        await fill(
            pilot,
            email="pauline.dufour@mairieterneuil.fr",
            adresse="3 rue de Crimée",
            code_postal="97500",
            ville="Terneuil sur Seine",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    pauline = User.get(User.login == PAULINE)
    assert pauline.info_completed
    assert (pauline.email, pauline.ville, pauline.pays) == (
        "pauline.dufour@mairieterneuil.fr",
        "Terneuil sur Seine",
        "FR",
    )


async def test_countries_are_listed_with_french_names_in_french_order(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAULINE)
        select = app.screen.query_one("#pays", Select)
        labels = [str(prompt) for prompt, _ in select._options]
        assert labels.index("Égypte") < labels.index("Espagne") < labels.index("France")
        assert "Allemagne" in labels


async def test_switching_language_keeps_what_was_typed_and_translates_the_errors(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAULINE)
        await fill(pilot, email="pas-une-adresse", nom="DUFOUR")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.set_language("EN")
        await pilot.pause()
        assert isinstance(app.screen, ReferentialScreen)
        assert app.screen.query_one("#email").value == "pas-une-adresse"
        assert app.screen.query_one("#nom").value == "DUFOUR"
        assert field_error(app, "email") == "Invalid e-mail address."
        assert (
            notice(pilot, "form-notice")
            == "Please correct the fields marked in red: Contact e-mail address, Address, City."
        )
        assert app.focused is app.screen.query_one("#email")


async def test_the_palette_of_a_forced_step_offers_no_space(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULES)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        commands = app.screen.query_one(CommandList)
        titles = [commands.get_option_at_index(i).hit.text for i in range(commands.option_count)]
    assert titles == [
        "Mot de passe : valider le nouveau mot de passe",
        "Session : se déconnecter",
        "Aide : afficher les touches de l'écran",
        "Langue : afficher en anglais (English)",
        "Application : quitter",
    ]
