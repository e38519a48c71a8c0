"""The Chorus Pro status and role codes, as stored and shown (SPEC §2)."""

from __future__ import annotations

from enum import StrEnum


class AccountStatus(StrEnum):
    ACTIF = "ACTIF"
    EN_COURS_ACTIVATION = "EN_COURS_ACTIVATION"
    DESACTIVE = "DESACTIVE"


class MembershipStatus(StrEnum):
    EN_COURS_DE_VALIDATION = "EN_COURS_DE_VALIDATION"
    VALIDEE = "VALIDEE"
    REFUSEE = "REFUSEE"
    DESACTIVEE = "DESACTIVEE"
    SUPPRIMEE = "SUPPRIMEE"


class ServiceLineStatus(StrEnum):
    """The status of one service inside a membership (« En cours de validation », « Validé »…)."""

    EN_COURS_DE_VALIDATION = "EN_COURS_DE_VALIDATION"
    VALIDE = "VALIDE"
    DESACTIVE = "DESACTIVE"
    REFUSE = "REFUSE"


class SubscriptionStatus(StrEnum):
    EN_COURS_DE_VALIDATION = "EN_COURS_DE_VALIDATION"
    VALIDE = "VALIDE"
    REFUSE = "REFUSE"


class StructureStatus(StrEnum):
    ACTIF = "ACTIF"
    INACTIF = "INACTIF"


class StructureKind(StrEnum):
    PUBLIQUE = "PUBLIQUE"
    PRIVEE = "PRIVEE"


class IdentifierType(StrEnum):
    SIRET = "SIRET"
    UE_HORS_FRANCE = "UE_HORS_FRANCE"
    HORS_UE = "HORS_UE"
    RIDET = "RIDET"
    TAHITI = "TAHITI"
    EN_COURS_IMMATRICULATION = "EN_COURS_IMMATRICULATION"
    PARTICULIER = "PARTICULIER"


class Role(StrEnum):
    GESTIONNAIRE_PRINCIPAL = "GESTIONNAIRE_PRINCIPAL"
    GESTIONNAIRE_SECONDAIRE = "GESTIONNAIRE_SECONDAIRE"
    UTILISATEUR_SIMPLE = "UTILISATEUR_SIMPLE"


class SecondaryRights(StrEnum):
    """« Droits des gestionnaires secondaires » of a structure (SPEC §3)."""

    IDENTIQUES_PRINCIPAL = "IDENTIQUES_PRINCIPAL"
    IDENTIQUES_UTILISATEUR = "IDENTIQUES_UTILISATEUR"


class Habilitation(StrEnum):
    CONSULTATION_UNIQUEMENT = "CONSULTATION_UNIQUEMENT"
    MODIFICATION = "MODIFICATION"


class SpaceCode(StrEnum):
    ACCUEIL_CONNECTE = "ACCUEIL_CONNECTE"
    FACTURES_EMISES = "FACTURES_EMISES"
    FACTURES_RECUES = "FACTURES_RECUES"
    FACTURES_A_VALIDER = "FACTURES_A_VALIDER"
    FACTURES_TRAVAUX = "FACTURES_TRAVAUX"
    SOLLICITATIONS_EMISES = "SOLLICITATIONS_EMISES"
    SOLLICITATIONS_RECUES = "SOLLICITATIONS_RECUES"
    MON_COMPTE = "MON_COMPTE"
    ACTIVITES_GESTIONNAIRE = "ACTIVITES_GESTIONNAIRE"


class MailStatus(StrEnum):
    PENDING = "PENDING"
    SENDING = "SENDING"
    SENT = "SENT"
    FAILED = "FAILED"


class CodePurpose(StrEnum):
    """Why an activation code was issued: F8 reactivation (24 h) or M8 creation (7 days)."""

    REACTIVATION = "REACTIVATION"
    CREATION = "CREATION"


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)
