"""« Rattacher un utilisateur » (M7) and « Créer le compte utilisateur » (M8): the account search,
the attach form, the account creation form, their errors, the mail and the event."""

FR = {
    # The search
    "attach.title": "Rattacher un utilisateur",
    "attach.tip": (
        "Saisissez au moins un critère (* remplace n'importe quelle suite de caractères), "
        "puis Entrée."
    ),
    "attach.structure": "Structure : {identifier} – {raison_sociale}",
    "attach.criteria": "Critères de recherche",
    "attach.field.nom": "Nom",
    "attach.field.prenom": "Prénom",
    "attach.field.code_postal": "Code postal",
    "attach.field.login": "Identifiant de connexion",
    "attach.field.ville": "Ville",
    "attach.field.adresse": "Adresse",
    "attach.field.pays": "Pays",
    "attach.any": "Tous",
    "attach.search": "Rechercher",
    "attach.results": "Résultat de la recherche",
    "attach.column.nom": "Nom",
    "attach.column.prenom": "Prénom",
    "attach.column.login": "Identifiant de connexion",
    "attach.column.status": "Statut",
    "attach.column.attached": "Rattaché",
    "attach.yes": "Oui",
    "attach.no": "Non",
    "attach.empty": "Aucun utilisateur.",
    "attach.hint": (
        "Entrée : rattacher l'utilisateur sélectionné ; c : créer le compte d'une personne "
        "qui n'en a pas."
    ),
    "attach.none_found": (
        "Aucun compte ne correspond à ces critères. Si la personne n'a pas de compte, créez-le (c)."
    ),
    "attach.create": "Créer le compte utilisateur",
    "attach.is_attached": "{user} est déjà rattaché(e) à cette structure.",
    "attach.key.back": "Retour",
    "attach.key.search": "Rechercher",
    "attach.key.create": "Créer le compte",
    "attach.cmd.search": "Rattacher un utilisateur : rechercher",
    "attach.cmd.search.help": "Lancer la recherche avec les critères saisis.",
    "attach.cmd.create": "Rattacher un utilisateur : créer le compte utilisateur",
    "attach.cmd.create.help": "Créer le compte d'une personne qui n'en a pas.",
    # The attach form
    "attach.form.title": "Rattachement d'un utilisateur à la structure",
    "attach.form.section.structure": "Structure",
    "attach.form.section.user": "Utilisateur",
    "attach.form.section.details": "Rattachement",
    "attach.form.section.services": "Liste des services",
    "attach.form.identifier": "Identifiant",
    "attach.form.designation": "Raison sociale",
    "attach.form.nom": "Nom",
    "attach.form.prenom": "Prénom",
    "attach.form.login": "Identifiant de connexion",
    "attach.form.email": "Adresse de contact",
    "attach.form.role": "Rôle *",
    "attach.form.start_date": "Date de début de validité *",
    "attach.form.end_date": "Date de fin de validité",
    "attach.form.comment": "Commentaire",
    "attach.form.date_hint": "jj/mm/aaaa",
    "attach.form.counter": "{count}/{max}",
    "attach.form.services_hint": (
        "Cochez « Rattacher à la structure » si l'utilisateur intervient sur toute la "
        "structure, sinon les seuls services concernés (Espace pour cocher)."
    ),
    "attach.form.whole": "Rattacher à la structure",
    "attach.form.service": "{code} – {libelle}",
    "attach.form.no_service": "La structure n'a pas de service.",
    "attach.form.submit": "Valider",
    "attach.form.cancel": "Annuler",
    "attach.form.key.back": "Annuler",
    "attach.form.cmd.submit": "Rattachement : valider",
    "attach.form.cmd.submit.help": "Rattacher l'utilisateur à la structure.",
    "attach.done": "{user} est rattaché(e) à la structure {structure}.",
    # Créer le compte utilisateur
    "newaccount.title": "Créer le compte utilisateur",
    "newaccount.tip": (
        "L'adresse électronique de connexion peut différer de l'adresse électronique de "
        "contact. Un code d'activation valable 7 jours sera envoyé à l'adresse de contact."
    ),
    "newaccount.section.person": "Utilisateur",
    "newaccount.field.login": "Adresse électronique de connexion *",
    "newaccount.field.email": "Adresse électronique de contact *",
    "newaccount.field.nom": "Nom *",
    "newaccount.field.prenom": "Prénom *",
    "newaccount.submit": "Créer le compte",
    "newaccount.cancel": "Annuler",
    "newaccount.key.back": "Annuler",
    "newaccount.cmd.submit": "Créer le compte utilisateur : valider",
    "newaccount.cmd.submit.help": "Créer le compte et l'attacher à la structure.",
    "newaccount.done": "Compte créé : un code d'activation a été envoyé à {email}.",
    # Errors
    "error.already_attached": "Cet utilisateur est déjà rattaché à la structure.",
    "error.account_not_attachable": "Ce compte n'est pas actif : il ne peut pas être rattaché.",
    "field_error.account_login_used": "Un compte utilise déjà cet identifiant de connexion.",
    # What the user receives
    "event.membership_attached": "Vous avez été rattaché(e) à la structure {structure}.",
    "mail.membership_attached.subject": "Chorus Pro – Rattachement à la structure {structure}",
    "mail.membership_attached.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Un gestionnaire vous a rattaché(e) à la structure {structure} "
        "(identifiant {identifier}). Vous avez désormais accès à ses espaces.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
}

EN = {
    # The search
    "attach.title": "Attach a user",
    "attach.tip": "Enter at least one criterion (* stands for any characters), then Enter.",
    "attach.structure": "Structure: {identifier} – {raison_sociale}",
    "attach.criteria": "Search criteria",
    "attach.field.nom": "Last name",
    "attach.field.prenom": "First name",
    "attach.field.code_postal": "Postcode",
    "attach.field.login": "Login id",
    "attach.field.ville": "City",
    "attach.field.adresse": "Address",
    "attach.field.pays": "Country",
    "attach.any": "Any",
    "attach.search": "Search",
    "attach.results": "Search results",
    "attach.column.nom": "Last name",
    "attach.column.prenom": "First name",
    "attach.column.login": "Login id",
    "attach.column.status": "Status",
    "attach.column.attached": "Attached",
    "attach.yes": "Yes",
    "attach.no": "No",
    "attach.empty": "No user.",
    "attach.hint": "Enter: attach the selected user; c: create the account of someone without one.",
    "attach.none_found": (
        "No account matches these criteria. If the person has no account, create it (c)."
    ),
    "attach.create": "Create the user account",
    "attach.is_attached": "{user} is already attached to this structure.",
    "attach.key.back": "Back",
    "attach.key.search": "Search",
    "attach.key.create": "Create account",
    "attach.cmd.search": "Attach a user: search",
    "attach.cmd.search.help": "Run the search with the criteria entered.",
    "attach.cmd.create": "Attach a user: create the user account",
    "attach.cmd.create.help": "Create the account of a person who has none.",
    # The attach form
    "attach.form.title": "Attaching a user to the structure",
    "attach.form.section.structure": "Structure",
    "attach.form.section.user": "User",
    "attach.form.section.details": "Membership",
    "attach.form.section.services": "Services",
    "attach.form.identifier": "Identifier",
    "attach.form.designation": "Company name",
    "attach.form.nom": "Last name",
    "attach.form.prenom": "First name",
    "attach.form.login": "Login id",
    "attach.form.email": "Contact address",
    "attach.form.role": "Role *",
    "attach.form.start_date": "Start of validity *",
    "attach.form.end_date": "End of validity",
    "attach.form.comment": "Comment",
    "attach.form.date_hint": "dd/mm/yyyy",
    "attach.form.counter": "{count}/{max}",
    "attach.form.services_hint": (
        "Tick « Attach to the structure » if the user works on the whole structure, else only "
        "the services concerned (Space to tick)."
    ),
    "attach.form.whole": "Attach to the structure",
    "attach.form.service": "{code} – {libelle}",
    "attach.form.no_service": "The structure has no service.",
    "attach.form.submit": "Confirm",
    "attach.form.cancel": "Cancel",
    "attach.form.key.back": "Cancel",
    "attach.form.cmd.submit": "Attachment: confirm",
    "attach.form.cmd.submit.help": "Attach the user to the structure.",
    "attach.done": "{user} is attached to the structure {structure}.",
    # Create the user account
    "newaccount.title": "Create the user account",
    "newaccount.tip": (
        "The login e-mail address may differ from the contact e-mail address. An activation "
        "code valid 7 days will be sent to the contact address."
    ),
    "newaccount.section.person": "User",
    "newaccount.field.login": "Login e-mail address *",
    "newaccount.field.email": "Contact e-mail address *",
    "newaccount.field.nom": "Last name *",
    "newaccount.field.prenom": "First name *",
    "newaccount.submit": "Create the account",
    "newaccount.cancel": "Cancel",
    "newaccount.key.back": "Cancel",
    "newaccount.cmd.submit": "Create the user account: confirm",
    "newaccount.cmd.submit.help": "Create the account and attach it to the structure.",
    "newaccount.done": "Account created: an activation code was sent to {email}.",
    # Errors
    "error.already_attached": "This user is already attached to the structure.",
    "error.account_not_attachable": "This account is not active: it cannot be attached.",
    "field_error.account_login_used": "An account already uses this login id.",
    # What the user receives
    "event.membership_attached": "You were attached to the structure {structure}.",
    "mail.membership_attached.subject": "Chorus Pro – Attached to the structure {structure}",
    "mail.membership_attached.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "A manager attached you to the structure {structure} (identifier {identifier}). You "
        "now have access to its spaces.\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
}
