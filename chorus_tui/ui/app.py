"""The chorus-tui application: one factory builds it for the command line, the tests and the
screenshots.

The app holds the services (clock, hasher), the translator and the session. Screens ask it to
move the user along (:meth:`ChorusApp.open_session`, :meth:`~ChorusApp.continue_login`,
:meth:`~ChorusApp.open_space`, :meth:`~ChorusApp.logout`) and to report errors
(:meth:`~ChorusApp.guard`). The database is opened and bound by the caller.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Self

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from chorus_tui.domain.errors import DomainError
from chorus_tui.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Translator,
    format_long_datetime,
    has_message,
)
from chorus_tui.ui.commands import Command
from chorus_tui.ui.navigation import SCREENS, SPACES, load_screen, space, visible_spaces
from chorus_tui.ui.palette import ChorusCommandPalette, ChorusCommands
from chorus_tui.ui.screens.login import FormMessage, LoginScreen
from chorus_tui.ui.session import Session
from chorus_tui.ui.theme import CHORUS_THEME
from chorus_tui.ui.widgets.literal import sanitize

if TYPE_CHECKING:
    from chorus_tui.domain import auth
    from chorus_tui.domain.context import Services

_log = logging.getLogger(__name__)
logging.getLogger("chorus_tui.ui").addHandler(logging.NullHandler())

STYLES = Path(__file__).parent / "styles"

# The screen of each step a login may have to go through first (``auth.Step``, whose values
# these are, as ``auth.pending_steps`` returns them).
FORCED_STEPS = {
    "CHANGE_PASSWORD": f"{SCREENS}.password:ForcedPasswordScreen",
    "COMPLETE_INFO": f"{SCREENS}.referential:ReferentialScreen",
}

# Keys whose name is a word, shown in the footer and the help in the interface's language.
_NAMED_KEYS = ("enter", "escape", "tab", "shift+tab", "space", "up", "down", "delete")


class ChorusApp(App[None]):
    """Chorus Pro « Mon Compte » and « Activités du gestionnaire » in the terminal."""

    CSS_PATH: ClassVar[list[str | Path]] = [
        STYLES / "app.tcss",
        STYLES / "forms.tcss",
        STYLES / "login.tcss",
        STYLES / "home.tcss",
        STYLES / "dialogs.tcss",
        STYLES / "account.tcss",
    ]
    COMMANDS: ClassVar[set] = {ChorusCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (70, "-wide")]
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f1,question_mark", "help", "app.key.help", id="app.help"),
        Binding("ctrl+q", "quit", "app.key.quit", priority=True, id="app.quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="app.help_quit"),
        # Tab as an app priority binding moves the focus as soon as the key arrives. As a plain
        # screen binding it runs only once the key has bubbled up from the focused field, and
        # what an operator types right after Tab (or what tmux sends in one burst) would land
        # in the field being left.
        Binding("tab", "focus_next", show=False, priority=True, id="app.focus_next"),
        Binding("shift+tab", "focus_previous", show=False, priority=True, id="app.focus_previous"),
        Binding(
            "ctrl+p",
            "command_palette",
            "app.key.palette",
            show=False,
            priority=True,
            id="app.palette",
        ),
    ]

    def __init__(
        self,
        services: Services,
        language: str = DEFAULT_LANGUAGE,
        *,
        cursor_blink: bool = True,
        activation_code: str | None = None,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.activation_code = activation_code
        """``chorus-tui activate CODE``: open « Activation du compte utilisateur » at once."""
        self._preparation = Preparation(prepare)
        self.default_language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self.translator = Translator(self.default_language)
        self.session: Session | None = None
        self.cursor_blink = cursor_blink
        """False in tests and screenshots, so a frame does not depend on when it is taken."""
        self.title = self.t("app.title")
        self.register_theme(CHORUS_THEME)
        self._start_with_theme(CHORUS_THEME)

    def _start_with_theme(self, theme: Theme) -> None:
        """``theme`` from the first frame. Not ``self.theme = …``: its watcher re-parses every
        stylesheet once the app runs and empties the parse cache, so the login screen's
        widgets parse everything a third time (~0.1 s before the first paint). Nothing is
        parsed yet here: giving the stylesheet the theme's variables is enough; the classes
        are the ones the watcher sets."""
        self.set_reactive(App.theme, theme.name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.update_classes(
            {f"-theme-{theme.name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark},
            update=False,
        )

    # -- language ---------------------------------------------------------------------------

    @property
    def t(self) -> Translator:
        return self.translator

    async def set_language(self, language: str) -> None:
        """Switch the whole interface to ``language`` at once: every screen of the stack
        re-renders its texts (what was typed stays)."""
        self.translator = Translator(language)
        self.title = self.t("app.title")
        for screen in list(self.screen_stack):
            refresh = getattr(screen, "refresh_texts", None)
            if refresh is not None:
                await refresh()

    def get_key_display(self, binding: Binding) -> str:
        """« ^O », « F1 », « Échap »: short, and in the interface's language."""
        key = binding.key
        if binding.key_display:
            return binding.key_display
        if key in _NAMED_KEYS:
            return self.t(f"app.keyname.{key}")
        if key.startswith("ctrl+") and len(key) == 6:
            return "^" + key[-1].upper()
        if key.startswith("f") and key[1:].isdigit():
            return key.upper()
        return super().get_key_display(binding)

    # -- session and navigation -------------------------------------------------------------

    def on_mount(self) -> None:
        login = LoginScreen()
        self.push_screen(login)
        if self.activation_code:
            self.open_activation(self.activation_code)
        login.call_after_refresh(self._login_painted)
        self.set_timer(2.0, self.resume_garbage_collector)  # should the login screen not paint

    def _login_painted(self) -> None:
        self.resume_garbage_collector()
        self._preparation.start()

    @staticmethod
    def resume_garbage_collector() -> None:
        """The command line pauses the garbage collector while the program starts (see
        ``chorus_tui.boot.collector_paused``); once the login screen is painted, the objects
        made so far (modules, classes, the stylesheet: they live as long as the program) are
        frozen, so that later collections do not walk them again, and collecting resumes.
        Nothing happens where the collector runs (tests, screenshots)."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def open_activation(self, code: str) -> None:
        """« Activation du compte utilisateur » for ``code``, above the login screen; a code
        that opens nothing is said on the login screen."""
        from chorus_tui.domain import activation
        from chorus_tui.ui.screens.activation import ActivationScreen

        with self.guard():
            try:
                user = activation.check_code(self.services, code)
            except activation.InvalidActivationCode as error:
                self.show_login(FormMessage(f"error.{error.code}"))
                return
            self.push_screen(ActivationScreen(code, user))

    def open_session(self, result: auth.LoginResult) -> None:
        """A successful login: remember who, speak their language, then the forced steps."""
        self.session = Session(result.user, result.previous_login)
        if result.user.language != self.translator.language:
            self.translator = Translator(result.user.language)
        self.continue_login()

    def continue_login(self) -> None:
        """The first of the steps the domain says are pending (expired password, then
        referential information), or the first space once there are none left."""
        from chorus_tui.domain import auth

        assert self.session is not None
        steps = auth.pending_steps(self.session.user, self.services.now())
        if steps:
            self._show(load_screen(FORCED_STEPS[steps[0]]))
        else:
            self.open_space(visible_spaces(self.session.user)[0].id)

    def open_space(self, space_id: str) -> None:
        """Open a space of the navigation bar, if this user may see it."""
        if self.session is None:
            return
        entry = space(space_id)
        if not entry.visible(self.session.user) or getattr(self.screen, "SPACE_ID", "") == space_id:
            return
        self.leave_then(lambda: self._show(entry.build()))

    def action_quit(self) -> None:
        """Ctrl+Q: quit, after « Quitter sans enregistrer ? » when the screen has unsaved
        changes."""
        self.leave_then(self.exit)

    def leave_then(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the main screen agrees to be left: a screen with unsaved changes
        (``confirm_leave``) asks the user first."""
        screens = [s for s in self.screen_stack if not isinstance(s, ModalScreen)]
        main = screens[-1] if screens else None
        confirm = getattr(main, "confirm_leave", None)
        if confirm is None:
            then()
        else:
            confirm(then)

    def logout(self, message: FormMessage | None = None, *, confirm: bool = True) -> None:
        """« Déconnexion »: forget the session entirely and show a fresh login screen (with
        ``message``, e.g. after a deactivation). ``confirm``: ask about unsaved changes first."""

        def leave() -> None:
            self.session = None
            self.translator = Translator(self.default_language)
            self.title = self.t("app.title")
            self.show_login(message)

        if confirm:
            self.leave_then(leave)
        else:
            leave()

    def refresh(
        self, *, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        """Textual lays out the current screen again when a screen is removed — the one
        ``switch_screen`` replaced, a frame or two after the new one was laid out and painted
        (measured: one of the five layouts of opening the synthèse). A removed screen changes
        neither the size nor the widgets of the one shown: it is repainted. A change of the
        terminal's size comes as a resize, which lays the screen out."""
        return super().refresh(repaint=repaint, layout=False, recompose=recompose)

    def show_login(self, message: FormMessage | None = None) -> None:
        """A fresh login screen, with ``message`` above its fields."""
        self._show(LoginScreen(message))

    def _show(self, screen: Screen) -> None:
        """Make ``screen`` the one main screen: close every window above the current one."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    # -- keys, help and palette -------------------------------------------------------------

    async def action_focus_next(self) -> None:
        # A page still mounting its lower blocks moves the focus itself (screens.lower_blocks).
        focus_next = getattr(self.screen, "focus_next_field", None)
        if focus_next is not None:
            await focus_next()
        else:
            self.screen.focus_next()

    async def action_focus_previous(self) -> None:
        focus_previous = getattr(self.screen, "focus_previous_field", None)
        if focus_previous is not None:
            await focus_previous()
        else:
            self.screen.focus_previous()

    def action_help(self) -> None:
        from chorus_tui.ui.dialogs.help import HelpScreen  # not needed to show the login screen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not ChorusCommandPalette.is_open(self):
            self.push_screen(
                ChorusCommandPalette(
                    self.t("app.palette.placeholder"), self.t("app.palette.no_matches")
                )
            )

    def action_help_quit(self) -> None:
        self.notify(self.t("app.quit_hint", key="Ctrl+Q"), markup=False)

    def global_commands(self, screen: Screen) -> list[Command]:
        """The commands every screen offers: help, language, quit."""
        other = "EN" if self.t.language == "FR" else "FR"
        return [
            Command(self.t("app.cmd.help"), self.t("app.cmd.help.help"), self.action_help),
            Command(
                self.t("app.cmd.language"),
                self.t("app.cmd.language.help"),
                lambda: self.set_language(other),
            ),
            Command(self.t("app.cmd.quit"), self.t("app.cmd.quit.help"), self.action_quit),
        ]

    # -- errors -----------------------------------------------------------------------------

    def error_text(self, error: DomainError) -> str:
        """The catalogue's words for a domain error (``error.<code>``)."""
        key = f"error.{error.code}"
        if not has_message(key):
            return self.t("app.error.refused")
        template = self.t(key)
        if not error.params:
            return template if "{" not in template else self.t("app.error.refused")
        try:
            return self.t(key, **{name: sanitize(value) for name, value in error.params.items()})
        except (KeyError, IndexError, ValueError):
            return self.t("app.error.refused")

    def show_error(self, error: DomainError) -> None:
        self.notify(self.error_text(error), severity="error", markup=False)

    def show_unexpected(self, error: BaseException) -> None:
        """An error nobody planned for: log it, tell the user, keep the program running."""
        _log.error("unexpected error", exc_info=error)
        self.log.error(repr(error))
        self.notify(self.t("app.error.unexpected"), severity="error", markup=False, timeout=10)

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Around every domain call: a domain error becomes its message, anything else the
        generic message (logged); the program never dies with a traceback. The program's
        start-up work (``prepare``) is over before the call begins."""
        self._preparation.wait()
        try:
            yield
        except DomainError as error:
            self.show_error(error)
        except Exception as error:
            self.show_unexpected(error)


class Preparation:
    """What the program does once the login screen is painted, while the operator types, in a
    thread: first ``prepare`` (the command line's fast start passes the import of the ORM and
    the opening of the database), then the import of what the first space needs (its screen's
    modules, babel and its month names for the banner), so that logging in costs the password
    check and the home screen's own work, not ~0.1 s of imports.

    :meth:`wait` returns once ``prepare`` has run: every domain call waits for it
    (``ChorusApp.guard``); a call made before the login screen was painted starts the thread
    first. Both are called on the app's own thread."""

    def __init__(self, prepare: Callable[[], None] | None) -> None:
        self._prepare = prepare
        self._thread: threading.Thread | None = None
        self._prepared = threading.Event()
        if prepare is None:
            self._prepared.set()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="prepare", daemon=True)
            self._thread.start()

    def wait(self) -> None:
        if not self._prepared.is_set():
            self.start()
            self._prepared.wait()

    def _run(self) -> None:
        try:
            if self._prepare is not None:
                self._prepare()
        except Exception:  # the domain call that follows fails and says so
            _log.exception("preparing the program failed")
        finally:
            self._prepared.set()
        _preload_first_space()


def _preload_first_space() -> None:
    """Best effort: the login works the same without it."""
    try:
        import_module(SPACES[0].screen.partition(":")[0])
        now = dt.datetime.now(dt.UTC)
        for language in LANGUAGES:
            format_long_datetime(now, language)
    except Exception:  # the real import, later, reports any problem
        _log.debug("preloading the first space failed", exc_info=True)


def build_app(
    services: Services,
    language: str = DEFAULT_LANGUAGE,
    *,
    cursor_blink: bool = True,
    activation_code: str | None = None,
    prepare: Callable[[], None] | None = None,
) -> ChorusApp:
    """The one factory of the application (command line, tests, screenshots).
    ``activation_code`` opens « Activation du compte utilisateur » for it at start; ``prepare``
    runs once the login screen is painted (see :class:`Preparation`)."""
    return ChorusApp(
        services,
        language,
        cursor_blink=cursor_blink,
        activation_code=activation_code,
        prepare=prepare,
    )


def run_app(
    services: Services,
    language: str = DEFAULT_LANGUAGE,
    *,
    activation_code: str | None = None,
    prepare: Callable[[], None] | None = None,
) -> None:
    """Run the interface until the user quits (the command line calls this)."""
    build_app(services, language, activation_code=activation_code, prepare=prepare).run()
