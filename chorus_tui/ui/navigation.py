"""The spaces of the navigation bar (« Accueil connecté », « Activités du gestionnaire »,
« Mon Compte »…).

Adding a space is one line in :data:`SPACES`: an id, the catalogue key of its label, the key that
opens it, the screen class (as ``"module:Class"``, imported only when opened, so this module
imports no screen), and who may see it. The navigation bar, its key bindings, the help screen and
the command palette are all built from this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from chorus_tui.models import User


def everyone(user: User) -> bool:
    return True


def may_see_manager_space(user: User) -> bool:
    # The rights module brings the ORM: imported on a first check, after the login screen.
    from chorus_tui.domain.rights import Action, can

    return can(user, Action.SEE_MANAGER_SPACE)


@dataclass(frozen=True)
class Space:
    id: str
    label_key: str
    key: str
    screen: str
    visible: Callable[[User], bool] = everyone

    def build(self) -> Screen:
        return load_screen(self.screen)


def load_screen(path: str) -> Screen:
    """A new screen of the class named ``"module:Class"``, imported now (not at start-up)."""
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)()


SCREENS = "chorus_tui.ui.screens"

SPACES: tuple[Space, ...] = (
    Space("home", "space.ACCUEIL_CONNECTE", "f2", f"{SCREENS}.home:HomeScreen"),
    Space(
        "manager",
        "space.ACTIVITES_GESTIONNAIRE",
        "f3",
        f"{SCREENS}.manager:SynthesisScreen",
        may_see_manager_space,
    ),
    Space("account", "space.MON_COMPTE", "f4", f"{SCREENS}.account:AccountScreen"),
)


def space(space_id: str) -> Space:
    for entry in SPACES:
        if entry.id == space_id:
            return entry
    raise KeyError(space_id)


def visible_spaces(user: User) -> list[Space]:
    """The spaces ``user`` may open, in the bar's order."""
    return [entry for entry in SPACES if entry.visible(user)]
