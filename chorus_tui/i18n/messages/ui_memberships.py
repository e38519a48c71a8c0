"""« Mes rattachements aux structures » of Mon Compte (F4): the block, « consulter la structure »,
« accéder à la demande », and « Supprimer rattachements » with the successor step."""

FR = {
    "memberships.title": "Mes rattachements aux structures",
    "memberships.column.identifier": "Identifiant structure",
    "memberships.column.designation": "Désignation",
    "memberships.column.role": "Rôle",
    "memberships.column.status": "Statut",
    "memberships.empty": "Aucun rattachement.",
    "memberships.hint": (
        "Espace : cocher · Entrée : consulter la structure · r : accéder à la demande · "
        "Suppr : supprimer rattachements · d : demander un rattachement"
    ),
    "memberships.role.short.GESTIONNAIRE_PRINCIPAL": "Gest. principal",
    "memberships.role.short.GESTIONNAIRE_SECONDAIRE": "Gest. secondaire",
    "memberships.role.short.UTILISATEUR_SIMPLE": "Utilisateur",
    "memberships.status.EN_COURS_DE_VALIDATION": "En cours de validation",
    "memberships.status.VALIDEE": "Validée",
    "memberships.status.REFUSEE": "Refusée",
    "memberships.status.DESACTIVEE": "Désactivée",
    "memberships.status.SUPPRIMEE": "Supprimée",
    "memberships.status.short.EN_COURS_DE_VALIDATION": "En cours",
    "memberships.service_status.EN_COURS_DE_VALIDATION": "En cours de validation",
    "memberships.service_status.VALIDE": "Validé",
    "memberships.service_status.DESACTIVE": "Désactivé",
    "memberships.service_status.REFUSE": "Refusé",
    "memberships.identifier_type.SIRET": "SIRET",
    "memberships.identifier_type.UE_HORS_FRANCE": "UE hors France",
    "memberships.identifier_type.HORS_UE": "Hors UE",
    "memberships.identifier_type.RIDET": "RIDET",
    "memberships.identifier_type.TAHITI": "Numéro TAHITI",
    "memberships.identifier_type.EN_COURS_IMMATRICULATION": "En cours d'immatriculation",
    "memberships.identifier_type.PARTICULIER": "Particulier",
    "memberships.key.consult": "Consulter",
    "memberships.key.request": "Demande",
    "memberships.key.remove": "Supprimer",
    "memberships.key.ask": "Demander",
    "memberships.key.search": "Rechercher",
    "memberships.cmd.ask": "Rattachements : demander un rattachement",
    "memberships.cmd.ask.help": "Recherche une structure à laquelle demander un rattachement.",
    "memberships.cmd.remove": "Rattachements : supprimer rattachements",
    "memberships.cmd.remove.help": (
        "Supprime les rattachements cochés (ou celui sous le curseur), après confirmation."
    ),
    "memberships.structure.title": "Consulter la structure",
    "memberships.structure.identifier_type": "Type d'identifiant",
    "memberships.structure.identifier": "Identifiant",
    "memberships.structure.raison_sociale": "Raison sociale",
    "memberships.structure.kind": "Type",
    "memberships.structure.status": "Statut",
    "memberships.structure.adresse": "Adresse",
    "memberships.structure.code_postal": "Code postal",
    "memberships.structure.ville": "Ville",
    "memberships.structure.pays": "Pays",
    "memberships.structure.telephone": "Téléphone",
    "memberships.structure.services": "Services",
    "memberships.structure.no_services": "Aucun service.",
    "memberships.request.title": "Demande de rattachement",
    "memberships.request.structure": "Structure",
    "memberships.request.role": "Rôle",
    "memberships.request.status": "Statut",
    "memberships.request.start_date": "Date de début de validité",
    "memberships.request.end_date": "Date de fin de validité",
    "memberships.request.requested_at": "Demandée le",
    "memberships.request.comment": "Commentaire",
    "memberships.request.motif": "Motif du refus",
    "memberships.request.services": "Liste des services",
    "memberships.request.whole": "Rattachement à toute la structure.",
    "memberships.request.col.code": "Code de service",
    "memberships.request.col.libelle": "Nom du service",
    "memberships.request.col.status": "Statut du rattachement",
    "memberships.remove.title": "Fenêtre de confirmation",
    "memberships.remove.message": (
        "Etes-vous sûr de vouloir supprimer vos rattachements aux structures suivantes ?"
    ),
    "memberships.remove.col.identifier": "Identifiant Structure",
    "memberships.remove.col.designation": "Désignation",
    "memberships.remove.col.code": "Code Service",
    "memberships.remove.col.status": "Statut",
    "memberships.remove.warning": (
        "Si vous êtes le gestionnaire de l'une de ces structures, vous devez désigner un nouveau "
        "gestionnaire à la prochaine étape. Après suppression du rattachement, vous ne pourrez "
        "plus consulter les demandes émises au titre de ces structures."
    ),
    "memberships.remove.ok": "OK",
    "memberships.removed": "{count} rattachement(s) supprimé(s).",
    "memberships.successor.title": "Désigner un nouveau gestionnaire principal",
    "memberships.successor.intro": (
        "Vous êtes gestionnaire principal des structures ci-dessous. Saisissez pour chacune "
        "l'identifiant de connexion de son nouveau gestionnaire principal. Vous y resterez "
        "rattaché en tant qu'utilisateur simple. Rien n'est supprimé avant « Valider »."
    ),
    "memberships.successor.field": "Identifiant de connexion *",
    "memberships.successor.search": "Rechercher un utilisateur (F3)",
    "memberships.successor.errors": (
        "Veuillez corriger le nouveau gestionnaire principal de : {structures}."
    ),
}

EN = {
    "memberships.title": "My memberships of structures",
    "memberships.column.identifier": "Structure identifier",
    "memberships.column.designation": "Name",
    "memberships.column.role": "Role",
    "memberships.column.status": "Status",
    "memberships.empty": "No membership.",
    "memberships.hint": (
        "Space: tick · Enter: view the structure · r: open the request · "
        "Del: remove memberships · d: request a membership"
    ),
    "memberships.role.short.GESTIONNAIRE_PRINCIPAL": "Principal mgr",
    "memberships.role.short.GESTIONNAIRE_SECONDAIRE": "Secondary mgr",
    "memberships.role.short.UTILISATEUR_SIMPLE": "User",
    "memberships.status.EN_COURS_DE_VALIDATION": "Pending validation",
    "memberships.status.VALIDEE": "Accepted",
    "memberships.status.REFUSEE": "Refused",
    "memberships.status.DESACTIVEE": "Deactivated",
    "memberships.status.SUPPRIMEE": "Removed",
    "memberships.status.short.EN_COURS_DE_VALIDATION": "Pending",
    "memberships.service_status.EN_COURS_DE_VALIDATION": "Pending validation",
    "memberships.service_status.VALIDE": "Accepted",
    "memberships.service_status.DESACTIVE": "Deactivated",
    "memberships.service_status.REFUSE": "Refused",
    "memberships.identifier_type.SIRET": "SIRET",
    "memberships.identifier_type.UE_HORS_FRANCE": "EU outside France",
    "memberships.identifier_type.HORS_UE": "Outside the EU",
    "memberships.identifier_type.RIDET": "RIDET",
    "memberships.identifier_type.TAHITI": "TAHITI number",
    "memberships.identifier_type.EN_COURS_IMMATRICULATION": "Registration pending",
    "memberships.identifier_type.PARTICULIER": "Private individual",
    "memberships.key.consult": "View",
    "memberships.key.request": "Request",
    "memberships.key.remove": "Remove",
    "memberships.key.ask": "Ask",
    "memberships.key.search": "Search",
    "memberships.cmd.ask": "Memberships: request a membership",
    "memberships.cmd.ask.help": "Search for a structure to request a membership of.",
    "memberships.cmd.remove": "Memberships: remove memberships",
    "memberships.cmd.remove.help": (
        "Removes the ticked memberships (or the one under the cursor), after a confirmation."
    ),
    "memberships.structure.title": "View the structure",
    "memberships.structure.identifier_type": "Identifier type",
    "memberships.structure.identifier": "Identifier",
    "memberships.structure.raison_sociale": "Company name",
    "memberships.structure.kind": "Type",
    "memberships.structure.status": "Status",
    "memberships.structure.adresse": "Address",
    "memberships.structure.code_postal": "Postcode",
    "memberships.structure.ville": "City",
    "memberships.structure.pays": "Country",
    "memberships.structure.telephone": "Telephone",
    "memberships.structure.services": "Services",
    "memberships.structure.no_services": "No service.",
    "memberships.request.title": "Membership request",
    "memberships.request.structure": "Structure",
    "memberships.request.role": "Role",
    "memberships.request.status": "Status",
    "memberships.request.start_date": "Valid from",
    "memberships.request.end_date": "Valid until",
    "memberships.request.requested_at": "Requested on",
    "memberships.request.comment": "Comment",
    "memberships.request.motif": "Reason for refusal",
    "memberships.request.services": "Services",
    "memberships.request.whole": "Membership of the whole structure.",
    "memberships.request.col.code": "Service code",
    "memberships.request.col.libelle": "Service name",
    "memberships.request.col.status": "Membership status",
    "memberships.remove.title": "Confirmation",
    "memberships.remove.message": (
        "Are you sure you want to remove your memberships of the following structures?"
    ),
    "memberships.remove.col.identifier": "Structure identifier",
    "memberships.remove.col.designation": "Name",
    "memberships.remove.col.code": "Service code",
    "memberships.remove.col.status": "Status",
    "memberships.remove.warning": (
        "If you manage one of these structures, you must designate a new manager at the next "
        "step. Once the membership is removed, you can no longer see the requests sent on "
        "behalf of these structures."
    ),
    "memberships.remove.ok": "OK",
    "memberships.removed": "{count} membership(s) removed.",
    "memberships.successor.title": "Designate a new principal manager",
    "memberships.successor.intro": (
        "You are the principal manager of the structures below. Type the login id of the new "
        "principal manager of each; you stay a member there as a simple user. Nothing is "
        "removed before « Validate »."
    ),
    "memberships.successor.field": "Login id *",
    "memberships.successor.search": "Search for a user (F3)",
    "memberships.successor.errors": "Please correct the new principal manager of: {structures}.",
}
