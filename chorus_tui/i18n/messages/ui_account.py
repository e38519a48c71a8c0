"""Mon Compte (F2, F3, F7, F8): the account screen, deactivation and reactivation windows, the
activation code and « Activation du compte utilisateur ».

Labels shared with the login flow (``referential.field.*``, ``password.*``) are reused from
``ui_login``, not repeated here."""

FR = {
    "account.title": "Mon Compte",
    "account.heading": "Mes informations personnelles",
    "account.section.settings": "Mes paramètres",
    "account.section.password": "Gestion du mot de passe",
    "account.section.secret": "Question secrète",
    "account.field.login": "Identifiant de connexion",
    "account.field.telephone": "Téléphone",
    "account.field.fax": "Fax",
    "account.field.created_at": "Date de création",
    "account.field.activated_at": "Date d'activation",
    "account.field.reactivated_at": "Date de réactivation",
    "account.field.deactivated_at": "Date de désactivation",
    "account.field.modified_at": "Date de modification",
    "account.field.status": "État du compte",
    "account.field.language": "Langue *",
    "account.field.notifications": "Notifications",
    "account.field.notifications.box": "Recevoir des notifications",
    "account.field.current_password": "Mot de passe actuel *",
    "account.field.new_password": "Nouveau mot de passe",
    "account.field.confirmation": "Confirmer le nouveau mot de passe",
    "account.field.secret_question": "Question secrète *",
    "account.field.secret_answer": "Réponse *",
    "account.language.FR": "FR – Français",
    "account.language.EN": "EN – English",
    "account.empty": "–",
    "account.expiry": "Votre mot de passe expire dans {days} jours.",
    "account.expiry.one": "Votre mot de passe expire dans 1 jour.",
    "account.password_hint": (
        "Laissez ces champs vides pour garder votre mot de passe. Pour en changer, saisissez "
        "le mot de passe actuel puis le nouveau deux fois."
    ),
    "account.secret_hint": (
        "La réponse n'est jamais affichée. Pour changer de question, saisissez aussi une "
        "nouvelle réponse."
    ),
    "account.notifications_hint": (
        "Un récapitulatif quotidien des événements et hebdomadaire des mouvements des "
        "structures, envoyé à votre adresse électronique de contact."
    ),
    "account.cancel": "Annuler",
    "account.deactivate": "Désactiver mon compte",
    "account.saved": "Vos modifications ont été enregistrées.",
    "account.cancelled": "Les modifications ont été annulées : les valeurs enregistrées sont affichées.",
    "account.key.back": "Accueil",
    "account.cmd.submit": "Mon Compte : valider les modifications",
    "account.cmd.submit.help": "Enregistre toutes les modifications des blocs en une fois.",
    "account.cmd.cancel": "Mon Compte : annuler les modifications",
    "account.cmd.jump.memberships": "Mon Compte : aller à mes rattachements aux structures",
    "account.cmd.jump.subscriptions": "Mon Compte : aller à mes abonnements aux espaces",
    "account.cmd.jump.attachments": "Mon Compte : aller aux pièces jointes",
    "account.cmd.jump.help": "Place le curseur dans le tableau (touche {jump}).",
    "account.key.jump.memberships": "Rattachements",
    "account.key.jump.subscriptions": "Abonnements",
    "account.key.jump.attachments": "Pièces jointes",
    "account.cmd.cancel.help": "Réaffiche les valeurs enregistrées.",
    "account.cmd.deactivate": "Mon Compte : désactiver mon compte",
    "account.cmd.deactivate.help": "Désactive votre compte (réactivable pendant 60 jours).",
    "account.leave.title": "Modifications non enregistrées",
    "account.leave.message": (
        "Vos modifications de Mon Compte ne sont pas enregistrées.\nQuitter sans enregistrer ?"
    ),
    "account.leave.ok": "Quitter sans enregistrer",
    "account.leave.stay": "Rester",
    "deactivate.title": "Désactiver mon compte",
    "deactivate.simple": (
        "Votre compte va être désactivé : vous n'aurez plus accès à Chorus Pro et ne recevrez "
        "plus de courriels de notification. Vous pourrez le réactiver dans un délai de 60 jours."
    ),
    "deactivate.lost": "Toute modification en cours sur le compte sera perdue.",
    "deactivate.ok": "OK",
    "deactivate.principal": (
        "Vous pourrez réactiver votre compte dans un délai de 60 jours. Vous êtes gestionnaire "
        "principal des structures ci-dessous : vous devez désigner un nouveau gestionnaire "
        "principal pour chacune d'elles."
    ),
    "deactivate.designate": "Désigner un nouveau gestionnaire principal",
    "deactivate.col.identifier": "Identifiant",
    "deactivate.col.raison_sociale": "Raison sociale",
    "deactivate.col.successor": "Nouveau gestionnaire principal",
    "deactivate.successors.intro": (
        "Un même gestionnaire principal pour toutes vos structures, ou un gestionnaire "
        "différent pour chacune : Entrée sur une ligne ouvre la « Loupe » pour cette structure."
    ),
    "deactivate.successors.same": "Un même gestionnaire pour toutes",
    "deactivate.successors.none": "à désigner",
    "deactivate.done": (
        "Votre compte a été désactivé. Vous pouvez le réactiver dans un délai de 60 jours avec "
        "« Réactiver mon compte »."
    ),
    "loupe.title": "Loupe : rechercher un utilisateur",
    "loupe.field.nom": "Nom",
    "loupe.field.prenom": "Prénom",
    "loupe.field.adresse": "Adresse postale",
    "loupe.field.email": "Adresse électronique",
    "loupe.search": "Rechercher",
    "loupe.intro": "Critères puis Entrée ; Entrée sur un résultat le choisit.",
    "loupe.none": "Aucun utilisateur actif ne correspond à ces critères.",
    "loupe.count": "{count} utilisateur(s) trouvé(s).",
    "loupe.more": "Les {count} premiers résultats sont affichés : précisez la recherche.",
    "loupe.col.nom": "Nom",
    "loupe.col.prenom": "Prénom",
    "loupe.col.email": "Adresse électronique",
    "loupe.col.ville": "Ville",
    "reactivate.button": "Réactiver mon compte",
    "reactivate.title": "Réactiver mon compte",
    "reactivate.message": (
        "Un courriel contenant un code d'activation valable 24 heures va être envoyé à votre "
        "adresse électronique de contact. Une nouvelle demande annule le code précédent."
    ),
    "reactivate.sent": (
        "Un courriel contenant votre code d'activation a été envoyé à votre adresse "
        "électronique de contact. Saisissez ce code avec « J'ai un code d'activation »."
    ),
    "activation.code_button": "J'ai un code d'activation",
    "activation.key.code": "Code d'activation",
    "activation.cmd.code": "Activation : saisir un code d'activation",
    "activation.cmd.code.help": "Ouvre « Activation du compte utilisateur » avec le code reçu.",
    "activation.code.title": "Code d'activation",
    "activation.code.intro": (
        "Saisissez le code d'activation reçu par courriel (tirets et espaces facultatifs)."
    ),
    "activation.code.field": "Code d'activation *",
    "activation.code.required": "Saisissez le code d'activation.",
    "activation.title": "Activation du compte utilisateur",
    "activation.intro": (
        "Choisissez un nouveau mot de passe et une nouvelle question secrète pour activer "
        "votre compte."
    ),
    "activation.field.login": "Adresse électronique de connexion",
    "activation.field.nom": "Nom",
    "activation.field.prenom": "Prénom",
    "activation.field.email": "Adresse électronique de contact",
    "activation.field.new_password": "Mot de passe *",
    "activation.field.confirmation": "Confirmation *",
    "activation.done": "Votre compte est activé : connectez-vous avec votre nouveau mot de passe.",
    "activation.key.cancel": "Annuler",
    "activation.cmd.submit": "Activation : valider",
    "activation.cmd.submit.help": "Active le compte avec ce mot de passe et cette question secrète.",
}

EN = {
    "account.title": "My account",
    "account.heading": "My personal information",
    "account.section.settings": "My settings",
    "account.section.password": "Password management",
    "account.section.secret": "Secret question",
    "account.field.login": "Login id",
    "account.field.telephone": "Telephone",
    "account.field.fax": "Fax",
    "account.field.created_at": "Creation date",
    "account.field.activated_at": "Activation date",
    "account.field.reactivated_at": "Reactivation date",
    "account.field.deactivated_at": "Deactivation date",
    "account.field.modified_at": "Modification date",
    "account.field.status": "Account status",
    "account.field.language": "Language *",
    "account.field.notifications": "Notifications",
    "account.field.notifications.box": "Receive notifications",
    "account.field.current_password": "Current password *",
    "account.field.new_password": "New password",
    "account.field.confirmation": "Confirm the new password",
    "account.field.secret_question": "Secret question *",
    "account.field.secret_answer": "Answer *",
    "account.language.FR": "FR – Français",
    "account.language.EN": "EN – English",
    "account.empty": "–",
    "account.expiry": "Your password expires in {days} days.",
    "account.expiry.one": "Your password expires in 1 day.",
    "account.password_hint": (
        "Leave these fields empty to keep your password. To change it, type the current "
        "password, then the new one twice."
    ),
    "account.secret_hint": (
        "The answer is never shown. To change the question, type a new answer too."
    ),
    "account.notifications_hint": (
        "A daily digest of events and a weekly summary of the structures' movements, sent to "
        "your contact e-mail address."
    ),
    "account.cancel": "Cancel",
    "account.deactivate": "Deactivate my account",
    "account.saved": "Your changes have been saved.",
    "account.cancelled": "Your changes were cancelled: the saved values are shown.",
    "account.key.back": "Home",
    "account.cmd.submit": "My account: validate the changes",
    "account.cmd.submit.help": "Saves every change of the blocks at once.",
    "account.cmd.cancel": "My account: cancel the changes",
    "account.cmd.jump.memberships": "My account: go to my memberships of structures",
    "account.cmd.jump.subscriptions": "My account: go to my space subscriptions",
    "account.cmd.jump.attachments": "My account: go to the attachments",
    "account.cmd.jump.help": "Puts the cursor in the table (key {jump}).",
    "account.key.jump.memberships": "Memberships",
    "account.key.jump.subscriptions": "Subscriptions",
    "account.key.jump.attachments": "Attachments",
    "account.cmd.cancel.help": "Shows the saved values again.",
    "account.cmd.deactivate": "My account: deactivate my account",
    "account.cmd.deactivate.help": "Deactivates your account (it can be reactivated for 60 days).",
    "account.leave.title": "Unsaved changes",
    "account.leave.message": "Your changes to My account are not saved.\nLeave without saving?",
    "account.leave.ok": "Leave without saving",
    "account.leave.stay": "Stay",
    "deactivate.title": "Deactivate my account",
    "deactivate.simple": (
        "Your account will be deactivated: you will no longer have access to Chorus Pro nor "
        "receive notification e-mails. You can reactivate it within 60 days."
    ),
    "deactivate.lost": "Any change in progress on the account will be lost.",
    "deactivate.ok": "OK",
    "deactivate.principal": (
        "You can reactivate your account within 60 days. You are the principal manager of the "
        "structures below: you must designate a new principal manager for each of them."
    ),
    "deactivate.designate": "Designate a new principal manager",
    "deactivate.col.identifier": "Identifier",
    "deactivate.col.raison_sociale": "Company name",
    "deactivate.col.successor": "New principal manager",
    "deactivate.successors.intro": (
        "One principal manager for all your structures, or a different one for each: Enter on "
        "a row opens the « Magnifier » for that structure."
    ),
    "deactivate.successors.same": "One manager for all",
    "deactivate.successors.none": "to designate",
    "deactivate.done": (
        "Your account has been deactivated. You can reactivate it within 60 days with "
        "« Reactivate my account »."
    ),
    "loupe.title": "Magnifier: search for a user",
    "loupe.field.nom": "Last name",
    "loupe.field.prenom": "First name",
    "loupe.field.adresse": "Postal address",
    "loupe.field.email": "E-mail address",
    "loupe.search": "Search",
    "loupe.intro": "Criteria, then Enter; Enter on a result picks it.",
    "loupe.none": "No active user matches these criteria.",
    "loupe.count": "{count} user(s) found.",
    "loupe.more": "The first {count} results are shown: refine the search.",
    "loupe.col.nom": "Last name",
    "loupe.col.prenom": "First name",
    "loupe.col.email": "E-mail address",
    "loupe.col.ville": "City",
    "reactivate.button": "Reactivate my account",
    "reactivate.title": "Reactivate my account",
    "reactivate.message": (
        "An e-mail with an activation code valid for 24 hours will be sent to your contact "
        "e-mail address. A new request voids the previous code."
    ),
    "reactivate.sent": (
        "An e-mail with your activation code has been sent to your contact e-mail address. "
        "Enter this code with « I have an activation code »."
    ),
    "activation.code_button": "I have an activation code",
    "activation.key.code": "Activation code",
    "activation.cmd.code": "Activation: enter an activation code",
    "activation.cmd.code.help": "Opens « User account activation » with the code you received.",
    "activation.code.title": "Activation code",
    "activation.code.intro": (
        "Enter the activation code you received by e-mail (dashes and spaces are optional)."
    ),
    "activation.code.field": "Activation code *",
    "activation.code.required": "Enter the activation code.",
    "activation.title": "User account activation",
    "activation.intro": "Choose a new password and a new secret question to activate your account.",
    "activation.field.login": "Login e-mail address",
    "activation.field.nom": "Last name",
    "activation.field.prenom": "First name",
    "activation.field.email": "Contact e-mail address",
    "activation.field.new_password": "Password *",
    "activation.field.confirmation": "Confirmation *",
    "activation.done": "Your account is activated: log in with your new password.",
    "activation.key.cancel": "Cancel",
    "activation.cmd.submit": "Activation: validate",
    "activation.cmd.submit.help": "Activates the account with this password and secret question.",
}
