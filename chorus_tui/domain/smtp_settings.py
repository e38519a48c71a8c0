"""Where the outbox sender delivers (X4): the SMTP server, its security and the sender address.

Read from a TOML file (``--smtp-config PATH`` or ``$CHORUS_TUI_SMTP_CONFIG``), which must be
readable by its owner only since it may hold a password, then from the environment variables
``CHORUS_TUI_SMTP_HOST``, ``_PORT``, ``_SECURITY``, ``_USER``, ``_PASSWORD``, ``_FROM`` and
``_CAFILE``, which override the file key by key. The file holds an ``[smtp]`` table::

    [smtp]
    host = "smtp.example.fr"
    port = 587                  # default: 25 (none), 587 (starttls), 465 (tls)
    security = "starttls"       # none | starttls | tls; default starttls
    user = "chorus"             # optional; with a password
    password = "…"
    from = "Chorus Pro <no-reply@example.fr>"
    cafile = "/etc/ssl/my-ca.pem"   # optional: trust this CA instead of the system's
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

ENV_PREFIX = "CHORUS_TUI_SMTP_"
CONFIG_ENV = "CHORUS_TUI_SMTP_CONFIG"
KEYS = ("host", "port", "security", "user", "password", "from", "cafile", "timeout")
SECURITIES = ("none", "starttls", "tls")
DEFAULT_SECURITY = "starttls"
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}
DEFAULT_TIMEOUT = 30.0


class SmtpSettingsError(ValueError):
    """The SMTP settings are missing or wrong; ``str()`` is one line fit for an operator."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    sender: str
    user: str = ""
    password: str = ""
    cafile: str = ""
    timeout: float = DEFAULT_TIMEOUT

    @property
    def sender_domain(self) -> str:
        """The domain of the sender address, used in the Message-IDs."""
        return parseaddr(self.sender)[1].rpartition("@")[2]

    def __repr__(self) -> str:  # never show the password in a log or a traceback
        shown = "***" if self.password else ""
        return (
            f"SmtpSettings(host={self.host!r}, port={self.port}, security={self.security!r}, "
            f"sender={self.sender!r}, user={self.user!r}, password={shown!r}, "
            f"cafile={self.cafile!r}, timeout={self.timeout})"
        )


def load_smtp_settings(
    config: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> SmtpSettings:
    """The settings from ``config`` (else ``$CHORUS_TUI_SMTP_CONFIG``, else no file), overridden
    by the environment. Raises :class:`SmtpSettingsError`."""
    env = os.environ if env is None else env
    path = config or env.get(CONFIG_ENV) or None
    values: dict[str, str] = read_config_file(Path(path)) if path else {}
    for key in KEYS:
        value = env.get(ENV_PREFIX + key.upper())
        if value is not None and value != "":
            values[key] = value
    return settings_from(values)


def read_config_file(path: Path) -> dict[str, str]:
    """The ``[smtp]`` table of a TOML file readable by its owner only."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise SmtpSettingsError(f"cannot read the SMTP config {path}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        raise SmtpSettingsError(f"the SMTP config {path} is not a file")
    if mode & 0o077:
        raise SmtpSettingsError(
            f"the SMTP config {path} may be read by others (mode {stat.S_IMODE(mode):04o}); "
            f"make it private with: chmod 600 {path}"
        )
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise SmtpSettingsError(f"cannot read the SMTP config {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise SmtpSettingsError(f"the SMTP config {path} is not valid TOML: {error}") from None
    table = data.get("smtp")
    if not isinstance(table, dict):
        raise SmtpSettingsError(f"the SMTP config {path} has no [smtp] table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise SmtpSettingsError(
            f"the SMTP config {path} has unknown keys: {', '.join(unknown)} "
            f"(known: {', '.join(KEYS)})"
        )
    return {key: str(value) for key, value in table.items()}


def settings_from(values: Mapping[str, str]) -> SmtpSettings:
    """Validate raw values (strings, as from the environment) into settings."""
    host = values.get("host", "").strip()
    if not host:
        raise SmtpSettingsError(
            f"no SMTP server: set {ENV_PREFIX}HOST or give a config file with [smtp] host"
        )
    security = values.get("security", "").strip().lower() or DEFAULT_SECURITY
    if security not in SECURITIES:
        raise SmtpSettingsError(
            f"unknown SMTP security {values.get('security')!r} (use {', '.join(SECURITIES)})"
        )
    port = _port(values.get("port", ""), security)
    sender = values.get("from", "").strip()
    if not sender:
        raise SmtpSettingsError(f"no sender address: set {ENV_PREFIX}FROM or [smtp] from")
    address = parseaddr(sender)[1]
    local, _, domain = address.rpartition("@")
    if not local or not domain or any(char.isspace() for char in address):
        raise SmtpSettingsError(f"the sender address {sender!r} is not an e-mail address")
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in sender):
        raise SmtpSettingsError("the sender address contains control characters")
    user = values.get("user", "")
    password = values.get("password", "")
    if password and not user:
        raise SmtpSettingsError(f"an SMTP password without a user: set {ENV_PREFIX}USER too")
    cafile = values.get("cafile", "").strip()
    if cafile and security == "none":
        raise SmtpSettingsError("a CA file is given but SMTP security is none")
    if cafile and not os.path.isfile(cafile):
        raise SmtpSettingsError(f"the CA file {cafile} does not exist")
    return SmtpSettings(
        host=host,
        port=port,
        security=security,
        sender=sender,
        user=user,
        password=password,
        cafile=cafile,
        timeout=_timeout(values.get("timeout", "")),
    )


def _port(text: str, security: str) -> int:
    text = str(text).strip()
    if not text:
        return DEFAULT_PORTS[security]
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise SmtpSettingsError(f"bad SMTP port {text!r} (a number from 1 to 65535)")
    return port


def _timeout(text: str) -> float:
    text = str(text).strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        timeout = float(text)
    except ValueError:
        timeout = 0.0
    if not 0 < timeout <= 600:
        raise SmtpSettingsError(f"bad SMTP timeout {text!r} (seconds, above 0 and up to 600)")
    return timeout
