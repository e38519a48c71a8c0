"""Domain errors. They carry codes and parameters, never sentences: the UI and the CLI turn them
into the catalogue's words (``i18n``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class DomainError(Exception):
    """Base of every error an operation raises on purpose."""

    code = "error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(self.code, params)


class PermissionDenied(DomainError):
    """The acting user has no right to do this (SPEC §3)."""

    code = "permission_denied"


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    """The data changed meanwhile, or the operation would duplicate or break something."""

    code = "conflict"


class ValidationError(DomainError):
    """One or more fields are wrong. ``fields`` maps a field name to an error code (and the
    parameters of that code)."""

    code = "validation"

    def __init__(self, fields: Mapping[str, str | tuple[str, dict[str, Any]]]) -> None:
        normalised: dict[str, tuple[str, dict[str, Any]]] = {}
        for name, value in fields.items():
            normalised[name] = value if isinstance(value, tuple) else (value, {})
        self.fields = normalised
        super().__init__(self.code, fields=list(normalised))


class FieldErrors:
    """Collects field errors and raises them all at once (« tous listés »)."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[str, dict[str, Any]]] = {}

    def add(self, field: str, code: str, **params: Any) -> None:
        self._fields.setdefault(field, (code, params))

    def __bool__(self) -> bool:
        return bool(self._fields)

    def raise_if_any(self) -> None:
        if self._fields:
            raise ValidationError(self._fields)
