"""« Les demandes d'abonnement aux espaces » of « Activités du gestionnaire » (M4–M6): the table,
the screen « Abonnement d'un utilisateur aux espaces » and the refusal window."""

FR = {
    # M4: the block
    "srequests.title": "Les demandes d'abonnement aux espaces",
    "srequests.column.requester": "Demandeur",
    "srequests.column.identifier": "Identifiant structure",
    "srequests.column.designation": "Raison sociale",
    "srequests.column.spaces": "Espaces",
    "srequests.empty": "Aucune demande d'abonnement en attente.",
    "srequests.hint": "Espace : cocher · Entrée : ouvrir · v : valider · x : refuser · n/p : pages",
    "srequests.key.open": "Ouvrir la demande",
    "srequests.key.validate": "Valider",
    "srequests.key.refuse": "Refuser",
    "srequests.cmd.open": "Demandes d'abonnement : ouvrir la demande",
    "srequests.cmd.open.help": "Ouvre la demande d'abonnement de la ligne courante.",
    "srequests.cmd.validate": "Demandes d'abonnement : valider",
    "srequests.cmd.validate.help": (
        "Valide les demandes cochées (ou celle de la ligne courante), telles que demandées."
    ),
    "srequests.cmd.refuse": "Demandes d'abonnement : refuser",
    "srequests.cmd.refuse.help": (
        "Refuse les demandes cochées (ou celle de la ligne courante), avec un motif."
    ),
    "srequests.bulk.validate": "Validation des demandes d'abonnement",
    "srequests.bulk.refuse": "Refus des demandes d'abonnement",
    "srequests.bulk.validated": (
        "{done} demande(s) d'abonnement validée(s), {skipped} ignorée(s) : déjà traitée(s) "
        "par un autre gestionnaire."
    ),
    "srequests.bulk.refused": (
        "{done} demande(s) d'abonnement refusée(s), {skipped} ignorée(s) : déjà traitée(s) "
        "par un autre gestionnaire."
    ),
    # M5: the request screen
    "srequests.review.title": "Abonnement d'un utilisateur aux espaces",
    "srequests.review.requester": "Demandeur",
    "srequests.review.structure": "Structure",
    "srequests.review.details": "Détails",
    "srequests.review.name": "Nom Prénom",
    "srequests.review.contact": "Adresse de contact",
    "srequests.review.address": "Adresse",
    "srequests.review.phone": "Téléphone",
    "srequests.review.identifier": "Identifiant",
    "srequests.review.designation": "Désignation",
    "srequests.review.col.date": "Date de la demande",
    "srequests.review.col.service": "Service",
    "srequests.review.col.space": "Espace",
    "srequests.review.col.comment": "Commentaires",
    "srequests.review.col.consultation": "Consultation",
    "srequests.review.col.modification": "Modification",
    "srequests.review.whole_structure": "Toute la structure",
    "srequests.review.lines": "Espaces demandés",
    "srequests.review.lines_hint": (
        "Cochez « Consultation » et/ou « Modification » ; une ligne sans case cochée est refusée."
    ),
    "srequests.review.comment": "Commentaires",
    "srequests.review.counter": "{count}/{max} (les commentaires sont limités à 255 caractères)",
    "srequests.review.scope": "Rattachement",
    "srequests.review.scope.USER": "Rattacher les espaces sélectionnés seulement à l'utilisateur",
    "srequests.review.scope.SERVICES": (
        "Rattacher les espaces sélectionnés au niveau de tous les services concernés"
    ),
    "srequests.review.scope.STRUCTURE": (
        "Rattacher les espaces sélectionnés au niveau de la structure"
    ),
    "srequests.review.cancel": "Annuler",
    "srequests.review.validate": "Valider",
    "srequests.review.refuse": "Refuser",
    "srequests.review.validated": "La demande d'abonnement de {name} a été validée.",
    "srequests.key.back": "Retour",
    "srequests.key.refuse_request": "Refuser",
    "srequests.cmd.submit": "Valider la demande d'abonnement",
    "srequests.cmd.submit.help": "Valide la demande avec les cases cochées (Ctrl+S).",
    "srequests.cmd.refuse_request": "Refuser la demande d'abonnement",
    "srequests.cmd.refuse_request.help": "Ouvre la fenêtre de refus de la demande.",
    "srequests.cmd.back": "Retour sans valider",
    "srequests.cmd.back.help": "Ferme la demande sans rien changer (Échap).",
    # M6: the refusal window
    "srequests.refusal.title": "Confirmation du refus de la demande d'abonnement",
    "srequests.refusal.col.requester": "Demandeur",
    "srequests.refusal.col.structure": "Structure",
    "srequests.refusal.col.space": "Espace",
    "srequests.refusal.more": "… et {count} autre(s) ligne(s)",
    "srequests.refusal.message": ("Veuillez indiquer le motif du refus de la demande d'abonnement"),
    "srequests.refusal.by": "Refus par le gestionnaire {name}",
    "srequests.refusal.motif": "Motif *",
    "srequests.refusal.counter": "{count}/{max} (le motif est limité à 255 caractères)",
    "srequests.refusal.cancel": "Annuler",
    "srequests.refusal.validate": "Valider",
    "srequests.refused": "La demande d'abonnement de {name} a été refusée.",
}

EN = {
    # M4: the block
    "srequests.title": "Space subscription requests",
    "srequests.column.requester": "Requester",
    "srequests.column.identifier": "Structure identifier",
    "srequests.column.designation": "Company name",
    "srequests.column.spaces": "Spaces",
    "srequests.empty": "No pending subscription request.",
    "srequests.hint": "Space: tick · Enter: open · v: accept · x: refuse · n/p: pages",
    "srequests.key.open": "Open the request",
    "srequests.key.validate": "Accept",
    "srequests.key.refuse": "Refuse",
    "srequests.cmd.open": "Subscription requests: open the request",
    "srequests.cmd.open.help": "Opens the subscription request of the current row.",
    "srequests.cmd.validate": "Subscription requests: accept",
    "srequests.cmd.validate.help": (
        "Accepts the ticked requests (or the current row's) as requested."
    ),
    "srequests.cmd.refuse": "Subscription requests: refuse",
    "srequests.cmd.refuse.help": (
        "Refuses the ticked requests (or the current row's), with a reason."
    ),
    "srequests.bulk.validate": "Accepting subscription requests",
    "srequests.bulk.refuse": "Refusing subscription requests",
    "srequests.bulk.validated": (
        "{done} subscription request(s) accepted, {skipped} skipped: already processed by "
        "another manager."
    ),
    "srequests.bulk.refused": (
        "{done} subscription request(s) refused, {skipped} skipped: already processed by "
        "another manager."
    ),
    # M5: the request screen
    "srequests.review.title": "Subscription of a user to spaces",
    "srequests.review.requester": "Requester",
    "srequests.review.structure": "Structure",
    "srequests.review.details": "Details",
    "srequests.review.name": "Name",
    "srequests.review.contact": "Contact address",
    "srequests.review.address": "Address",
    "srequests.review.phone": "Phone",
    "srequests.review.identifier": "Identifier",
    "srequests.review.designation": "Designation",
    "srequests.review.col.date": "Date of request",
    "srequests.review.col.service": "Service",
    "srequests.review.col.space": "Space",
    "srequests.review.col.comment": "Comments",
    "srequests.review.col.consultation": "Read",
    "srequests.review.col.modification": "Modify",
    "srequests.review.whole_structure": "Whole structure",
    "srequests.review.lines": "Requested spaces",
    "srequests.review.lines_hint": (
        "Tick « Read » and/or « Modify »; a line without any tick is refused."
    ),
    "srequests.review.comment": "Comments",
    "srequests.review.counter": "{count}/{max} (comments are limited to 255 characters)",
    "srequests.review.scope": "Attach",
    "srequests.review.scope.USER": "Attach the selected spaces to the user only",
    "srequests.review.scope.SERVICES": "Attach the selected spaces on every service concerned",
    "srequests.review.scope.STRUCTURE": "Attach the selected spaces at structure level",
    "srequests.review.cancel": "Cancel",
    "srequests.review.validate": "Accept",
    "srequests.review.refuse": "Refuse",
    "srequests.review.validated": "The subscription request of {name} was accepted.",
    "srequests.key.back": "Back",
    "srequests.key.refuse_request": "Refuse",
    "srequests.cmd.submit": "Accept the subscription request",
    "srequests.cmd.submit.help": "Accepts the request with the ticked boxes (Ctrl+S).",
    "srequests.cmd.refuse_request": "Refuse the subscription request",
    "srequests.cmd.refuse_request.help": "Opens the refusal window of the request.",
    "srequests.cmd.back": "Back without accepting",
    "srequests.cmd.back.help": "Closes the request without changing anything (Esc).",
    # M6: the refusal window
    "srequests.refusal.title": "Confirm the refusal of the subscription request",
    "srequests.refusal.col.requester": "Requester",
    "srequests.refusal.col.structure": "Structure",
    "srequests.refusal.col.space": "Space",
    "srequests.refusal.more": "… and {count} more line(s)",
    "srequests.refusal.message": "Please give the reason for refusing the subscription request",
    "srequests.refusal.by": "Refused by the manager {name}",
    "srequests.refusal.motif": "Reason *",
    "srequests.refusal.counter": "{count}/{max} (the reason is limited to 255 characters)",
    "srequests.refusal.cancel": "Cancel",
    "srequests.refusal.validate": "Confirm",
    "srequests.refused": "The subscription request of {name} was refused.",
}
