"""A large database of the demo's shape, for benchmarks (SPEC §7, ``chorus-tui seed --scale N``).

N users over about N/10 structures, each with one principal manager, a few secondary managers,
mostly simple users, some pending membership and subscription requests, refusals, removals,
accounts pending activation or deactivated, and their history and feed. Rows are generated in
Python from a seeded random generator and written with raw ``executemany`` in batched write
transactions (Peewee's row-by-row API is 10-40 times slower); the demo password is hashed once.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import peewee
from stdnum import luhn

from chorus_tui.db.demo import (
    DEMO_PASSWORD,
    SeedError,
    refuse_if_not_empty,
    seed_news,
    seed_reference_data,
)
from chorus_tui.domain.context import Services
from chorus_tui.domain.passwords import hash_password
from chorus_tui.domain.spaces import default_spaces, structure_spaces
from chorus_tui.domain.text import fold
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import (
    AuditEntry,
    Event,
    Membership,
    MembershipService,
    Service,
    Structure,
    StructureSpace,
    Subscription,
    User,
    database,
)
from chorus_tui.models.codes import (
    AccountStatus,
    Habilitation,
    IdentifierType,
    MembershipStatus,
    Role,
    ServiceLineStatus,
    SpaceCode,
    StructureKind,
    StructureStatus,
    SubscriptionStatus,
)

Progress = Callable[[int, int], None]

# Names, towns and addresses come from small pools: each is folded once (folding was a sixth of
# the time spent generating rows).
_fold = functools.lru_cache(maxsize=16_384)(fold)

RANDOM_SEED = 2017
BATCH_USERS = 2000  # about 16,000 rows per transaction
SIREN_BASE = 30_000_000

P_PUBLIC = 0.3
P_INACTIVE_STRUCTURE = 0.02
P_TECHNICAL = 0.02
P_PENDING_ACTIVATION = 0.02
P_DEACTIVATED = 0.03
P_EXPIRED_PASSWORD = 0.02
# Cumulative thresholds over the non-principal members of a structure.
MEMBER_OUTCOMES = (
    (0.10, Role.GESTIONNAIRE_SECONDAIRE, MembershipStatus.VALIDEE),
    (0.18, Role.UTILISATEUR_SIMPLE, MembershipStatus.EN_COURS_DE_VALIDATION),
    (0.20, Role.UTILISATEUR_SIMPLE, MembershipStatus.REFUSEE),
    (0.22, Role.UTILISATEUR_SIMPLE, MembershipStatus.SUPPRIMEE),
    (1.00, Role.UTILISATEUR_SIMPLE, MembershipStatus.VALIDEE),
)
P_WHOLE_STRUCTURE = 0.7
P_VALIDATION_HISTORY = 0.4
P_CROSS_MEMBERSHIP = 0.05
P_SUBSCRIPTION_REQUEST = 0.06
P_SUBSCRIPTION_REFUSED = 0.015

SURNAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry",
    "Roussel", "Perrin", "Morin", "Clément", "Gauthier", "Dumont", "Fontaine", "Chevalier",
    "Bensaïd", "Nguyen", "Da Silva", "Le Gall", "Hamou", "Besançon",
)  # fmt: skip
FIRST_NAMES = (
    "Paul", "Julie", "Jules", "Léa", "Chloé", "Hugo", "Émilie", "Lucas", "Inès", "Louis",
    "Camille", "Gabriel", "Zoé", "Raphaël", "Manon", "Arthur", "Sarah", "Théo", "Jade", "Noé",
    "Hélène", "Éric", "François", "Agnès", "Joël", "Maëlle", "Loïc", "Océane", "Gaël", "Anaïs",
    "Zahra", "Pacôme", "Matthieu", "Nadia", "Karim", "Sophie",
)  # fmt: skip
TOWNS = (
    ("Terneuil sur Seine", "97500"), ("Paris", "75011"), ("Lyon", "69003"),
    ("Marseille", "13002"), ("Nîmes", "30000"), ("Besançon", "25000"), ("Orléans", "45000"),
    ("Saint-Étienne", "42000"), ("Périgueux", "24000"), ("Évry-Courcouronnes", "91000"),
    ("Montreuil", "93100"), ("Rouen", "76000"), ("Nantes", "44000"), ("Angoulême", "16000"),
    ("Sète", "34200"), ("Brest", "29200"), ("Dijon", "21000"), ("Lille", "59000"),
    ("Pietralba", "20218"), ("Châlons-en-Champagne", "51000"),
)  # fmt: skip
STREETS = (
    "rue de la République", "avenue Jean Jaurès", "rue des Artisans", "place de l'Église",
    "boulevard Victor Hugo", "rue de Crimée", "chemin du Moulin", "quai Saint-Vincent",
    "rue Pasteur", "allée des Tilleuls",
)  # fmt: skip
TRADES = (
    "Menuiserie", "Boulangerie", "Garage", "Plomberie", "Électricité", "Transports",
    "Imprimerie", "Pharmacie", "Cabinet", "Atelier", "Charpente", "Maçonnerie", "Paysages",
    "Informatique", "Traiteur", "Ébénisterie", "Rénovation",
)  # fmt: skip
PUBLIC_BODIES = (
    "Mairie de", "CCAS de", "Syndicat des eaux de", "Communauté de communes de", "Collège de",
    "Centre hospitalier de", "Office de tourisme de",
)  # fmt: skip
SERVICE_POOL = (
    ("MOBURB", "Mobilier Urbain"), ("MENINT", "Menuiseries Intérieures"), ("URBA", "Urbanisme"),
    ("VOIRIE", "Voirie"), ("COMPTA", "Comptabilité"), ("ACHATS", "Achats"),
    ("FACTURES_PUBLIQUES", "Service des factures publiques"), ("TECH", "Services techniques"),
    ("RH", "Ressources humaines"), ("LOGISTIQUE", "Logistique"),
)  # fmt: skip
REFUSAL_MOTIFS = (
    "Demande non justifiée : personne extérieure à la structure.",
    "Merci de préciser votre fonction dans le commentaire.",
    "Service demandé inexistant, merci de choisir le bon service.",
)
REQUESTABLE_SPACES = {
    StructureKind.PUBLIQUE: (SpaceCode.FACTURES_A_VALIDER, SpaceCode.FACTURES_TRAVAUX),
    StructureKind.PRIVEE: (SpaceCode.FACTURES_TRAVAUX,),
}
SEARCH_COLUMNS = (
    "search_nom",
    "search_prenom",
    "search_login",
    "search_email",
    "search_ville",
    "search_adresse",
)
LINE_STATUS = {
    MembershipStatus.VALIDEE: ServiceLineStatus.VALIDE,
    MembershipStatus.EN_COURS_DE_VALIDATION: ServiceLineStatus.EN_COURS_DE_VALIDATION,
    MembershipStatus.REFUSEE: ServiceLineStatus.REFUSE,
    MembershipStatus.SUPPRIMEE: ServiceLineStatus.DESACTIVE,
}


@dataclass(frozen=True)
class ScaleReport:
    users: int
    structures: int
    rows: int
    seconds: float


def seed_scale(services: Services, n_users: int, progress: Progress | None = None) -> ScaleReport:
    """Fill an empty database with ``n_users`` users over about ``n_users / 10`` structures.

    Refuses (:class:`SeedError`) a database that already has users or structures. Each batch is
    its own write transaction, so an interruption leaves whole structures only, and the
    principal-manager invariant holds after every batch."""
    if n_users < 1:
        raise SeedError("the number of users must be at least 1")
    started = time.perf_counter()
    password_hash = hash_password(services.hasher, DEMO_PASSWORD)
    now = services.now()
    spaces = run_write(lambda: prepare(now))
    generator = Generator(now, password_hash, spaces, n_users)
    rows = done = 0
    for batch in generator.batches():
        rows += run_write(batch.write)
        done += batch.users
        if progress is not None:
            progress(done, n_users)
    _reset_sequences()
    return ScaleReport(n_users, len(generator.sizes), rows, time.perf_counter() - started)


def prepare(now: dt.datetime) -> dict[str, int]:
    """The reference data (spaces, news) of an empty database; the spaces' ids by code."""
    refuse_if_not_empty()
    spaces = seed_reference_data()
    seed_news(now)
    return spaces


@dataclass(frozen=True)
class Batch:
    """The rows of a few structures and their people: ``(INSERT statement, rows)`` per table, in
    foreign-key order, the statements with ``?`` marks."""

    users: int
    inserts: tuple[tuple[str, list[tuple[Any, ...]]], ...]

    @property
    def rows(self) -> int:
        return sum(len(rows) for _sql, rows in self.inserts)

    def write(self) -> int:
        """Insert the rows (inside the caller's transaction); they are kept, so that a retried
        transaction inserts them again."""
        db = database.obj
        with peewee.__exception_wrapper__:  # driver errors as peewee ones, as run_write expects
            cursor = db.cursor()
            for sql, rows in self.inserts:
                if rows:
                    cursor.executemany(sql.replace("?", db.param), rows)
        return self.rows


class Generator:
    """The rows of a scale database of ``n_users`` users, batch by batch: the same rows for the
    same arguments (a seeded random generator), whatever writes them."""

    def __init__(
        self, now: dt.datetime, password_hash: str, spaces: dict[str, int], n_users: int
    ) -> None:
        self.builder = _Builder(now, password_hash, spaces, random.Random(RANDOM_SEED))
        self.sizes = structure_sizes(n_users, self.builder.rng)

    def batches(self) -> Iterator[Batch]:
        for sizes in _batches(self.sizes):
            self.builder.build(sizes)
            tables = self.builder.tables.values()
            yield Batch(sum(sizes), tuple((table.sql, table.rows) for table in tables))


def structure_sizes(n_users: int, rng: random.Random) -> list[int]:
    """How many users each structure gets: about ten on average, from one to a few dozen."""
    count = max(1, round(n_users / 10))
    cuts = sorted(rng.sample(range(1, n_users), count - 1))
    bounds = [0, *cuts, n_users]
    return [high - low for low, high in itertools.pairwise(bounds)]


def _batches(sizes: list[int]) -> Iterator[list[int]]:
    batch: list[int] = []
    for size in sizes:
        batch.append(size)
        if sum(batch) >= BATCH_USERS:
            yield batch
            batch = []
    if batch:
        yield batch


def siret(number: int) -> str:
    """A valid SIRET (SIREN and SIRET check digits) unique to ``number``."""
    siren = f"{SIREN_BASE + number:08d}"
    siren += luhn.calc_check_digit(siren)
    body = siren + "0001"
    return body + luhn.calc_check_digit(body)


def _reset_sequences() -> None:
    """Explicit ids bypass PostgreSQL's sequences; SQLite needs nothing."""
    if not isinstance(database.obj, peewee.PostgresqlDatabase):
        return
    for model in (User, Structure, Service, Membership):
        table = model._meta.table_name
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
        )


class _Table:
    """Raw multi-row inserts into one model's table. Peewee defaults live in Python, not in the
    schema, so the columns not given are filled with their model defaults."""

    def __init__(self, model: type[peewee.Model], columns: tuple[str, ...]) -> None:
        fields = model._meta.fields
        rest = [
            field
            for field in model._meta.sorted_fields
            if field.name not in columns and not isinstance(field, peewee.AutoField)
        ]
        self.tail = tuple(_default(field) for field in rest)
        names = [fields[name].column_name for name in columns] + [f.column_name for f in rest]
        marks = ", ".join("?" for _ in names)
        quoted = ", ".join(f'"{name}"' for name in names)
        self.sql = f'INSERT INTO "{model._meta.table_name}" ({quoted}) VALUES ({marks})'
        self.rows: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> None:
        self.rows.append(values + self.tail)

    def write(self) -> int:
        """Insert the rows; they are kept, so that a retried transaction inserts them again."""
        if self.rows:
            db = database.obj
            with peewee.__exception_wrapper__:  # driver errors as peewee ones, as run_write expects
                db.cursor().executemany(self.sql.replace("?", db.param), self.rows)
        return len(self.rows)


def _default(field: peewee.Field) -> Any:
    value = field.default() if callable(field.default) else field.default
    if value is None and not field.null:
        raise SeedError(f"no value for {field.model.__name__}.{field.name}")
    return str(value) if isinstance(value, str) else value


@dataclass
class _Org:
    id: int
    kind: StructureKind
    active: bool
    name: str
    town: tuple[str, str]
    age: int
    services: list[int]
    principal: int = 0


class _Builder:
    """Generates the rows of a batch of structures, then writes them in one transaction."""

    def __init__(
        self, now: dt.datetime, password_hash: str, spaces: dict[str, int], rng: random.Random
    ) -> None:
        self.now = now.astimezone(dt.UTC).replace(tzinfo=None)
        self.password_hash = password_hash
        self.rng = rng
        self.ids = {"user": 0, "structure": 0, "service": 0, "membership": 0}
        self.defaults = {
            (role, kind): [spaces[code] for code in default_spaces(role, kind)]
            for role in Role
            for kind in StructureKind
        }
        self.spaces = spaces
        self.orgs: list[_Org] = []
        self.tables = _tables()

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def ts(self, days: float) -> str:
        return (self.now - dt.timedelta(days=days)).isoformat(" ")

    def date(self, days: float) -> str:
        return (self.now - dt.timedelta(days=days)).date().isoformat()

    def build(self, sizes: list[int]) -> None:
        self.orgs = []
        for table in self.tables.values():
            table.rows = []
        for size in sizes:
            org = self.structure()
            self.orgs.append(org)
            self.people(org, size)

    def structure(self) -> _Org:
        rng = self.rng
        sid = self.next_id("structure")
        kind = StructureKind.PUBLIQUE if rng.random() < P_PUBLIC else StructureKind.PRIVEE
        town = rng.choice(TOWNS)
        if kind == StructureKind.PUBLIQUE:
            name = f"{rng.choice(PUBLIC_BODIES)} {town[0]}"
        else:
            name = f"{rng.choice(TRADES)} {rng.choice(SURNAMES)}"
        active = rng.random() >= P_INACTIVE_STRUCTURE
        org = _Org(sid, kind, active, name, town, rng.randint(60, 3000), [])
        status = StructureStatus.ACTIF if active else StructureStatus.INACTIF
        self.tables["structure"].add(
            sid, kind.value, IdentifierType.SIRET.value, siret(sid), name,
            f"{rng.randint(1, 200)} {rng.choice(STREETS)}", town[1], town[0], status.value,
            self.ts(org.age), _fold(name), _fold(town[0]),
        )  # fmt: skip
        for code, libelle in rng.sample(SERVICE_POOL, rng.randint(1, 3)):
            service_id = self.next_id("service")
            org.services.append(service_id)
            self.tables["service"].add(
                service_id, sid, code, libelle, self.ts(org.age), _fold(libelle)
            )
        for space in structure_spaces(kind):
            self.tables["structure_space"].add(sid, self.spaces[space], self.ts(org.age))
        return org

    def people(self, org: _Org, size: int) -> None:
        org.principal = self.user(org, AccountStatus.ACTIF, org.age)
        self.membership(org, org.principal, Role.GESTIONNAIRE_PRINCIPAL, MembershipStatus.VALIDEE)
        technical = size >= 3 and self.rng.random() < P_TECHNICAL
        for _ in range(size - 1 - technical):
            self.member(org)
        if technical:
            self.user(org, AccountStatus.ACTIF, org.age / 2, technical=True)

    def member(self, org: _Org) -> None:
        rng = self.rng
        status = self.account_status()
        uid = self.user(org, status, rng.uniform(1, org.age))
        role, outcome = self.outcome(org)
        if status == AccountStatus.EN_COURS_ACTIVATION:
            role, outcome = Role.UTILISATEUR_SIMPLE, MembershipStatus.VALIDEE
            self.audit(org, uid, "ACCOUNT_CREATED", rng.uniform(0, 7))
        self.membership(org, uid, role, outcome, org.principal)
        if outcome == MembershipStatus.VALIDEE and status == AccountStatus.ACTIF:
            self.subscription_requests(org, uid)
        if rng.random() < P_CROSS_MEMBERSHIP and len(self.orgs) > 1:
            other = rng.choice(self.orgs[:-1])
            if other.active:
                self.membership(other, uid, Role.UTILISATEUR_SIMPLE, MembershipStatus.VALIDEE,
                                other.principal)  # fmt: skip

    def outcome(self, org: _Org) -> tuple[Role, MembershipStatus]:
        draw = self.rng.random()
        for threshold, role, status in MEMBER_OUTCOMES:
            if draw < threshold:
                if status == MembershipStatus.EN_COURS_DE_VALIDATION and not org.active:
                    break
                return role, status
        return Role.UTILISATEUR_SIMPLE, MembershipStatus.VALIDEE

    def account_status(self) -> AccountStatus:
        draw = self.rng.random()
        if draw < P_PENDING_ACTIVATION:
            return AccountStatus.EN_COURS_ACTIVATION
        if draw < P_PENDING_ACTIVATION + P_DEACTIVATED:
            return AccountStatus.DESACTIVE
        return AccountStatus.ACTIF

    def user(self, org: _Org, status: AccountStatus, age: float, technical: bool = False) -> int:
        rng = self.rng
        uid = self.next_id("user")
        login = f"user{uid:06d}@scale.example"
        if technical:
            nom, prenom = "API", org.name
        else:
            nom, prenom = rng.choice(SURNAMES).upper(), rng.choice(FIRST_NAMES)
        adresse = f"{rng.randint(1, 200)} {rng.choice(STREETS)}"
        pending = status == AccountStatus.EN_COURS_ACTIVATION
        deactivated = self.ts(rng.uniform(1, 200)) if status == AccountStatus.DESACTIVE else None
        expired = rng.random() < P_EXPIRED_PASSWORD
        password_age = rng.uniform(181, 400) if expired else rng.uniform(0, min(age, 170))
        self.tables["user"].add(
            uid, login, login, nom, prenom, adresse, org.town[1], org.town[0],
            status.value, self.ts(age), None if pending else self.ts(age), deactivated,
            None if pending else self.ts(rng.uniform(0, min(age, 60))),
            None if pending else self.password_hash, None if pending else self.ts(password_age),
            technical, org.id if technical else None,
            # SEARCH_COLUMNS: the login (lower-case ASCII) is its own folded form.
            _fold(nom), _fold(prenom), login, login, _fold(org.town[0]), _fold(adresse),
        )  # fmt: skip
        return uid

    def membership(
        self, org: _Org, uid: int, role: Role, status: MembershipStatus, decider: int | None = None
    ) -> None:
        rng = self.rng
        mid = self.next_id("membership")
        pending = status == MembershipStatus.EN_COURS_DE_VALIDATION
        age = rng.uniform(0, 20) if pending else rng.uniform(1, org.age)
        whole = not org.services or rng.random() < P_WHOLE_STRUCTURE
        lines = [] if whole else rng.sample(org.services, rng.randint(1, len(org.services)))
        motif = rng.choice(REFUSAL_MOTIFS) if status == MembershipStatus.REFUSEE else ""
        self.tables["membership"].add(
            mid, uid, org.id, role.value, status.value, self.date(age + 1), whole,
            self.ts(age + 1), None if pending else self.ts(age), None if pending else decider,
            motif, "",
        )  # fmt: skip
        for service_id in lines:
            self.tables["membership_service"].add(mid, service_id, LINE_STATUS[status].value)
        if status == MembershipStatus.VALIDEE:
            for space_id in self.defaults[role, org.kind]:
                self.subscription(uid, org.id, space_id, SubscriptionStatus.VALIDE, age,
                                  decider or uid)  # fmt: skip
        self.membership_history(org, uid, role, status, age, motif)

    def membership_history(
        self, org: _Org, uid: int, role: Role, status: MembershipStatus, age: float, motif: str
    ) -> None:
        if status == MembershipStatus.EN_COURS_DE_VALIDATION:
            self.event(uid, "membership_requested", age, structure=org.name)
        elif status == MembershipStatus.REFUSEE:
            self.audit(org, uid, "MEMBERSHIP_REFUSED", age, motif, role=role)
            self.event(uid, "membership_refused", age, structure=org.name)
        elif status == MembershipStatus.SUPPRIMEE:
            self.audit(org, uid, "MEMBERSHIP_REMOVED", age / 2, role=role)
        elif role != Role.GESTIONNAIRE_PRINCIPAL and self.rng.random() < P_VALIDATION_HISTORY:
            self.audit(org, uid, "MEMBERSHIP_VALIDATED", age, role=role)
            self.event(uid, "membership_validated", age, structure=org.name)
            if role == Role.GESTIONNAIRE_SECONDAIRE:
                self.event(uid, "role_changed", age, structure=org.name, role=role.value)

    def subscription_requests(self, org: _Org, uid: int) -> None:
        """Pending requests for the spaces no membership gives by default, and a few refusals."""
        rng = self.rng
        draw = rng.random()
        if draw >= P_SUBSCRIPTION_REQUEST + P_SUBSCRIPTION_REFUSED:
            return
        space = rng.choice(REQUESTABLE_SPACES[org.kind])
        space_id, age = self.spaces[space], rng.uniform(0, 30)
        if draw < P_SUBSCRIPTION_REQUEST:
            self.subscription(uid, org.id, space_id, SubscriptionStatus.EN_COURS_DE_VALIDATION, age)
            return
        motif = "Espace réservé aux responsables de service."
        self.subscription(
            uid, org.id, space_id, SubscriptionStatus.REFUSE, age, org.principal, motif
        )
        self.audit(org, uid, "SUBSCRIPTION_REFUSED", age, motif, space=space.value)
        self.event(uid, "subscription_refused", age, structure=org.name, space=space.value)

    def subscription(
        self, uid: int, sid: int, space_id: int, status: SubscriptionStatus, age: float,
        decider: int | None = None, motif: str = "",
    ) -> None:  # fmt: skip
        decided = status != SubscriptionStatus.EN_COURS_DE_VALIDATION
        habilitation = Habilitation.MODIFICATION.value
        self.tables["subscription"].add(
            uid, sid, None, space_id, habilitation, status.value, self.date(age),
            self.ts(age + 0.5 if not decided else age), self.ts(age) if decided else None,
            decider if decided else None, motif,
        )  # fmt: skip

    def audit(
        self, org: _Org, target: int, action: str, age: float, motif: str = "", **details: Any
    ) -> None:
        self.tables["audit"].add(
            self.ts(age), org.principal, org.id, target, action, motif,
            json.dumps(details, ensure_ascii=False),
        )  # fmt: skip

    def event(self, uid: int, kind: str, age: float, **params: str) -> None:
        self.tables["event"].add(uid, self.ts(age), kind, json.dumps(params, ensure_ascii=False))


def _tables() -> dict[str, _Table]:
    """In foreign-key order: each batch is written in this order."""
    return {
        "structure": _Table(Structure, (
            "id", "kind", "identifier_type", "identifier", "raison_sociale", "adresse",
            "code_postal", "ville", "status", "created_at", "search_raison_sociale",
            "search_ville",
        )),
        "service": _Table(Service, (
            "id", "structure", "code", "libelle", "created_at", "search_libelle",
        )),
        "structure_space": _Table(StructureSpace, ("structure", "space", "created_at")),
        "user": _Table(User, (
            "id", "login", "email", "nom", "prenom", "adresse", "code_postal", "ville", "status",
            "created_at", "activated_at", "deactivated_at", "last_login_at", "password_hash",
            "password_changed_at", "is_technical", "technical_structure", *SEARCH_COLUMNS,
        )),
        "membership": _Table(Membership, (
            "id", "user", "structure", "role", "status", "start_date", "whole_structure",
            "requested_at", "decided_at", "decided_by", "motif", "comment",
        )),
        "membership_service": _Table(MembershipService, ("membership", "service", "status")),
        "subscription": _Table(Subscription, (
            "user", "structure", "service", "space", "habilitation", "status", "effective_date",
            "requested_at", "decided_at", "decided_by", "motif",
        )),
        "audit": _Table(AuditEntry, (
            "at", "actor", "structure", "target_user", "action", "motif", "details",
        )),
        "event": _Table(Event, ("user", "at", "kind", "params")),
    }  # fmt: skip
