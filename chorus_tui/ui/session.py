"""The session of the person logged in: who they are and when they last came."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chorus_tui.models import User


@dataclass
class Session:
    """Opened by a successful login, dropped entirely by « Déconnexion »."""

    user: User
    previous_login: dt.datetime | None = None
