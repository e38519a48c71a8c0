"""Domain error codes (``error.<code>``) and field error codes (``field_error.<code>``)."""

FR = {
    "error.permission_denied": "Vous n'avez pas les droits pour cette action.",
    "error.not_found": "L'élément demandé n'existe pas ou plus.",
    "error.conflict": "Un autre utilisateur a modifié ces données entre-temps : l'écran a été rafraîchi.",
    "error.validation": "Veuillez corriger les champs signalés en rouge.",
    "error.validation_fields": "Veuillez corriger les champs signalés en rouge : {fields}.",
    "error.invalid_credentials": "Identifiant de connexion ou mot de passe incorrect.",
    "error.account_locked": (
        "Trop de tentatives infructueuses : le compte est verrouillé jusqu'au {until_date} à {until_time}."
    ),
    "error.technical_user": (
        "Un utilisateur technique ne peut pas se connecter à l'application : il accède à Chorus Pro par l'API."
    ),
    "field_error.required": "Ce champ est obligatoire.",
    "field_error.too_long": "{max} caractères au maximum.",
    "field_error.control_characters": "Les caractères de contrôle ne sont pas acceptés.",
    "field_error.email_invalid": "Adresse électronique invalide.",
    "field_error.phone_invalid": "Seuls les chiffres, les espaces et + ( ) . - sont acceptés.",
    "field_error.country_invalid": "Pays inconnu.",
    "field_error.password_wrong": "Le mot de passe actuel est incorrect.",
    "field_error.password_mismatch": "La confirmation ne correspond pas au nouveau mot de passe.",
    "field_error.password_too_short": "Le mot de passe doit contenir au moins 12 caractères.",
    "field_error.password_too_long": "Le mot de passe doit contenir au plus 128 caractères.",
    "field_error.password_groups": (
        "Le mot de passe doit contenir au moins 3 des 4 types de caractères : majuscules, "
        "minuscules, chiffres, caractères spéciaux."
    ),
    "field_error.password_is_login": "Le mot de passe ne doit pas être l'identifiant de connexion.",
    "field_error.password_is_current": "Le nouveau mot de passe doit être différent de l'actuel.",
    "field_error.password_common": "Ce mot de passe est trop courant.",
}

EN = {
    "error.permission_denied": "You are not allowed to do this.",
    "error.not_found": "The requested item does not exist any more.",
    "error.conflict": "Another user changed this data meanwhile: the screen has been refreshed.",
    "error.validation": "Please correct the fields marked in red.",
    "error.validation_fields": "Please correct the fields marked in red: {fields}.",
    "error.invalid_credentials": "Wrong login id or password.",
    "error.account_locked": (
        "Too many failed attempts: the account is locked until {until_date} at {until_time}."
    ),
    "error.technical_user": (
        "A technical user cannot log in to the application: it reaches Chorus Pro through the API."
    ),
    "field_error.required": "This field is required.",
    "field_error.too_long": "{max} characters at most.",
    "field_error.control_characters": "Control characters are not accepted.",
    "field_error.email_invalid": "Invalid e-mail address.",
    "field_error.phone_invalid": "Only digits, spaces and + ( ) . - are accepted.",
    "field_error.country_invalid": "Unknown country.",
    "field_error.password_wrong": "The current password is wrong.",
    "field_error.password_mismatch": "The confirmation does not match the new password.",
    "field_error.password_too_short": "The password must have at least 12 characters.",
    "field_error.password_too_long": "The password must have at most 128 characters.",
    "field_error.password_groups": (
        "The password must use at least 3 of the 4 kinds of characters: uppercase, lowercase, "
        "digits, special characters."
    ),
    "field_error.password_is_login": "The password must not be the login id.",
    "field_error.password_is_current": "The new password must differ from the current one.",
    "field_error.password_common": "This password is too common.",
}
