"""The cast of the demo database (SPEC §7) as data: who, which structures, which requests and
what happened. ``db/demo.py`` turns it into rows."""

from __future__ import annotations

from typing import Any, NamedTuple

from chorus_tui.models.codes import (
    Habilitation,
    MembershipStatus,
    Role,
    ServiceLineStatus,
    SpaceCode,
    StructureKind,
    StructureStatus,
    SubscriptionStatus,
)

P, S, U = Role.GESTIONNAIRE_PRINCIPAL, Role.GESTIONNAIRE_SECONDAIRE, Role.UTILISATEUR_SIMPLE
PENDING, VALIDATED = MembershipStatus.EN_COURS_DE_VALIDATION, MembershipStatus.VALIDEE
REFUSED, REMOVED = MembershipStatus.REFUSEE, MembershipStatus.SUPPRIMEE
MODIF, CONSULT = Habilitation.MODIFICATION, Habilitation.CONSULTATION_UNIQUEMENT


DOCUMENT_TYPES = (
    ("DIVERS", "Divers", "Miscellaneous"),
    ("BON_COMMANDE", "Bon de commande", "Purchase order"),
    ("CONTRAT", "Contrat", "Contract"),
    ("DEVIS", "Devis", "Quote"),
    ("JUSTIFICATIF", "Justificatif", "Supporting document"),
    ("RIB", "Relevé d'identité bancaire", "Bank details"),
)

# (days ago, title FR, body FR, title EN, body EN)
NEWS = (
    (
        2,
        "Maintenance programmée du portail",
        "Le portail sera indisponible samedi de 20 h à 23 h pour une opération de maintenance.",
        "Scheduled maintenance",
        "The portal will be unavailable on Saturday from 8 pm to 11 pm for maintenance.",
    ),
    (
        15,
        "Nouvelle règle de mot de passe",
        "Les mots de passe comptent désormais au moins 12 caractères et trois types de caractères "
        "parmi majuscules, minuscules, chiffres et caractères spéciaux.",
        "New password rule",
        "Passwords now have at least 12 characters and three kinds of characters among "
        "uppercase, lowercase, digits and special characters.",
    ),
    (
        40,
        "Gestionnaires : validez les demandes en masse",
        "Dans « Activités du gestionnaire », sélectionnez plusieurs demandes de rattachement "
        "pour les valider ou les refuser en une seule fois.",
        "Managers: decide requests in bulk",
        "In « Manager activities », select several membership requests to accept or refuse them "
        "at once.",
    ),
    (
        90,
        "Facturation électronique : toutes les entreprises concernées",
        "Depuis le 1er janvier 2020, toutes les entreprises qui facturent le secteur public "
        "déposent leurs factures sur Chorus Pro.",
        "E-invoicing: every company concerned",
        "Since 1 January 2020, every company invoicing the public sector files its invoices on "
        "Chorus Pro.",
    ),
)


class StructureSeed(NamedTuple):
    key: str
    kind: StructureKind
    siret: str
    raison_sociale: str
    adresse: str
    code_postal: str
    ville: str
    telephone: str
    age: int
    services: tuple[tuple[str, str], ...] = ()
    status: StructureStatus = StructureStatus.ACTIF


PUB, PRIV = StructureKind.PUBLIQUE, StructureKind.PRIVEE
FACTURES_PUBLIQUES = ("FACTURES_PUBLIQUES", "Service des factures publiques")

# fmt: off
STRUCTURES = (
    StructureSeed(
        "menuiserie", PRIV, "12600591700516", "Menuiserie Dupont", "12 rue des Artisans",
        "75011", "Paris", "+33 1 43 55 12 34", 2300,
        (("MOBURB", "Mobilier Urbain"), ("MENINT", "Menuiseries Intérieures")),
    ),
    StructureSeed(
        "renovation", PRIV, "12700591600839", "Rénovation Habitat", "8 avenue Jean Jaurès",
        "93100", "Montreuil", "+33 1 48 70 21 09", 1500,
    ),
    StructureSeed(
        "mairie", PUB, "14700985600815", "Mairie de Terneuil sur Seine", "3 rue de Crimée",
        "97500", "Terneuil sur Seine", "+33 1 48 96 00 12", 3000,
        (("URBA", "Urbanisme"), ("VOIRIE", "Voirie")),
    ),
    StructureSeed(
        "ccas", PUB, "14700985600138", "CCAS Terneuil sur Seine", "5 place de la République",
        "97500", "Terneuil sur Seine", "+33 1 48 96 00 40", 2900,
        (FACTURES_PUBLIQUES, ("ACTION_SOCIALE", "Action sociale")),
    ),
    StructureSeed(
        "rec100", PRIV, "00000000000141", "REC100FOURNISSEUR", "1 rue de la Recette",
        "75012", "Paris", "", 2000,
        (
            FACTURES_PUBLIQUES,
            ("SERVICE_FOURNISSEURREC100", "SERVICE_FOURNISSEURREC100"),
            ("SERVICE3", "SERVICE3"),
        ),
    ),
    StructureSeed(
        "pietralba", PUB, "21200223200016", "PIETRALBA", "Place de l'Église",
        "20218", "Pietralba", "+33 4 95 48 00 00", 2100, (("752550", "Service commercial"),),
    ),
    StructureSeed(
        "lebrun", PRIV, "48312657900026", "Menuiserie Lebrun", "27 quai Saint-Vincent",
        "69001", "Lyon", "+33 4 78 28 11 90", 1200, (("ATELIER", "Atelier"),),
    ),
    StructureSeed(
        "ebenisterie", PRIV, "52209874800018", "Ébénisterie du Val de Seine", "4 rue Jeanne d'Arc",
        "76000", "Rouen", "+33 2 35 70 44 12", 900,
    ),
    StructureSeed(
        "eltran", PRIV, "80145632800039", "Eltran Transports", "110 boulevard National",
        "13003", "Marseille", "+33 4 91 50 60 70", 1100,
        (("LOGISTIQUE", "Logistique"), ("COMPTA", "Comptabilité")),
    ),
    StructureSeed(
        "syndicat", PUB, "21975012200018", "Syndicat des eaux de Terneuil", "2 chemin du Moulin",
        "97500", "Terneuil sur Seine", "+33 1 48 96 10 10", 2600, (("ASSAIN", "Assainissement"),),
    ),
    StructureSeed(
        "atelier", PRIV, "39861274700020", "Atelier Bois et Fer", "9 rue Kervégan",
        "44000", "Nantes", "", 2500, status=StructureStatus.INACTIF,
    ),
)
# fmt: on


class UserSeed(NamedTuple):
    key: str
    login: str
    nom: str
    prenom: str
    email: str
    adresse: str = ""
    code_postal: str = ""
    ville: str = ""
    telephone: str = ""
    age: int = 365
    last_login: float | None = None


TERNEUIL = ("97500", "Terneuil sur Seine")

# fmt: off
USERS = (
    UserSeed(
        "paul", "paul.dupont@menuiserie.fr", "DUPONT", "Paul", "contact@menuiserie.fr",
        "12 rue des Artisans", "75011", "Paris", "+33 1 43 55 12 34", 2300, 3.1,
    ),
    UserSeed(
        "claire", "claire.dupont@menuiserie.fr", "DUPONT", "Claire", "claire.dupont@menuiserie.fr",
        "12 rue des Artisans", "75011", "Paris", "+33 1 43 55 12 35", 420, 1.2,
    ),
    UserSeed(
        "antoine", "antoine.roussel@menuiserie.fr", "ROUSSEL", "Antoine",
        "antoine.roussel@menuiserie.fr", "40 rue Oberkampf", "75011", "Paris", "", 210, 6.4,
    ),
    UserSeed(
        "tech", "api.menuiserie-dupont@menuiserie.fr", "API", "Menuiserie Dupont",
        "contact@menuiserie.fr", age=300,
    ),
    UserSeed(
        "luc", "luc.garnier@menuiserie.fr", "GARNIER", "Luc", "luc.garnier@menuiserie.fr",
        "5 rue de Charonne", "75011", "Paris", "", 720, 15,
    ),
    UserSeed(
        "nadia", "nadia.bensaid@laposte.net", "BENSAÏD", "Nadia", "nadia.bensaid@laposte.net",
        "18 rue de la Roquette", "75011", "Paris", "+33 6 12 34 56 78", 5, 2.3,
    ),
    UserSeed(
        "helene", "helene.faure@renovation-habitat.fr", "FAURE", "Hélène",
        "helene.faure@renovation-habitat.fr", "8 avenue Jean Jaurès", "93100", "Montreuil", "",
        320, 4.5,
    ),
    UserSeed(
        "marie", "marie.lambert@renovation-habitat.fr", "LAMBERT", "Marie",
        "marie.lambert@renovation-habitat.fr", "21 rue de Paris", "93100", "Montreuil", "",
        1500, 95,
    ),
    UserSeed("pauline", "pauline.dufour@mairieterneuil.fr", "DUFOUR", "Pauline", "", age=30),
    UserSeed(
        "eric", "eric.legrand@mairieterneuil.fr", "LEGRAND", "Éric",
        "eric.legrand@mairieterneuil.fr", "3 rue de Crimée", *TERNEUIL, "+33 1 48 96 00 15",
        950, 0.9,
    ),
    UserSeed(
        "julie", "jbon@ccasterneuil.fr", "BON", "Julie", "jbon@ccasterneuil.fr",
        "5 place de la République", *TERNEUIL, "+33 1 48 96 00 41", 520, 2.1,
    ),
    UserSeed(
        "jules", "jmartin@ccasterneuil.fr", "MARTIN", "Jules", "jmartin@ccasterneuil.fr",
        "5 place de la République", *TERNEUIL, "", 260, 190,
    ),
    UserSeed(
        "gest", "gest_fourrec100@rec.fr", "GEST_FOURREC100", "utilisateur_test", "987@mail.fr",
        "1 rue de la Recette", "75012", "Paris", "", 2000, 10,
    ),
    UserSeed(
        "boh", "boh.test1@rec.fr", "BOH", "test1", "123@mail.fr",
        "1 rue de la Recette", "75012", "Paris", "", 820, 10,
    ),
    UserSeed(
        "thomas", "thomas.mostkowsy@rec.fr", "Mostkowsy", "Thomas", "654@mail.fr",
        "1 rue de la Recette", "75012", "Paris", "", 510, 35,
    ),
    UserSeed(
        "bch", "bch@aife.fr", "BCH", "test1", "bch@aife.fr",
        "10 rue Auguste Blanqui", "93100", "Montreuil", "", 460, 8,
    ),
    UserSeed(
        "zahra", "zahra.hamoumamar@eltran.com", "hamou", "zahra", "zahra.hamoumamar@eltran.com",
        "110 boulevard National", "13003", "Marseille", "+33 4 91 50 60 71", 400, 1.4,
    ),
    UserSeed(
        "jean", "jean.pierre@pietralba.fr", "PIERRE", "Jean", "jean.pierre@pietralba.fr",
        "Place de l'Église", "20218", "Pietralba", "+33 4 95 48 00 01", 2100, 1.1,
    ),
    UserSeed(
        "matt", "youzerfo@rec.fr", "card", "matt", "youzerfo@rec.fr",
        "Place de l'Église", "20218", "Pietralba", "", 600, 40,
    ),
    UserSeed(
        "compte", "utilisateur.compte@test.fr", "Compte", "Utilisateur",
        "utilisateur.compte@test.fr", "Place de l'Église", "20218", "Pietralba", "", 720, 60,
    ),
    UserSeed("matthieu", "recfo@rec.fr", "cardan", "matthieu", "recfo@rec.fr", age=5),
    UserSeed(
        "pacome", "pbuserfo@rec.fr", "bourdon", "pacôme", "pbuserfo@rec.fr",
        "2 rue Notre-Dame", "20200", "Bastia", "", 7, 6.2,
    ),
    UserSeed(
        "bruno", "bruno.lebrun@menuiserie-lebrun.fr", "LEBRUN", "Bruno",
        "bruno.lebrun@menuiserie-lebrun.fr", "27 quai Saint-Vincent", "69001", "Lyon",
        "+33 4 78 28 11 90", 2500, 12,
    ),
    UserSeed(
        "hugo", "hugo.mercier@menuiserie-lebrun.fr", "MERCIER", "Hugo",
        "hugo.mercier@menuiserie-lebrun.fr", "3 rue Burdeau", "69001", "Lyon", "", 300, 20,
    ),
    UserSeed(
        "elodie", "elodie.vasseur@ebenisterie-val.fr", "VASSEUR", "Élodie",
        "elodie.vasseur@ebenisterie-val.fr", "4 rue Jeanne d'Arc", "76000", "Rouen", "", 900, 5,
    ),
    UserSeed(
        "camille", "camille.roux@ebenisterie-val.fr", "ROUX", "Camille",
        "camille.roux@ebenisterie-val.fr", "12 rue du Gros-Horloge", "76000", "Rouen", "", 150, 9,
    ),
    UserSeed(
        "olivier", "olivier.brunet@eltran.com", "BRUNET", "Olivier", "olivier.brunet@eltran.com",
        "110 boulevard National", "13003", "Marseille", "+33 4 91 50 60 70", 1100, 2,
    ),
    UserSeed(
        "sebastien", "sebastien.morel@eltran.com", "MOREL", "Sébastien",
        "sebastien.morel@eltran.com", "45 rue de la République", "13002", "Marseille", "", 700, 3,
    ),
    UserSeed(
        "gerard", "gerard.petit@eaux-terneuil.fr", "PETIT", "Gérard",
        "gerard.petit@eaux-terneuil.fr", "2 chemin du Moulin", *TERNEUIL, "", 2600, 7,
    ),
    UserSeed(
        "lea", "lea.fontaine@eaux-terneuil.fr", "FONTAINE", "Léa", "lea.fontaine@eaux-terneuil.fr",
        "2 chemin du Moulin", *TERNEUIL, "", 400, 11,
    ),
)
# fmt: on


class MembershipSeed(NamedTuple):
    user: str
    structure: str
    role: Role
    status: MembershipStatus
    age: float
    services: tuple[str, ...] = ()
    decided_by: str | None = None
    comment: str = ""
    motif: str = ""


# fmt: off
MEMBERSHIPS = (
    MembershipSeed("paul", "menuiserie", P, VALIDATED, 2300),
    MembershipSeed("claire", "menuiserie", S, VALIDATED, 400, decided_by="paul"),
    MembershipSeed("antoine", "menuiserie", U, VALIDATED, 200, ("MOBURB",), "paul"),
    MembershipSeed("luc", "menuiserie", U, VALIDATED, 700, ("MENINT",), "paul"),
    MembershipSeed(
        "nadia", "menuiserie", U, PENDING, 2, ("MOBURB", "MENINT"),
        comment="Assistante administrative : saisie et suivi des factures.",
    ),
    MembershipSeed(
        "bruno", "menuiserie", U, REFUSED, 120, (), "paul",
        motif="Demande non justifiée : personne extérieure à l'entreprise.",
    ),
    MembershipSeed("helene", "menuiserie", U, REMOVED, 30, ("MENINT",), "paul"),
    MembershipSeed("paul", "renovation", P, VALIDATED, 400),
    MembershipSeed("helene", "renovation", U, VALIDATED, 300, decided_by="paul"),
    MembershipSeed("marie", "renovation", U, VALIDATED, 1500),
    MembershipSeed("pauline", "mairie", P, VALIDATED, 30),
    MembershipSeed("eric", "mairie", S, VALIDATED, 950),
    MembershipSeed("julie", "mairie", U, VALIDATED, 500, ("URBA",), "eric"),
    MembershipSeed("pauline", "ccas", P, VALIDATED, 30),
    MembershipSeed("eric", "ccas", S, VALIDATED, 940),
    MembershipSeed("jules", "ccas", U, VALIDATED, 250, decided_by="eric"),
    MembershipSeed(
        "julie", "ccas", U, REFUSED, 365, ("FACTURES_PUBLIQUES",), "eric",
        motif="Merci de préciser votre fonction au sein du CCAS dans le commentaire.",
    ),
    MembershipSeed(
        "julie", "ccas", U, PENDING, 3, ("FACTURES_PUBLIQUES", "ACTION_SOCIALE"),
        comment="Agent comptable du CCAS : traitement des factures publiques.",
    ),
    MembershipSeed("gest", "rec100", P, VALIDATED, 2000),
    MembershipSeed("boh", "rec100", S, VALIDATED, 800, decided_by="gest"),
    MembershipSeed("thomas", "rec100", U, VALIDATED, 500, ("SERVICE3",), "gest"),
    MembershipSeed("bch", "rec100", U, VALIDATED, 450, decided_by="gest"),
    MembershipSeed("zahra", "rec100", U, VALIDATED, 380, ("FACTURES_PUBLIQUES",), "gest"),
    MembershipSeed("jean", "pietralba", P, VALIDATED, 2100),
    MembershipSeed("matt", "pietralba", U, VALIDATED, 580, decided_by="jean"),
    MembershipSeed("compte", "pietralba", U, VALIDATED, 700, decided_by="jean"),
    MembershipSeed("matthieu", "pietralba", U, VALIDATED, 5, decided_by="jean"),
    MembershipSeed(
        "zahra", "pietralba", U, PENDING, 1, ("752550",),
        comment="Suivi des factures émises vers la commune.",
    ),
    MembershipSeed("pacome", "pietralba", U, PENDING, 6),
    MembershipSeed("bruno", "lebrun", P, VALIDATED, 1200),
    MembershipSeed("hugo", "lebrun", U, VALIDATED, 290, ("ATELIER",), "bruno"),
    MembershipSeed("bruno", "atelier", P, VALIDATED, 2500),
    MembershipSeed("elodie", "ebenisterie", P, VALIDATED, 900),
    MembershipSeed("camille", "ebenisterie", U, VALIDATED, 140, decided_by="elodie"),
    MembershipSeed("olivier", "eltran", P, VALIDATED, 1100),
    MembershipSeed("sebastien", "eltran", S, VALIDATED, 690, decided_by="olivier"),
    MembershipSeed("gerard", "syndicat", P, VALIDATED, 2600),
    MembershipSeed("lea", "syndicat", U, VALIDATED, 390, ("ASSAIN",), "gerard"),
)
# fmt: on

SUBSCRIPTION_STATUS = {
    "pending": SubscriptionStatus.EN_COURS_DE_VALIDATION,
    "valid": SubscriptionStatus.VALIDE,
    "refused": SubscriptionStatus.REFUSE,
}


class SubscriptionSeed(NamedTuple):
    """A subscription beyond the default ones a validated membership gives."""

    user: str
    structure: str
    space: SpaceCode
    service: str | None
    habilitation: Habilitation
    status: str
    age: float
    decided_by: str | None = None
    comment: str = ""
    motif: str = ""


# fmt: off
SUBSCRIPTIONS = (
    SubscriptionSeed(
        "julie", "mairie", SpaceCode.FACTURES_A_VALIDER, "URBA", MODIF, "pending", 4,
        comment="Validation des factures du service Urbanisme.",
    ),
    SubscriptionSeed("julie", "mairie", SpaceCode.FACTURES_TRAVAUX, "URBA", CONSULT, "pending", 4),
    SubscriptionSeed(
        "julie", "mairie", SpaceCode.FACTURES_A_VALIDER, None, MODIF, "refused", 200, "eric",
        motif="Espace réservé aux responsables de service.",
    ),
    SubscriptionSeed(
        "antoine", "menuiserie", SpaceCode.FACTURES_TRAVAUX, "MOBURB", MODIF, "pending", 1,
        comment="Suivi des factures de chantier.",
    ),
    SubscriptionSeed(
        "antoine", "menuiserie", SpaceCode.FACTURES_A_VALIDER, None, CONSULT, "refused", 60, "paul",
        motif="L'espace Factures à valider ne concerne pas l'atelier.",
    ),
    SubscriptionSeed(
        "paul", "menuiserie", SpaceCode.FACTURES_TRAVAUX, "MOBURB", MODIF, "valid", 45, "paul",
    ),
    SubscriptionSeed(
        "bch", "rec100", SpaceCode.FACTURES_TRAVAUX, None, MODIF, "pending", 8,
        comment="Dépôt des factures de travaux.",
    ),
    SubscriptionSeed(
        "zahra", "rec100", SpaceCode.FACTURES_TRAVAUX, "FACTURES_PUBLIQUES", MODIF, "valid", 370,
        "gest", comment="Création d'abonnement",
    ),
)
# fmt: on


class AuditSeed(NamedTuple):
    """A history entry that is not the decision of a seeded membership or subscription."""

    age: float
    actor: str
    structure: str
    target: str | None
    action: str
    details: dict[str, Any]


# fmt: off
AUDITS = (
    AuditSeed(300, "paul", "menuiserie", "tech", "TECHNICAL_USER_CREATED", {}),
    AuditSeed(300, "paul", "menuiserie", "helene", "MEMBERSHIP_VALIDATED", {"role": U}),
    AuditSeed(400, "marie", "renovation", "paul", "PRINCIPAL_TRANSFERRED", {"role": P}),
    AuditSeed(5, "jean", "pietralba", "matthieu", "ACCOUNT_CREATED", {"role": U}),
    AuditSeed(120, "gest", "rec100", "thomas", "USER_REACTIVATED", {}),
)
# fmt: on


class EventSeed(NamedTuple):
    """A feed item that is not the echo of a seeded decision."""

    user: str
    age: float
    kind: str
    params: dict[str, str]


# fmt: off
EVENTS = (
    EventSeed("paul", 400, "role_changed", {"structure": "Rénovation Habitat", "role": P}),
    EventSeed("paul", 20, "password_changed", {}),
    EventSeed("thomas", 120, "account_reactivated", {}),
    EventSeed("jules", 250, "account_created", {}),
)
# fmt: on

DOCUMENT_BYTES = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


SERVICE_LINE_STATUS = {
    PENDING: ServiceLineStatus.EN_COURS_DE_VALIDATION,
    VALIDATED: ServiceLineStatus.VALIDE,
    REFUSED: ServiceLineStatus.REFUSE,
    REMOVED: ServiceLineStatus.DESACTIVE,
}

# Membership status → (history action, feed event kind or "" for none).
MEMBERSHIP_HISTORY = {
    VALIDATED: ("MEMBERSHIP_VALIDATED", "membership_validated"),
    REFUSED: ("MEMBERSHIP_REFUSED", "membership_refused"),
    REMOVED: ("MEMBERSHIP_REMOVED", ""),
}
