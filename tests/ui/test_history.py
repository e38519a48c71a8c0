"""« Historique » (M12) in the interface: the history of the managed structures only, the
filters by structure and dates, the detail window (the « loupe ») and the CSV export."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from chorus_tui.clock import to_display
from chorus_tui.domain.export import ENCODING
from chorus_tui.models import AuditEntry, Structure
from chorus_tui.ui.dialogs.export import ExportDialog
from chorus_tui.ui.screens.history import (
    HistoryDetailDialog,
    HistoryScreen,
)
from chorus_tui.ui.widgets.form import FormField
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.ui.helpers import JULES, JULIE, PAUL, fill, log_in, make_app, notice, shown

pytestmark = pytest.mark.usefixtures("demo_db")


def structure(name: str) -> Structure:
    return Structure.get(Structure.raison_sociale == name)


def pauls_structures() -> set[int]:
    return {structure("Menuiserie Dupont").id, structure("Rénovation Habitat").id}


def entries_of(ids: set[int]) -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.structure.in_(ids)))


async def open_history(pilot: Pilot, login: str = PAUL, **options) -> HistoryScreen:
    await log_in(pilot, login)
    results: list[object] = []
    screen = HistoryScreen(**options)
    pilot.app.push_screen(screen, results.append)
    await pilot.pause()
    screen.results = results  # type: ignore[attr-defined]
    return screen


def table(screen: HistoryScreen) -> PagedTable:
    return screen.query_one(PagedTable)


def shown_structures(screen: HistoryScreen) -> set[int]:
    return {entry.structure_id for entry in table(screen).rows.values()}


def field_error(screen, name: str) -> str:
    field = screen.query_one(f"#field-{name}", FormField)
    return field._error if field.has_class("-invalid") else ""


async def filter_dates(pilot: Pilot, since: str = "", until: str = "") -> None:
    await fill(pilot, since=since, until=until)
    pilot.app.screen.query_one("#until", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


class TestList:
    async def test_paul_sees_the_history_of_his_structures_only(self, services):
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot)
            expected = entries_of(pauls_structures())
            page = table(screen).page
            assert page is not None and page.total == len(expected) > 5
            assert shown_structures(screen) <= pauls_structures()
            # Newest first.
            dates = [entry.at for entry in table(screen).rows.values()]
            assert dates == sorted(dates, reverse=True)
            text = shown(screen.query_one("#history"))
            assert "Menuiserie Dupont" in text
            assert "Supprimé" in text
            assert "Pietralba" not in text

    async def test_the_table_has_the_focus_and_esc_goes_back(self, services):
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot)
            assert pilot.app.focused is table(screen).table
            await pilot.press("escape")
            await pilot.pause()
            assert screen.results == [False]

    async def test_filter_by_structure(self, services):
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot)
            renovation = structure("Rénovation Habitat").id
            screen.query_one("#structure", Select).value = renovation
            await pilot.pause()
            assert shown_structures(screen) == {renovation}
            assert table(screen).page.total == len(entries_of({renovation}))
            screen.query_one("#structure", Select).clear()
            await pilot.pause()
            assert table(screen).page.total == len(entries_of(pauls_structures()))

    async def test_a_structure_given_by_the_caller_is_preselected(self, services):
        renovation = structure("Rénovation Habitat").id
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, structure_id=renovation)
            assert screen.query_one("#structure", Select).value == renovation
            assert shown_structures(screen) == {renovation}

    async def test_a_structure_paul_does_not_manage_is_refused(self, services):
        other = structure("CCAS Terneuil sur Seine").id
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, structure_id=other)
            assert "droits" in shown(screen.query_one("#history-denied"))
            assert not screen.query(PagedTable)

    async def test_filter_by_dates(self, services):
        entries = entries_of(pauls_structures())
        days = sorted({to_display(entry.at).date() for entry in entries})
        first, last = days[1], days[-2]
        kept = [e for e in entries if first <= to_display(e.at).date() <= last]
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot)
            await filter_dates(pilot, f"{first:%d/%m/%Y}", f"{last:%d/%m/%Y}")
            assert table(screen).page.total == len(kept) < len(entries)
            for entry in table(screen).rows.values():
                assert first <= to_display(entry.at).date() <= last

    async def test_nothing_in_the_span_shows_the_empty_line(self, services):
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot)
            await filter_dates(pilot, "01/01/2000", "31/12/2000")
            assert table(screen).page.total == 0
            assert "Aucune action" in shown(screen.query_one("#history"))
            assert not screen.check_action("export", ())

    async def test_bad_dates_are_shown_under_the_fields(self, services):
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot)
            total = table(screen).page.total
            await filter_dates(pilot, "31/02/2026", "demain")
            assert "jj/mm/aaaa" in field_error(screen, "since")
            assert "jj/mm/aaaa" in field_error(screen, "until")
            assert "Du, Au" in notice(pilot, "form-notice")
            assert table(screen).page.total == total

    async def test_until_before_since_is_refused(self, services):
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot)
            await filter_dates(pilot, "10/11/2026", "01/11/2026")
            assert field_error(screen, "until") == (
                "La date « Au » doit être postérieure à la date « Du »."
            )
            assert field_error(screen, "since") == ""


class TestDetail:
    async def test_enter_opens_the_detail_of_the_action(self, services):
        refusal = AuditEntry.get(AuditEntry.action == "MEMBERSHIP_REFUSED")
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot)
            rows = list(table(screen).rows)
            table(screen).table.move_cursor(row=rows.index(refusal.id))
            await pilot.press("enter")
            await pilot.pause()
            dialog = pilot.app.screen
            assert isinstance(dialog, HistoryDetailDialog)
            text = shown(dialog.query_one("#detail-window"))
            assert "Refusée" in text
            assert "LEBRUN Bruno" in text
            assert "DUPONT Paul" in text
            assert "personne extérieure" in text
            assert "12600591700516 Menuiserie Dupont" in text
            await pilot.press("escape")
            await pilot.pause()
            assert pilot.app.screen is screen


class TestExport:
    async def test_export_writes_the_filtered_history(self, services, tmp_path):
        path = tmp_path / "historique.csv"
        renovation = structure("Rénovation Habitat").id
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, structure_id=renovation)
            await pilot.press("e")
            await pilot.pause()
            dialog = pilot.app.screen
            assert isinstance(dialog, ExportDialog)
            assert dialog.query_one("#path", Input).value == "~/historique-2026-11-24.csv"
            await fill(pilot, path=str(path))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is screen
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        lines = raw.decode(ENCODING).split("\r\n")
        assert lines[0] == "Date;Demandeur;Structure;Commentaires;Effectuée par;Motif"
        rows = [line.split(";") for line in lines[1:] if line]
        assert len(rows) == len(entries_of({renovation}))
        assert {row[2] for row in rows} == {"12700591600839 Rénovation Habitat"}
        dt.datetime.strptime(rows[0][0], "%d/%m/%Y %H:%M:%S")

    async def test_an_existing_file_is_not_overwritten(self, services, tmp_path):
        path = tmp_path / "historique.csv"
        path.write_text("keep", encoding="utf-8")
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            await open_history(pilot)
            await pilot.press("e")
            await pilot.pause()
            await fill(pilot, path=str(path))
            await pilot.press("ctrl+s")
            await pilot.pause()
            dialog = pilot.app.screen
            assert isinstance(dialog, ExportDialog)
            assert "existe déjà" in field_error(dialog, "path")
        assert path.read_text(encoding="utf-8") == "keep"


class TestRights:
    @pytest.mark.parametrize("login", [JULES, JULIE])
    async def test_a_simple_user_sees_the_permission_message(self, services, login):
        async with make_app(services).run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, login=login)
            assert "droits" in shown(screen.query_one("#history-denied"))
            assert not screen.query(PagedTable)
            assert not screen.check_action("export", ())
            await pilot.press("e")
            await pilot.press("escape")
            await pilot.pause()
            assert screen.results == [False]
