"""Outbox mails (``mail.<kind>.subject`` / ``mail.<kind>.body``), plain text. Every mail gets
``{prenom}`` and ``{nom}`` of its recipient besides its own parameters."""

FR = {
    "mail.reactivation_code.subject": "Chorus Pro – Réactivation de votre compte utilisateur",
    "mail.reactivation_code.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Vous avez demandé la réactivation de votre compte utilisateur Chorus Pro "
        "(identifiant de connexion : {login}).\n"
        "\n"
        "Votre code d'activation est : {code}\n"
        "\n"
        "Ce code est valable jusqu'au {expires} et ne peut être utilisé qu'une seule fois. "
        "Saisissez-le sur l'écran de connexion, ou avec la commande « chorus-tui activate "
        "{code} », puis choisissez un nouveau mot de passe et une nouvelle question secrète.\n"
        "\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.account_creation_code.subject": "Chorus Pro – Activation de votre compte utilisateur",
    "mail.account_creation_code.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Un compte utilisateur Chorus Pro a été créé pour vous "
        "(identifiant de connexion : {login}).\n"
        "\n"
        "Votre code d'activation est : {code}\n"
        "\n"
        "Ce code est valable jusqu'au {expires} et ne peut être utilisé qu'une seule fois. "
        "Saisissez-le sur l'écran de connexion, ou avec la commande « chorus-tui activate "
        "{code} », puis choisissez votre mot de passe et votre question secrète.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.principal_transferred.subject": (
        "Chorus Pro – Vous êtes gestionnaire principal de la structure {structure}"
    ),
    "mail.principal_transferred.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "{previous} vous a désigné(e) gestionnaire principal de la structure {structure} "
        "(identifiant {identifier}).\n"
        "\n"
        "Vous avez désormais la charge de valider les demandes de rattachement et d'abonnement "
        "des utilisateurs de cette structure, depuis l'espace « Activités du gestionnaire ».\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.membership_request_received.subject": (
        "Chorus Pro – Demande de rattachement à la structure {structure}"
    ),
    "mail.membership_request_received.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "{requester} demande à être rattaché(e) à la structure {structure} "
        "(identifiant {identifier}).\n"
        "\n"
        "Vous pouvez valider ou refuser cette demande depuis l'espace « Activités du "
        "gestionnaire ».\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.subscription_request_received.subject": (
        "Chorus Pro – Demande d'abonnement à l'espace {space} ({structure})"
    ),
    "mail.subscription_request_received.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "{requester} demande un abonnement à l'espace {space} de la structure {structure}.\n"
        "\n"
        "Vous pouvez valider ou refuser cette demande depuis l'espace « Activités du "
        "gestionnaire ».\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.membership_validated.subject": (
        "Chorus Pro – Votre rattachement à la structure {structure} est validé"
    ),
    "mail.membership_validated.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Votre demande de rattachement à la structure {structure} (identifiant {identifier}) "
        "a été validée. Vous avez désormais accès à ses espaces.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.membership_refused.subject": (
        "Chorus Pro – Votre demande de rattachement à la structure {structure} est refusée"
    ),
    "mail.membership_refused.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Votre demande de rattachement à la structure {structure} (identifiant {identifier}) "
        "a été refusée.\n"
        "\n"
        "Motif : {motif}\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.subscription_validated.subject": (
        "Chorus Pro – Votre abonnement à l'espace {space} ({structure}) est validé"
    ),
    "mail.subscription_validated.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Votre demande d'abonnement à l'espace {space} de la structure {structure} a été "
        "validée.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.subscription_refused.subject": (
        "Chorus Pro – Votre abonnement à l'espace {space} ({structure}) est refusé"
    ),
    "mail.subscription_refused.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Votre demande d'abonnement à l'espace {space} de la structure {structure} a été "
        "refusée.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
}

EN = {
    "mail.reactivation_code.subject": "Chorus Pro – Reactivation of your user account",
    "mail.reactivation_code.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "You asked for the reactivation of your Chorus Pro user account (login id: {login}).\n"
        "\n"
        "Your activation code is: {code}\n"
        "\n"
        "This code is valid until {expires} and can be used only once. Enter it on the login "
        'screen, or with the command "chorus-tui activate {code}", then choose a new password '
        "and a new secret question.\n"
        "\n"
        "If you did not ask for this, ignore this message.\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.account_creation_code.subject": "Chorus Pro – Activation of your user account",
    "mail.account_creation_code.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "A Chorus Pro user account was created for you (login id: {login}).\n"
        "\n"
        "Your activation code is: {code}\n"
        "\n"
        "This code is valid until {expires} and can be used only once. Enter it on the login "
        'screen, or with the command "chorus-tui activate {code}", then choose your password '
        "and your secret question.\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.principal_transferred.subject": (
        "Chorus Pro – You are the principal manager of the structure {structure}"
    ),
    "mail.principal_transferred.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "{previous} designated you as principal manager of the structure {structure} "
        "(identifier {identifier}).\n"
        "\n"
        "You are now in charge of validating the membership and subscription requests of this "
        'structure\'s users, from the "Manager activities" space.\n'
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.membership_request_received.subject": (
        "Chorus Pro – Membership request to the structure {structure}"
    ),
    "mail.membership_request_received.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "{requester} asks to become a member of the structure {structure} "
        "(identifier {identifier}).\n"
        "\n"
        'You can accept or refuse this request from the "Manager activities" space.\n'
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.subscription_request_received.subject": (
        "Chorus Pro – Subscription request to the space {space} ({structure})"
    ),
    "mail.subscription_request_received.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "{requester} asks for a subscription to the space {space} of the structure {structure}.\n"
        "\n"
        'You can accept or refuse this request from the "Manager activities" space.\n'
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.membership_validated.subject": (
        "Chorus Pro – Your membership of the structure {structure} is accepted"
    ),
    "mail.membership_validated.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "Your membership request to the structure {structure} (identifier {identifier}) was "
        "accepted. You now have access to its spaces.\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.membership_refused.subject": (
        "Chorus Pro – Your membership request to the structure {structure} is refused"
    ),
    "mail.membership_refused.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "Your membership request to the structure {structure} (identifier {identifier}) was "
        "refused.\n"
        "\n"
        "Reason: {motif}\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.subscription_validated.subject": (
        "Chorus Pro – Your subscription to the space {space} ({structure}) is accepted"
    ),
    "mail.subscription_validated.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "Your subscription request to the space {space} of the structure {structure} was "
        "accepted.\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.subscription_refused.subject": (
        "Chorus Pro – Your subscription to the space {space} ({structure}) is refused"
    ),
    "mail.subscription_refused.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "Your subscription request to the space {space} of the structure {structure} was "
        "refused.\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
}
