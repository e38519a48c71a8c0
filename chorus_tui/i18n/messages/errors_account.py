"""Error codes of the account life cycle: activation codes, deactivation, Mon Compte."""

FR = {
    "error.invalid_activation_code": (
        "Code d'activation invalide ou expiré. Veuillez demander un nouveau code."
    ),
    "error.referential_account": (
        "Votre compte provient du référentiel MADRHAS : pour le désactiver ou le réactiver, "
        "veuillez passer par votre référent DGFiP."
    ),
    "error.reactivation_expired": (
        "Le délai de réactivation de 60 jours est dépassé : veuillez contacter le support en "
        "saisissant une sollicitation."
    ),
    "field_error.successor_invalid": (
        "Le gestionnaire principal désigné pour la structure {structure} doit être un autre "
        "utilisateur actif."
    ),
    "field_error.successors_required": (
        "Veuillez désigner un nouveau gestionnaire principal pour chacune de vos structures."
    ),
    "field_error.criteria_required": "Veuillez saisir au moins un critère de recherche.",
    "field_error.language_invalid": "Langue inconnue : choisissez FR ou EN.",
}

EN = {
    "error.invalid_activation_code": "Invalid or expired activation code. Please ask for a new code.",
    "error.referential_account": (
        "Your account comes from the MADRHAS referential: to deactivate or reactivate it, please "
        "go through your DGFiP referent."
    ),
    "error.reactivation_expired": (
        "The 60-day reactivation period is over: please contact support by filing a request."
    ),
    "field_error.successor_invalid": (
        "The principal manager designated for the structure {structure} must be another active "
        "user."
    ),
    "field_error.successors_required": (
        "Please designate a new principal manager for each of your structures."
    ),
    "field_error.criteria_required": "Please enter at least one search criterion.",
    "field_error.language_invalid": "Unknown language: choose FR or EN.",
}
