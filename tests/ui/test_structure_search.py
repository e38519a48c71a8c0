"""« Demander un rattachement » (F4) in the interface: the structure search, its CSV export, the
request form and « Saisir une nouvelle structure »."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Select

from chorus_tui.models import Membership, OutboxMail, Structure, User
from chorus_tui.models.codes import MembershipStatus, Role, StructureKind, StructureStatus
from chorus_tui.ui.dialogs.export import ExportDialog
from chorus_tui.ui.dialogs.memberships import StructureDialog
from chorus_tui.ui.screens.membership_request import MembershipRequestScreen
from chorus_tui.ui.screens.structure_new import NewStructureScreen
from chorus_tui.ui.screens.structure_search import StructureSearchScreen
from chorus_tui.ui.widgets.form import FormField
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.domain.factories import siret
from tests.ui.helpers import JULIE, PAUL, fill, log_in, make_app, notice, shown

pytestmark = pytest.mark.usefixtures("demo_db")


async def open_search(pilot: Pilot, login: str = JULIE, **options) -> StructureSearchScreen:
    await log_in(pilot, login)
    await pilot.press("f4")
    await pilot.pause()
    results: list[object] = []
    screen = StructureSearchScreen(**options)
    pilot.app.push_screen(screen, results.append)
    await pilot.pause()
    screen.results = results  # type: ignore[attr-defined]
    return screen


async def search(pilot: Pilot, **criteria: str) -> None:
    await fill(pilot, **criteria)
    pilot.app.screen.query_one("#raison_sociale").focus()
    await pilot.press("enter")
    await pilot.pause()


def names_shown(screen: StructureSearchScreen) -> list[str]:
    table = screen.query_one(PagedTable)
    return [row.raison_sociale for row in table.rows.values()]


def field_error(screen, name: str) -> str:
    field = screen.query_one(f"#field-{name}", FormField)
    return field._error if field.has_class("-invalid") else ""


def menuiserie_dupont() -> Structure:
    return Structure.get(Structure.raison_sociale == "Menuiserie Dupont")


def julie() -> User:
    return User.get(User.login == JULIE)


async def open_request(pilot: Pilot) -> MembershipRequestScreen:
    screen = await open_search(pilot)
    await search(pilot, raison_sociale="*menuiserie*")
    table = screen.query_one(PagedTable)
    dupont = menuiserie_dupont()
    row = list(table.rows).index(dupont.id)
    table.table.move_cursor(row=row)
    table.table.focus()
    await pilot.press("enter")
    await pilot.pause()
    request = pilot.app.screen
    assert isinstance(request, MembershipRequestScreen)
    return request


class TestSearch:
    async def test_an_inactive_structure_cannot_be_selected(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot)
            await search(pilot, raison_sociale="*bois*")
            assert names_shown(screen) == ["Atelier Bois et Fer"]
            await pilot.press("enter")
            await pilot.pause()
            assert pilot.app.screen is screen
            messages = [n.message for n in pilot.app._notifications]
            assert any("inactive" in message for message in messages)

    async def test_wildcards_find_both_menuiseries(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot)
            await search(pilot, raison_sociale="*menuiserie*")
            assert names_shown(screen) == ["Menuiserie Dupont", "Menuiserie Lebrun"]
            assert screen.focused is screen.query_one("#structures-table")
            assert "Menuiserie Dupont" in shown(screen.query_one("#results"))

    async def test_a_search_without_criterion_says_so_and_shows_no_result(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "au moins un critère" in notice(pilot, "form-notice")
            assert not screen.query_one("#results").display

    async def test_a_criterion_with_a_control_character_is_refused_next_to_it(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot)
            await search(pilot, ville="Paris\x1b")
            assert field_error(screen, "ville") != ""
            assert "Ville" in notice(pilot, "form-notice")

    async def test_nothing_found_offers_a_new_structure(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot)
            await search(pilot, raison_sociale="Boulangerie Introuvable")
            assert screen.query_one("#no-result").display
            assert "Aucune structure ne correspond" in shown(screen.query_one("#no-result"))
            await pilot.press("c")
            await pilot.pause()
            new = pilot.app.screen
            assert isinstance(new, NewStructureScreen)
            assert new.query_one("#raison_sociale").value == "Boulangerie Introuvable"

    async def test_read_only_public_search_presets_the_type_and_only_consults(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot, read_only=True, public_only=True)
            assert screen.query_one("#kind", Select).value == StructureKind.PUBLIQUE
            await search(pilot)
            assert names_shown(screen)
            kinds = {row.kind for row in screen.query_one(PagedTable).rows.values()}
            assert kinds == {StructureKind.PUBLIQUE}
            assert not screen.query("#select")
            screen.query_one("#structures-table").focus()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(pilot.app.screen, StructureDialog)
            assert MembershipRequestScreen not in {type(s) for s in pilot.app.screen_stack}

    async def test_switching_language_keeps_the_criteria_and_the_results(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot)
            await search(pilot, raison_sociale="*menuiserie*")
            await app.set_language("EN")
            await pilot.pause()
            assert screen.query_one("#raison_sociale").value == "*menuiserie*"
            assert names_shown(screen) == ["Menuiserie Dupont", "Menuiserie Lebrun"]
            assert screen.query_one("#results").display
            assert str(screen.query_one("#results-head Label").content) == "Search results"

    async def test_escape_goes_back_to_mon_compte(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert pilot.app.screen is not screen
            assert screen.results == [False]  # type: ignore[attr-defined]


class TestExport:
    async def test_export_writes_the_structures_found(self, services, tmp_path, monkeypatch):
        monkeypatch.setenv("HOME", str(tmp_path))
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_search(pilot)
            await search(pilot, raison_sociale="*menuiserie*")
            await pilot.press("e")
            await pilot.pause()
            dialog = pilot.app.screen
            assert isinstance(dialog, ExportDialog)
            assert dialog.query_one("#path").value == "~/structures-2026-11-24.csv"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(pilot.app.screen, ExportDialog)
        data = (tmp_path / "structures-2026-11-24.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        lines = data.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("Identifiant;Raison sociale;Statut;")
        assert [line.split(";")[1] for line in lines[1:]] == [
            "Menuiserie Dupont",
            "Menuiserie Lebrun",
        ]

    async def test_an_existing_file_is_refused_next_to_the_path(
        self, services, tmp_path, monkeypatch
    ):
        monkeypatch.setenv("HOME", str(tmp_path))
        existing = tmp_path / "structures-2026-11-24.csv"
        existing.write_text("keep")
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_search(pilot)
            await search(pilot, raison_sociale="*menuiserie*")
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            dialog = pilot.app.screen
            assert isinstance(dialog, ExportDialog)
            assert "existe déjà" in field_error(dialog, "path")
        assert existing.read_text() == "keep"


class TestRequest:
    async def test_julie_requests_one_service_of_menuiserie_dupont(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 40)) as pilot:
            request = await open_request(pilot)
            assert request.query_one("#start_date").value == "24/11/2026"
            moburb = next(s for s in request.services if s.code == "MOBURB")
            box = request.query_one(f"#service-{moburb.id}", Checkbox)
            box.focus()
            await pilot.press("space")
            await pilot.pause()
            assert not request.query_one("#whole", Checkbox).value
            await pilot.press("ctrl+s")
            await pilot.pause()
            # Back to Mon Compte, which reloads its blocks.
            screen = pilot.app.screen
            assert not isinstance(screen, (MembershipRequestScreen, StructureSearchScreen))
        membership = Membership.get(
            (Membership.user == julie()) & (Membership.structure == menuiserie_dupont())
        )
        assert membership.status == MembershipStatus.EN_COURS_DE_VALIDATION
        assert membership.role == Role.UTILISATEUR_SIMPLE
        assert not membership.whole_structure
        lines = [line.service.code for line in membership.service_lines]
        assert lines == ["MOBURB"]
        paul = User.get(User.login == PAUL)
        mails = OutboxMail.select().where(
            (OutboxMail.kind == "membership_request_received") & (OutboxMail.user == paul)
        )
        assert mails.count() == 1

    async def test_ticking_the_whole_structure_unticks_the_services(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 40)) as pilot:
            request = await open_request(pilot)
            boxes = list(request.query("Checkbox.service").results(Checkbox))
            boxes[0].value = True
            boxes[1].value = True
            await pilot.pause()
            whole = request.query_one("#whole", Checkbox)
            assert not whole.value
            whole.value = True
            await pilot.pause()
            assert not any(box.value for box in boxes)
            assert request.chosen_services() == []

    async def test_validate_and_attach_to_another_goes_back_to_the_search(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 40)) as pilot:
            request = await open_request(pilot)
            request.query_one("#submit-another").press()
            await pilot.pause()
            screen = pilot.app.screen
            assert isinstance(screen, StructureSearchScreen)
            assert screen.query_one("#raison_sociale").value == "*menuiserie*"
            assert names_shown(screen) == ["Menuiserie Dupont", "Menuiserie Lebrun"]
            await pilot.press("escape")
            await pilot.pause()
            assert screen.results == [True]  # type: ignore[attr-defined]
        membership = Membership.get(
            (Membership.user == julie()) & (Membership.structure == menuiserie_dupont())
        )
        assert membership.whole_structure

    async def test_a_duplicate_request_is_refused_with_a_message(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 40)) as pilot:
            request = await open_request(pilot)
            request.query_one("#submit-another").press()
            await pilot.pause()
            screen = pilot.app.screen
            table = screen.query_one(PagedTable)
            table.table.move_cursor(row=list(table.rows).index(menuiserie_dupont().id))
            await pilot.press("enter")
            await pilot.pause()
            again = pilot.app.screen
            assert isinstance(again, MembershipRequestScreen)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is again
            assert notice(pilot, "form-notice") != ""
        count = (
            Membership.select()
            .where((Membership.user == julie()) & (Membership.structure == menuiserie_dupont()))
            .count()
        )
        assert count == 1

    async def test_an_inactive_structure_is_refused_with_a_message(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 40)) as pilot:
            await open_search(pilot)
            inactive = Structure.get(Structure.status == StructureStatus.INACTIF)
            request = MembershipRequestScreen(inactive.id)
            pilot.app.push_screen(request)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is request
            assert notice(pilot, "form-notice") != ""
        assert (
            not Membership.select()
            .where((Membership.structure == inactive) & (Membership.user == julie()))
            .exists()
        )

    async def test_bad_dates_and_a_long_comment_are_shown_next_to_the_fields(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 40)) as pilot:
            request = await open_request(pilot)
            await fill(pilot, start_date="31/02/2026", end_date="01/01/2020", comment="x" * 256)
            assert "256/255" in shown(request.query_one("#comment-counter"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is request
            assert "jj/mm/aaaa" in field_error(request, "start_date")
            assert field_error(request, "comment") != ""
            await fill(pilot, start_date="24/11/2026", comment="")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert field_error(request, "end_date") != ""
        assert (
            not Membership.select()
            .where(Membership.user == julie())
            .where(Membership.structure == menuiserie_dupont())
            .exists()
        )


class TestNewStructure:
    async def open_new(self, pilot: Pilot) -> NewStructureScreen:
        screen = await open_search(pilot)
        await search(pilot, raison_sociale="Ébénisterie Nouvelle")
        screen.query_one("#new").press()
        await pilot.pause()
        new = pilot.app.screen
        assert isinstance(new, NewStructureScreen)
        return new

    async def test_a_bad_siret_is_refused_next_to_the_field(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            new = await self.open_new(pilot)
            await fill(
                pilot,
                identifier="12345678901234",
                adresse="1 rue du Bois",
                code_postal="75001",
                ville="Paris",
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is new
            assert "SIRET" in field_error(new, "identifier")
        assert not Structure.select().where(Structure.identifier == "12345678901234").exists()

    async def test_a_used_siret_is_refused(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            new = await self.open_new(pilot)
            used = menuiserie_dupont().identifier
            await fill(pilot, identifier=used, adresse="1", code_postal="75001", ville="Paris")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "existe déjà" in field_error(new, "identifier")

    async def test_a_good_siret_creates_the_structure_with_julie_principal(self, services):
        app = make_app(services)
        identifier = siret(73282932)
        async with app.run_test(size=(80, 24)) as pilot:
            await self.open_new(pilot)
            await fill(
                pilot,
                identifier=identifier,
                adresse="1 rue du Bois",
                code_postal="75001",
                ville="Paris",
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(pilot.app.screen, (NewStructureScreen, StructureSearchScreen))
        structure = Structure.get(Structure.identifier == identifier)
        assert structure.raison_sociale == "Ébénisterie Nouvelle"
        assert structure.kind == StructureKind.PRIVEE
        membership = Membership.get(Membership.structure == structure)
        assert membership.user == julie()
        assert membership.role == Role.GESTIONNAIRE_PRINCIPAL
        assert membership.status == MembershipStatus.VALIDEE
