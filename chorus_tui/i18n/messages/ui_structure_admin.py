"""« Mes structures » (M7): the list, one structure (address, services, secondary managers'
rights) and « Utilisateurs rattachés à la structure »; with their errors, mails and events."""

FR = {
    # « Mes structures »
    "sadmin.list.title": "Mes structures",
    "sadmin.list.intro": "Les structures dont vous êtes gestionnaire principal ou secondaire.",
    "sadmin.list.hint": "Entrée : consulter / modifier la structure · Échap : retour",
    "sadmin.list.empty": "Vous ne gérez aucune structure.",
    "sadmin.col.identifier": "Identifiant",
    "sadmin.col.raison_sociale": "Raison sociale",
    "sadmin.col.created": "Création",
    "sadmin.col.services": "Services",
    "sadmin.col.status": "Statut",
    "sadmin.none": "—",
    "sadmin.key.back": "Retour",
    "sadmin.key.open": "Consulter",
    "sadmin.cmd.open": "Mes structures : consulter / modifier la structure",
    "sadmin.cmd.open.help": "Ouvre la structure sous le curseur.",
    # One structure
    "sadmin.detail.title": "Consulter / modifier la structure",
    "sadmin.detail.inactive": (
        "Cette structure est inactive : elle reste consultable mais ne peut plus être modifiée."
    ),
    "sadmin.detail.successor": "Structure qui lui succède",
    "sadmin.section.structure": "Structure",
    "sadmin.section.address": "Adresse",
    "sadmin.section.rights": "Droits des gestionnaires secondaires",
    "sadmin.section.services": "Services",
    "sadmin.section.users": "Utilisateurs rattachés à la structure",
    "sadmin.field.identifier": "Identifiant structure",
    "sadmin.field.raison_sociale": "Raison sociale",
    "sadmin.field.status": "Statut",
    "sadmin.field.adresse": "Adresse",
    "sadmin.field.complement": "Complément d'adresse",
    "sadmin.field.code_postal": "Code postal",
    "sadmin.field.ville": "Ville",
    "sadmin.field.pays": "Pays",
    "sadmin.field.telephone": "Téléphone",
    "sadmin.save": "Enregistrer",
    "sadmin.saved": "Les informations de la structure ont été enregistrées.",
    "sadmin.unchanged": "Aucune modification à enregistrer.",
    "sadmin.cmd.submit": "Structure : enregistrer l'adresse",
    "sadmin.cmd.submit.help": "Enregistre l'adresse de la structure (Ctrl+S).",
    "sadmin.rights.IDENTIQUES_PRINCIPAL": "Identiques au gestionnaire principal",
    "sadmin.rights.IDENTIQUES_UTILISATEUR": "Identiques à un utilisateur",
    "sadmin.rights.saved": "Droits des gestionnaires secondaires : {value}.",
    "sadmin.rights.hint": "Réservé au gestionnaire principal.",
    # Services
    "sadmin.svc.col.code": "Code",
    "sadmin.svc.col.libelle": "Nom du service",
    "sadmin.svc.col.status": "Statut",
    "sadmin.svc.active": "Actif",
    "sadmin.svc.inactive": "Désactivé",
    "sadmin.svc.empty": "Aucun service.",
    "sadmin.svc.hint": "+ : créer · e : renommer · x : désactiver / réactiver le service",
    "sadmin.svc.key.add": "Créer un service",
    "sadmin.svc.key.rename": "Renommer",
    "sadmin.svc.key.toggle": "Désactiver/Réactiver",
    "sadmin.svc.new.title": "Créer un service",
    "sadmin.svc.rename.title": "Renommer le service {code}",
    "sadmin.svc.field.code": "Code du service",
    "sadmin.svc.field.libelle": "Nom du service",
    "sadmin.svc.created": "Service {code} créé.",
    "sadmin.svc.renamed": "Service {code} renommé.",
    "sadmin.svc.deactivate.title": "Désactiver le service",
    "sadmin.svc.deactivate.message": (
        "Désactiver le service {code} – {libelle} ? Il ne pourra plus être demandé ; les "
        "rattachements existants restent."
    ),
    "sadmin.svc.reactivate.title": "Réactiver le service",
    "sadmin.svc.reactivate.message": "Réactiver le service {code} – {libelle} ?",
    "sadmin.svc.deactivated": "Service {code} désactivé.",
    "sadmin.svc.reactivated": "Service {code} réactivé.",
    "sadmin.cancel": "Annuler",
    "sadmin.validate": "Valider",
    # Users block
    "sadmin.users.col.nom": "Nom",
    "sadmin.users.col.prenom": "Prénom",
    "sadmin.users.col.contact": "Contact",
    "sadmin.users.col.role": "Rôle",
    "sadmin.users.col.user_status": "Statut",
    "sadmin.users.col.reactivated": "Réact.",
    "sadmin.users.col.last_login": "Conn.",
    "sadmin.users.col.membership": "Ratt.",
    "sadmin.users.legend": (
        "Statut : du compte · Réact. : date de réactivation · Conn. : date de dernière "
        "connexion · Ratt. : statut du rattachement"
    ),
    "sadmin.users.empty": "Aucun utilisateur rattaché.",
    "sadmin.users.hint": (
        "Espace : cocher · d : désactiver · r : réactiver · Suppr : supprimer · m : modifier "
        "le rôle et les services · a : rattacher · c : créer un compte"
    ),
    "sadmin.users.hint.more": (
        "t : transférer le rôle de gestionnaire principal · i : modifier l'identifiant · "
        "u : utilisateurs techniques · s : espaces de la structure · h : historique"
    ),
    "sadmin.role.GESTIONNAIRE_PRINCIPAL": "Princ.",
    "sadmin.role.GESTIONNAIRE_SECONDAIRE": "Second.",
    "sadmin.role.UTILISATEUR_SIMPLE": "Simple",
    "sadmin.ustatus.ACTIF": "Actif",
    "sadmin.ustatus.EN_COURS_ACTIVATION": "Activ.",
    "sadmin.ustatus.DESACTIVE": "Désac.",
    "sadmin.mstatus.EN_COURS_DE_VALIDATION": "En cours",
    "sadmin.mstatus.VALIDEE": "Validée",
    "sadmin.mstatus.REFUSEE": "Refusée",
    "sadmin.mstatus.DESACTIVEE": "Désac.",
    "sadmin.mstatus.SUPPRIMEE": "Suppr.",
    "sadmin.key.deactivate": "Désactiver",
    "sadmin.key.reactivate": "Réactiver",
    "sadmin.key.remove": "Supprimer",
    "sadmin.key.modify": "Modifier",
    "sadmin.key.attach": "Rattacher",
    "sadmin.key.create": "Créer un compte",
    "sadmin.key.transfer": "Transférer",
    "sadmin.key.identifier": "Modifier l'identifiant",
    "sadmin.key.technical": "Utilisateurs techniques",
    "sadmin.key.spaces": "Espaces de la structure",
    "sadmin.key.history": "Historique",
    "sadmin.key.users": "Utilisateurs",
    "sadmin.key.services": "Services",
    "sadmin.cmd.deactivate": "Structure : désactiver des utilisateurs",
    "sadmin.cmd.reactivate": "Structure : réactiver des utilisateurs",
    "sadmin.cmd.remove": "Structure : supprimer les utilisateurs sélectionnés",
    "sadmin.cmd.modify": "Structure : modifier le rôle et les services de l'utilisateur",
    "sadmin.cmd.attach": "Structure : rattacher un utilisateur",
    "sadmin.cmd.create": "Structure : créer le compte utilisateur",
    "sadmin.cmd.transfer": "Structure : transférer le rôle de gestionnaire principal",
    "sadmin.cmd.identifier": "Structure : modifier l'identifiant",
    "sadmin.cmd.technical": "Structure : utilisateurs techniques",
    "sadmin.cmd.spaces": "Structure : paramétrer les espaces",
    "sadmin.cmd.history": "Structure : historique",
    "sadmin.cmd.help": "Sur les utilisateurs cochés, ou sur la ligne courante.",
    "sadmin.cmd.open_help": "Ouvre l'écran correspondant pour cette structure.",
    "sadmin.deactivate.title": "Désactiver des utilisateurs",
    "sadmin.deactivate.message": (
        "Désactiver le rattachement de ces {count} utilisateur(s) à la structure ? Leurs "
        "abonnements aux espaces de la structure prennent fin."
    ),
    "sadmin.deactivate.ok": "Désactiver",
    "sadmin.deactivated": "{count} utilisateur(s) désactivé(s).",
    "sadmin.reactivate.title": "Réactiver des utilisateurs",
    "sadmin.reactivate.message": (
        "Réactiver le rattachement de ces {count} utilisateur(s) à la structure ? Ils "
        "retrouvent les abonnements par défaut."
    ),
    "sadmin.reactivate.ok": "Réactiver",
    "sadmin.reactivated": "{count} utilisateur(s) réactivé(s).",
    "sadmin.remove.title": "Supprimer les utilisateurs sélectionnés",
    "sadmin.remove.message": (
        "Supprimer le rattachement de ces {count} utilisateur(s) à la structure ? Cette action "
        "est définitive."
    ),
    "sadmin.remove.ok": "Supprimer",
    "sadmin.removed": "{count} utilisateur(s) supprimé(s) de la structure.",
    "sadmin.confirm.more": "… et {count} autre(s).",
    "sadmin.nothing": "Aucun utilisateur sous le curseur.",
    # The modify window
    "sadmin.member.title": "Modifier le rôle et les services",
    "sadmin.member.user": "Utilisateur : {user}",
    "sadmin.member.role": "Rôle *",
    "sadmin.member.services": "Liste des services",
    "sadmin.member.services_hint": (
        "Aucun service coché : l'utilisateur est rattaché à toute la structure."
    ),
    "sadmin.member.no_service": "La structure n'a pas de service : rattachement à toute la structure.",
    "sadmin.member.saved": "Le rattachement de {user} a été modifié.",
    "sadmin.member.cmd.submit": "Rattachement : enregistrer le rôle et les services",
    "sadmin.member.cmd.submit.help": "Enregistre le rôle et les services (Ctrl+S).",
    # Errors
    "error.structure_read_only": (
        "Cette structure est inactive : elle est consultable mais ne peut plus être modifiée."
    ),
    "error.structure_changed": (
        "La structure a été modifiée entre-temps par un autre gestionnaire : l'écran a été "
        "rafraîchi."
    ),
    "error.service_changed": "Ce service a changé entre-temps : la liste a été rafraîchie.",
    "error.principal_needs_transfer": (
        "{user} est le gestionnaire principal de la structure : utilisez d'abord « Transférer "
        "le rôle de gestionnaire principal »."
    ),
    "error.member_state": (
        "Le rattachement de {user} ne permet pas cette action (statut actuel) : rien n'a été "
        "modifié."
    ),
    "field_error.service_code_invalid": (
        "Code invalide : lettres, chiffres, « _ » et « - », 40 caractères au maximum."
    ),
    "field_error.service_code_used": "La structure a déjà un service avec ce code.",
    "field_error.members_required": "Sélectionnez au moins un utilisateur.",
    # Mails and events to the users concerned
    "mail.member_deactivated.subject": (
        "Chorus Pro – Votre rattachement à la structure {structure} est désactivé"
    ),
    "mail.member_deactivated.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Un gestionnaire de la structure {structure} (identifiant {identifier}) a désactivé "
        "votre rattachement. Vous n'avez plus accès à ses espaces.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.member_reactivated.subject": (
        "Chorus Pro – Votre rattachement à la structure {structure} est réactivé"
    ),
    "mail.member_reactivated.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Un gestionnaire de la structure {structure} (identifiant {identifier}) a réactivé "
        "votre rattachement. Vous avez de nouveau accès à ses espaces.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.member_removed.subject": (
        "Chorus Pro – Vous n'êtes plus rattaché à la structure {structure}"
    ),
    "mail.member_removed.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Un gestionnaire de la structure {structure} (identifiant {identifier}) a supprimé "
        "votre rattachement.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "event.member_deactivated": "Votre rattachement à la structure {structure} a été désactivé.",
    "event.member_reactivated": "Votre rattachement à la structure {structure} a été réactivé.",
    "event.member_removed": "Votre rattachement à la structure {structure} a été supprimé.",
}

EN = {
    "sadmin.list.title": "My structures",
    "sadmin.list.intro": "The structures you are principal or secondary manager of.",
    "sadmin.list.hint": "Enter: view / edit the structure · Esc: back",
    "sadmin.list.empty": "You manage no structure.",
    "sadmin.col.identifier": "Identifier",
    "sadmin.col.raison_sociale": "Company name",
    "sadmin.col.created": "Created",
    "sadmin.col.services": "Services",
    "sadmin.col.status": "Status",
    "sadmin.none": "—",
    "sadmin.key.back": "Back",
    "sadmin.key.open": "View",
    "sadmin.cmd.open": "My structures: view / edit the structure",
    "sadmin.cmd.open.help": "Opens the structure under the cursor.",
    "sadmin.detail.title": "View / edit the structure",
    "sadmin.detail.inactive": (
        "This structure is inactive: it can still be viewed but no longer changed."
    ),
    "sadmin.detail.successor": "Succeeding structure",
    "sadmin.section.structure": "Structure",
    "sadmin.section.address": "Address",
    "sadmin.section.rights": "Secondary managers' rights",
    "sadmin.section.services": "Services",
    "sadmin.section.users": "Users attached to the structure",
    "sadmin.field.identifier": "Structure identifier",
    "sadmin.field.raison_sociale": "Company name",
    "sadmin.field.status": "Status",
    "sadmin.field.adresse": "Address",
    "sadmin.field.complement": "Address line 2",
    "sadmin.field.code_postal": "Postcode",
    "sadmin.field.ville": "City",
    "sadmin.field.pays": "Country",
    "sadmin.field.telephone": "Phone",
    "sadmin.save": "Save",
    "sadmin.saved": "The structure's information was saved.",
    "sadmin.unchanged": "Nothing to save.",
    "sadmin.cmd.submit": "Structure: save the address",
    "sadmin.cmd.submit.help": "Saves the structure's address (Ctrl+S).",
    "sadmin.rights.IDENTIQUES_PRINCIPAL": "Same as the principal manager",
    "sadmin.rights.IDENTIQUES_UTILISATEUR": "Same as a user",
    "sadmin.rights.saved": "Secondary managers' rights: {value}.",
    "sadmin.rights.hint": "For the principal manager only.",
    "sadmin.svc.col.code": "Code",
    "sadmin.svc.col.libelle": "Service name",
    "sadmin.svc.col.status": "Status",
    "sadmin.svc.active": "Active",
    "sadmin.svc.inactive": "Deactivated",
    "sadmin.svc.empty": "No service.",
    "sadmin.svc.hint": "+: create · e: rename · x: deactivate / reactivate the service",
    "sadmin.svc.key.add": "Create a service",
    "sadmin.svc.key.rename": "Rename",
    "sadmin.svc.key.toggle": "Deactivate/Reactivate",
    "sadmin.svc.new.title": "Create a service",
    "sadmin.svc.rename.title": "Rename the service {code}",
    "sadmin.svc.field.code": "Service code",
    "sadmin.svc.field.libelle": "Service name",
    "sadmin.svc.created": "Service {code} created.",
    "sadmin.svc.renamed": "Service {code} renamed.",
    "sadmin.svc.deactivate.title": "Deactivate the service",
    "sadmin.svc.deactivate.message": (
        "Deactivate the service {code} – {libelle}? It can no longer be requested; existing "
        "memberships stay."
    ),
    "sadmin.svc.reactivate.title": "Reactivate the service",
    "sadmin.svc.reactivate.message": "Reactivate the service {code} – {libelle}?",
    "sadmin.svc.deactivated": "Service {code} deactivated.",
    "sadmin.svc.reactivated": "Service {code} reactivated.",
    "sadmin.cancel": "Cancel",
    "sadmin.validate": "Confirm",
    "sadmin.users.col.nom": "Name",
    "sadmin.users.col.prenom": "First",
    "sadmin.users.col.contact": "Contact",
    "sadmin.users.col.role": "Role",
    "sadmin.users.col.user_status": "Status",
    "sadmin.users.col.reactivated": "React.",
    "sadmin.users.col.last_login": "Login",
    "sadmin.users.col.membership": "Memb.",
    "sadmin.users.legend": (
        "Status: of the account · React.: reactivation date · Login: last login date · "
        "Memb.: status of the membership"
    ),
    "sadmin.users.empty": "No user attached.",
    "sadmin.users.hint": (
        "Space: tick · d: deactivate · r: reactivate · Del: remove · m: change role and "
        "services · a: attach · c: create an account"
    ),
    "sadmin.users.hint.more": (
        "t: transfer the principal manager role · i: change the identifier · u: technical "
        "users · s: structure spaces · h: history"
    ),
    "sadmin.role.GESTIONNAIRE_PRINCIPAL": "Princ.",
    "sadmin.role.GESTIONNAIRE_SECONDAIRE": "Second.",
    "sadmin.role.UTILISATEUR_SIMPLE": "Simple",
    "sadmin.ustatus.ACTIF": "Active",
    "sadmin.ustatus.EN_COURS_ACTIVATION": "Activ.",
    "sadmin.ustatus.DESACTIVE": "Deact.",
    "sadmin.mstatus.EN_COURS_DE_VALIDATION": "Pending",
    "sadmin.mstatus.VALIDEE": "Valid",
    "sadmin.mstatus.REFUSEE": "Refused",
    "sadmin.mstatus.DESACTIVEE": "Deact.",
    "sadmin.mstatus.SUPPRIMEE": "Removed",
    "sadmin.key.deactivate": "Deactivate",
    "sadmin.key.reactivate": "Reactivate",
    "sadmin.key.remove": "Remove",
    "sadmin.key.modify": "Change",
    "sadmin.key.attach": "Attach",
    "sadmin.key.create": "Create an account",
    "sadmin.key.transfer": "Transfer",
    "sadmin.key.identifier": "Change the identifier",
    "sadmin.key.technical": "Technical users",
    "sadmin.key.spaces": "Structure spaces",
    "sadmin.key.history": "History",
    "sadmin.key.users": "Users",
    "sadmin.key.services": "Services",
    "sadmin.cmd.deactivate": "Structure: deactivate users",
    "sadmin.cmd.reactivate": "Structure: reactivate users",
    "sadmin.cmd.remove": "Structure: remove the selected users",
    "sadmin.cmd.modify": "Structure: change the user's role and services",
    "sadmin.cmd.attach": "Structure: attach a user",
    "sadmin.cmd.create": "Structure: create the user account",
    "sadmin.cmd.transfer": "Structure: transfer the principal manager role",
    "sadmin.cmd.identifier": "Structure: change the identifier",
    "sadmin.cmd.technical": "Structure: technical users",
    "sadmin.cmd.spaces": "Structure: set up the spaces",
    "sadmin.cmd.history": "Structure: history",
    "sadmin.cmd.help": "On the ticked users, or the current line.",
    "sadmin.cmd.open_help": "Opens the matching screen for this structure.",
    "sadmin.deactivate.title": "Deactivate users",
    "sadmin.deactivate.message": (
        "Deactivate the membership of these {count} user(s)? Their subscriptions to the "
        "structure's spaces end."
    ),
    "sadmin.deactivate.ok": "Deactivate",
    "sadmin.deactivated": "{count} user(s) deactivated.",
    "sadmin.reactivate.title": "Reactivate users",
    "sadmin.reactivate.message": (
        "Reactivate the membership of these {count} user(s)? They get the default "
        "subscriptions again."
    ),
    "sadmin.reactivate.ok": "Reactivate",
    "sadmin.reactivated": "{count} user(s) reactivated.",
    "sadmin.remove.title": "Remove the selected users",
    "sadmin.remove.message": (
        "Remove the membership of these {count} user(s)? This cannot be undone."
    ),
    "sadmin.remove.ok": "Remove",
    "sadmin.removed": "{count} user(s) removed from the structure.",
    "sadmin.confirm.more": "… and {count} more.",
    "sadmin.nothing": "No user under the cursor.",
    "sadmin.member.title": "Change the role and services",
    "sadmin.member.user": "User: {user}",
    "sadmin.member.role": "Role *",
    "sadmin.member.services": "Services",
    "sadmin.member.services_hint": "No service ticked: the user is attached to the whole structure.",
    "sadmin.member.no_service": "The structure has no service: attached to the whole structure.",
    "sadmin.member.saved": "The membership of {user} was changed.",
    "sadmin.member.cmd.submit": "Membership: save the role and services",
    "sadmin.member.cmd.submit.help": "Saves the role and services (Ctrl+S).",
    "error.structure_read_only": (
        "This structure is inactive: it can be viewed but no longer changed."
    ),
    "error.structure_changed": (
        "Another manager changed the structure meanwhile: the screen was refreshed."
    ),
    "error.service_changed": "This service changed meanwhile: the list was refreshed.",
    "error.principal_needs_transfer": (
        "{user} is the structure's principal manager: first use « Transfer the principal "
        "manager role »."
    ),
    "error.member_state": (
        "The membership of {user} does not allow this action (current status): nothing was changed."
    ),
    "field_error.service_code_invalid": (
        "Invalid code: letters, digits, « _ » and « - », 40 characters at most."
    ),
    "field_error.service_code_used": "The structure already has a service with this code.",
    "field_error.members_required": "Select at least one user.",
    "mail.member_deactivated.subject": (
        "Chorus Pro – Your membership of the structure {structure} is deactivated"
    ),
    "mail.member_deactivated.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "A manager of the structure {structure} (identifier {identifier}) deactivated your "
        "membership. You no longer have access to its spaces.\n"
        "\n"
        "Regards,\n"
        "The Chorus Pro team"
    ),
    "mail.member_reactivated.subject": (
        "Chorus Pro – Your membership of the structure {structure} is reactivated"
    ),
    "mail.member_reactivated.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "A manager of the structure {structure} (identifier {identifier}) reactivated your "
        "membership. You have access to its spaces again.\n"
        "\n"
        "Regards,\n"
        "The Chorus Pro team"
    ),
    "mail.member_removed.subject": (
        "Chorus Pro – You are no longer attached to the structure {structure}"
    ),
    "mail.member_removed.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "A manager of the structure {structure} (identifier {identifier}) removed your "
        "membership.\n"
        "\n"
        "Regards,\n"
        "The Chorus Pro team"
    ),
    "event.member_deactivated": "Your membership of the structure {structure} was deactivated.",
    "event.member_reactivated": "Your membership of the structure {structure} was reactivated.",
    "event.member_removed": "Your membership of the structure {structure} was removed.",
}
