"""« Pièces jointes » of Mon Compte (F6): files stored on the account, with their checksum.

Every function acts on the actor's own documents only: another user's document is reported as
:class:`NotFound`, as if it did not exist. Lists never load the files' bytes (a page of the table
selects every column but ``content``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

import filetype
from pathvalidate import sanitize_filename

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import FieldErrors, NotFound, ValidationError
from chorus_tui.domain.rights import Action, require
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import User
from chorus_tui.models.documents import Document, DocumentType

MAX_SIZE = 10 * 1024 * 1024
"""10 Mo, the portal's limit (guide 000)."""

DESIGNATION_MAX_LENGTH = 255
FILENAME_MAX_LENGTH = 255
FILENAME_MAX_BYTES = 255  # NAME_MAX of Linux file systems, in bytes
EXTENSION_MAX_LENGTH = 20
DEFAULT_DOWNLOAD_NAME = "piece-jointe"
# The device names of Windows, whatever follows them.
RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³"}
)

# What `filetype` recognises that runs code: programs, packages of programs, bytecode.
EXECUTABLE_MIMES = frozenset(
    {
        "application/x-msdownload",
        "application/x-executable",
        "application/wasm",
        "application/x-deb",
        "application/x-rpm",
        "application/x-google-chrome-extension",
        "application/x-shockwave-flash",
        "application/vnd.microsoft.portable-executable",
    }
)
# Headers of executables, read from the first bytes: ELF, PE (« MZ »), Mach-O 32/64 bits in both
# byte orders, universal (fat) Mach-O, and a script's « #! ».
EXECUTABLE_MAGICS = (
    b"\x7fELF",
    b"MZ",
    b"\xfe\xed\xfa\xce",
    b"\xce\xfa\xed\xfe",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"\xbe\xba\xfe\xca",
    b"#!",
)

# Names that Windows runs when the file is opened, whatever its content (a downloaded « .bat » of
# text runs as a program there).
EXECUTABLE_EXTENSIONS = frozenset(
    {
        ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".msp", ".cpl", ".hta",
        ".js", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".ps1", ".psm1", ".lnk", ".jar",
        ".reg", ".sh", ".app", ".apk", ".dll",
    }
)  # fmt: skip

# Every column but the file's bytes.
_LIST_COLUMNS = (
    Document.id,
    Document.user,
    Document.type,
    Document.designation,
    Document.filename,
    Document.extension,
    Document.size,
    Document.sha256,
    Document.created_at,
    Document.modified_at,
)


def document_types() -> list[DocumentType]:
    """The list of attachment types, in the order the database gives them."""
    return list(DocumentType.select().order_by(DocumentType.position, DocumentType.code))


def _own(actor: User):
    return (
        Document.select(*_LIST_COLUMNS, DocumentType)
        .join(DocumentType)
        .where(Document.user == actor.id)
    )


def list_documents(actor: User, limit: int = 20, offset: int = 0) -> list[Document]:
    """A page of the actor's documents, oldest first, without their bytes."""
    require(actor, Action.MON_COMPTE)
    query = _own(actor).order_by(Document.created_at, Document.id).limit(limit).offset(offset)
    return list(query)


def count_documents(actor: User) -> int:
    require(actor, Action.MON_COMPTE)
    return Document.select().where(Document.user == actor.id).count()


def get_document(actor: User, document_id: int) -> Document:
    """One of the actor's documents, without its bytes (consultation)."""
    require(actor, Action.MON_COMPTE)
    document = _own(actor).where(Document.id == document_id).first()
    if document is None:
        raise NotFound(document=document_id)
    return document


# -- adding ---------------------------------------------------------------------------------


def is_executable(content: bytes) -> bool:
    """Whether ``content`` is a program, recognised by its bytes whatever the file's name."""
    if content.startswith(EXECUTABLE_MAGICS):
        return True
    kind = filetype.guess(content[:8192])
    return kind is not None and kind.mime in EXECUTABLE_MIMES


def read_upload(path: str | Path, errors: FieldErrors) -> bytes | None:
    """The bytes of the file to attach, or None after adding the reason to ``errors``.

    The file is opened without blocking (a FIFO must not hang the interface), checked with
    ``fstat`` on the open descriptor (no race between the check and the read), and never read
    beyond ``MAX_SIZE + 1`` bytes."""
    text = str(path).strip()
    if not text:
        errors.add("file", "required")
        return None
    chosen = os.path.expanduser(text)
    try:
        descriptor = os.open(chosen, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except IsADirectoryError:
        errors.add("file", "file_is_directory")
        return None
    except OSError as error:
        # O_NOFOLLOW: a symbolic link (the file's own name, not a folder above it) is refused,
        # wherever it points; one pointing nowhere is a missing file.
        if error.errno == errno.ELOOP and os.path.exists(chosen):
            errors.add("file", "file_symlink")
        else:
            errors.add("file", "file_unreadable")
        return None
    except ValueError:
        errors.add("file", "file_unreadable")
        return None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            errors.add("file", "file_is_directory")
            return None
        if not stat.S_ISREG(mode):
            errors.add("file", "file_unreadable")
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            content = handle.read(MAX_SIZE + 1)
    except OSError:
        errors.add("file", "file_unreadable")
        return None
    finally:
        os.close(descriptor)
    if not content:
        errors.add("file", "file_empty")
    elif len(content) > MAX_SIZE:
        errors.add("file", "file_too_big", max=MAX_SIZE // (1024 * 1024))
    elif is_executable(content) or _runs_on_windows(Path(text).name):
        errors.add("file", "file_executable")
    else:
        return content
    return None


def _runs_on_windows(name: str) -> bool:
    """Whether Windows runs a file of this name (it drops trailing dots and spaces)."""
    return _split(name.rstrip(". "))[1].lower() in EXECUTABLE_EXTENSIONS


def _check_designation(errors: FieldErrors, designation: str) -> str:
    value = clean(designation)
    if not value:
        errors.add("designation", "required")
    elif has_control(value):
        errors.add("designation", "control_characters")
    elif len(value) > DESIGNATION_MAX_LENGTH:
        errors.add("designation", "too_long", max=DESIGNATION_MAX_LENGTH)
    return value


def _check_type(errors: FieldErrors, type_code: str | None) -> DocumentType | None:
    code = clean(type_code)
    if not code:
        errors.add("type", "required")
        return None
    found = None if has_control(code) else DocumentType.get_or_none(DocumentType.code == code)
    if found is None:
        errors.add("type", "document_type_unknown")
    return found


def _name_parts(path: str | Path) -> tuple[str, str]:
    """The file name as stored (the last part of the path) and its lower-case extension."""
    name = Path(str(path).strip()).name[:FILENAME_MAX_LENGTH]
    suffix = Path(name).suffix.lower().lstrip(".")
    return name, suffix if len(suffix) <= EXTENSION_MAX_LENGTH else ""


def add_document(
    services: Services, actor: User, path: str | Path, designation: str, type_code: str | None
) -> Document:
    """« Ajouter une pièce jointe »: every field checked (all errors at once), then the bytes,
    their sha256, the name and the extension stored in one transaction."""
    require(actor, Action.MON_COMPTE)
    errors = FieldErrors()
    content = read_upload(path, errors)
    value = _check_designation(errors, designation)
    document_type = _check_type(errors, type_code)
    errors.raise_if_any()
    assert content is not None and document_type is not None
    filename, extension = _name_parts(path)

    def operation() -> Document:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        return Document.create(
            user=user,
            type=document_type,
            designation=value,
            filename=filename,
            extension=extension,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            created_at=services.now(),
        )

    return run_write(operation)


# -- editing and deleting -------------------------------------------------------------------


def update_document(
    services: Services, actor: User, document_id: int, designation: str, type_code: str | None
) -> None:
    """Change the désignation and the type of one of the actor's documents."""
    errors = FieldErrors()
    value = _check_designation(errors, designation)
    document_type = _check_type(errors, type_code)

    def operation() -> None:
        require(User.get_by_id(actor.id), Action.MON_COMPTE)
        updated = (
            Document.update(designation=value, type=document_type, modified_at=services.now())
            .where((Document.id == document_id) & (Document.user == actor.id))
            .execute()
        )
        if not updated:
            raise NotFound(document=document_id)

    require(actor, Action.MON_COMPTE)
    if (
        not Document.select()
        .where((Document.id == document_id) & (Document.user == actor.id))
        .exists()
    ):
        raise NotFound(document=document_id)
    errors.raise_if_any()
    run_write(operation)


def delete_documents(services: Services, actor: User, ids: Iterable[int]) -> int:
    """Delete the actor's documents ``ids``: all of them, or none when one is not theirs (or no
    longer exists). Returns how many were deleted."""
    wanted = set(ids)

    def operation() -> int:
        require(User.get_by_id(actor.id), Action.MON_COMPTE)
        mine = Document.select().where((Document.id.in_(wanted)) & (Document.user == actor.id))
        if mine.count() != len(wanted):
            raise NotFound(documents=sorted(wanted))
        return Document.delete().where(Document.id.in_(wanted)).execute()

    require(actor, Action.MON_COMPTE)
    if not wanted:
        return 0
    return run_write(operation)


# -- downloading ----------------------------------------------------------------------------


def safe_filename(name: str) -> str:
    """``name`` made safe to create in a directory: no separator, no traversal, no control
    character, no reserved name (« CON »…), at most 255 bytes in UTF-8 (what Linux file systems
    take) with its extension kept; an empty result becomes « piece-jointe »."""
    text = "".join(char for char in name if not has_control(char)).strip()
    cleaned = sanitize_filename(_fit_name(text, FILENAME_MAX_BYTES), platform="universal")
    # Stripped only now, « CON » may have lost the spaces that hid it: sanitised again.
    cleaned = sanitize_filename(cleaned.strip(), platform="universal").strip()
    if cleaned in {"", ".", ".."} or set(cleaned) == {"."}:
        return DEFAULT_DOWNLOAD_NAME
    # Windows reads the name before the first dot, trailing spaces ignored: « CON .txt » too.
    head, dot, rest = cleaned.partition(".")
    if head.rstrip().upper() in RESERVED_NAMES:
        cleaned = f"{head.rstrip()}_{dot}{rest}"
    return _fit_name(cleaned, FILENAME_MAX_BYTES)


def _split(name: str) -> tuple[str, str]:
    """The stem and the extension (with its dot) of a name; a too long « extension » is no
    extension, and a name starting with a dot keeps it whole."""
    path = Path(name)
    if path.stem and 1 < len(path.suffix) <= EXTENSION_MAX_LENGTH + 1:
        return name[: -len(path.suffix)], path.suffix
    return name, ""


def _fit(stem: str, tail: str, limit: int) -> str:
    """``stem + tail`` in at most ``limit`` bytes of UTF-8, the stem cut on a character."""
    budget = max(0, limit - len(tail.encode("utf-8")))
    return stem.encode("utf-8")[:budget].decode("utf-8", "ignore") + tail


def _fit_name(name: str, limit: int) -> str:
    stem, suffix = _split(name)
    return _fit(stem, suffix, limit)


def _suffixed(name: str, number: int) -> str:
    """« facture.pdf » → « facture (2).pdf », still within 255 bytes (a name starting with a
    dot keeps it whole)."""
    stem, suffix = _split(name)
    return _fit(stem, f" ({number}){suffix}", FILENAME_MAX_BYTES)


def _write_new(directory: Path, name: str, content: bytes) -> Path:
    """Write ``content`` under ``name`` or the first free « name (n) »; never overwrites (the
    file is created exclusively, so a file appearing meanwhile is not overwritten either)."""
    number = 0
    while True:
        target = directory / (name if number == 0 else _suffixed(name, number))
        try:
            with open(target, "xb") as handle:
                handle.write(content)
        except FileExistsError:
            number += 1
            continue
        return target


def download_documents(actor: User, ids: Sequence[int], directory: str | Path) -> list[Path]:
    """Write the actor's documents ``ids`` into ``directory`` (which must exist and be
    writable); returns the paths written, in the order of ``ids``."""
    require(actor, Action.MON_COMPTE)
    folder = Path(os.path.expanduser(str(directory).strip() or "."))
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise ValidationError({"directory": "directory_unwritable"})
    wanted = list(dict.fromkeys(ids))
    documents = {
        document.id: document
        for document in Document.select().where(
            (Document.id.in_(wanted)) & (Document.user == actor.id)
        )
    }
    if len(documents) != len(wanted):
        raise NotFound(documents=wanted)
    written: list[Path] = []
    try:
        for document_id in wanted:
            document = documents[document_id]
            name = safe_filename(document.filename)
            written.append(_write_new(folder, name, bytes(document.content)))
    except OSError as error:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        code = "directory_full" if error.errno == errno.ENOSPC else "directory_unwritable"
        raise ValidationError({"directory": code}) from error
    return written
