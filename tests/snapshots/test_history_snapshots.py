"""« Historique » (M12) as pictures (80×24): the list, filtered by structure and dates, nothing
found, a date error, the detail window (the « loupe »), the export window, and the permission
message of a simple user. Regenerate with ``pytest tests/snapshots --snapshot-update``, look at
the SVGs, then run scripts/screenshots.sh."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from chorus_tui.models import AuditEntry, Structure
from chorus_tui.ui.screens.history import HistoryScreen
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.ui.helpers import JULES, PAUL, fill, log_in, make_app, settle

pytestmark = pytest.mark.usefixtures("demo_db")


async def open_history(pilot: Pilot, login: str = PAUL) -> None:
    await log_in(pilot, login)
    pilot.app.push_screen(HistoryScreen())
    await settle(pilot)


async def filter_dates(pilot: Pilot, since: str, until: str) -> None:
    await fill(pilot, since=since, until=until)
    pilot.app.screen.query_one("#until", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


class TestHistory:
    def test_history_list(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_history)

    def test_history_filtered_by_structure_and_dates(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_history(pilot)
            dupont = Structure.get(Structure.raison_sociale == "Menuiserie Dupont")
            pilot.app.screen.query_one("#structure", Select).value = dupont.id
            await settle(pilot)
            await filter_dates(pilot, "01/07/2026", "30/11/2026")
            assert pilot.app.screen.query_one(PagedTable).page.total > 0

        assert snap_compare(make_app(services), run_before=run_before)

    def test_history_nothing_found(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_history(pilot)
            await filter_dates(pilot, "01/01/2000", "31/12/2000")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_history_date_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_history(pilot)
            await filter_dates(pilot, "31/02/2026", "01/01/2026")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_history_end_before_start(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_history(pilot)
            await filter_dates(pilot, "10/11/2026", "01/11/2026")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_history_detail_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_history(pilot)
            refusal = AuditEntry.get(AuditEntry.action == "MEMBERSHIP_REFUSED")
            table = pilot.app.screen.query_one(PagedTable)
            table.table.move_cursor(row=list(table.rows).index(refusal.id))
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_history_export_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_history(pilot)
            await pilot.press("e")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_history_export_file_exists(self, services, snap_compare, tmp_path):
        path = tmp_path / "historique.csv"
        path.write_text("keep", encoding="utf-8")

        async def run_before(pilot: Pilot) -> None:
            await open_history(pilot)
            await pilot.press("e")
            await settle(pilot)
            await fill(pilot, path=str(path))
            await pilot.press("ctrl+s")
            await settle(pilot)
            # The temporary path changes on every run: a stable one is shown, error kept.
            screen = pilot.app.screen
            with screen.prevent(Input.Changed):
                screen.query_one("#path", Input).value = "~/historique.csv"
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_history_refused_to_a_simple_user(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_history(pilot, JULES)

        assert snap_compare(make_app(services), run_before=run_before)
