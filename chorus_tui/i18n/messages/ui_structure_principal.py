"""What only the principal manager does to a structure: transfer the principal role (M10),
« Modifier l'identifiant » (M11) and the technical users (M9)."""

FR = {
    "field_error.technical_login_used": "Un compte existe déjà avec cet identifiant de connexion.",
    # M10
    "sprincipal.title": "Transférer le rôle de gestionnaire principal",
    "sprincipal.intro": (
        "Désignez le nouveau gestionnaire principal de « {structure} » par son identifiant de "
        "connexion. Vous resterez rattaché à la structure en tant qu'utilisateur simple."
    ),
    "sprincipal.field.successor": "Identifiant de connexion *",
    "sprincipal.search": "Rechercher (F3)",
    "sprincipal.validate": "Valider",
    "sprincipal.cancel": "Annuler",
    "sprincipal.key.search": "Rechercher",
    "sprincipal.confirm.title": "Confirmer le transfert",
    "sprincipal.confirm.message": (
        "{user} ({login}) deviendra gestionnaire principal de « {structure} » et vous "
        "deviendrez utilisateur simple. Confirmez-vous le transfert ?"
    ),
    "sprincipal.confirm.ok": "Transférer",
    "sprincipal.done": "{user} est désormais gestionnaire principal de « {structure} ».",
    # M11
    "idchange.title": "Modifier l'identifiant",
    "idchange.warning": (
        "La structure « {structure} » ({identifier}) va être dupliquée sous un nouvel "
        "identifiant. Toutes ses données seront reprises — raison sociale, adresse, services, "
        "utilisateurs rattachés avec leurs rôles, abonnements et espaces — excepté le mandat de "
        "facturation et le compte utilisateur technique."
    ),
    "idchange.warning.original": (
        "La structure d'origine sera désactivée : elle restera consultable mais ne pourra plus "
        "recevoir de nouveaux utilisateurs ni de nouvelles demandes."
    ),
    "idchange.continue": "Continuer",
    "idchange.cancel": "Annuler",
    "idchange.validate": "Valider",
    "idchange.current": "Identifiant actuel",
    "idchange.designation": "Raison sociale",
    "idchange.field.identifier": "Nouvel identifiant ({type}) *",
    "idchange.form.intro": "Saisissez le nouvel identifiant de la structure.",
    "idchange.done": (
        "La structure « {structure} » a été créée sous l'identifiant {identifier} ; "
        "l'ancienne structure est désactivée."
    ),
    "idchange.key.back": "Retour",
    "idchange.cmd.submit": "Identifiant : valider le nouvel identifiant",
    "idchange.cmd.submit.help": "Crée la nouvelle structure et désactive l'ancienne.",
    # M9
    "techusers.title": "Utilisateurs techniques",
    "techusers.heading": "Utilisateurs techniques — {structure}",
    "techusers.intro": (
        "Un utilisateur technique permet à votre système d'information d'accéder à Chorus Pro "
        "en mode API ; il ne se connecte jamais à cette application."
    ),
    "techusers.col.login": "Identifiant de connexion",
    "techusers.col.created": "Créé le",
    "techusers.col.password": "Mot de passe",
    "techusers.col.status": "Statut",
    "techusers.identifier": "Identifiant structure",
    "techusers.empty": "Aucun utilisateur technique pour cette structure.",
    "techusers.create": "Créer un utilisateur technique",
    "techusers.reset": "Réinitialiser le mot de passe de l'utilisateur technique",
    "techusers.key.create": "Créer",
    "techusers.key.reset": "Réinitialiser",
    "techusers.key.back": "Retour",
    "techusers.cmd.create": "Utilisateurs techniques : créer",
    "techusers.cmd.create.help": "Crée un utilisateur technique pour la structure (n).",
    "techusers.cmd.reset": "Utilisateurs techniques : réinitialiser le mot de passe",
    "techusers.cmd.reset.help": "Réinitialise le mot de passe de l'utilisateur sélectionné (r).",
    "techusers.create.title": "Créer un utilisateur technique",
    "techusers.create.intro": (
        "Saisissez l'identifiant de connexion (une adresse électronique) ; le mot de passe est "
        "généré par le système."
    ),
    "techusers.create.field.login": "Identifiant de connexion *",
    "techusers.create.submit": "Créer",
    "techusers.cancel": "Annuler",
    "techusers.reset.message": (
        "Le mot de passe de {login} va être remplacé ; l'ancien ne fonctionnera plus. Veillez "
        "à prévenir votre système d'information avant la réinitialisation."
    ),
    "techusers.reset.ok": "Confirmer",
    "techusers.reset.button": "Réinitialiser le mot de passe",
    "techusers.password.title": "Informations de connexion",
    "techusers.password.intro": (
        "Notez ce mot de passe ou exportez-le : il ne sera plus jamais affiché."
    ),
    "techusers.password.login": "Identifiant de connexion",
    "techusers.password.password": "Mot de passe",
    "techusers.export.field.path": "Fichier",
    "techusers.export.submit": "Exporter les informations de connexion",
    "techusers.close": "Fermer",
    "techusers.exported": (
        "Informations de connexion écrites dans {path} (lisible par vous seul)."
    ),
}

EN = {
    "field_error.technical_login_used": "An account with this login id exists already.",
    # M10
    "sprincipal.title": "Transfer the principal manager role",
    "sprincipal.intro": (
        "Name the new principal manager of “{structure}” by their login id. You will stay "
        "attached to the structure as a simple user."
    ),
    "sprincipal.field.successor": "Login id *",
    "sprincipal.search": "Search (F3)",
    "sprincipal.validate": "Validate",
    "sprincipal.cancel": "Cancel",
    "sprincipal.key.search": "Search",
    "sprincipal.confirm.title": "Confirm the transfer",
    "sprincipal.confirm.message": (
        "{user} ({login}) will become principal manager of “{structure}” and you will become a "
        "simple user. Do you confirm the transfer?"
    ),
    "sprincipal.confirm.ok": "Transfer",
    "sprincipal.done": "{user} is now principal manager of “{structure}”.",
    # M11
    "idchange.title": "Change the identifier",
    "idchange.warning": (
        "The structure “{structure}” ({identifier}) will be duplicated under a new identifier. "
        "All its data will be copied — company name, address, services, attached users with "
        "their roles, subscriptions and spaces — except the billing mandate and the technical "
        "user account."
    ),
    "idchange.warning.original": (
        "The original structure will be deactivated: it stays viewable but can no longer "
        "receive new users or new requests."
    ),
    "idchange.continue": "Continue",
    "idchange.cancel": "Cancel",
    "idchange.validate": "Validate",
    "idchange.current": "Current identifier",
    "idchange.designation": "Company name",
    "idchange.field.identifier": "New identifier ({type}) *",
    "idchange.form.intro": "Enter the new identifier of the structure.",
    "idchange.done": (
        "The structure “{structure}” was created under the identifier {identifier}; the old "
        "structure is deactivated."
    ),
    "idchange.key.back": "Back",
    "idchange.cmd.submit": "Identifier: validate the new identifier",
    "idchange.cmd.submit.help": "Creates the new structure and deactivates the old one.",
    # M9
    "techusers.title": "Technical users",
    "techusers.heading": "Technical users — {structure}",
    "techusers.intro": (
        "A technical user lets your information system reach Chorus Pro through the API; it "
        "never logs in to this application."
    ),
    "techusers.col.login": "Login id",
    "techusers.col.created": "Created on",
    "techusers.col.password": "Password",
    "techusers.col.status": "Status",
    "techusers.identifier": "Structure identifier",
    "techusers.empty": "No technical user for this structure.",
    "techusers.create": "Create a technical user",
    "techusers.reset": "Reset the technical user's password",
    "techusers.key.create": "Create",
    "techusers.key.reset": "Reset",
    "techusers.key.back": "Back",
    "techusers.cmd.create": "Technical users: create",
    "techusers.cmd.create.help": "Creates a technical user for the structure (n).",
    "techusers.cmd.reset": "Technical users: reset the password",
    "techusers.cmd.reset.help": "Resets the password of the selected technical user (r).",
    "techusers.create.title": "Create a technical user",
    "techusers.create.intro": (
        "Enter the login id (an e-mail address); the password is generated by the system."
    ),
    "techusers.create.field.login": "Login id *",
    "techusers.create.submit": "Create",
    "techusers.cancel": "Cancel",
    "techusers.reset.message": (
        "The password of {login} will be replaced; the old one will stop working. Make sure "
        "to warn your information system before the reset."
    ),
    "techusers.reset.ok": "Confirm",
    "techusers.reset.button": "Reset the password",
    "techusers.password.title": "Login details",
    "techusers.password.intro": "Write this password down or export it: it will never be shown again.",
    "techusers.password.login": "Login id",
    "techusers.password.password": "Password",
    "techusers.export.field.path": "File",
    "techusers.export.submit": "Export the login details",
    "techusers.close": "Close",
    "techusers.exported": "Login details written to {path} (readable by you only).",
}
