"""CSV exports (X6): UTF-8 with a BOM, ``;`` between cells, a header row of the column labels —
what French spreadsheet users expect.

Rows are written one by one as the query yields them (call sites pass ``query.iterator()``), so
an export never holds the whole result in memory. An existing file is never overwritten, and a
cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
return first) is written with a leading ``'`` so that it stays text."""

from __future__ import annotations

import contextlib
import csv
import errno
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from chorus_tui.domain.errors import ValidationError
from chorus_tui.domain.structures import structure_query

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATOR = ";"
ENCODING = "utf-8-sig"

# The columns of « Exporter les résultats » of the structure search, in order; the caller
# gives their labels in the interface's language.
STRUCTURE_COLUMNS = (
    "identifier",
    "raison_sociale",
    "status",
    "kind",
    "identifier_type",
    "code_postal",
    "ville",
    "pays",
)


def neutralise(value: object) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def export_path(path: str | Path) -> Path:
    """The file an export writes: ``~`` expanded; an empty path is refused."""
    text = str(path).strip()
    if not text:
        raise ValidationError({"path": "required"})
    return Path(os.path.expanduser(text))


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write ``header`` then ``rows`` to a new file at ``path``; returns the number of rows
    written (the header not counted). Raises :class:`ValidationError` on ``path``:
    ``file_exists`` when the file exists already, ``directory_unwritable`` or
    ``directory_full`` when it cannot be written — a partly written file is removed."""
    target = export_path(path)
    try:
        handle = open(target, "x", encoding=ENCODING, newline="")  # noqa: SIM115
    except FileExistsError as error:
        raise ValidationError({"path": "file_exists"}) from error
    except OSError as error:
        raise ValidationError({"path": "directory_unwritable"}) from error
    count = 0
    try:
        with handle:
            writer = csv.writer(handle, delimiter=SEPARATOR, lineterminator="\r\n")
            writer.writerow([neutralise(label) for label in header])
            for row in rows:
                writer.writerow([neutralise(cell) for cell in row])
                count += 1
    except OSError as error:
        with contextlib.suppress(OSError):
            target.unlink()
        code = "directory_full" if error.errno == errno.ENOSPC else "directory_unwritable"
        raise ValidationError({"path": code}) from error
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return count


def export_structures(
    criteria: Mapping[str, str | None], path: str | Path, header_labels: Sequence[str]
) -> int:
    """« Exporter les résultats »: every structure the search finds (not only the page shown),
    as :data:`STRUCTURE_COLUMNS`, under ``header_labels``. The criteria are checked first, so a
    bad search writes no file."""
    if len(header_labels) != len(STRUCTURE_COLUMNS):
        raise ValueError("one label per column of STRUCTURE_COLUMNS")
    query = structure_query(criteria)
    rows = (
        [getattr(structure, column) for column in STRUCTURE_COLUMNS]
        for structure in query.iterator()
    )
    return write_csv(path, header_labels, rows)
