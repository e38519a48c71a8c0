"""What every screen of chorus-tui shares: the translator, the palette commands, re-rendering
its texts when the language changes, and the session-level keys.

- :class:`ChorusScreen`: any full screen (the login screen is one).
- :class:`ChorusModal`: any modal window (help, news…); Esc closes it.
- :class:`SessionScreen`: a screen of a logged-in user (the forced steps and the spaces); adds
  « Déconnexion ».
- :class:`SpaceScreen`: a space of the navigation bar; adds the banner, the bar and its keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import events
from textual._context import active_app
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from chorus_tui.i18n import Translator
from chorus_tui.ui.commands import Command
from chorus_tui.ui.navigation import SPACES, visible_spaces
from chorus_tui.ui.session import Session
from chorus_tui.ui.widgets.banner import Banner, NavigationBar
from chorus_tui.ui.widgets.footer import ChorusFooter

if TYPE_CHECKING:
    from chorus_tui.ui.app import ChorusApp

ResultType = TypeVar("ResultType")


class Localized:
    """Mixin for screens: the app, its translator, and re-rendering on a language change."""

    TITLE_KEY: ClassVar[str] = ""
    """Catalogue key of the screen's name (help window title)."""

    @property
    def chorus(self) -> ChorusApp:
        return cast("ChorusApp", cast(Screen, self).app)

    def _screen_resized(self, size: Size) -> None:
        """Textual lays a screen out again on every ``Resize`` it is sent, and a screen pushed
        is sent one, which also lays out every screen below it — all at the size they were
        laid out at already (measured: two of the six layouts of opening the synthèse). A
        layout at an unchanged size is skipped; changes within the screen still ask for
        theirs."""
        screen = cast(Screen, self)
        if screen._compositor.size == size and screen._compositor.root is screen:
            return
        super()._screen_resized(size)  # type: ignore[misc]

    @property
    def t(self) -> Translator:
        return self.chorus.t

    def palette_commands(self) -> list[Command]:
        """What the command palette offers on this screen; screens add their own."""
        return self.chorus.global_commands(cast(Screen, self))

    async def refresh_texts(self) -> None:
        """Re-render in the current language, keeping what was typed and where the focus was.

        Screens compose from their texts and show their state (errors, messages) in
        ``render_state()``, which runs again once the new widgets are mounted."""
        from textual.widgets import Select  # not needed to show the login screen

        screen = cast(Screen, self)
        inputs = {widget.id: widget.value for widget in screen.query(Input) if widget.id}
        selects = {widget.id: widget.value for widget in screen.query(Select) if widget.id}
        focused = screen.focused.id if screen.focused is not None else None
        await screen.recompose()
        # Restoring values is not an edit: it must not clear the errors shown for them.
        with screen.prevent(Input.Changed, Select.Changed):
            for widget in screen.query(Input):
                if widget.id in inputs:
                    widget.value = inputs[widget.id]
            for widget in screen.query(Select):
                if widget.id in selects:
                    widget.value = selects[widget.id]
        render_state = getattr(screen, "render_state", None)
        if render_state is not None:
            render_state()
        if focused:
            matches = screen.query(f"#{focused}")
            if matches:
                screen.set_focus(matches.first())
        screen.refresh_bindings()


class ChorusScreen(Localized, Screen[Any]):
    """A full screen of the application.

    Two restyles of every widget are spared when a screen is shown (measured: half the time
    « Mon Compte » took to open, issue 9): the breakpoint class (``-wide``/``-narrow``) is set
    before the widgets are composed, so the first resize changes no class; and the first
    ``ScreenResume`` does not restyle widgets that were styled when they were mounted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._resumed = False
        app = active_app.get(None)
        if app is not None:
            self.add_class(*self._breakpoint_classes(app))

    def _breakpoint_classes(self, app: App[Any]) -> list[str]:
        """The class Textual gives this screen at the app's current width (as its resize
        handler does)."""
        breakpoints = self.HORIZONTAL_BREAKPOINTS
        if breakpoints is None:
            breakpoints = app.HORIZONTAL_BREAKPOINTS
        for minimum, name in sorted(breakpoints or [], reverse=True):
            if app.size.width >= minimum:
                return [name]
        return []

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler (subclass first in the dispatch order). The screen
        # node itself was styled before its CSS_PATH was loaded (when it was pushed): it alone
        # is styled again; its widgets were composed with that CSS loaded.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
            self.app.stylesheet.apply(self)


class ChorusModal(Localized, ModalScreen[ResultType]):
    """A modal window; Esc closes it (dismissing ``None``)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "close", "app.key.close", id="modal.close"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)


class SessionScreen(ChorusScreen):
    """A screen only a logged-in user sees; « Déconnexion » is always one key away."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+o", "logout", "app.key.logout", id="session.logout"),
    ]

    @property
    def session(self) -> Session:
        session = self.chorus.session
        assert session is not None, "a session screen is shown only during a session"
        return session

    def action_logout(self) -> None:
        self.chorus.logout()

    def palette_commands(self) -> list[Command]:
        return [
            Command(self.t("app.cmd.logout"), self.t("app.cmd.logout.help"), self.action_logout),
            *super().palette_commands(),
        ]


class SpaceScreen(SessionScreen):
    """A space of the navigation bar (SPACES): banner, bar, then the space's own content."""

    SPACE_ID: ClassVar[str] = ""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding(
            entry.key,
            f"open_space('{entry.id}')",
            entry.label_key,
            show=False,
            id=f"space.{entry.id}",
        )
        for entry in SPACES
    ]

    _spaces: list | None = None

    @property
    def spaces(self) -> list:
        """The spaces of the bar, computed once per screen (a manager's rights take a query;
        the bindings ask on every refresh)."""
        if self._spaces is None:
            self._spaces = visible_spaces(self.session.user)
        return self._spaces

    def compose(self) -> ComposeResult:
        yield Banner(self.session, self.t)
        yield NavigationBar(self.spaces, self.SPACE_ID, self.t, self.chorus.get_key_display)
        yield from self.compose_space()
        yield ChorusFooter()

    def compose_space(self) -> ComposeResult:
        """The space's content, between the bar and the footer."""
        yield from ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_space" and parameters:
            return any(entry.id == parameters[0] for entry in self.spaces)
        return True

    def action_open_space(self, space_id: str) -> None:
        self.chorus.open_space(space_id)

    def palette_commands(self) -> list[Command]:
        spaces = [
            Command(
                self.t("app.cmd.space", space=self.t(entry.label_key)),
                self.t("app.cmd.space.help"),
                lambda space_id=entry.id: self.chorus.open_space(space_id),
            )
            for entry in self.spaces
        ]
        return [*spaces, *self.space_commands(), *super().palette_commands()]

    def space_commands(self) -> list[Command]:
        """The space's own palette commands, listed right after the spaces."""
        return []
