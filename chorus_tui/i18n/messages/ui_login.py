"""Logging in (F0): the login screen, the forced password change, the referential completion."""

FR = {
    "login.title": "Connexion",
    "login.heading": "Connexion à votre compte utilisateur",
    "login.field.login": "Identifiant de connexion",
    "login.field.password": "Mot de passe",
    "login.submit": "Se connecter",
    "login.error.login_required": "Saisissez votre identifiant de connexion.",
    "login.error.password_required": "Saisissez votre mot de passe.",
    "login.pending_activation": (
        "Votre compte est en cours d'activation : activez-le avec le code d'activation "
        "reçu par courriel."
    ),
    "login.deactivated_recent": (
        "Votre compte a été désactivé le {date}. Il peut être réactivé jusqu'au {deadline}."
    ),
    "login.deactivated_old": (
        "Votre compte a été désactivé le {date} et le délai de réactivation de 60 jours est "
        "dépassé. Pour le réactiver, contactez le support en saisissant une sollicitation."
    ),
    "login.support_request": "Saisir une sollicitation",
    "login.support_request_done": "Votre sollicitation n° {number} a été enregistrée.",
    "password.title": "Changement du mot de passe",
    "password.intro": "Votre mot de passe a expiré : choisissez-en un nouveau pour continuer.",
    "password.policy": (
        "Pour être accepté, votre mot de passe doit comporter au minimum 12 caractères et au "
        "moins 3 types de caractères parmi les 4 groupes suivants : des majuscules, des "
        "minuscules, des chiffres et des caractères spéciaux (ponctuation, accents, etc.). Il "
        "doit différer de votre identifiant de connexion et de votre mot de passe actuel."
    ),
    "password.field.current_password": "Mot de passe actuel *",
    "password.field.new_password": "Nouveau mot de passe *",
    "password.field.confirmation": "Confirmer le nouveau mot de passe *",
    "password.strength": "Complexité du mot de passe",
    "password.strength.INSUFFISANTE": "Insuffisante",
    "password.strength.MOYENNE": "Moyenne",
    "password.strength.FORTE": "Forte",
    "password.done": "Votre mot de passe a été modifié.",
    "password.cmd.submit": "Mot de passe : valider le nouveau mot de passe",
    "password.cmd.submit.help": "Enregistre le nouveau mot de passe et continue la connexion.",
    "referential.title": "Compléter les informations de votre compte",
    "referential.intro": (
        "Première connexion : votre compte a été initialisé à partir du référentiel MADRHAS. "
        "Vérifiez et complétez vos informations, puis validez."
    ),
    "referential.section.general": "Informations générales",
    "referential.section.address": "Adresse postale",
    "referential.field.email": "Adresse électronique de contact *",
    "referential.field.nom": "Nom *",
    "referential.field.prenom": "Prénom *",
    "referential.field.adresse": "Adresse *",
    "referential.field.complement1": "Complément adresse 1",
    "referential.field.complement2": "Complément adresse 2",
    "referential.field.code_postal": "Code postal",
    "referential.field.ville": "Ville *",
    "referential.field.pays": "Pays *",
    "referential.email_hint": "Votre adresse de contact sera utilisée pour toutes les notifications.",
    "referential.done": "Vos informations ont été enregistrées.",
    "referential.cmd.submit": "Informations du compte : valider",
    "referential.cmd.submit.help": "Enregistre vos informations et continue la connexion.",
}

EN = {
    "login.title": "Log in",
    "login.heading": "Log in to your user account",
    "login.field.login": "Login id",
    "login.field.password": "Password",
    "login.submit": "Log in",
    "login.error.login_required": "Enter your login id.",
    "login.error.password_required": "Enter your password.",
    "login.pending_activation": (
        "Your account is pending activation: activate it with the activation code you "
        "received by e-mail."
    ),
    "login.deactivated_recent": (
        "Your account was deactivated on {date}. It can be reactivated until {deadline}."
    ),
    "login.deactivated_old": (
        "Your account was deactivated on {date} and the 60-day reactivation period is over. "
        "To reactivate it, contact support by submitting a request."
    ),
    "login.support_request": "Submit a request",
    "login.support_request_done": "Your request no. {number} has been recorded.",
    "password.title": "Password change",
    "password.intro": "Your password has expired: choose a new one to continue.",
    "password.policy": (
        "To be accepted, your password must have at least 12 characters and at least 3 of the "
        "following 4 kinds of characters: uppercase letters, lowercase letters, digits and "
        "special characters (punctuation, accents, etc.). It must differ from your login id "
        "and from your current password."
    ),
    "password.field.current_password": "Current password *",
    "password.field.new_password": "New password *",
    "password.field.confirmation": "Confirm the new password *",
    "password.strength": "Password strength",
    "password.strength.INSUFFISANTE": "Insufficient",
    "password.strength.MOYENNE": "Medium",
    "password.strength.FORTE": "Strong",
    "password.done": "Your password has been changed.",
    "password.cmd.submit": "Password: validate the new password",
    "password.cmd.submit.help": "Saves the new password and continues logging in.",
    "referential.title": "Complete your account information",
    "referential.intro": (
        "First login: your account was created from the MADRHAS referential. Check and "
        "complete your information, then validate."
    ),
    "referential.section.general": "General information",
    "referential.section.address": "Postal address",
    "referential.field.email": "Contact e-mail address *",
    "referential.field.nom": "Last name *",
    "referential.field.prenom": "First name *",
    "referential.field.adresse": "Address *",
    "referential.field.complement1": "Address line 2",
    "referential.field.complement2": "Address line 3",
    "referential.field.code_postal": "Postcode",
    "referential.field.ville": "City *",
    "referential.field.pays": "Country *",
    "referential.email_hint": "Your contact address will be used for every notification.",
    "referential.done": "Your information has been saved.",
    "referential.cmd.submit": "Account information: validate",
    "referential.cmd.submit.help": "Saves your information and continues logging in.",
}
