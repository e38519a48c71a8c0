"""« Pièces jointes » (F6): what is accepted, what is refused, and where downloads land."""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from pathlib import Path

import pytest

from chorus_tui.db.demo import seed_reference_data
from chorus_tui.domain import documents
from chorus_tui.domain.documents import MAX_SIZE
from chorus_tui.domain.errors import NotFound, ValidationError
from chorus_tui.domain.transaction import run_write
from chorus_tui.models.documents import Document
from tests.domain.factories import make_user

pytestmark = pytest.mark.usefixtures("db")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def reference_data(db):
    run_write(seed_reference_data)


@pytest.fixture
def paul(services):
    return make_user(services, "paul@example.test")


@pytest.fixture
def other(services):
    return make_user(services, "mallory@example.test")


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def field_errors(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return {name: code for name, (code, _params) in caught.value.fields.items()}


def add(services, user, path, designation="Brochure", type_code="DIVERS"):
    return documents.add_document(services, user, path, designation, type_code)


# -- types and lists ------------------------------------------------------------------------


def test_document_types_come_from_the_database_in_order():
    types = documents.document_types()
    assert types[0].code == "DIVERS"
    assert [kind.label_fr for kind in types][:2] == ["Divers", "Bon de commande"]


def test_a_pdf_is_stored_with_its_checksum_name_and_extension(services, paul, tmp_path):
    path = write(tmp_path, "Brochure.PDF", PDF)
    document = add(services, paul, path, "  Brochure présentation  ", "CONTRAT")
    stored = Document.get_by_id(document.id)
    assert bytes(stored.content) == PDF
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.size == len(PDF)
    assert stored.filename == "Brochure.PDF"
    assert stored.extension == "pdf"
    assert stored.designation == "Brochure présentation"
    assert stored.type.code == "CONTRAT"
    assert stored.created_at is not None


def test_a_png_is_accepted(services, paul, tmp_path):
    document = add(services, paul, write(tmp_path, "photo.png", png_bytes()))
    assert document.extension == "png"


def test_the_list_is_paged_counted_and_does_not_load_the_bytes(services, paul, other, tmp_path):
    for number in range(3):
        add(services, paul, write(tmp_path, f"f{number}.pdf", PDF), f"Doc {number}")
    add(services, other, write(tmp_path, "theirs.pdf", PDF))
    assert documents.count_documents(paul) == 3
    page = documents.list_documents(paul, limit=2, offset=1)
    assert [document.designation for document in page] == ["Doc 1", "Doc 2"]
    assert "content" not in page[0].__data__


# -- files refused --------------------------------------------------------------------------


def test_exactly_10_mo_is_accepted(services, paul, tmp_path):
    path = write(tmp_path, "big.pdf", PDF + b"0" * (MAX_SIZE - len(PDF)))
    assert add(services, paul, path).size == MAX_SIZE


def test_10_mo_and_one_byte_is_refused(services, paul, tmp_path):
    path = write(tmp_path, "big.pdf", PDF + b"0" * (MAX_SIZE + 1 - len(PDF)))
    with pytest.raises(ValidationError) as caught:
        add(services, paul, path)
    assert caught.value.fields["file"] == ("file_too_big", {"max": 10})
    assert Document.select().count() == 0


def test_the_file_is_read_with_a_size_cap(services, paul, tmp_path, monkeypatch):
    path = write(tmp_path, "huge.pdf", b"0" * (MAX_SIZE + 5000))
    sizes = []
    real_fdopen = os.fdopen

    def spy(*args, **kwargs):
        handle = real_fdopen(*args, **kwargs)
        real_read = handle.read

        class Reader:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def read(self, size=-1):
                sizes.append(size)
                return real_read(size)

        return Reader()

    monkeypatch.setattr(documents.os, "fdopen", spy)
    assert field_errors(lambda: add(services, paul, path)) == {"file": "file_too_big"}
    assert sizes == [MAX_SIZE + 1]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda tmp: write(tmp, "empty.pdf", b""), "file_empty"),
        (lambda tmp: tmp, "file_is_directory"),
        (lambda tmp: tmp / "missing.pdf", "file_unreadable"),
    ],
    ids=["empty", "directory", "missing"],
)
def test_empty_directory_and_missing_files_are_refused(services, paul, tmp_path, make, code):
    assert field_errors(lambda: add(services, paul, make(tmp_path))) == {"file": code}
    assert Document.select().count() == 0


def test_a_dangling_symlink_is_unreadable(services, paul, tmp_path):
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "gone.pdf")
    assert field_errors(lambda: add(services, paul, link)) == {"file": "file_unreadable"}


def test_a_fifo_is_refused_without_blocking(services, paul, tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    assert field_errors(lambda: add(services, paul, fifo)) == {"file": "file_unreadable"}


def test_an_empty_path_is_required(services, paul):
    assert field_errors(lambda: add(services, paul, "  ")) == {"file": "required"}


EXECUTABLES = {
    "elf": b"\x7fELF\x02\x01\x01" + b"\x00" * 100,
    "pe": b"MZ\x90\x00" + b"\x00" * 100,
    "macho32": b"\xfe\xed\xfa\xce" + b"\x00" * 100,
    "macho64": b"\xfe\xed\xfa\xcf" + b"\x00" * 100,
    "macho64_le": b"\xcf\xfa\xed\xfe" + b"\x00" * 100,
    "macho32_le": b"\xce\xfa\xed\xfe" + b"\x00" * 100,
    "fat": b"\xca\xfe\xba\xbe" + b"\x00" * 100,
    "fat_le": b"\xbe\xba\xfe\xca" + b"\x00" * 100,
    "shebang": b"#!/bin/sh\nrm -rf /\n",
    "wasm": b"\x00asm\x01\x00\x00\x00" + b"\x00" * 100,
    "deb": b"!<arch>\ndebian-binary   " + b"\x00" * 100,
}


@pytest.mark.parametrize("content", EXECUTABLES.values(), ids=EXECUTABLES.keys())
def test_executables_are_refused_by_content_even_named_pdf(services, paul, tmp_path, content):
    path = write(tmp_path, "facture.pdf", content)
    assert field_errors(lambda: add(services, paul, path)) == {"file": "file_executable"}
    assert Document.select().count() == 0


def test_every_field_error_is_raised_at_once(services, paul, tmp_path):
    errors = field_errors(lambda: add(services, paul, tmp_path / "none", " ", None))
    assert errors == {"file": "file_unreadable", "designation": "required", "type": "required"}


# -- désignation and type -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("designation", "code"),
    [("", "required"), ("x" * 256, "too_long"), ("a\x1b[2Jb", "control_characters")],
    ids=["empty", "too_long", "control"],
)
def test_designation_rules(services, paul, tmp_path, designation, code):
    path = write(tmp_path, "a.pdf", PDF)
    assert field_errors(lambda: add(services, paul, path, designation)) == {"designation": code}


def test_a_designation_of_255_characters_is_accepted(services, paul, tmp_path):
    assert add(services, paul, write(tmp_path, "a.pdf", PDF), "x" * 255).designation == "x" * 255


def test_an_unknown_type_is_refused(services, paul, tmp_path):
    path = write(tmp_path, "a.pdf", PDF)
    errors = field_errors(lambda: add(services, paul, path, type_code="NOPE"))
    assert errors == {"type": "document_type_unknown"}


# -- update and delete ----------------------------------------------------------------------


def test_update_changes_designation_and_type(services, paul, tmp_path, clock):
    document = add(services, paul, write(tmp_path, "a.pdf", PDF))
    documents.update_document(services, paul, document.id, "Nouveau nom", "RIB")
    stored = Document.get_by_id(document.id)
    assert (stored.designation, stored.type.code) == ("Nouveau nom", "RIB")
    assert stored.modified_at == clock.now()


def test_update_checks_its_fields(services, paul, tmp_path):
    document = add(services, paul, write(tmp_path, "a.pdf", PDF))
    errors = field_errors(lambda: documents.update_document(services, paul, document.id, "", ""))
    assert errors == {"designation": "required", "type": "required"}


def test_another_users_document_is_not_found(services, paul, other, tmp_path):
    theirs = add(services, other, write(tmp_path, "a.pdf", PDF), "Secret")
    with pytest.raises(NotFound):
        documents.get_document(paul, theirs.id)
    with pytest.raises(NotFound):
        documents.update_document(services, paul, theirs.id, "Mine now", "DIVERS")
    with pytest.raises(NotFound):
        documents.delete_documents(services, paul, [theirs.id])
    with pytest.raises(NotFound):
        documents.download_documents(paul, [theirs.id], tmp_path)
    assert Document.get_by_id(theirs.id).designation == "Secret"


def test_delete_is_all_or_nothing(services, paul, other, tmp_path):
    mine = [add(services, paul, write(tmp_path, f"{n}.pdf", PDF)).id for n in range(2)]
    theirs = add(services, other, write(tmp_path, "t.pdf", PDF)).id
    with pytest.raises(NotFound):
        documents.delete_documents(services, paul, [*mine, theirs])
    with pytest.raises(NotFound):
        documents.delete_documents(services, paul, [*mine, 999_999])
    assert Document.select().count() == 3
    assert documents.delete_documents(services, paul, mine) == 2
    assert [document.id for document in Document.select()] == [theirs]


# -- download -------------------------------------------------------------------------------


def stored_as(services, user, tmp_path, filename: str) -> Document:
    """A document whose stored name is ``filename`` whatever the file system allows."""
    document = add(services, user, write(tmp_path, "source.pdf", PDF))
    Document.update(filename=filename).where(Document.id == document.id).execute()
    return document


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("../../etc/passwd", "....etcpasswd"),
        ("a/b", "ab"),
        ("CON", "CON_"),
        ("fac\x1b[2Jture\x07.pdf", "fac[2Jture.pdf"),
        ("[bold]rapport[/bold].pdf", "[bold]rapport[bold].pdf"),
        ("..", "piece-jointe"),
        ("/", "piece-jointe"),
    ],
)
def test_download_names_are_sanitised(services, paul, tmp_path, filename, expected):
    document = stored_as(services, paul, tmp_path, filename)
    target = tmp_path / "out"
    target.mkdir()
    [written] = documents.download_documents(paul, [document.id], target)
    assert written.parent == target
    assert written.name == expected
    assert written.read_bytes() == PDF
    assert [path.name for path in target.iterdir()] == [expected]


def test_download_never_overwrites(services, paul, tmp_path):
    document = stored_as(services, paul, tmp_path, "facture.pdf")
    target = tmp_path / "out"
    target.mkdir()
    (target / "facture.pdf").write_bytes(b"mine")
    (target / "facture (1).pdf").write_bytes(b"mine too")
    first = documents.download_documents(paul, [document.id], target)
    second = documents.download_documents(paul, [document.id], target)
    assert [path.name for path in first + second] == ["facture (2).pdf", "facture (3).pdf"]
    assert (target / "facture.pdf").read_bytes() == b"mine"
    assert (target / "facture (1).pdf").read_bytes() == b"mine too"


def test_download_of_several_files_with_the_same_name(services, paul, tmp_path):
    ids = [stored_as(services, paul, tmp_path, "devis").id for _ in range(2)]
    target = tmp_path / "out"
    target.mkdir()
    written = documents.download_documents(paul, ids, target)
    assert [path.name for path in written] == ["devis", "devis (1)"]


@pytest.mark.parametrize("make", [lambda tmp: tmp / "missing", lambda tmp: tmp / "file.txt"])
def test_download_needs_an_existing_directory(services, paul, tmp_path, make):
    document = stored_as(services, paul, tmp_path, "a.pdf")
    (tmp_path / "file.txt").write_text("x")
    errors = field_errors(lambda: documents.download_documents(paul, [document.id], make(tmp_path)))
    assert errors == {"directory": "directory_unwritable"}


def test_download_needs_a_writable_directory(services, paul, tmp_path, monkeypatch):
    document = stored_as(services, paul, tmp_path, "a.pdf")
    # Tests run as root, who may write anywhere: pretend the directory is read-only.
    monkeypatch.setattr(documents.os, "access", lambda path, mode: False)
    errors = field_errors(lambda: documents.download_documents(paul, [document.id], tmp_path))
    assert errors == {"directory": "directory_unwritable"}


def test_a_failed_write_removes_the_files_already_written(services, paul, tmp_path, monkeypatch):
    ids = [stored_as(services, paul, tmp_path, f"{n}.pdf").id for n in range(2)]
    target = tmp_path / "out"
    target.mkdir()
    real = documents._write_new
    calls = []

    def failing(directory, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(directory, name, content)

    monkeypatch.setattr(documents, "_write_new", failing)
    errors = field_errors(lambda: documents.download_documents(paul, ids, target))
    assert errors == {"directory": "directory_full"}
    assert list(target.iterdir()) == []
