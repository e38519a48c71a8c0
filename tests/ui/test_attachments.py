"""« Pièces jointes » (F6) from the keyboard: add (typed path or picker), edit, delete, download.
The manager screen is pushed directly (Mon Compte opens it with ``g``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from chorus_tui.models import User
from chorus_tui.models.documents import Document
from chorus_tui.ui.dialogs import attachments as dialogs
from chorus_tui.ui.screens.attachments import AttachmentsScreen
from chorus_tui.ui.widgets.attachments import AttachmentsBlock, AttachmentsTable
from tests.ui.helpers import PAUL, fill, log_in, make_app, screen_text, shown

pytestmark = pytest.mark.usefixtures("demo_db")

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "documents"
    root.mkdir()
    (root / "devis.pdf").write_bytes(PDF)
    (root / "vide.txt").write_bytes(b"")
    monkeypatch.setattr(dialogs, "start_directory", lambda: root)
    return root


def paul_documents() -> list[Document]:
    paul = User.get(User.login == PAUL)
    return list(Document.select().where(Document.user == paul).order_by(Document.id))


async def open_manager(pilot: Pilot) -> None:
    await log_in(pilot, PAUL)
    await pilot.app.push_screen(AttachmentsScreen())
    await pilot.pause()


async def settle(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.pause(0.1)


async def test_the_manager_shows_the_total_and_the_table(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        text = screen_text(pilot)
        assert "Total de 1 pièce(s) jointe(s)." in text
        assert "attestation_assu" in shown(app.screen.query_one(AttachmentsTable))
        assert app.screen.focused is app.screen.query_one(AttachmentsTable)


async def test_add_with_a_typed_path(services, folder):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        await pilot.press("a")
        await fill(pilot, file=str(folder / "devis.pdf"), designation="Devis 2026")
        app.screen.query_one("#type", Select).value = "DEVIS"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AttachmentsScreen)
        assert "Total de 2 pièce(s) jointe(s)." in screen_text(pilot)
        added = paul_documents()[-1]
        assert (added.filename, added.designation, added.type.code) == (
            "devis.pdf",
            "Devis 2026",
            "DEVIS",
        )


async def test_errors_are_shown_next_to_the_fields(services, folder):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        await pilot.press("a")
        await fill(pilot, file=str(folder / "vide.txt"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, dialogs.AddDocumentDialog)
        assert "Le fichier est vide." in shown(dialog.query_one("#field-file"))
        assert "Ce champ est obligatoire." in shown(dialog.query_one("#field-designation"))
        assert "Désignation, Type de pièce jointe." in shown(dialog.query_one("#form-notice"))
        assert dialog.focused.id == "file"
        assert len(paul_documents()) == 1


async def test_the_file_picker_opens_and_picks(services, folder):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        await pilot.press("a", "f3")
        await settle(pilot)
        assert isinstance(app.screen, dialogs.FilePickerDialog)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, dialogs.AddDocumentDialog)
        assert app.screen.query_one("#file").value == str(folder / "devis.pdf")
        assert app.screen.focused.id == "designation"


async def test_edit(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, dialogs.EditDocumentDialog)
        await fill(pilot, designation="[bold]Attestation 2026")
        app.screen.query_one("#type", Select).value = "JUSTIFICATIF"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [document] = paul_documents()
        assert (document.designation, document.type.code) == (
            "[bold]Attestation 2026",
            "JUSTIFICATIF",
        )
        assert "[bold]Attestation" in shown(app.screen.query_one(AttachmentsTable))


async def test_delete_asks_for_confirmation(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        await pilot.press("delete")
        assert isinstance(app.screen, dialogs.DeleteDialog)
        assert "attestation_assurance.pdf" in shown(app.screen.query_one("#delete-names"))
        await pilot.press("enter")  # the focus starts on « Annuler »
        await pilot.pause()
        assert len(paul_documents()) == 1
        await pilot.press("space", "x")
        await pilot.press("shift+tab", "enter")  # « Supprimer »
        await pilot.pause()
        assert paul_documents() == []
        assert "Total de 0 pièce(s) jointe(s)." in screen_text(pilot)
        assert "Aucune pièce jointe." in screen_text(pilot)


async def test_download_to_a_directory(services, tmp_path, folder):
    target = tmp_path / "out"
    target.mkdir()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, dialogs.DownloadDialog)
        await fill(pilot, directory=str(target))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (target / "attestation_assurance.pdf").exists()
        assert "attestation_assurance.pdf" in shown(app.screen.query_one("#form-notice"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [path.name for path in target.iterdir()] == ["attestation_assurance.pdf"]
        await pilot.press("enter")  # « Fermer »
        await pilot.pause()
        assert isinstance(app.screen, AttachmentsScreen)


async def test_download_to_a_missing_directory_shows_the_error(services, tmp_path, folder):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        await pilot.press("d")
        await settle(pilot)
        await fill(pilot, directory=str(tmp_path / "nowhere"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "n'existe pas" in shown(app.screen.query_one("#field-directory"))


async def test_the_block_reads_the_session_user(services):
    """The block Mon Compte mounts: no argument, the session's documents."""
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        block = AttachmentsBlock()
        await app.screen.mount(block)
        await pilot.pause()
        assert block.total == 1
        assert block.table.row_count == 1


async def test_the_table_is_paged(services):
    paul = User.get(User.login == PAUL)
    first = paul_documents()[0]
    for number in range(24):
        Document.create(
            user=paul,
            type=first.type,
            designation=f"Pièce {number:02}",
            filename=f"piece{number:02}.pdf",
            extension="pdf",
            size=1,
            sha256="0" * 64,
            content=b"x",
            created_at=first.created_at,
        )
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        table = app.screen.query_one(AttachmentsTable)
        assert table.row_count == 20
        assert "Total de 25 pièce(s) jointe(s)." in screen_text(pilot)
        table.move_cursor(row=19)
        await pilot.pause()
        assert table.row_count == 25


async def test_the_manager_follows_a_language_change(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        await app.set_language("EN")
        await pilot.pause()
        text = screen_text(pilot)
        assert "Total of 1 attachment(s)." in text
        assert "Miscellaneous" in text


async def test_user_text_is_shown_literally(services):
    [document] = paul_documents()
    Document.update(designation="[bold]Gras[/bold]\x1b[2J", filename="[red]x[/red].pdf").where(
        Document.id == document.id
    ).execute()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        text = shown(app.screen.query_one(AttachmentsTable))
        assert "[bold]Gras[/bold][2J" in text
        assert "[red]x[/red].pdf" in text


async def test_the_palette_offers_the_block_commands(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot)
        titles = [command.title for command in app.screen.palette_commands()]
        assert "Pièces jointes : ajouter une pièce jointe" in titles
        assert "Pièces jointes : gérer pièces jointes" not in titles
