"""« Rechercher utilisateur » (M7) in the interface: only the members of the managed structures,
the criterion required, « Renvoyer le mail d'activation » and the CSV export."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from chorus_tui.domain.attach import create_account
from chorus_tui.domain.export import ENCODING
from chorus_tui.models import Membership, OutboxMail, Structure, User
from chorus_tui.models.codes import Role
from chorus_tui.ui.dialogs.export import ExportDialog
from chorus_tui.ui.screens.user_search import (
    UserSearchScreen,
    UserStructuresDialog,
)
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.domain.factories import add_member, make_user
from tests.ui.helpers import PAUL, fill, log_in, make_app, notice, screen_text

pytestmark = pytest.mark.usefixtures("demo_db")


def structure(name: str) -> Structure:
    return Structure.get(Structure.raison_sociale == name)


def pauls_structures() -> set[int]:
    return {structure("Menuiserie Dupont").id, structure("Rénovation Habitat").id}


async def open_search(pilot: Pilot) -> UserSearchScreen:
    await log_in(pilot, PAUL)
    screen = UserSearchScreen()
    pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


async def search(pilot: Pilot, **criteria: str) -> PagedTable:
    await fill(pilot, **criteria)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return pilot.app.screen.query_one(PagedTable)


def a_stranger_dupont(services) -> User:
    """A DUPONT member of a structure Paul does not manage."""
    stranger = make_user(services, nom="DUPONT", prenom="Étranger")
    elsewhere = Structure.select().where(Structure.id.not_in(list(pauls_structures()))).first()
    add_member(services, stranger, elsewhere, Role.UTILISATEUR_SIMPLE)
    return stranger


async def test_search_finds_only_members_of_the_managed_structures(services):
    stranger = a_stranger_dupont(services)
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await open_search(pilot)
        table = await search(pilot, nom="*dupont*")
        rows = list(table.rows.values())
        assert rows, "Paul and Claire DUPONT are found"
        assert {row.structure_id for row in rows} <= pauls_structures()
        assert stranger.id not in {row.user_id for row in rows}
        assert {row.user.nom for row in rows} == {"DUPONT"}


async def test_search_without_criterion_says_one_is_required(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "au moins un critère" in notice(pilot, "form-notice")
        assert not screen.query_one("#results").display


async def test_enter_on_a_row_lists_the_users_structures(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await open_search(pilot)
        await search(pilot, login="paul.dupont@*")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, UserStructuresDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, UserSearchScreen)


async def test_resend_activation_writes_a_new_mail(services):
    paul = User.get(User.login == PAUL)
    zoe, _ = create_account(
        services,
        paul,
        structure("Menuiserie Dupont").id,
        {"login": "zoe@example.fr", "email": "zoe@example.fr", "nom": "LEROY", "prenom": "Zoé"},
        role=Role.UTILISATEUR_SIMPLE,
        start_date=services.now().strftime("%d/%m/%Y"),
    )
    before = OutboxMail.select().where(OutboxMail.user == zoe).count()
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await open_search(pilot)
        table = await search(pilot, nom="leroy")
        assert [row.user_id for row in table.rows.values()] == [zoe.id]
        await pilot.press("a")
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
    mails = list(OutboxMail.select().where(OutboxMail.user == zoe).order_by(OutboxMail.id))
    assert len(mails) == before + 1
    assert mails[-1].kind == "account_creation_code"


async def test_resend_activation_to_an_active_account_is_refused(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await open_search(pilot)
        await search(pilot, login="paul.dupont@*")
        before = OutboxMail.select().count()
        await pilot.press("a")
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
        assert OutboxMail.select().count() == before
        assert isinstance(pilot.app.screen, UserSearchScreen)


async def test_export_writes_the_file(services, tmp_path):
    target = tmp_path / "membres.csv"
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await open_search(pilot)
        table = await search(pilot, nom="dupont")
        total = table.page.total
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportDialog)
        pilot.app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, UserSearchScreen)
    lines = target.read_text(encoding=ENCODING).splitlines()
    assert lines[0].startswith("Utilisateur;Adresse de connexion;Date de création")
    assert len(lines) == total + 1
    assert Membership.select().count() > 0


@pytest.mark.parametrize(
    ("key", "expected"),
    [("s", "StructuresScreen"), ("h", "HistoryScreen"), ("u", "UserSearchScreen")],
)
async def test_the_synthese_opens_blocks_c_d_e_with_their_keys(services, key, expected):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        await pilot.press("f3")
        await pilot.pause()
        synthese = app.screen
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen).__name__ == expected
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is synthese


async def test_m_opens_the_role_window_and_o_the_pending_request(services):
    from chorus_tui.ui.screens.membership_review import MembershipReviewScreen
    from chorus_tui.ui.screens.structure_detail import MemberDialog

    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await search(pilot, nom="bensaid")  # Nadia BENSAÏD: a pending request to Menuiserie
        screen.query_one(PagedTable).table.focus()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MemberDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MembershipReviewScreen)
        assert "BENSAÏD" in screen_text(pilot)


async def test_o_on_a_validated_membership_opens_nothing(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await search(pilot, login="claire.dupont@*")
        screen.query_one(PagedTable).table.focus()
        await pilot.press("o")
        await pilot.pause()
        assert pilot.app.screen is screen
