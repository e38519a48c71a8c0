"""Error codes of rattachements, abonnements and the structure search (F4, F5)."""

FR = {
    "error.structure_inactive": (
        "Cette structure est inactive : aucune demande de rattachement ne peut lui être adressée."
    ),
    "error.membership_duplicate": (
        "Vous avez déjà une demande de rattachement en cours ou validée pour cette structure."
    ),
    "error.membership_gone": (
        "Un de ces rattachements a changé entre-temps : la liste a été rafraîchie."
    ),
    "error.subscription_gone": (
        "Un de ces abonnements a changé entre-temps : la liste a été rafraîchie."
    ),
    "error.subscription_duplicate": (
        "Vous avez déjà un abonnement en cours ou validé pour une de ces lignes."
    ),
    "field_error.choice_invalid": "Choix invalide.",
    "error.request_processed": (
        "Cette demande a été traitée par un autre gestionnaire entre-temps : la liste a été "
        "rafraîchie."
    ),
    "field_error.services_required": "Cochez au moins un service.",
    "field_error.siret_invalid": (
        "SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle."
    ),
    "field_error.identifier_invalid": (
        "Identifiant invalide : lettres, chiffres et tirets, 40 caractères au maximum."
    ),
    "field_error.identifier_used": "Une structure existe déjà avec cet identifiant.",
    "field_error.structure_unavailable": (
        "Vous n'êtes pas rattaché à cette structure, ou elle est inactive."
    ),
    "field_error.lines_required": (
        "Cochez « consultation » ou « modification » sur au moins une ligne."
    ),
    "field_error.date_invalid": "Date invalide : saisissez-la au format jj/mm/aaaa.",
    "field_error.end_before_start": (
        "La date de fin de validité doit être postérieure à la date de début."
    ),
    "field_error.successor_login_invalid": (
        "Aucun autre compte actif n'a cet identifiant de connexion."
    ),
}

EN = {
    "error.structure_inactive": (
        "This structure is inactive: no membership request can be sent to it."
    ),
    "error.membership_duplicate": (
        "You already have a pending or accepted membership request for this structure."
    ),
    "error.membership_gone": "One of these memberships changed meanwhile: the list was refreshed.",
    "error.subscription_gone": (
        "One of these subscriptions changed meanwhile: the list was refreshed."
    ),
    "error.subscription_duplicate": (
        "You already have a pending or accepted subscription for one of these lines."
    ),
    "field_error.choice_invalid": "Invalid choice.",
    "error.request_processed": (
        "Another manager processed this request meanwhile: the list was refreshed."
    ),
    "field_error.services_required": "Tick one service at least.",
    "field_error.siret_invalid": "Invalid SIRET: 14 digits, the last one being a check digit.",
    "field_error.identifier_invalid": (
        "Invalid identifier: letters, digits and hyphens, 40 characters at most."
    ),
    "field_error.identifier_used": "A structure with this identifier exists already.",
    "field_error.structure_unavailable": (
        "You are not a member of this structure, or it is inactive."
    ),
    "field_error.lines_required": "Tick « consultation » or « modification » on one line at least.",
    "field_error.date_invalid": "Invalid date: type it as dd/mm/yyyy.",
    "field_error.end_before_start": "The end of validity must not be before its start.",
    "field_error.successor_login_invalid": "No other active account has this login id.",
}
