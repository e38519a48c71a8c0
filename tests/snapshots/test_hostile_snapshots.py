"""X3 as pictures (issue 10): every table that shows a person's name or login, on the demo
database where every person but Paul is named ``[bold red]Mallory[/]\\x1b[2J`` (first and last
name), at 80×24 with the fixed clock. Each picture must show the brackets, in the table's usual
colours (no red, no bold), and no cleared screen: the ESC is dropped from what is displayed.

The domain refuses that name (the ESC is a control character: see
``tests/domain/test_hostile_input.py``), so it is written through the model layer here, as old
or imported data could hold it; one picture shows the name the domain accepts instead
(``[bold red]Mallory[/][2J``), saved through « Mon Compte »'s operation.
Regenerate with ``pytest tests/snapshots/test_hostile_snapshots.py --snapshot-update -n 0``."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.domain import profile
from chorus_tui.domain.search import user_search_columns
from chorus_tui.models import User
from chorus_tui.ui.screens.history import HistoryScreen
from chorus_tui.ui.screens.structure_detail import StructureDetailScreen
from chorus_tui.ui.screens.technical_users import TechnicalUsersScreen
from chorus_tui.ui.screens.user_attach import AttachUserScreen
from chorus_tui.ui.screens.user_search import UserSearchScreen
from tests.hostile import MALLORY
from tests.ui.helpers import PAUL, fill, log_in, make_app, settle
from tests.ui.test_membership_requests import open_synthesis
from tests.ui.test_structure_principal import CLAIRE, menuiserie
from tests.ui.test_subscription_requests import open_block

TECHNICAL_LOGIN = "[bold red]api[/]\x1b[2J@menuiserie.fr"


@pytest.fixture
def mallory(demo_db):
    """Every person but Paul named Mallory, the technical users' logins hostile too — written
    through the model layer, as the domain would refuse them."""
    for user in User.select().where(User.login != PAUL):
        values = {"nom": MALLORY, "prenom": MALLORY, "login": user.login, "email": user.email}
        if user.is_technical:
            values["login"] = TECHNICAL_LOGIN if user.id == _first_technical() else user.login
        values.update(user_search_columns({**user.__data__, **values}))
        User.update(**values).where(User.id == user.id).execute()
    return demo_db


def _first_technical() -> int:
    return User.select(User.id).where(User.is_technical == True).order_by(User.id).scalar()  # noqa: E712


async def open_screen(pilot: Pilot, screen) -> None:
    await log_in(pilot, PAUL)
    pilot.app.push_screen(screen)
    await settle(pilot)


async def search(pilot: Pilot, **criteria: str) -> None:
    await fill(pilot, **criteria)
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.usefixtures("mallory")
class TestHostileNames:
    def test_hostile_synthesis(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAUL)
            await pilot.press("f3")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_hostile_membership_requests(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_synthesis(pilot)
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_hostile_subscription_requests(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_block(pilot)
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_hostile_structure_users(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_screen(pilot, StructureDetailScreen(menuiserie().id))
            await pilot.press("f5")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_hostile_user_search_results(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_screen(pilot, UserSearchScreen())
            await search(pilot, nom="*")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_hostile_attach_search_results(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_screen(pilot, AttachUserScreen(menuiserie().id))
            await search(pilot, nom="*")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_hostile_history(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_screen(pilot, HistoryScreen())

        assert snap_compare(make_app(services), run_before=run_before)

    def test_hostile_technical_users(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_screen(pilot, TechnicalUsersScreen(menuiserie().id))

        assert snap_compare(make_app(services), run_before=run_before)


@pytest.mark.usefixtures("demo_db")
def test_hostile_name_saved_through_the_domain(services, snap_compare):
    """The name without its ESC, which the domain stores as typed, in the user search."""
    claire = User.get(User.login == CLAIRE)
    accepted = MALLORY.replace("\x1b", "")
    values = {name: getattr(claire, name) for name in profile.PROFILE_FIELDS}
    values.update(
        nom=accepted, prenom=accepted, language="FR", secret_question=claire.secret_question
    )
    profile.save_profile(services, claire, values)
    assert (User.get_by_id(claire.id).nom, User.get_by_id(claire.id).prenom) == (accepted, accepted)

    async def run_before(pilot: Pilot) -> None:
        await open_screen(pilot, UserSearchScreen())
        await search(pilot, login=CLAIRE)

    assert snap_compare(make_app(services), run_before=run_before)
