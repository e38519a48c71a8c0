"""The notification digests (F3): the daily digest of a user's new events and the weekly summary
of the structures' movements (``mail.digest_daily.*``, ``mail.digest_weekly.*``), and the lines
they are made of (``digest.*``). Every mail gets ``{prenom}`` and ``{nom}`` of its recipient."""

FR = {
    "mail.digest_daily.subject": "Chorus Pro – Vos notifications du {day}",
    "mail.digest_daily.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Voici les nouveaux événements de votre compte Chorus Pro du {day} (nombre : {count}) :\n"
        "\n"
        "{items}\n"
        "\n"
        "Vous recevez ce message car la case « Recevoir des notifications » est cochée dans "
        "« Mon Compte ». Décochez-la pour ne plus être informé(e) automatiquement par mail.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "mail.digest_weekly.subject": (
        "Chorus Pro – Récapitulatif hebdomadaire des mouvements du {start} au {end}"
    ),
    "mail.digest_weekly.body": (
        "Bonjour {prenom} {nom},\n"
        "\n"
        "Voici le récapitulatif des mouvements effectués sur vos structures du {start} au "
        "{end} (nombre : {count}) :\n"
        "\n"
        "{items}\n"
        "\n"
        "Vous recevez ce message car la case « Recevoir des notifications » est cochée dans "
        "« Mon Compte ». Décochez-la pour ne plus être informé(e) automatiquement par mail.\n"
        "\n"
        "Cordialement,\n"
        "L'équipe Chorus Pro"
    ),
    "digest.item": "- {at} : {text}",
    "digest.structure": "{structure} (identifiant {identifier}) :",
    "digest.movement": "  - {at} : {comment} – {requester}",
    "digest.movement.actor": " (par {actor})",
    "digest.movement.motif": " – motif : {motif}",
    "digest.more": "… et {count} autre(s), à consulter dans Chorus Pro.",
    "digest.nobody": "—",
}

EN = {
    "mail.digest_daily.subject": "Chorus Pro – Your notifications of {day}",
    "mail.digest_daily.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "Here are the new events of your Chorus Pro account on {day} (number: {count}):\n"
        "\n"
        "{items}\n"
        "\n"
        'You receive this message because "Receive notifications" is ticked in "My account". '
        "Untick it to stop these automatic mails.\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "mail.digest_weekly.subject": (
        "Chorus Pro – Weekly summary of the movements from {start} to {end}"
    ),
    "mail.digest_weekly.body": (
        "Hello {prenom} {nom},\n"
        "\n"
        "Here is the summary of the movements on your structures from {start} to {end} "
        "(number: {count}):\n"
        "\n"
        "{items}\n"
        "\n"
        'You receive this message because "Receive notifications" is ticked in "My account". '
        "Untick it to stop these automatic mails.\n"
        "\n"
        "Kind regards,\n"
        "The Chorus Pro team"
    ),
    "digest.item": "- {at}: {text}",
    "digest.structure": "{structure} (identifier {identifier}):",
    "digest.movement": "  - {at}: {comment} – {requester}",
    "digest.movement.actor": " (by {actor})",
    "digest.movement.motif": " – reason: {motif}",
    "digest.more": "… and {count} more, to be read in Chorus Pro.",
    "digest.nobody": "—",
}
