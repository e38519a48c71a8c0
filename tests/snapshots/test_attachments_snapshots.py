"""« Pièces jointes » (F6) as pictures, at 80×24 on the demo database (Paul has one attachment)
with the fixed clock. The manager screen is pushed directly (Mon Compte opens it with ``g``).
The pickers open on a temporary folder holding a few fixed files, never the real home."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from chorus_tui.models import User
from chorus_tui.ui.dialogs import attachments as dialogs
from chorus_tui.ui.screens.attachments import AttachmentsScreen
from tests.ui.helpers import PAUL, fill, log_in, make_app

pytestmark = pytest.mark.usefixtures("demo_db")


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """``documents/`` with two folders and three files; the pickers start there."""
    root = tmp_path / "documents"
    (root / "factures").mkdir(parents=True)
    (root / "contrats").mkdir()
    (root / "brochure.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "devis [bold]2026.txt").write_text("devis\n")
    (root / "vide.txt").write_bytes(b"")
    (root / ".cache").mkdir()
    monkeypatch.setattr(dialogs, "start_directory", lambda: root)
    # Paths show as « ~/documents… »: the pictures do not depend on the temporary folder.
    monkeypatch.setenv("HOME", str(tmp_path))
    return root


async def open_manager(pilot: Pilot) -> None:
    await log_in(pilot, PAUL)
    await pilot.app.push_screen(AttachmentsScreen())
    await pilot.pause()


async def settle(pilot: Pilot) -> None:
    """Let the directory tree's loader (a worker that never ends) fill the tree, then repaint."""
    for _ in range(3):
        await pilot.pause(0.1)


class TestAttachments:
    def test_attachments_manager(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)
            await pilot.press("space")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attachments_add_form_errors(self, services, snap_compare, folder):
        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)
            await pilot.press("a")
            await fill(pilot, file="~/documents/vide.txt")
            await pilot.press("ctrl+s")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attachments_file_picker(self, services, snap_compare, folder):
        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)
            await pilot.press("a", "f3")
            await settle(pilot)
            await pilot.press("down", "enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attachments_edit_form(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)
            await pilot.press("e")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attachments_consult(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)
            await pilot.press("enter")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attachments_delete_confirmation(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)
            await pilot.press("delete")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attachments_download(self, services, snap_compare, folder):
        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)
            await pilot.press("d")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attachments_download_done(self, services, snap_compare, folder):
        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)
            await pilot.press("d")
            await settle(pilot)
            await fill(pilot, directory="~/documents/factures")
            await pilot.press("ctrl+s")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attachments_manager_english(self, services, snap_compare):
        User.update(language="EN").where(User.login == PAUL).execute()

        async def run_before(pilot: Pilot) -> None:
            await open_manager(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
