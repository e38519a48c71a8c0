"""F6 and M9 against hostile files and names (issue 10).

tests/domain/test_documents.py already pins: 10 Mo accepted and 10 Mo + 1 byte refused, the read
capped at 10 Mo + 1, empty files, directories, missing files, a dangling symlink, a FIFO,
executables recognised by their bytes, the names « ../../etc/passwd », « a/b », « CON », a name
with escape and bell characters, a download never overwriting (suffixes), an unwritable or full
directory. tests/domain/test_technical_users.py pins the credentials file: 0600 whatever the
umask, never overwritten, refused in a missing or read-only folder.

This module adds: symbolic links pointing elsewhere, files the operator may not read or that fail
while read, Windows programs recognised by their name, names of 300 characters (in bytes too),
reserved names in every spelling, every control character, a link planted in the download
folder, any name hypothesis draws; and the credentials file created 0600 from its first
instant, never through a planted link."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chorus_tui.db.demo import seed_reference_data
from chorus_tui.domain import documents
from chorus_tui.domain import technical_users as tu
from chorus_tui.domain.errors import ValidationError
from chorus_tui.domain.text import is_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.models.documents import Document
from tests.domain.factories import make_user

pytestmark = pytest.mark.usefixtures("db")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³"
}


@pytest.fixture(autouse=True)
def reference_data(db):
    run_write(seed_reference_data)


@pytest.fixture
def paul(services):
    return make_user(services, "paul@example.test")


def add(services, user, path):
    return documents.add_document(services, user, path, "Brochure", "DIVERS")


def file_error(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    assert set(caught.value.fields) == {"file"}, caught.value.fields
    return caught.value.fields["file"][0]


# -- uploads --------------------------------------------------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize("where", ["outside", "beside"])
def test_a_symlink_is_refused_wherever_it_points(services, paul, tmp_path, where):
    elsewhere = tmp_path / "elsewhere" if where == "outside" else tmp_path / "mine"
    elsewhere.mkdir()
    real = elsewhere / "secret.pdf"
    real.write_bytes(PDF)
    (tmp_path / "mine").mkdir(exist_ok=True)
    link = tmp_path / "mine" / "facture.pdf"
    link.symlink_to(real)
    assert file_error(lambda: add(services, paul, link)) == "file_symlink"
    assert file_error(lambda: add(services, paul, str(link) + "  ")) == "file_symlink"
    assert Document.select().count() == 0


@pytest.mark.sqlite_only
def test_a_symlink_to_a_system_file_is_refused(services, paul, tmp_path):
    link = tmp_path / "passwd.pdf"
    link.symlink_to("/etc/passwd")
    assert file_error(lambda: add(services, paul, link)) == "file_symlink"
    assert Document.select().count() == 0


@pytest.mark.sqlite_only
def test_a_file_under_a_linked_folder_is_the_users_own_path(services, paul, tmp_path):
    """Only the file's own name is checked: a folder reached through a link (a home on another
    disk) is an ordinary path."""
    (tmp_path / "disk").mkdir()
    (tmp_path / "disk" / "facture.pdf").write_bytes(PDF)
    (tmp_path / "home").symlink_to(tmp_path / "disk")
    assert add(services, paul, tmp_path / "home" / "facture.pdf").size == len(PDF)


@pytest.mark.sqlite_only
def test_a_file_the_operator_may_not_read_is_refused(services, paul, tmp_path, monkeypatch):
    path = tmp_path / "private.pdf"
    path.write_bytes(PDF)
    path.chmod(0)
    real_open = documents.os.open

    def denied(target, *args, **kwargs):
        # The tests run as root, whom no permission stops: the refusal a user gets, stubbed.
        if Path(target) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(documents.os, "open", denied)
    assert file_error(lambda: add(services, paul, path)) == "file_unreadable"
    assert Document.select().count() == 0


@pytest.mark.sqlite_only
def test_a_file_failing_while_read_is_refused(services, paul, tmp_path, monkeypatch):
    path = tmp_path / "bad-sector.pdf"
    path.write_bytes(PDF)

    def failing(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(documents.os, "fdopen", failing)
    assert file_error(lambda: add(services, paul, path)) == "file_unreadable"


@pytest.mark.sqlite_only
def test_a_device_is_refused(services, paul):
    assert file_error(lambda: add(services, paul, "/dev/zero")) == "file_unreadable"


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "name",
    [
        *("facture.exe", "FACTURE.BAT", "devis.cmd", "rib.ps1", "contrat.vbs", "note.js"),
        *("a.scr", "facture.pdf.exe", "facture.exe.", "lanceur.bat. ."),
    ],
)
def test_windows_programs_are_refused_by_their_name(services, paul, tmp_path, name):
    """A « .bat » of plain text runs as a program on the Windows desktop it is downloaded to."""
    path = tmp_path / name
    path.write_bytes(b"del /q C:\\*\r\n")
    assert file_error(lambda: add(services, paul, path)) == "file_executable"
    assert Document.select().count() == 0


@pytest.mark.sqlite_only
def test_an_executable_without_its_execute_bit_is_still_refused(services, paul, tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 100)
    path.chmod(0o644)
    assert file_error(lambda: add(services, paul, path)) == "file_executable"


@pytest.mark.sqlite_only
def test_an_oversized_sparse_file_is_refused_without_reading_it_all(services, paul, tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:
        handle.write(PDF)
        handle.truncate(2 * 1024**3)  # 2 Gio announced, a few bytes on disk
    assert file_error(lambda: add(services, paul, path)) == "file_too_big"


# -- downloads ------------------------------------------------------------------------------


def stored_as(services, user, tmp_path, filename: str) -> Document:
    source = tmp_path / "source.pdf"
    source.write_bytes(PDF)
    document = add(services, user, source)
    Document.update(filename=filename).where(Document.id == document.id).execute()
    return document


def assert_safe_download(written: Path, target: Path) -> None:
    """Inside the chosen directory, a plain file with our bytes and a name a file system
    anywhere takes."""
    name = written.name
    assert written.parent == target
    assert written.resolve().parent == target.resolve()
    assert not written.is_symlink() and stat.S_ISREG(written.lstat().st_mode)
    assert written.read_bytes() == PDF
    assert 0 < len(name.encode("utf-8")) <= 255
    assert name not in {".", ".."} and set(name) != {"."}
    assert not any(is_control(char) or char in '/\\:*?"<>|' for char in name), repr(name)
    assert name.split(".")[0].strip().upper() not in RESERVED, name
    assert name == name.strip()


LONG_NAMES = {
    "ascii": "a" * 296 + ".pdf",
    "accents": "é" * 296 + ".pdf",
    "ideograms": "日本" * 148 + ".pdf",
    "emoji": "\U0001f600" * 300,
    "long-extension": "rapport." + "x" * 292,
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("filename", LONG_NAMES.values(), ids=LONG_NAMES.keys())
def test_300_character_names_are_cut_to_255_bytes_and_downloaded_twice(
    services, paul, tmp_path, filename
):
    document = stored_as(services, paul, tmp_path, filename)
    target = tmp_path / "out"
    target.mkdir()
    first = documents.download_documents(paul, [document.id], target)
    second = documents.download_documents(paul, [document.id, document.id], target)
    assert len({path.name for path in first + second}) == 2  # the id twice writes once
    [one], [two] = first, second
    for written in (one, two):
        assert_safe_download(written, target)
    if filename.endswith(".pdf"):
        assert one.name.endswith(".pdf") and two.name.endswith(" (1).pdf")
    else:
        assert two.name.endswith(" (1)")


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "filename",
    [
        *("con", " CON ", "Con.txt", "CON .txt", "nul.tar.gz", "COM1", "lpt9.pdf", "aux"),
        *("PRN.", "conout$", "COM¹.pdf", "lpt0"),
    ],
)
def test_reserved_names_in_any_spelling_are_renamed(services, paul, tmp_path, filename):
    document = stored_as(services, paul, tmp_path, filename)
    target = tmp_path / "out"
    target.mkdir()
    [written] = documents.download_documents(paul, [document.id], target)
    assert_safe_download(written, target)


CONTROLS = [chr(code) for code in range(0x20)] + [chr(0x7F), "\x85", "\x9b", "\u202e", "\u2066"]


@pytest.mark.sqlite_only
def test_every_control_character_is_dropped_from_a_name(services, paul, tmp_path):
    ids = [
        stored_as(services, paul, tmp_path, f"fac{char}ture.pdf").id
        for char in CONTROLS
        if char != "\x00"
    ]
    ids.append(stored_as(services, paul, tmp_path, "\x00/../x.pdf").id)
    target = tmp_path / "out"
    target.mkdir()
    written = documents.download_documents(paul, ids, target)
    for path in written:
        assert_safe_download(path, target)
    assert written[0].name == "facture.pdf"
    assert written[-1].name == "..x.pdf"


@pytest.mark.sqlite_only
@pytest.mark.parametrize("dangling", [True, False], ids=["dangling", "existing"])
def test_a_link_planted_in_the_folder_is_never_followed(services, paul, tmp_path, dangling):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    if not dangling:
        victim.write_bytes(b"precious")
    target = tmp_path / "out"
    target.mkdir()
    (target / "facture.pdf").symlink_to(victim)
    document = stored_as(services, paul, tmp_path, "facture.pdf")
    [written] = documents.download_documents(paul, [document.id], target)
    assert written.name == "facture (1).pdf"
    assert_safe_download(written, target)
    if dangling:
        assert not victim.exists()
    else:
        assert victim.read_bytes() == b"precious"
    assert list(outside.iterdir()) == ([] if dangling else [victim])


PIECES = ["..", ".", "/", "\\", "CON", "nul", " ", "\x00", "é", "a", ".pdf", "a" * 90]


@pytest.mark.sqlite_only
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    filename=st.one_of(
        st.text(min_size=0, max_size=300),
        st.lists(
            st.sampled_from(
                ["..", ".", "/", "\\", "CON", "nul", " ", "\x00", "é", "a", ".pdf", "a" * 90]
            ),
            max_size=12,
        ).map("".join),
    )
)
def test_any_name_lands_inside_the_chosen_folder(services, paul, tmp_path, filename):
    document = Document.get_or_none(Document.user == paul.id) or stored_as(
        services, paul, tmp_path, "x.pdf"
    )
    Document.update(filename=filename).where(Document.id == document.id).execute()
    target = Path(tempfile.mkdtemp(dir=tmp_path))
    [written] = documents.download_documents(paul, [document.id], target)
    assert_safe_download(written, target)
    assert [path.name for path in target.iterdir()] == [written.name]
    plain = "".join(c for c in filename if not is_control(c))
    if plain.isascii() and plain.isalnum() and plain.upper() not in RESERVED:
        assert written.name == plain[:255]  # a harmless name is kept, cut to 255 bytes


# -- the technical user's credentials file --------------------------------------------------


@pytest.mark.sqlite_only
def test_the_credentials_file_is_0600_from_its_first_instant(tmp_path, monkeypatch):
    """Created with mode 0600 and O_EXCL in one call: no moment when another user could open it,
    and no file already there is reused."""
    calls = []
    real_open = tu.os.open

    def spy(path, flags, mode=0o777, *args, **kwargs):
        calls.append((flags, mode))
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(tu.os, "open", spy)
    previous = os.umask(0)
    try:
        written = tu.export_credentials(tmp_path / "api.txt", "api@example.fr", "S3cret-Passw0rd!")
    finally:
        os.umask(previous)
    [(flags, mode)] = calls
    assert mode == 0o600
    assert flags & os.O_CREAT and flags & os.O_EXCL
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


@pytest.mark.sqlite_only
@pytest.mark.parametrize("dangling", [True, False], ids=["dangling", "existing"])
def test_the_credentials_file_is_never_written_through_a_planted_link(tmp_path, dangling):
    victim = tmp_path / "victim.txt"
    if not dangling:
        victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "api.txt"
    link.symlink_to(victim)
    with pytest.raises(ValidationError) as caught:
        tu.export_credentials(link, "api@example.fr", "S3cret-Passw0rd!")
    assert caught.value.fields == {"path": ("file_exists", {})}
    assert victim.exists() is not dangling
    if not dangling:
        assert victim.read_text(encoding="utf-8") == "precious"
