"""F4 structure search (wildcards, accents, literal characters) and « Saisir une nouvelle
structure » (SIRET checks, the creator becomes principal manager)."""

from __future__ import annotations

import pytest

from chorus_tui.domain import structures
from chorus_tui.domain.errors import ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import AuditEntry, Membership, StructureSpace, Subscription
from chorus_tui.models.codes import (
    IdentifierType,
    MembershipStatus,
    Role,
    StructureKind,
    StructureStatus,
)
from tests.domain.factories import make_structure, make_user, siret

pytestmark = pytest.mark.usefixtures("db")

NAMES = (
    "Menuiserie Dupont",
    "Menuiserie Lebrun",
    "Ébénisterie du Val",
    "MENUISERIE",
    "Atelier 100% bois",
    "Scierie_du_Nord",
    "L'Atelier d'Anne",
    "Quoi? [Bois]",
)


@pytest.fixture
def named(services):
    return {name: make_structure(services, raison_sociale=name) for name in NAMES}


def found(criteria: dict[str, str], size: int = 50) -> set[str]:
    page = structures.search_structures(criteria, size=size)
    return {structure.raison_sociale for structure in page.rows}


@pytest.mark.parametrize(
    ("criterion", "expected"),
    [
        ("*menuiserie*", {"Menuiserie Dupont", "Menuiserie Lebrun", "MENUISERIE"}),
        ("menuiserie*", {"Menuiserie Dupont", "Menuiserie Lebrun", "MENUISERIE"}),
        ("*dupont", {"Menuiserie Dupont"}),
        ("menuiserie", {"MENUISERIE"}),
        ("Menuiserie Dupont", {"Menuiserie Dupont"}),
        ("menuiserie dup", set()),
        ("*ebenisterie*", {"Ébénisterie du Val"}),
        ("ÉBÉNISTERIE*", {"Ébénisterie du Val"}),
        ("*100%*", {"Atelier 100% bois"}),
        ("*%*", {"Atelier 100% bois"}),
        ("*_*", {"Scierie_du_Nord"}),
        ("scierie_du_nord", {"Scierie_du_Nord"}),
        ("scierie?du?nord", set()),
        ("*'*", {"L'Atelier d'Anne"}),
        ("l'atelier d'anne", {"L'Atelier d'Anne"}),
        ("*?*", {"Quoi? [Bois]"}),
        ("*[bois]", {"Quoi? [Bois]"}),
        ("m*e*r", set()),
        ("m*n", {"Menuiserie Lebrun"}),
        ("*", set(NAMES)),
        ("  *dupont  ", {"Menuiserie Dupont"}),
    ],
)
def test_raison_sociale_wildcards_accents_and_literal_characters(named, criterion, expected):
    assert found({"raison_sociale": criterion}) == expected


def test_no_criterion_is_refused(named):
    with pytest.raises(ValidationError) as error:
        structures.search_structures({"raison_sociale": "  ", "ville": ""})
    assert "criteria" in error.value.fields


def test_a_criterion_with_control_characters_is_refused_next_to_its_field(named):
    with pytest.raises(ValidationError) as error:
        structures.search_structures({"raison_sociale": "a\x1b[2J"})
    assert error.value.fields["raison_sociale"][0] == "control_characters"


def test_an_unknown_code_is_refused(named):
    with pytest.raises(ValidationError) as error:
        structures.search_structures({"kind": "PUBLIC'; DROP TABLE structure; --"})
    assert error.value.fields["kind"][0] == "choice_invalid"


def test_every_criterion_narrows_the_search(services):
    target = make_structure(
        services,
        raison_sociale="Mairie de Terneuil",
        kind=StructureKind.PUBLIQUE,
        libelle="Hôtel de ville",
        code_postal="97500",
        ville="Terneuil sur Seine",
        pays="FR",
    )
    person = make_structure(
        services,
        raison_sociale="Jean Dupré",
        identifier_type=IdentifierType.PARTICULIER,
        identifier="P123456",
        nom="Dupré",
        prenom="Jean",
        ville="Lyon",
    )
    make_structure(services, raison_sociale="Mairie de Lyon", kind=StructureKind.PUBLIQUE)
    make_structure(services, raison_sociale="Ancienne", status=StructureStatus.INACTIF)
    assert found({"identifier": target.identifier}) == {"Mairie de Terneuil"}
    assert found({"identifier": target.identifier[:13] + "*"}) == {"Mairie de Terneuil"}
    spaced = " ".join([target.identifier[:3], target.identifier[3:]])
    assert found({"identifier": spaced}) == {"Mairie de Terneuil"}
    assert found({"kind": "PUBLIQUE"}) == {"Mairie de Terneuil", "Mairie de Lyon"}
    assert found({"kind": "PUBLIQUE", "ville": "terneuil*"}) == {"Mairie de Terneuil"}
    assert found({"libelle": "*hotel*"}) == {"Mairie de Terneuil"}
    assert found({"status": "INACTIF"}) == {"Ancienne"}
    assert found({"identifier_type": "PARTICULIER"}) == {"Jean Dupré"}
    assert found({"nom": "dupre"}) == {"Jean Dupré"}
    assert found({"prenom": "JEAN", "nom": "Dupr*"}) == {"Jean Dupré"}
    assert found({"code_postal": "975*"}) == {"Mairie de Terneuil"}
    assert found({"pays": "fr", "raison_sociale": "mairie*"}) == {
        "Mairie de Terneuil",
        "Mairie de Lyon",
    }
    assert found({"pays": "DE"}) == set()
    assert person.search_nom == "dupre"


def test_results_are_paged_in_name_order_with_the_total(services):
    for number in range(12):
        make_structure(services, raison_sociale=f"Menuiserie {number:02d}")
    page = structures.search_structures({"raison_sociale": "menuiserie*"}, size=5, offset=5)
    assert page.total == 12
    assert (page.number, page.pages) == (2, 3)
    assert [s.raison_sociale for s in page.rows] == [f"Menuiserie {n:02d}" for n in range(5, 10)]


@pytest.mark.sqlite_only
def test_a_prefix_search_uses_the_folded_index(services, db):
    query = structures.structure_query({"raison_sociale": "menuiserie*"})
    sql, params = query.sql()
    plan = " ".join(str(row) for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "INDEX" in plan and "search_raison_sociale" in plan


# -- « Saisir une nouvelle structure » ------------------------------------------------------------


def new_structure(**values: str) -> dict[str, str]:
    fields = {
        "identifier_type": "SIRET",
        "identifier": siret(424242),
        "raison_sociale": "Menuiserie Nouvelle",
        "adresse": "1 rue des Lilas",
        "code_postal": "75020",
        "ville": "Paris",
        "pays": "FR",
    }
    fields.update(values)
    return fields


def test_the_creator_of_a_structure_is_its_principal_manager_at_once(services):
    paul = make_user(services)
    spaced = " ".join([siret(424242)[:3], siret(424242)[3:9], siret(424242)[9:]])
    structure = structures.create_structure(services, paul, new_structure(identifier=spaced))
    assert structure.identifier == siret(424242)
    assert structure.kind == StructureKind.PRIVEE
    membership = Membership.get(Membership.structure == structure)
    assert (membership.user_id, membership.role, membership.status) == (
        paul.id,
        Role.GESTIONNAIRE_PRINCIPAL,
        MembershipStatus.VALIDEE,
    )
    assert StructureSpace.select().where(StructureSpace.structure == structure).count() == 5
    spaces = {s.space.code for s in Subscription.select().where(Subscription.user == paul)}
    assert "ACTIVITES_GESTIONNAIRE" in spaces and "FACTURES_RECUES" not in spaces
    assert AuditEntry.get(AuditEntry.structure == structure).action == "STRUCTURE_CREATED"
    assert all_violations() == []
    assert found({"raison_sociale": "menuiserie nouvelle"}) == {"Menuiserie Nouvelle"}


@pytest.mark.parametrize(
    ("identifier", "code"),
    [
        ("", "required"),
        ("1234567890123", "siret_invalid"),
        ("12345678901234", "siret_invalid"),
        ("1234567890123A", "siret_invalid"),
    ],
)
def test_a_bad_siret_is_refused_and_nothing_is_written(services, identifier, code):
    paul = make_user(services)
    with pytest.raises(ValidationError) as error:
        structures.create_structure(services, paul, new_structure(identifier=identifier))
    assert error.value.fields["identifier"][0] == code
    assert Membership.select().count() == 0


def test_an_identifier_already_used_is_refused(services):
    paul = make_user(services)
    existing = make_structure(services)
    with pytest.raises(ValidationError) as error:
        structures.create_structure(services, paul, new_structure(identifier=existing.identifier))
    assert error.value.fields["identifier"][0] == "identifier_used"


def test_every_field_error_is_given_at_once(services):
    paul = make_user(services)
    with pytest.raises(ValidationError) as error:
        structures.create_structure(
            services,
            paul,
            {"identifier_type": "PARTICULIER", "identifier": "p 12", "pays": "ZZ"},
        )
    fields = {name: code for name, (code, _) in error.value.fields.items()}
    assert fields == {
        "raison_sociale": "required",
        "adresse": "required",
        "code_postal": "required",
        "ville": "required",
        "pays": "country_invalid",
        "nom": "required",
        "prenom": "required",
    }


def test_a_person_structure_takes_any_letters_and_digits(services):
    paul = make_user(services)
    structure = structures.create_structure(
        services,
        paul,
        new_structure(identifier_type="PARTICULIER", identifier="ab-12", nom="Bon", prenom="Jo"),
    )
    assert structure.identifier == "AB-12"
    assert found({"identifier_type": "PARTICULIER", "prenom": "jo"}) == {"Menuiserie Nouvelle"}


@pytest.mark.sqlite_only
def test_a_leading_wildcard_search_reads_the_trigram_index(services, db):
    query = structures.structure_query({"raison_sociale": "*menuiserie*"})
    sql, params = query.sql()
    plan = " ".join(str(row) for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "trigrams VIRTUAL TABLE INDEX" in plan


@pytest.mark.sqlite_only
def test_the_trigram_index_follows_renames_deletions_and_raw_inserts(services, db):
    structure = make_structure(services, raison_sociale="Menuiserie Dupont")
    structure.raison_sociale = "Charpente Dupont"
    structure.search_raison_sociale = "charpente dupont"
    structure.save()
    assert found({"raison_sociale": "*menuiserie*"}) == set()
    assert found({"raison_sociale": "*charpente*"}) == {"Charpente Dupont"}
    db.execute_sql(
        "INSERT INTO structure (kind, identifier_type, identifier, raison_sociale, "
        "search_raison_sociale, created_at, adresse, complement, code_postal, ville, pays, "
        "telephone, status, secondary_rights, billing_mandate, version, search_ville, libelle, "
        "nom, prenom, search_libelle, search_nom, search_prenom) VALUES ('PRIVEE', 'SIRET', "
        "'X1', 'Scierie Raw', 'scierie raw', '2026-01-01', '', '', '', '', 'FR', '', 'ACTIF', "
        "'IDENTIQUES_PRINCIPAL', 0, 1, '', '', '', '', '', '', '')"
    )
    assert found({"raison_sociale": "*ierie r*"}) == {"Scierie Raw"}
    structure.delete_instance()
    assert found({"raison_sociale": "*dupont*"}) == set()


@pytest.mark.parametrize("criterion", ['*"dupont"*', "*dupont OR lebrun*", "*NEAR(a b)*", "*du*"])
def test_trigram_search_terms_are_plain_text(named, criterion):
    expected = {"Menuiserie Dupont"} if criterion == "*du*" else set()
    if criterion == "*du*":
        expected = {"Menuiserie Dupont", "Ébénisterie du Val", "Scierie_du_Nord"}
    assert found({"raison_sociale": criterion}) == expected
