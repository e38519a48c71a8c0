"""« Mes rattachements aux structures » (F4) in Mon Compte, from the keyboard: the paged table,
the ticks, « consulter la structure », « accéder à la demande », and « Supprimer rattachements »
with the successor step of a principal manager (all or nothing)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.domain import memberships
from chorus_tui.models import Membership, Structure, Subscription, User
from chorus_tui.models.codes import MembershipStatus, Role, StructureStatus
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.dialogs.account_successors import SuccessorSearchDialog
from chorus_tui.ui.dialogs.memberships import MembershipDialog, StructureDialog, SuccessorDialog
from chorus_tui.ui.widgets.form import FormField
from chorus_tui.ui.widgets.memberships import MembershipsBlock
from tests.ui.helpers import JULIE, PAUL, fill, log_in, make_app, shown

pytestmark = pytest.mark.usefixtures("demo_db")

CLAIRE = "claire.dupont@menuiserie.fr"


def words(widget) -> str:
    """What ``widget`` shows, borders dropped and wrapped lines joined by one space."""
    return " ".join(shown(widget).replace("│", " ").split())


def membership_of(login: str, raison_sociale: str) -> Membership:
    return (
        Membership.select()
        .join(Structure)
        .switch(Membership)
        .join(User)
        .where((User.login == login) & (Structure.raison_sociale == raison_sociale))
        .order_by(Membership.id.desc())
        .get()
    )


def request_more(services, login: str, count: int) -> None:
    """``count`` pending requests of ``login`` to active structures they are not members of."""
    user = User.get(User.login == login)
    mine = Membership.select(Membership.structure).where(Membership.user == user)
    targets = (
        Structure.select()
        .where((Structure.status == StructureStatus.ACTIF) & (Structure.id.not_in(mine)))
        .order_by(Structure.id)
        .limit(count)
    )
    for structure in targets:
        memberships.request_membership(services, user, structure.id, start_date="24/11/2026")


async def open_block(pilot: Pilot, login: str = PAUL) -> MembershipsBlock:
    """Mon Compte, the focus in the table of the block, scrolled into view."""
    await log_in(pilot, login)
    await pilot.press("f4")
    await pilot.pause()
    block = pilot.app.screen.query_one(MembershipsBlock)
    block.table.table.focus()
    block.scroll_visible(animate=False)
    await pilot.pause()
    return block


async def move_to(pilot: Pilot, block: MembershipsBlock, membership: Membership) -> None:
    row = list(block.table.rows).index(membership.id)
    block.table.table.move_cursor(row=row)
    await pilot.pause()


async def test_paul_sees_his_two_memberships_and_the_pager_line(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        text = shown(block)
        assert "Mes rattachements aux structures" in text
        assert "Identifiant" in text and "Désignation" in text and "Rôle" in text
        assert "Menuiserie Dupont" in text and "Rénovation Habitat" in text
        assert text.count("Gest. principal") == 2
        assert "« 1/1 » 5 lignes par page (2 lignes)" in text
        assert block.table.table.row_count == 2


async def test_the_table_fits_80_columns(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        table = block.table.table
        assert table.virtual_size.width <= table.scrollable_content_region.width


async def test_space_ticks_the_row_and_the_pager_counts_it(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        await pilot.press("space")
        text = shown(block)
        assert "[x]" in text
        assert "1 cochée(s)" in text
        assert block.table.chosen_ids() == sorted(block.table.selected)
        await pilot.press("space")
        assert "[x]" not in shown(block)


async def test_the_pages_turn_with_n_and_p(services):
    request_more(services, PAUL, 4)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        assert "« 1/2 » 5 lignes par page (6 lignes)" in shown(block)
        assert block.table.table.row_count == 5
        await pilot.press("n")
        assert "« 2/2 »" in shown(block)
        assert block.table.table.row_count == 1
        await pilot.press("p")
        assert "« 1/2 »" in shown(block)


async def test_julie_removes_her_membership_of_the_mairie(services):
    mairie = membership_of(JULIE, "Mairie de Terneuil sur Seine")
    julie = User.get(User.login == JULIE)
    live = Subscription.select().where(
        (Subscription.user == julie)
        & (Subscription.structure == mairie.structure_id)
        & (Subscription.ended_at.is_null())
    )
    assert live.count() > 0
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot, JULIE)
        await move_to(pilot, block, mairie)
        await pilot.press("delete")
        await pilot.pause()
        window = app.screen
        assert isinstance(window, ConfirmDialog)
        text = words(window.query_one("#removal-window"))
        assert "Etes-vous sûr de vouloir supprimer vos rattachements" in text
        assert "Mairie de Terneuil" in text
        assert "URBA" in text
        assert "vous devez désigner un nouveau gestionnaire" in text
        await pilot.click("#ok")
        await pilot.pause()
        assert not isinstance(app.screen, SuccessorDialog)
        assert Membership.get_by_id(mairie.id).status == MembershipStatus.SUPPRIMEE
        assert live.count() == 0
        assert mairie.id not in block.table.rows
        assert "1 rattachement(s) supprimé(s)." in [n.message for n in app._notifications]


async def test_cancelling_the_confirmation_removes_nothing(services):
    mairie = membership_of(JULIE, "Mairie de Terneuil sur Seine")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot, JULIE)
        await move_to(pilot, block, mairie)
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.focused.id == "cancel"
        await pilot.press("enter")
        await pilot.pause()
        assert Membership.get_by_id(mairie.id).status == MembershipStatus.VALIDEE


async def open_successor_step(pilot: Pilot) -> tuple[MembershipsBlock, Membership]:
    block = await open_block(pilot)
    menuiserie = membership_of(PAUL, "Menuiserie Dupont")
    await move_to(pilot, block, menuiserie)
    await pilot.press("delete")
    await pilot.pause()
    await pilot.click("#ok")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SuccessorDialog)
    return block, menuiserie


async def test_a_wrong_successor_login_is_refused_next_to_the_field(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        _, menuiserie = await open_successor_step(pilot)
        field_id = f"successor_{menuiserie.structure_id}"
        await fill(pilot, **{field_id: "personne@nulle-part.fr"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SuccessorDialog)
        field = app.screen.query_one(f"#field-{field_id}", FormField)
        assert "Aucun autre compte actif n'a cet identifiant de connexion." in words(field)
        assert "Menuiserie Dupont" in words(app.screen.query_one("#form-notice"))
        stored = Membership.get_by_id(menuiserie.id)
        assert (stored.status, stored.role) == (
            MembershipStatus.VALIDEE,
            Role.GESTIONNAIRE_PRINCIPAL,
        )


async def test_an_empty_successor_is_required(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        _, menuiserie = await open_successor_step(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = app.screen.query_one(f"#field-successor_{menuiserie.structure_id}", FormField)
        assert "Ce champ est obligatoire." in words(field)
        assert Membership.get_by_id(menuiserie.id).role == Role.GESTIONNAIRE_PRINCIPAL


async def test_the_named_successor_becomes_principal_and_paul_a_simple_user(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block, menuiserie = await open_successor_step(pilot)
        await fill(pilot, **{f"successor_{menuiserie.structure_id}": CLAIRE})
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SuccessorDialog)
        stored = Membership.get_by_id(menuiserie.id)
        assert (stored.status, stored.role) == (
            MembershipStatus.VALIDEE,
            Role.UTILISATEUR_SIMPLE,
        )
        claire = membership_of(CLAIRE, "Menuiserie Dupont")
        assert (claire.status, claire.role) == (
            MembershipStatus.VALIDEE,
            Role.GESTIONNAIRE_PRINCIPAL,
        )
        assert "Utilisateur" in shown(block)


async def test_cancelling_the_successor_step_removes_nothing(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        _, menuiserie = await open_successor_step(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert Membership.get_by_id(menuiserie.id).role == Role.GESTIONNAIRE_PRINCIPAL


async def test_the_loupe_fills_the_successor_login(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        _, menuiserie = await open_successor_step(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, SuccessorSearchDialog)
        await fill(pilot, email="claire.dupont")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SuccessorDialog)
        field = app.screen.query_one(f"#successor_{menuiserie.structure_id}")
        assert field.value == CLAIRE


async def test_a_membership_gone_meanwhile_reloads_the_table_and_says_so(services):
    mairie = membership_of(JULIE, "Mairie de Terneuil sur Seine")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot, JULIE)
        await move_to(pilot, block, mairie)
        await pilot.press("delete")
        await pilot.pause()
        Membership.update(status=MembershipStatus.SUPPRIMEE).where(
            Membership.id == mairie.id
        ).execute()
        await pilot.click("#ok")
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert any("la liste a été rafraîchie" in message for message in messages)
        assert mairie.id not in block.table.rows


async def test_enter_consults_the_structure(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        await move_to(pilot, block, membership_of(PAUL, "Menuiserie Dupont"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StructureDialog)
        text = words(app.screen.query_one("#structure-window"))
        for expected in (
            "Type d'identifiant",
            "SIRET",
            "Raison sociale",
            "Menuiserie Dupont",
            "Structure privée",
            "Actif",
            "12 rue des Artisans",
            "75011",
            "Paris",
            "France",
            "Téléphone",
            "MOBURB",
            "Mobilier Urbain",
            "MENINT",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen.focused, type(block.table.table))


async def test_r_opens_the_request_with_its_services(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot, JULIE)
        await move_to(pilot, block, membership_of(JULIE, "Mairie de Terneuil sur Seine"))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MembershipDialog)
        text = words(app.screen.query_one("#request-window"))
        for expected in (
            "Mairie de Terneuil sur Seine",
            "Utilisateur simple",
            "Validée",
            "Date de début de validité",
            "Date de fin de validité",
            "URBA",
            "Urbanisme",
            "Validé",
        ):
            assert expected in text, expected
        assert "Motif du refus" not in text


async def test_a_refused_request_shows_its_motif(services):
    refused = (
        Membership.select()
        .join(User)
        .where((User.login == JULIE) & (Membership.status == MembershipStatus.REFUSEE))
        .get()
    )
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot, JULIE)
        await move_to(pilot, block, refused)
        await pilot.press("r")
        await pilot.pause()
        text = words(app.screen.query_one("#request-window"))
        assert "Refusée" in text
        assert "Motif du refus" in text
        assert "préciser votre fonction" in text


async def test_structure_names_are_shown_literally(services):
    menuiserie = membership_of(PAUL, "Menuiserie Dupont")
    Structure.update(raison_sociale="[b]Menuis[/b]\x1b[2J").where(
        Structure.id == menuiserie.structure_id
    ).execute()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        assert "[b]Menuis[/b][2J" in shown(block)


async def test_the_palette_offers_the_block_commands(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        titles = [command.title for command in app.screen.palette_commands()]
        assert "Rattachements : demander un rattachement" in titles
        assert "Rattachements : supprimer rattachements" in titles


async def test_d_opens_the_structure_search_and_the_table_reloads_after(services):
    from chorus_tui.ui.screens.structure_search import StructureSearchScreen

    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, StructureSearchScreen)
        request_more(services, PAUL, 1)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(MembershipsBlock) is block
        assert block.table.page.total == 3
