"""F1 « Accueil connecté », the session's end, and the keyboard (X1): help, palette, keys."""

from __future__ import annotations

import json

import pytest
from textual.command import CommandList
from textual.widgets import Input, OptionList

from chorus_tui.domain.journal import event
from chorus_tui.models import Event, NewsItem, User
from chorus_tui.ui.dialogs.help import HelpScreen
from chorus_tui.ui.dialogs.news import NewsDialog
from chorus_tui.ui.screens.home import HomeScreen
from chorus_tui.ui.screens.login import LoginScreen
from tests.ui.helpers import JULIE, PAUL, log_in, make_app, screen_text, shown

pytestmark = pytest.mark.usefixtures("demo_db")


async def palette_titles(pilot) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    commands = pilot.app.screen.query_one(CommandList)
    return [commands.get_option_at_index(i).hit.text for i in range(commands.option_count)]


async def test_the_feed_shows_the_users_own_events_newest_first(services):
    paul = User.get(User.login == PAUL)
    expected = [entry.id for entry in paul.events.order_by(Event.at.desc())]
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        feed = app.screen.query_one("#feed", OptionList)
        ids = [feed.get_option_at_index(i).id for i in range(feed.option_count)]
        assert [int(i.removeprefix("event-")) for i in ids if i] == expected
        assert app.focused is feed


async def test_a_news_item_opens_in_a_window_and_esc_closes_it(services):
    newest = NewsItem.select().order_by(NewsItem.published_at.desc()).first()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        await pilot.press("a")
        assert app.focused is app.screen.query_one("#news")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewsDialog)
        assert newest.body_fr in shown(app.screen.query_one("#news-text")).replace("\n", " ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_deconnexion_forgets_the_session_and_shows_an_empty_login(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        await app.set_language("EN")
        await pilot.pause()
        await pilot.click("#logout")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.session is None
        assert app.t.language == "FR"
        assert app.screen.query_one("#login", Input).value == ""
        assert app.screen.query_one("#password", Input).value == ""
        assert len(app.screen_stack) == 2


async def test_help_opens_with_question_mark_and_f1_and_closes_with_esc(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(pilot)
        assert "Aide — Accueil connecté" in text
        assert "^O" in text and "Déconnexion" in text
        assert "F2" in text and "Aller au fil d'événements" in text
        assert "^Q" in text and "Quitter" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_f1_opens_help_while_typing_and_question_mark_is_typed(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert app.screen.query_one("#login", Input).value == "?"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Aide — Connexion" in screen_text(pilot)


async def test_the_palette_lists_only_what_the_user_may_reach(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        before_login = await palette_titles(pilot)
        await pilot.press("escape")
        await log_in(pilot, PAUL)
        logged_in = await palette_titles(pilot)
    assert before_login == [
        "Activation : saisir un code d'activation",
        "Aide : afficher les touches de l'écran",
        "Langue : afficher en anglais (English)",
        "Application : quitter",
    ]
    assert logged_in == [
        "Accueil connecté : ouvrir l'espace",
        "Activités du gestionnaire : ouvrir l'espace",
        "Mon Compte : ouvrir l'espace",
        "Accès rapide : ajouter un espace",
        "Accès rapide : rechercher une structure publique",
        "Fil d'événements : consulter",
        "Actualités : consulter",
        "Session : se déconnecter",
        "Aide : afficher les touches de l'écran",
        "Langue : afficher en anglais (English)",
        "Application : quitter",
    ]


async def test_palette_commands_run_and_switch_the_language(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"anglais", "enter")
        await pilot.pause(0.3)
        assert app.t.language == "EN"
        assert isinstance(app.screen, HomeScreen)
        assert "Last login on" in shown(app.screen.query_one("#last-login"))
        assert "Log out" in shown(app.screen.query_one("#banner"))


async def test_the_footer_speaks_french(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        footer = shown(app.screen.query_one("Footer"))
    assert footer.startswith("F1 Aide")
    assert "^O Déconnexion" in footer and "^Q Quitter" in footer and "^P Commandes" in footer


async def test_user_entered_text_is_shown_literally(services):
    name = "[bold red]Mallory[/]\x1b[2J"
    paul = User.get(User.login == PAUL)
    User.update(prenom=name, nom="[@click=app.quit]x").where(User.id == paul.id).execute()
    event(services, paul, "membership_validated", structure="[b]Evil[/b]\x1b]0;pwned\x07")
    app = make_app(services)
    async with app.run_test(size=(100, 24)) as pilot:
        await log_in(pilot, PAUL)
        assert shown(app.screen.query_one("#user-name")) == (
            "[bold red]Mallory[/][2J [@click=app.quit]x"
        )
        feed = app.screen.query_one("#feed", OptionList)
        first = str(feed.get_option_at_index(0).prompt)
        assert "structure [b]Evil[/b]]0;pwned a été validée" in first
        await pilot.click("#user-name")
        await pilot.pause()
        assert app.is_running


async def test_feed_parameters_survive_a_broken_event(services):
    paul = User.get(User.login == PAUL)
    Event.create(user=paul, at=services.now(), kind="role_changed", params=json.dumps({}))
    Event.create(user=paul, at=services.now(), kind="no_such_kind", params="not json")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        assert isinstance(app.screen, HomeScreen)
        feed = shown(app.screen.query_one("#feed"))
    assert "Événement « no_such_kind »" in feed
    assert "Événement « role_changed »" in feed


async def test_a_long_feed_loads_page_by_page(services):
    julie = User.get(User.login == JULIE)
    for number in range(25):
        event(services, julie, "membership_requested", structure=f"Structure {number}")
    total = julie.events.count()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        feed = app.screen.query_one("#feed", OptionList)
        last = feed.get_option_at_index(feed.option_count - 1)
        assert str(last.prompt) == f"Afficher les suivants (20 affichés sur {total})"
        feed.highlighted = feed.option_count - 1
        await pilot.press("enter")
        await pilot.pause()
        ids = [feed.get_option_at_index(i).id for i in range(feed.option_count)]
        assert len([i for i in ids if i and i.startswith("event-")]) == total
        assert "more" not in ids


async def test_quick_access_e_opens_the_add_subscription_form(services):
    from chorus_tui.ui.screens.subscription_add import SubscriptionAddScreen

    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SubscriptionAddScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_quick_access_r_searches_public_structures_only_to_consult(services):
    from chorus_tui.models.codes import StructureKind
    from chorus_tui.ui.screens.structure_search import StructureSearchScreen

    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        await pilot.click("#search-public")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StructureSearchScreen)
        assert (screen.read_only, screen.public_only) == (True, True)
        assert screen.query_one("#kind").value == StructureKind.PUBLIQUE
