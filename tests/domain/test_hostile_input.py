"""Hostile input fed to every domain operation that takes user text (issue 10, X3/X8).

For each text field of each operation, hypothesis draws hostile text (:mod:`tests.hostile`) and
calls the operation with it, the other fields valid. The call either raises a
:class:`ValidationError` naming that field, or stores a value that reads back exactly as the
domain promises (the input after :func:`chorus_tui.domain.text.clean`: NFC, trimmed, and the
field's own normalisation such as upper-casing a country). Any other exception fails the test.

For free-text fields the outcome is predicted exactly: refused when the cleaned text is empty
(required fields), holds a control character or is too long; stored otherwise — hostile markup,
emoji, combining characters are never refused. Searches either refuse the criterion by name or
return a page; a value stored then searched for is found.

Every example runs inside a transaction rolled back afterwards, over one small world built per
test (SQLite only: PostgreSQL gets the fixed samples of ``test_samples_on_every_backend``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chorus_tui.domain import (
    accounts,
    activation,
    attach,
    auth,
    deactivation,
    documents,
    history,
    membership_requests,
    memberships,
    passwords,
    profile,
    structure_admin,
    structure_principal,
    structures,
    subscription_requests,
    subscriptions,
    technical_users,
    user_search,
)
from chorus_tui.domain.errors import ValidationError
from chorus_tui.domain.text import clean, fold, has_control
from chorus_tui.i18n import parse_date
from chorus_tui.models import (
    Document,
    Membership,
    Service,
    Structure,
    Subscription,
    User,
    database,
)
from chorus_tui.models.codes import Habilitation, IdentifierType, Role
from tests.domain import factories
from tests.hostile import MALLORY, SAMPLES, hostile_text, printable_hostile_text

EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROFILE = {
    "email": "julie@example.fr",
    "nom": "BON",
    "prenom": "Julie",
    "adresse": "1 rue de la Paix",
    "complement1": "",
    "complement2": "",
    "code_postal": "75001",
    "ville": "Paris",
    "pays": "FR",
    "telephone": "",
    "fax": "",
    "language": "FR",
    "notifications": True,
}
NEW_STRUCTURE = {
    "identifier_type": IdentifierType.SIRET,
    "identifier": factories.siret(777_001),
    "raison_sociale": "Nouvelle structure",
    "nom": "",
    "prenom": "",
    "adresse": "2 rue du Port",
    "code_postal": "13001",
    "ville": "Marseille",
    "pays": "FR",
}
ADDRESS = {
    "adresse": "3 place du Marché",
    "complement": "",
    "code_postal": "69001",
    "ville": "Lyon",
    "pays": "FR",
    "telephone": "",
}
NEW_ACCOUNT = {
    "login": "nouveau@example.fr",
    "email": "nouveau.contact@example.fr",
    "nom": "NOUVEAU",
    "prenom": "Néo",
}
STRONG = "Nouveau.Mot2Passe!"


@dataclass
class World:
    """A structure managed by Paul, with a service; Julie a validated member with a pending
    subscription request; Rémi a pending membership request; Olga attachable; a referential
    account; an account to activate (its code); a document of Julie's."""

    structure: int
    service: int
    paul: int
    julie: int
    remi: int
    olga: int
    referential: int
    membership_request: int
    subscription_request: int
    document: int
    code: str
    document_type: str
    upload: str

    def user(self, name: str) -> User:
        return User.get_by_id(getattr(self, name))


@pytest.fixture
def world(db, services, tmp_path) -> World:
    paul = factories.make_user(services, "paul@example.fr", nom="DUPONT", prenom="Paul")
    structure = structures.create_structure(
        services,
        paul,
        {
            **NEW_STRUCTURE,
            "identifier": factories.siret(4242),
            "raison_sociale": "Menuiserie Dupont",
        },
    )
    service = structure_admin.create_service(services, paul, structure.id, "MOBURB", "Mobilier")
    julie = factories.make_user(services, "julie@example.fr", nom="BON", prenom="Julie")
    request = memberships.request_membership(services, julie, structure.id, start_date="01/12/2026")
    membership_requests.validate_membership(services, paul, request.id)
    subscriptions.request_subscriptions(
        services,
        julie,
        structure_id=structure.id,
        space_code="FACTURES_EMISES",
        lines=[subscriptions.SubscriptionLine(service.id, Habilitation.CONSULTATION_UNIQUEMENT)],
        effective_date="01/12/2026",
    )
    pending = subscription_requests.pending_subscription_requests(paul).rows[0].id
    remi = factories.make_user(services, "remi@example.fr", nom="MARTIN", prenom="Rémi")
    asked = memberships.request_membership(services, remi, structure.id, start_date="01/12/2026")
    olga = factories.make_user(services, "olga@example.fr", nom="OLGA", prenom="Olga")
    referential = factories.make_user(services, "ref@example.fr", is_referential=True)
    _, code = attach.create_account(
        services,
        paul,
        structure.id,
        {**NEW_ACCOUNT, "login": "to.activate@example.fr", "email": "to.activate@example.fr"},
        role=Role.UTILISATEUR_SIMPLE,
        start_date="01/12/2026",
    )
    upload = tmp_path / "facture.pdf"
    upload.write_bytes(b"%PDF-1.4 une facture")
    document_type = documents.document_types()[0].code
    document = documents.add_document(services, julie, upload, "Facture", document_type)
    return World(
        structure=structure.id,
        service=service.id,
        paul=paul.id,
        julie=julie.id,
        remi=remi.id,
        olga=olga.id,
        referential=referential.id,
        membership_request=asked.id,
        subscription_request=pending,
        document=document.id,
        code=code,
        document_type=document_type,
        upload=str(upload),
    )


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Everything the example writes is undone (the operation's own transaction becomes a
    savepoint of this one)."""
    with database.atomic() as transaction:
        yield
        transaction.rollback()


def outcome(call: Callable[[], object], field: str) -> object | ValidationError:
    """The call's result, or the ValidationError it raised, which must name ``field``. Any
    other exception propagates and fails the test."""
    try:
        return call()
    except ValidationError as error:
        assert field in error.fields, (field, error.fields)
        return error


def expected_refusal(value: str, max_length: int, *, required: bool) -> bool:
    """Whether a free-text field must refuse ``value`` (F2: no control characters anywhere)."""
    text = clean(value)
    if not text:
        return required
    return has_control(text) or len(text) > max_length


def check_free_text(
    value: str, call: Callable[[], object], field: str, read: Callable[[], str], max_length: int
) -> None:
    result = outcome(call, field)
    refused = isinstance(result, ValidationError)
    required = field not in ("complement1", "complement2", "complement", "comment")
    assert refused == expected_refusal(value, max_length, required=required), (value, result)
    if not refused:
        assert read() == clean(value)


def check_format(
    value: str, call: Callable[[], object], field: str, read: Callable[[], str], expected: str
) -> None:
    """A field with a format (e-mail, phone, country, identifier, code): refused by name, or
    stored as its normalised form; control characters are always refused."""
    result = outcome(call, field)
    if isinstance(result, ValidationError):
        return
    assert not has_control(clean(value)), value
    assert read() == expected


# -- Mon Compte (F2) -----------------------------------------------------------------------------

FREE_PROFILE_FIELDS = {
    "nom": 100,
    "prenom": 100,
    "adresse": 255,
    "complement1": 255,
    "complement2": 255,
    "ville": 100,
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", sorted(FREE_PROFILE_FIELDS))
@EXAMPLES
@given(value=hostile_text())
def test_profile_text_fields_store_hostile_text_as_typed_or_refuse_it_by_name(
    world, services, field, value
):
    with rolled_back():
        julie = world.user("julie")
        check_free_text(
            value,
            lambda: profile.save_profile(services, julie, {**PROFILE, field: value}),
            field,
            lambda: getattr(world.user("julie"), field),
            FREE_PROFILE_FIELDS[field],
        )


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", ["email", "code_postal", "pays", "telephone", "fax", "language"])
@EXAMPLES
@given(value=hostile_text())
def test_profile_format_fields_refuse_hostile_text_by_name(world, services, field, value):
    with rolled_back():
        julie = world.user("julie")
        expected = clean(value).upper() if field in ("pays", "language") else clean(value)
        check_format(
            value,
            lambda: profile.save_profile(services, julie, {**PROFILE, field: value}),
            field,
            lambda: getattr(world.user("julie"), field),
            expected,
        )


@pytest.mark.sqlite_only
@EXAMPLES
@given(question=hostile_text(), answer=hostile_text())
def test_secret_question_and_answer_are_stored_or_refused_by_name(
    world, services, question, answer
):
    with rolled_back():
        julie = world.user("julie")
        values = {**PROFILE, "secret_question": question, "secret_answer": answer}
        try:
            profile.save_profile(services, julie, values)
        except ValidationError as error:
            assert set(error.fields) <= {"secret_question", "secret_answer"}, error.fields
            assert error.fields
            return
        stored = world.user("julie")
        assert stored.secret_question == clean(question)
        assert not has_control(clean(question)) and len(clean(question)) <= 255
        assert profile.verify_secret_answer(services, stored, answer)
        assert profile.verify_secret_answer(services, stored, f"  {answer} ")


@pytest.mark.sqlite_only
@EXAMPLES
@given(
    new=st.one_of(hostile_text(), printable_hostile_text().map(lambda text: text + "Aa1!xyzXYZ9"))
)
def test_password_change_accepts_a_hostile_password_that_keeps_the_policy(world, services, new):
    with rolled_back():
        julie = world.user("julie")
        result = outcome(
            lambda: accounts.change_password(services, julie, factories.PASSWORD, new, new),
            "new_password",
        )
        policy = passwords.policy_errors(new, login=julie.login, current=factories.PASSWORD)
        assert isinstance(result, ValidationError) == bool(policy), (new, policy)
        if not policy:
            stored = world.user("julie").password_hash
            assert passwords.verify_password(services.hasher, stored, new)


@pytest.mark.sqlite_only
@EXAMPLES
@given(current=hostile_text())
def test_a_hostile_current_password_is_refused_by_name(world, services, current):
    with rolled_back():
        julie = world.user("julie")
        result = outcome(
            lambda: accounts.change_password(services, julie, current, STRONG, STRONG),
            "current_password",
        )
        assert isinstance(result, ValidationError)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", ["email", "nom", "prenom", "adresse", "ville", "pays"])
@EXAMPLES
@given(value=hostile_text())
def test_referential_completion_stores_or_refuses_by_name(world, services, field, value):
    values = {name: PROFILE[name] for name in accounts.REFERENTIAL_FIELDS}
    with rolled_back():
        referential = world.user("referential")
        call = lambda: accounts.complete_referential_info(  # noqa: E731
            services, referential, {**values, field: value}
        )
        read = lambda: getattr(world.user("referential"), field)  # noqa: E731
        if field in FREE_PROFILE_FIELDS:
            check_free_text(value, call, field, read, FREE_PROFILE_FIELDS[field])
        else:
            expected = clean(value).upper() if field == "pays" else clean(value)
            check_format(value, call, field, read, expected)


# -- login and activation (F0, F8) -------------------------------------------------------------


@pytest.mark.sqlite_only
@EXAMPLES
@given(login=hostile_text(), password=hostile_text())
def test_login_with_hostile_credentials_is_refused_with_the_one_message(
    world, services, login, password
):
    with rolled_back():
        with pytest.raises(auth.InvalidCredentials):
            auth.login(services, login, password)
        with pytest.raises(auth.InvalidCredentials):
            auth.login(services, "julie@example.fr", password)


@pytest.mark.sqlite_only
@EXAMPLES
@given(code=hostile_text())
def test_a_hostile_activation_code_is_invalid(world, services, code):
    with rolled_back(), pytest.raises(activation.InvalidActivationCode):
        activation.check_code(services, code)


@pytest.mark.sqlite_only
@EXAMPLES
@given(question=hostile_text(), answer=hostile_text())
def test_activation_stores_the_question_or_refuses_it_by_name(world, services, question, answer):
    with rolled_back():
        try:
            account = activation.activate_account(
                services, world.code, STRONG, STRONG, question, answer
            )
        except ValidationError as error:
            assert set(error.fields) <= {"secret_question", "secret_answer"}, error.fields
            return
        stored = User.get_by_id(account.id)
        assert stored.secret_question == clean(question)
        assert profile.verify_secret_answer(services, stored, answer)


@pytest.mark.sqlite_only
@EXAMPLES
@given(new=hostile_text())
def test_activation_with_a_hostile_password_is_refused_by_name_or_opens_the_account(
    world, services, new
):
    with rolled_back():
        result = outcome(
            lambda: activation.activate_account(services, world.code, new, new, "Q ?", "R"),
            "new_password",
        )
        if not isinstance(result, ValidationError):
            assert passwords.verify_password(services.hasher, result.password_hash, new)


# -- memberships and subscriptions (F4, F5, M1–M6) --------------------------------------------


@pytest.mark.sqlite_only
@EXAMPLES
@given(comment=hostile_text())
def test_membership_request_comment_is_stored_or_refused_by_name(world, services, comment):
    with rolled_back():
        olga = world.user("olga")
        check_free_text(
            comment,
            lambda: memberships.request_membership(
                services, olga, world.structure, start_date="01/12/2026", comment=comment
            ),
            "comment",
            lambda: (
                Membership.get(
                    (Membership.user == world.olga) & (Membership.structure == world.structure)
                ).comment
            ),
            255,
        )


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", ["start_date", "end_date"])
@EXAMPLES
@given(value=hostile_text())
def test_membership_request_dates_are_parsed_or_refused_by_name(world, services, field, value):
    dates = {"start_date": "01/12/2026", "end_date": "", field: value}
    with rolled_back():
        olga = world.user("olga")
        result = outcome(
            lambda: memberships.request_membership(services, olga, world.structure, **dates),
            field,
        )
        if not isinstance(result, ValidationError):
            stored = Membership.get_by_id(result.id)
            assert getattr(stored, field) == (parse_date(value) if clean(value) else None)


@pytest.mark.sqlite_only
@EXAMPLES
@given(motif=hostile_text())
def test_membership_refusal_motif_is_stored_or_refused_by_name(world, services, motif):
    with rolled_back():
        paul = world.user("paul")
        check_free_text(
            motif,
            lambda: membership_requests.refuse_membership(
                services, paul, world.membership_request, motif
            ),
            "motif",
            lambda: Membership.get_by_id(world.membership_request).motif,
            255,
        )


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", ["comment", "effective_date"])
@EXAMPLES
@given(value=hostile_text())
def test_subscription_request_fields_are_stored_or_refused_by_name(world, services, field, value):
    values = {"comment": "", "effective_date": "01/12/2026", field: value}
    with rolled_back():
        julie = world.user("julie")

        def call():
            return subscriptions.request_subscriptions(
                services,
                julie,
                structure_id=world.structure,
                space_code="FACTURES_EMISES",
                lines=[subscriptions.SubscriptionLine(world.service, Habilitation.MODIFICATION)],
                **values,
            )

        def read() -> str:
            line = Subscription.get(
                (Subscription.user == world.julie)
                & (Subscription.habilitation == Habilitation.MODIFICATION)
                & (Subscription.service == world.service)
            )
            return line.comment if field == "comment" else line.effective_date

        if field == "comment":
            check_free_text(value, call, field, read, 255)
        else:
            result = outcome(call, field)
            if not isinstance(result, ValidationError):
                assert read() == parse_date(value)


@pytest.mark.sqlite_only
@EXAMPLES
@given(comment=hostile_text())
def test_subscription_validation_comment_is_stored_or_refused_by_name(world, services, comment):
    with rolled_back():
        paul = world.user("paul")
        check_free_text(
            comment,
            lambda: subscription_requests.validate_subscription_request(
                services, paul, world.subscription_request, comment=comment
            ),
            "comment",
            lambda: Subscription.get_by_id(world.subscription_request).motif,
            255,
        )


@pytest.mark.sqlite_only
@EXAMPLES
@given(motif=hostile_text())
def test_subscription_refusal_motif_is_stored_or_refused_by_name(world, services, motif):
    with rolled_back():
        paul = world.user("paul")
        check_free_text(
            motif,
            lambda: subscription_requests.refuse_subscription_request(
                services, paul, world.subscription_request, motif
            ),
            "motif",
            lambda: Subscription.get_by_id(world.subscription_request).motif,
            255,
        )


@pytest.mark.sqlite_only
@EXAMPLES
@given(successor=hostile_text())
def test_removal_with_a_hostile_successor_login_is_refused_by_name(world, services, successor):
    with rolled_back():
        paul = world.user("paul")
        own = Membership.get(
            (Membership.user == world.paul) & (Membership.structure == world.structure)
        )
        field = f"successor_{world.structure}"
        result = outcome(
            lambda: memberships.remove_memberships(
                services, paul, [own.id], {world.structure: successor}
            ),
            field,
        )
        assert isinstance(result, ValidationError)


# -- structures (F4, M7, M10, M11) --------------------------------------------------------------

FREE_STRUCTURE_FIELDS = {"raison_sociale": 255, "adresse": 255, "ville": 100}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", sorted(FREE_STRUCTURE_FIELDS))
@EXAMPLES
@given(value=hostile_text())
def test_structure_creation_stores_hostile_names_or_refuses_them_by_name(
    world, services, field, value
):
    with rolled_back():
        olga = world.user("olga")
        identifier = NEW_STRUCTURE["identifier"]
        check_free_text(
            value,
            lambda: structures.create_structure(services, olga, {**NEW_STRUCTURE, field: value}),
            field,
            lambda: getattr(Structure.get(Structure.identifier == identifier), field),
            FREE_STRUCTURE_FIELDS[field],
        )


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "field", ["identifier_type", "identifier", "nom", "prenom", "code_postal", "pays"]
)
@EXAMPLES
@given(value=hostile_text())
def test_structure_creation_other_fields_are_stored_or_refused_by_name(
    world, services, field, value
):
    fields = {**NEW_STRUCTURE, field: value}
    with rolled_back():
        olga = world.user("olga")
        result = outcome(lambda: structures.create_structure(services, olga, fields), field)
        if isinstance(result, ValidationError):
            return
        stored = Structure.get_by_id(result.id)
        if field == "identifier":
            assert stored.identifier == structures.clean_identifier(IdentifierType.SIRET, value)
        elif field in ("nom", "prenom"):
            assert getattr(stored, field) == clean(value)
        elif field == "pays":
            assert stored.pays == clean(value).upper()
        else:
            assert getattr(stored, field) == clean(value)
        assert not has_control(getattr(stored, field))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", sorted(ADDRESS))
@EXAMPLES
@given(value=hostile_text())
def test_structure_update_stores_hostile_address_or_refuses_it_by_name(
    world, services, field, value
):
    with rolled_back():
        paul = world.user("paul")

        def call():
            return structure_admin.update_structure(
                services, paul, world.structure, {**ADDRESS, field: value}
            )

        def read() -> str:
            return getattr(Structure.get_by_id(world.structure), field)

        if field in ("adresse", "complement", "ville"):
            check_free_text(value, call, field, read, 100 if field == "ville" else 255)
        else:
            expected = clean(value).upper() if field == "pays" else clean(value)
            check_format(value, call, field, read, expected)


@pytest.mark.sqlite_only
@EXAMPLES
@given(code=hostile_text(), libelle=hostile_text())
def test_service_creation_and_renaming_store_or_refuse_by_name(world, services, code, libelle):
    with rolled_back():
        paul = world.user("paul")
        check_format(
            code,
            lambda: structure_admin.create_service(services, paul, world.structure, code, "Lib"),
            "code",
            lambda: (
                Service.get(
                    (Service.structure == world.structure) & (Service.libelle == "Lib")
                ).code
            ),
            clean(code).upper(),
        )
    with rolled_back():
        paul = world.user("paul")
        check_free_text(
            libelle,
            lambda: structure_admin.create_service(services, paul, world.structure, "NEW", libelle),
            "libelle",
            lambda: (
                Service.get(
                    (Service.structure == world.structure) & (Service.code == "NEW")
                ).libelle
            ),
            255,
        )
    with rolled_back():
        paul = world.user("paul")
        check_free_text(
            libelle,
            lambda: structure_admin.rename_service(
                services, paul, world.structure, world.service, libelle
            ),
            "libelle",
            lambda: Service.get_by_id(world.service).libelle,
            255,
        )


@pytest.mark.sqlite_only
@EXAMPLES
@given(login=hostile_text())
def test_transfer_to_a_hostile_login_is_refused_by_name(world, services, login):
    with rolled_back():
        paul = world.user("paul")
        result = outcome(
            lambda: structure_principal.transfer_role(services, paul, world.structure, login),
            "successor",
        )
        assert isinstance(result, ValidationError)


@pytest.mark.sqlite_only
@EXAMPLES
@given(identifier=hostile_text())
def test_a_hostile_new_identifier_is_refused_by_name_or_stored_compacted(
    world, services, identifier
):
    with rolled_back():
        paul = world.user("paul")
        check_format(
            identifier,
            lambda: structure_principal.change_identifier(
                services, paul, world.structure, identifier
            ),
            "identifier",
            lambda: Structure.get_by_id(world.structure).successor.identifier,
            structures.clean_identifier(IdentifierType.SIRET, identifier),
        )


# -- attach, account creation, technical users (M7, M8, M9) -------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", ["comment", "start_date", "end_date", "role"])
@EXAMPLES
@given(value=hostile_text())
def test_attaching_a_user_stores_or_refuses_each_field_by_name(world, services, field, value):
    values = {
        "role": Role.UTILISATEUR_SIMPLE,
        "start_date": "01/12/2026",
        "end_date": "",
        "comment": "",
        field: value,
    }
    with rolled_back():
        paul = world.user("paul")

        def call():
            return attach.attach_user(services, paul, world.structure, world.olga, **values)

        if field == "comment":
            check_free_text(value, call, field, lambda: _olga_membership(world).comment, 255)
            return
        result = outcome(call, field)
        if not isinstance(result, ValidationError):
            stored = _olga_membership(world)
            if field == "role":
                assert stored.role == value
            else:
                assert getattr(stored, field) == (parse_date(value) if clean(value) else None)


def _olga_membership(world: World) -> Membership:
    return Membership.get(
        (Membership.user == world.olga) & (Membership.structure == world.structure)
    )


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", ["login", "email", "nom", "prenom", "comment"])
@EXAMPLES
@given(value=hostile_text())
def test_account_creation_stores_or_refuses_each_field_by_name(world, services, field, value):
    fields = dict(NEW_ACCOUNT)
    comment = ""
    if field == "comment":
        comment = value
    else:
        fields[field] = value
    with rolled_back():
        paul = world.user("paul")

        def call():
            return attach.create_account(
                services,
                paul,
                world.structure,
                fields,
                role=Role.UTILISATEUR_SIMPLE,
                start_date="01/12/2026",
                comment=comment,
            )

        if field in ("nom", "prenom", "comment"):

            def read() -> str:
                created = User.get(User.email == fields["email"])
                if field != "comment":
                    return getattr(created, field)
                return Membership.get(Membership.user == created).comment

            check_free_text(value, call, field, read, 100 if field != "comment" else 255)
            return
        expected = auth.normalise_login(clean(value)) if field == "login" else clean(value)
        result = outcome(call, field)
        if not isinstance(result, ValidationError):
            created, _ = result
            assert getattr(User.get_by_id(created.id), field) == expected
            assert not has_control(clean(value))


@pytest.mark.sqlite_only
@EXAMPLES
@given(login=hostile_text())
def test_technical_user_login_is_stored_or_refused_by_name(world, services, login):
    with rolled_back():
        paul = world.user("paul")
        result = outcome(
            lambda: technical_users.create_technical_user(services, paul, world.structure, login),
            "login",
        )
        if not isinstance(result, ValidationError):
            created, _ = result
            assert User.get_by_id(created.id).login == clean(login).casefold()
            assert not has_control(created.login)


# -- documents (F6) -------------------------------------------------------------------------------


@pytest.mark.sqlite_only
@EXAMPLES
@given(designation=hostile_text(), type_code=hostile_text())
def test_document_designation_and_type_are_stored_or_refused_by_name(
    world, services, designation, type_code
):
    with rolled_back():
        julie = world.user("julie")
        check_free_text(
            designation,
            lambda: documents.update_document(
                services, julie, world.document, designation, world.document_type
            ),
            "designation",
            lambda: Document.get_by_id(world.document).designation,
            255,
        )
    with rolled_back():
        julie = world.user("julie")
        before = Document.select().count()
        check_free_text(
            designation,
            lambda: documents.add_document(
                services, julie, world.upload, designation, world.document_type
            ),
            "designation",
            lambda: Document.select().order_by(Document.id.desc()).get().designation,
            255,
        )
        assert Document.select().count() - before in (0, 1)
    with rolled_back():
        julie = world.user("julie")
        result = outcome(
            lambda: documents.update_document(services, julie, world.document, "D", type_code),
            "type",
        )
        if not isinstance(result, ValidationError):
            assert Document.get_by_id(world.document).type.code == clean(type_code)


@pytest.mark.sqlite_only
@EXAMPLES
@given(path=hostile_text())
def test_a_hostile_upload_path_is_refused_by_name(world, services, path):
    with rolled_back():
        julie = world.user("julie")
        result = outcome(
            lambda: documents.add_document(services, julie, path, "D", world.document_type),
            "file",
        )
        assert isinstance(result, ValidationError)


# -- searches (F4, F7, M7, M7b) and history filters (M12) ---------------------------------------


def check_search(value: str, call: Callable[[], object], field: str) -> None:
    """A search refuses a criterion by name, or returns its page."""
    try:
        result = call()
    except ValidationError as error:
        # A blank criterion (nothing left once trimmed and accent-folded) is no criterion at
        # all: « at least one criterion ».
        blank = not fold(clean(value))
        assert field in error.fields or (blank and "criteria" in error.fields), error.fields
        return
    assert isinstance(result, list) or hasattr(result, "rows")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", structures.CRITERIA)
@EXAMPLES
@given(value=hostile_text())
def test_structure_search_refuses_a_criterion_by_name_or_answers(world, services, field, value):
    check_search(value, lambda: structures.search_structures({field: value}), field)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", attach.CRITERIA)
@EXAMPLES
@given(value=hostile_text())
def test_attach_search_refuses_a_criterion_by_name_or_answers(world, services, field, value):
    paul = world.user("paul")
    check_search(
        value, lambda: attach.search_accounts(paul, world.structure, {field: value}), field
    )


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", user_search.CRITERIA)
@EXAMPLES
@given(value=hostile_text())
def test_user_search_refuses_a_criterion_by_name_or_answers(world, services, field, value):
    paul = world.user("paul")
    check_search(value, lambda: user_search.search_members(paul, {field: value}), field)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", ["nom", "prenom", "adresse", "email"])
@EXAMPLES
@given(value=hostile_text())
def test_successor_search_answers_hostile_criteria(world, services, field, value):
    paul = world.user("paul")
    try:
        found = deactivation.search_successors(paul, **{field: value})
    except ValidationError as error:
        if fold(clean(value)):
            assert error.fields == {field: ("control_characters", {})}
            assert has_control(fold(clean(value)))
        else:
            assert "criteria" in error.fields
        return
    assert isinstance(found, list)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("field", ["since", "until"])
@EXAMPLES
@given(value=hostile_text())
def test_history_date_filters_refuse_hostile_text_by_name(world, services, field, value):
    paul = world.user("paul")
    result = outcome(lambda: history.history(paul, **{field: value}), field)
    if not isinstance(result, ValidationError):
        assert parse_date(value) is not None or not value.strip()


@pytest.mark.sqlite_only
@EXAMPLES
@given(value=printable_hostile_text())
def test_a_hostile_name_stored_is_found_by_every_search_for_it(world, services, value):
    """The stored name searched for exactly (a ``*`` in it stays a wildcard, which still
    matches it) finds its holder: no hostile character breaks the matching."""
    text = clean(value)
    if not fold(text) or len(text) > 100:
        return  # nothing to search for (a lone accent), or refused as a name
    with rolled_back():
        julie, paul = world.user("julie"), world.user("paul")
        profile.save_profile(services, julie, {**PROFILE, "nom": value, "ville": value})
        found = user_search.search_members(paul, {"nom": value}).rows
        assert world.julie in [row.user.id for row in found]
        found = attach.search_accounts(paul, world.structure, {"ville": value}).rows
        assert world.julie in [row.id for row in found]
        created = structures.create_structure(
            services, world.user("olga"), {**NEW_STRUCTURE, "raison_sociale": value}
        )
        for criterion in (value, f"*{text}*"):
            found = structures.search_structures({"raison_sociale": criterion}, size=50).rows
            assert created.id in [row.id for row in found], criterion


# -- the snapshots' user -------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_mallory_is_refused_as_a_name_because_of_its_escape_sequence(world, services):
    """The name of the snapshots: the domain refuses its ESC; without it, it is stored as typed
    (the snapshots also insert the raw value through the model layer)."""
    julie = world.user("julie")
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(services, julie, {**PROFILE, "nom": MALLORY, "prenom": MALLORY})
    assert refused.value.fields["nom"][0] == "control_characters"
    assert refused.value.fields["prenom"][0] == "control_characters"
    printable = MALLORY.replace("\x1b", "")
    profile.save_profile(services, julie, {**PROFILE, "nom": printable, "prenom": printable})
    stored = world.user("julie")
    assert (stored.nom, stored.prenom) == (printable, printable)


# -- every backend ---------------------------------------------------------------------------

# Values whose folded search copy is longer than the value (« ß » → « ss », « ﷺ » → 18
# letters), NUL (which PostgreSQL refuses in any text), and the samples of the Pilot tests.
BACKEND_SAMPLES = (
    *SAMPLES,
    "nul\x00l",
    "ß" * 100,
    "\ufdfa" * 100,
    "ﬃ" * 100,
    "İ" * 100,
)


@pytest.mark.parametrize("sample", BACKEND_SAMPLES, ids=range(len(BACKEND_SAMPLES)))
def test_samples_on_every_backend(backend, db, services, tmp_path, sample):
    """The same contract on PostgreSQL: a named refusal or the value read back — never a
    database error (NUL, a folded copy longer than its column)."""
    paul = factories.make_user(services, "paul@example.fr")
    structure = structures.create_structure(
        services, paul, {**NEW_STRUCTURE, "identifier": factories.siret(4243)}
    )
    checks = (
        ("nom", lambda: profile.save_profile(services, paul, {**PROFILE, "nom": sample})),
        ("prenom", lambda: profile.save_profile(services, paul, {**PROFILE, "prenom": sample})),
        ("ville", lambda: profile.save_profile(services, paul, {**PROFILE, "ville": sample})),
        (
            "raison_sociale",
            lambda: structures.create_structure(
                services,
                paul,
                {**NEW_STRUCTURE, "identifier": factories.siret(4244), "raison_sociale": sample},
            ),
        ),
        (
            "libelle",
            lambda: structure_admin.create_service(services, paul, structure.id, "S1", sample),
        ),
    )
    for field, call in checks:
        outcome(call, field)
    searches = (
        ("nom", lambda: user_search.search_members(paul, {"nom": sample})),
        ("login", lambda: user_search.search_members(paul, {"login": sample})),
        ("service", lambda: user_search.search_members(paul, {"service": sample})),
        ("pays", lambda: user_search.search_members(paul, {"pays": sample})),
        ("nom", lambda: attach.search_accounts(paul, structure.id, {"nom": sample})),
        ("pays", lambda: attach.search_accounts(paul, structure.id, {"pays": sample})),
        ("raison_sociale", lambda: structures.search_structures({"raison_sociale": sample})),
        ("identifier", lambda: structures.search_structures({"identifier": sample})),
        ("pays", lambda: structures.search_structures({"pays": sample})),
    )
    for field, call in searches:
        check_search(sample, call, field)
    for field in ("nom", "adresse", "email"):
        check_search(
            sample,
            lambda name=field: deactivation.search_successors(paul, **{name: sample}),
            field,
        )
    upload = tmp_path / "facture.pdf"
    upload.write_bytes(b"%PDF-1.4 une facture")
    document = documents.add_document(services, paul, upload, "D", "DIVERS")
    outcome(lambda: documents.update_document(services, paul, document.id, "D", sample), "type")
    assert not attach.login_used(sample)
    with pytest.raises(auth.InvalidCredentials):
        auth.login(services, sample, sample)
    with pytest.raises(activation.InvalidActivationCode):
        activation.check_code(services, sample)
    result = outcome(
        lambda: structure_principal.transfer_role(services, paul, structure.id, sample),
        "successor",
    )
    assert isinstance(result, ValidationError)
