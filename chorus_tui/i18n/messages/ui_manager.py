"""« Activités du gestionnaire »: the synthèse (M0) and the membership requests (M1–M3)."""

FR = {
    # M0
    "manager.title": "Activités du gestionnaire : synthèse",
    "manager.heading": "Activités du gestionnaire — Synthèse",
    "manager.counts": (
        "Demandes de rattachement en attente : {memberships} · demandes d'abonnement : "
        "{subscriptions} · structures gérées : {structures}"
    ),
    "manager.denied": (
        "Cet espace est réservé aux gestionnaires principaux et secondaires des structures."
    ),
    "manager.key.back": "Accueil",
    "manager.key.structures": "Mes structures",
    "manager.key.history": "Historique",
    "manager.link.structures": "Mes structures",
    "manager.link.history": "Historique",
    "manager.link.user_search": "Rechercher utilisateur",
    "manager.key.user_search": "Rechercher utilisateur",
    "manager.cmd.user_search": "Gestionnaire : rechercher un utilisateur",
    "manager.cmd.user_search.help": "Parmi les utilisateurs de vos structures.",
    "manager.cmd.structures": "Gestionnaire : mes structures",
    "manager.cmd.structures.help": "Les structures que vous gérez, leurs services et leurs utilisateurs.",
    "manager.cmd.history": "Gestionnaire : historique",
    "manager.cmd.history.help": "Ce qui a été fait sur vos structures, avec filtres et export.",
    "manager.key.jump.memberships": "Demandes de rattachement",
    "manager.key.jump.subscriptions": "Demandes d'abonnement",
    "manager.cmd.jump.memberships": "Gestionnaire : aller aux demandes de rattachement",
    "manager.cmd.jump.subscriptions": "Gestionnaire : aller aux demandes d'abonnement",
    "manager.cmd.jump.help": "Met le curseur dans le tableau du bloc ({jump}).",
    # M1: the block
    "mrequests.title": "Les demandes de rattachement",
    "mrequests.column.requester": "Demandeur",
    "mrequests.column.identifier": "Identifiant structure",
    "mrequests.column.designation": "Raison sociale",
    "mrequests.column.services": "Services",
    "mrequests.whole": "Toute la structure",
    "mrequests.empty": "Aucune demande de rattachement en attente.",
    "mrequests.hint": (
        "Espace : cocher · Entrée : accéder à la demande · v : valider · x/Suppr : refuser "
        "(les lignes cochées, ou la ligne courante)"
    ),
    "mrequests.key.open": "Accéder à la demande",
    "mrequests.key.validate": "Valider",
    "mrequests.key.refuse": "Refuser",
    "mrequests.cmd.open": "Rattachements : accéder à la demande",
    "mrequests.cmd.open.help": "Ouvre la demande de rattachement sous le curseur.",
    "mrequests.cmd.validate": "Rattachements : valider les demandes cochées",
    "mrequests.cmd.validate.help": (
        "Valide les demandes cochées (ou la demande courante) : rôle utilisateur simple, "
        "services demandés."
    ),
    "mrequests.cmd.refuse": "Rattachements : refuser les demandes cochées",
    "mrequests.cmd.refuse.help": (
        "Refuse les demandes cochées (ou la demande courante) avec un motif."
    ),
    "mrequests.confirm.title": "Validation des demandes de rattachement",
    "mrequests.confirm.message": (
        "Valider {count} demande(s) de rattachement avec le rôle « Utilisateur simple » et les "
        "services demandés ?"
    ),
    "mrequests.confirm.ok": "Valider",
    "mrequests.bulk.validate": "Validation des demandes de rattachement",
    "mrequests.bulk.refuse": "Refus des demandes de rattachement",
    # M2: the request screen
    "mrequests.review.title": "Rattachement d'un utilisateur à une Structure",
    "mrequests.review.role": "Rôle *",
    "mrequests.review.user_status": "Statut utilisateur",
    "mrequests.review.start_date": "Date de début de validité",
    "mrequests.review.end_date": "Date de fin de validité",
    "mrequests.review.status": "Statut du rattachement",
    "mrequests.review.comment": "Commentaire",
    "mrequests.review.none": "–",
    "mrequests.review.services_hint": (
        "Les coches précisent les services auxquels l'utilisateur sera habilité si la demande "
        "est validée."
    ),
    "mrequests.review.whole_hint": (
        "Demande de rattachement à toute la structure : sans service coché, l'utilisateur est "
        "rattaché à la structure."
    ),
    "mrequests.review.no_service": "Cette structure n'a pas de service actif.",
    "mrequests.review.services_label": "Services",
    "mrequests.review.cancel": "Annuler",
    "mrequests.review.validate": "Valider",
    "mrequests.review.refuse": "Refuser",
    "mrequests.review.key.back": "Annuler",
    "mrequests.review.cmd.submit": "Demande de rattachement : valider",
    "mrequests.review.cmd.submit.help": ("Valide la demande avec le rôle et les services choisis."),
    "mrequests.review.cmd.refuse": "Demande de rattachement : refuser",
    "mrequests.review.cmd.refuse.help": "Ouvre la fenêtre du motif du refus.",
    "mrequests.validated": "La demande de rattachement de {user} à « {structure} » est validée.",
    "mrequests.refused": "La demande de rattachement de {user} à « {structure} » est refusée.",
    # M3: the refusal window
    "mrequests.refusal.title": "Confirmation du refus de la demande de rattachement",
    "mrequests.refusal.one": (
        "Veuillez indiquer le motif du refus du rattachement de l'utilisateur {user}"
    ),
    "mrequests.refusal.many": (
        "Veuillez indiquer le motif du refus des {count} demandes de rattachement suivantes :"
    ),
    "mrequests.refusal.services": "{count} service(s) : {services}",
    "mrequests.refusal.structure": "Structure : {structure}",
    "mrequests.refusal.col.requester": "Demandeur",
    "mrequests.refusal.col.structure": "Structure",
    "mrequests.refusal.col.services": "Services",
    "mrequests.refusal.more": "… et {count} autre(s) demande(s)",
    "mrequests.refusal.by": "Refus par le gestionnaire {manager}",
    "mrequests.refusal.motif": "Motif *",
    "mrequests.refusal.counter": "{count}/{max}",
    "mrequests.refusal.limit": "(le motif est limité à 255 caractères)",
    "mrequests.refusal.cancel": "Annuler",
    "mrequests.refusal.validate": "Valider",
    "mrequests.refusal.cmd.submit": "Refus : valider",
    "mrequests.refusal.cmd.submit.help": "Confirme le refus avec le motif saisi.",
}

EN = {
    # M0
    "manager.title": "Manager activities: summary",
    "manager.heading": "Manager activities — Summary",
    "manager.counts": (
        "Pending membership requests: {memberships} · subscription requests: {subscriptions} · "
        "structures managed: {structures}"
    ),
    "manager.denied": "This space is for the principal and secondary managers of structures.",
    "manager.key.back": "Home",
    "manager.key.structures": "My structures",
    "manager.key.history": "History",
    "manager.link.structures": "My structures",
    "manager.link.history": "History",
    "manager.link.user_search": "Search a user",
    "manager.key.user_search": "Search a user",
    "manager.cmd.user_search": "Manager: search a user",
    "manager.cmd.user_search.help": "Among the users of your structures.",
    "manager.cmd.structures": "Manager: my structures",
    "manager.cmd.structures.help": "The structures you manage, their services and their users.",
    "manager.cmd.history": "Manager: history",
    "manager.cmd.history.help": "What was done on your structures, with filters and export.",
    "manager.key.jump.memberships": "Membership requests",
    "manager.key.jump.subscriptions": "Subscription requests",
    "manager.cmd.jump.memberships": "Manager: go to the membership requests",
    "manager.cmd.jump.subscriptions": "Manager: go to the subscription requests",
    "manager.cmd.jump.help": "Puts the cursor in the block's table ({jump}).",
    # M1: the block
    "mrequests.title": "Membership requests",
    "mrequests.column.requester": "Requester",
    "mrequests.column.identifier": "Structure identifier",
    "mrequests.column.designation": "Company name",
    "mrequests.column.services": "Services",
    "mrequests.whole": "Whole structure",
    "mrequests.empty": "No pending membership request.",
    "mrequests.hint": (
        "Space: tick · Enter: open the request · v: accept · x/Del: refuse "
        "(the ticked rows, or the current one)"
    ),
    "mrequests.key.open": "Open the request",
    "mrequests.key.validate": "Accept",
    "mrequests.key.refuse": "Refuse",
    "mrequests.cmd.open": "Memberships: open the request",
    "mrequests.cmd.open.help": "Opens the membership request under the cursor.",
    "mrequests.cmd.validate": "Memberships: accept the ticked requests",
    "mrequests.cmd.validate.help": (
        "Accepts the ticked requests (or the current one): simple user role, services asked."
    ),
    "mrequests.cmd.refuse": "Memberships: refuse the ticked requests",
    "mrequests.cmd.refuse.help": "Refuses the ticked requests (or the current one) with a reason.",
    "mrequests.confirm.title": "Accepting membership requests",
    "mrequests.confirm.message": (
        "Accept {count} membership request(s) with the role « Simple user » and the services asked?"
    ),
    "mrequests.confirm.ok": "Accept",
    "mrequests.bulk.validate": "Accepting membership requests",
    "mrequests.bulk.refuse": "Refusing membership requests",
    # M2: the request screen
    "mrequests.review.title": "Membership of a user to a Structure",
    "mrequests.review.role": "Role *",
    "mrequests.review.user_status": "User status",
    "mrequests.review.start_date": "Start of validity",
    "mrequests.review.end_date": "End of validity",
    "mrequests.review.status": "Membership status",
    "mrequests.review.comment": "Comment",
    "mrequests.review.none": "–",
    "mrequests.review.services_hint": (
        "The ticks are the services the user will be given if the request is accepted."
    ),
    "mrequests.review.whole_hint": (
        "Request for the whole structure: with no service ticked, the user joins the structure."
    ),
    "mrequests.review.no_service": "This structure has no active service.",
    "mrequests.review.services_label": "Services",
    "mrequests.review.cancel": "Cancel",
    "mrequests.review.validate": "Accept",
    "mrequests.review.refuse": "Refuse",
    "mrequests.review.key.back": "Cancel",
    "mrequests.review.cmd.submit": "Membership request: accept",
    "mrequests.review.cmd.submit.help": "Accepts the request with the role and services chosen.",
    "mrequests.review.cmd.refuse": "Membership request: refuse",
    "mrequests.review.cmd.refuse.help": "Opens the window of the refusal's reason.",
    "mrequests.validated": "The membership request of {user} to « {structure} » is accepted.",
    "mrequests.refused": "The membership request of {user} to « {structure} » is refused.",
    # M3: the refusal window
    "mrequests.refusal.title": "Confirmation of the refusal of the membership request",
    "mrequests.refusal.one": "Please give the reason for refusing the membership of the user {user}",
    "mrequests.refusal.many": (
        "Please give the reason for refusing the following {count} membership requests:"
    ),
    "mrequests.refusal.services": "{count} service(s): {services}",
    "mrequests.refusal.structure": "Structure: {structure}",
    "mrequests.refusal.col.requester": "Requester",
    "mrequests.refusal.col.structure": "Structure",
    "mrequests.refusal.col.services": "Services",
    "mrequests.refusal.more": "… and {count} other request(s)",
    "mrequests.refusal.by": "Refused by the manager {manager}",
    "mrequests.refusal.motif": "Reason *",
    "mrequests.refusal.counter": "{count}/{max}",
    "mrequests.refusal.limit": "(the reason is limited to 255 characters)",
    "mrequests.refusal.cancel": "Cancel",
    "mrequests.refusal.validate": "Confirm",
    "mrequests.refusal.cmd.submit": "Refusal: confirm",
    "mrequests.refusal.cmd.submit.help": "Confirms the refusal with the reason typed.",
}
