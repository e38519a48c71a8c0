"""What the widgets of a session share: the app, its translator and the logged-in user."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.widget import Widget

from chorus_tui.i18n import Translator
from chorus_tui.models import User

if TYPE_CHECKING:
    from chorus_tui.ui.app import ChorusApp


class AppAccess:
    """Mixin for widgets: ``chorus`` (the app) and ``t`` (its translator)."""

    @property
    def chorus(self) -> ChorusApp:
        return cast("ChorusApp", cast(Widget, self).app)

    @property
    def t(self) -> Translator:
        return self.chorus.t


class SessionAccess(AppAccess):
    """Mixin for widgets shown only during a session: also ``user``, the logged-in user."""

    @property
    def user(self) -> User:
        session = self.chorus.session
        assert session is not None, f"{type(self).__name__} is shown only during a session"
        return session.user
