"""X6 CSV exports: UTF-8 with a BOM, ``;``, a header of labels, quoting, no overwrite, no formula
run by a spreadsheet, and « Exporter les résultats » of the structure search."""

from __future__ import annotations

import csv
import io

import pytest

from chorus_tui.domain import export
from chorus_tui.domain.errors import ValidationError
from chorus_tui.models import Structure
from chorus_tui.models.codes import IdentifierType, StructureKind
from tests.domain.factories import make_structure, siret

HEADER = ["Identifiant", "Raison sociale", "Statut"]


def read_rows(path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_file_starts_with_a_bom_and_separates_cells_with_semicolons(tmp_path):
    path = tmp_path / "out.csv"
    count = export.write_csv(path, HEADER, [("12600591200512", "Menuiserie Dupont", "ACTIF")])
    data = path.read_bytes()
    assert count == 1
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == [
        "Identifiant;Raison sociale;Statut",
        "12600591200512;Menuiserie Dupont;ACTIF",
    ]


def test_cells_holding_a_semicolon_a_quote_or_a_line_break_are_quoted(tmp_path):
    path = tmp_path / "out.csv"
    cells = ("Dupont; fils", 'L\'atelier "Bois"', "ligne 1\nligne 2")
    export.write_csv(path, ["a", "b", "c"], [cells])
    text = path.read_bytes().decode("utf-8-sig")
    assert '"Dupont; fils";"L\'atelier ""Bois""";"ligne 1\nligne 2"' in text
    assert read_rows(path)[1] == list(cells)


def test_accents_are_written_in_utf8(tmp_path):
    path = tmp_path / "out.csv"
    export.write_csv(path, ["Désignation"], [("Rénovation Habitat",)])
    assert read_rows(path) == [["Désignation"], ["Rénovation Habitat"]]


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("keep me")
    with pytest.raises(ValidationError) as caught:
        export.write_csv(path, HEADER, [("1", "2", "3")])
    assert caught.value.fields == {"path": ("file_exists", {})}
    assert path.read_text() == "keep me"


def test_a_missing_directory_is_a_field_error(tmp_path):
    with pytest.raises(ValidationError) as caught:
        export.write_csv(tmp_path / "nowhere" / "out.csv", HEADER, [])
    assert caught.value.fields == {"path": ("directory_unwritable", {})}


def test_an_empty_path_is_required(tmp_path):
    with pytest.raises(ValidationError) as caught:
        export.write_csv("  ", HEADER, [])
    assert caught.value.fields == {"path": ("required", {})}


def test_a_tilde_path_is_written_in_the_home_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    export.write_csv("~/home.csv", HEADER, [])
    assert read_rows(tmp_path / "home.csv") == [HEADER]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Menuiserie = bois", "Menuiserie = bois"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_kept_as_text(tmp_path, cell, written):
    path = tmp_path / "out.csv"
    export.write_csv(path, ["x"], [(cell,)])
    assert read_rows(path)[1] == [written]


def test_the_header_is_neutralised_too(tmp_path):
    path = tmp_path / "out.csv"
    export.write_csv(path, ["=label"], [])
    assert read_rows(path) == [["'=label"]]


def test_ten_thousand_rows_are_streamed_from_a_generator(tmp_path):
    path = tmp_path / "big.csv"
    produced = 0

    def rows():
        nonlocal produced
        for number in range(10_000):
            produced += 1
            yield (f"{number:014d}", f"Structure {number}", "ACTIF")

    assert export.write_csv(path, HEADER, rows()) == 10_000
    assert produced == 10_000
    lines = read_rows(path)
    assert len(lines) == 10_001
    assert lines[-1] == ["00000000009999", "Structure 9999", "ACTIF"]


def test_a_failure_while_writing_removes_the_partial_file(tmp_path):
    path = tmp_path / "out.csv"

    def rows():
        yield ("1", "2", "3")
        raise OSError(28, "No space left on device")

    with pytest.raises(ValidationError) as caught:
        export.write_csv(path, HEADER, rows())
    assert caught.value.fields == {"path": ("directory_full", {})}
    assert not path.exists()


@pytest.mark.usefixtures("db")
class TestExportStructures:
    LABELS = ["Identifiant", "Raison sociale", "Statut", "Type", "Type", "CP", "Ville", "Pays"]

    def test_every_structure_found_is_exported_not_only_a_page(self, services, tmp_path):
        for number in range(12):
            make_structure(services, raison_sociale=f"Menuiserie {number:02d}")
        make_structure(services, raison_sociale="Boulangerie")
        path = tmp_path / "structures.csv"
        assert export.export_structures({"raison_sociale": "*menuiserie*"}, path, self.LABELS) == 12
        rows = read_rows(path)
        assert rows[0] == self.LABELS
        assert [row[1] for row in rows[1:]] == [f"Menuiserie {n:02d}" for n in range(12)]

    def test_a_row_holds_the_structure_columns(self, services, tmp_path):
        structure = make_structure(
            services, raison_sociale="=Menuiserie", code_postal="75001", ville="Paris"
        )
        path = tmp_path / "structures.csv"
        export.export_structures({"identifier": structure.identifier}, path, self.LABELS)
        assert read_rows(path)[1] == [
            structure.identifier,
            "'=Menuiserie",
            "ACTIF",
            StructureKind.PRIVEE,
            IdentifierType.SIRET,
            "75001",
            "Paris",
            "FR",
        ]

    def test_a_search_without_criterion_writes_no_file(self, tmp_path):
        path = tmp_path / "structures.csv"
        with pytest.raises(ValidationError) as caught:
            export.export_structures({}, path, self.LABELS)
        assert "criteria" in caught.value.fields
        assert not path.exists()

    def test_an_empty_result_writes_the_header_only(self, tmp_path):
        path = tmp_path / "structures.csv"
        assert export.export_structures({"identifier": siret(99)}, path, self.LABELS) == 0
        assert read_rows(path) == [self.LABELS]
        assert Structure.select().count() == 0
