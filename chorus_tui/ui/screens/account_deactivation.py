"""« Désactiver mon compte » (F7) from Mon Compte: the windows each kind of account goes
through, then the domain call and the end of the session."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from chorus_tui.domain import deactivation
from chorus_tui.domain.errors import ValidationError
from chorus_tui.models import Structure
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.dialogs.account_successors import SuccessorsDialog
from chorus_tui.ui.screens.login import FormMessage
from chorus_tui.ui.widgets.literal import literal

if TYPE_CHECKING:
    from chorus_tui.ui.screens.account import AccountScreen


class DeactivationFlow:
    """Mixed into :class:`~chorus_tui.ui.screens.account.AccountScreen`.

    - referential (MADRHAS) account: a window sends them to their DGFiP referent;
    - simple or secondary user: the 60-day and unsaved-changes warnings, « OK »;
    - principal manager: the same warnings with their structures, « Désigner un nouveau
      gestionnaire principal », the successors window, then « Valider »."""

    def action_deactivate(self: AccountScreen) -> None:
        t = self.t
        user = self.session.user
        if user.is_referential:
            self.app.push_screen(
                ConfirmDialog(
                    t("deactivate.title"),
                    t("error.referential_account"),
                    t("app.close"),
                    window_id="deactivate-window",
                )
            )
            return
        structures = deactivation.principal_structures(user)
        if not structures:
            dialog = ConfirmDialog(
                t("deactivate.title"),
                t("deactivate.simple"),
                t("deactivate.ok"),
                t("account.cancel"),
                note=t("deactivate.lost"),
                safe_default=True,
                window_id="deactivate-window",
            )
            self.app.push_screen(dialog, lambda ok: self._deactivate(None) if ok else None)
            return
        dialog = ConfirmDialog(
            t("deactivate.title"),
            t("deactivate.principal"),
            t("deactivate.designate"),
            t("account.cancel"),
            body=self._structures_table(structures),
            note=t("deactivate.lost"),
            window_id="deactivate-window",
        )
        self.app.push_screen(dialog, lambda ok: self._designate(structures) if ok else None)

    def _structures_table(self: AccountScreen, structures: Sequence[Structure]) -> Table:
        t = self.t
        table = Table(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1), show_edge=False)
        table.add_column(Text(t("deactivate.col.identifier")), no_wrap=True)
        table.add_column(Text(t("deactivate.col.raison_sociale")), ratio=1)
        for structure in structures:
            table.add_row(literal(structure.identifier), literal(structure.raison_sociale))
        return table

    def _designate(self: AccountScreen, structures: Sequence[Structure]) -> None:
        dialog = SuccessorsDialog(self.session.user, structures)
        self.app.push_screen(dialog, lambda chosen: self._deactivate(chosen) if chosen else None)

    def _deactivate(self: AccountScreen, successors: Mapping[int, int] | None) -> None:
        """Ask the domain; a refusal is shown, a success ends the session."""
        with self.chorus.guard():
            try:
                deactivation.deactivate_account(self.chorus.services, self.session.user, successors)
            except ValidationError as error:
                texts = [
                    self.t(f"field_error.{code}", **params)
                    for code, params in error.fields.values()
                ]
                self.chorus.notify(" ".join(texts), severity="error", markup=False)
                return
            self.chorus.logout(message=FormMessage("deactivate.done", "success"), confirm=False)
