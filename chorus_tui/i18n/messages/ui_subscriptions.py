"""« Mes abonnements aux espaces » of Mon Compte (F5): the table, its delete confirmation, and the
form « Ajouter un abonnement »."""

FR = {
    "subscriptions.title": "Mes abonnements aux espaces",
    "subscriptions.column.identifier": "Identifiant",
    "subscriptions.column.designation": "Désignation",
    "subscriptions.column.service": "Service",
    "subscriptions.column.space": "Nom de l'espace",
    "subscriptions.column.habilitation": "Habilitation",
    "subscriptions.column.status": "Statut",
    "subscriptions.habilitation.CONSULTATION_UNIQUEMENT": "Consultation",
    "subscriptions.habilitation.MODIFICATION": "Modification",
    "subscriptions.habilitation.consultation": "consultation",
    "subscriptions.habilitation.modification": "modification",
    "subscriptions.status.EN_COURS_DE_VALIDATION": "En cours de validation",
    "subscriptions.status.VALIDE": "Validé",
    "subscriptions.status.REFUSE": "Refusé",
    "subscriptions.whole_structure": "Toute la structure",
    "subscriptions.empty": "Aucun abonnement.",
    "subscriptions.hint": (
        "Espace : cocher · Suppr : supprimer · a : ajouter · ←/→ : autres colonnes · "
        "n/p : pages · l : lignes par page"
    ),
    "subscriptions.delete": "Supprimer abonnements",
    "subscriptions.add": "Ajouter un abonnement",
    "subscriptions.key.delete": "Supprimer",
    "subscriptions.key.add": "Ajouter",
    "subscriptions.key.back": "Retour",
    "subscriptions.cmd.add": "Abonnements : ajouter un abonnement",
    "subscriptions.cmd.add.help": "Ouvre le formulaire « Ajouter un abonnement ».",
    "subscriptions.cmd.delete": "Abonnements : supprimer les abonnements cochés",
    "subscriptions.cmd.delete.help": (
        "Supprime les abonnements cochés (ou celui de la ligne courante), après confirmation."
    ),
    "subscriptions.cmd.submit": "Valider la demande d'abonnement",
    "subscriptions.cmd.submit.help": "Envoie la demande d'abonnement (Ctrl+S).",
    "subscriptions.cmd.back": "Retour sans envoyer",
    "subscriptions.cmd.back.help": "Ferme le formulaire sans rien envoyer (Échap).",
    "subscriptions.delete.title": "Supprimer abonnements",
    "subscriptions.delete.message": (
        "Etes-vous sûr de vouloir supprimer vos abonnements aux espaces suivants ?"
    ),
    "subscriptions.delete.note": "Vous n'aurez plus accès à ces espaces au titre de ces structures.",
    "subscriptions.delete.ok": "OK",
    "subscriptions.delete.cancel": "Annuler",
    "subscriptions.delete.none": "Aucun abonnement à supprimer.",
    "subscriptions.deleted": "{count} abonnement(s) supprimé(s).",
    "subscriptions.add.title": "Ajouter un abonnement",
    "subscriptions.add.intro": (
        "Choisissez la structure et l'espace, puis cochez « consultation » et/ou "
        "« modification » pour chaque service (une ligne chacune)."
    ),
    "subscriptions.structure_option": "{identifier} – {name}",
    "subscriptions.field.structure": "Structure *",
    "subscriptions.field.structure.prompt": "Choisir une structure",
    "subscriptions.field.space": "Espace *",
    "subscriptions.field.space.prompt": "Choisir un espace",
    "subscriptions.lines_intro": "« Toute la structure » : l'abonnement porte sur toute la structure. Une ligne par case cochée.",
    "subscriptions.lines_first": "Choisissez d'abord une structure.",
    "subscriptions.field.lines": "Services *",
    "subscriptions.section.details": "Détails",
    "subscriptions.field.effective_date": "Date d'effet *",
    "subscriptions.field.comment": "Commentaire",
    "subscriptions.date_placeholder": "jj/mm/aaaa",
    "subscriptions.counter": "{count}/{max}",
    "subscriptions.cancel": "Annuler",
    "subscriptions.added.valid": (
        "Abonnement à « {space} » : {count} ligne(s) au statut « Validé »."
    ),
    "subscriptions.added.pending": (
        "Abonnement à « {space} » : {count} ligne(s) au statut « En cours de validation ». "
        "Le gestionnaire de la structure doit valider votre demande."
    ),
}

EN = {
    "subscriptions.title": "My space subscriptions",
    "subscriptions.column.identifier": "Identifier",
    "subscriptions.column.designation": "Name",
    "subscriptions.column.service": "Service",
    "subscriptions.column.space": "Space name",
    "subscriptions.column.habilitation": "Permission",
    "subscriptions.column.status": "Status",
    "subscriptions.habilitation.CONSULTATION_UNIQUEMENT": "Read only",
    "subscriptions.habilitation.MODIFICATION": "Modification",
    "subscriptions.habilitation.consultation": "read only",
    "subscriptions.habilitation.modification": "modification",
    "subscriptions.status.EN_COURS_DE_VALIDATION": "Awaiting validation",
    "subscriptions.status.VALIDE": "Validated",
    "subscriptions.status.REFUSE": "Refused",
    "subscriptions.whole_structure": "Whole structure",
    "subscriptions.empty": "No subscription.",
    "subscriptions.hint": (
        "Space: tick · Del: delete · a: add · ←/→: other columns · n/p: pages · l: lines per page"
    ),
    "subscriptions.delete": "Delete subscriptions",
    "subscriptions.add": "Add a subscription",
    "subscriptions.key.delete": "Delete",
    "subscriptions.key.add": "Add",
    "subscriptions.key.back": "Back",
    "subscriptions.cmd.add": "Subscriptions: add a subscription",
    "subscriptions.cmd.add.help": "Opens the form « Add a subscription ».",
    "subscriptions.cmd.delete": "Subscriptions: delete the ticked subscriptions",
    "subscriptions.cmd.delete.help": (
        "Deletes the ticked subscriptions (or the current line's), after a confirmation."
    ),
    "subscriptions.cmd.submit": "Send the subscription request",
    "subscriptions.cmd.submit.help": "Sends the subscription request (Ctrl+S).",
    "subscriptions.cmd.back": "Back without sending",
    "subscriptions.cmd.back.help": "Closes the form without sending anything (Esc).",
    "subscriptions.delete.title": "Delete subscriptions",
    "subscriptions.delete.message": (
        "Are you sure you want to delete your subscriptions to the following spaces?"
    ),
    "subscriptions.delete.note": "You will no longer reach these spaces for these structures.",
    "subscriptions.delete.ok": "OK",
    "subscriptions.delete.cancel": "Cancel",
    "subscriptions.delete.none": "No subscription to delete.",
    "subscriptions.deleted": "{count} subscription(s) deleted.",
    "subscriptions.add.title": "Add a subscription",
    "subscriptions.add.intro": (
        "Choose the structure and the space, then tick « read only » and/or « modification » "
        "for each service (one line each)."
    ),
    "subscriptions.structure_option": "{identifier} – {name}",
    "subscriptions.field.structure": "Structure *",
    "subscriptions.field.structure.prompt": "Choose a structure",
    "subscriptions.field.space": "Space *",
    "subscriptions.field.space.prompt": "Choose a space",
    "subscriptions.lines_intro": "« Whole structure »: the subscription covers the whole structure. One line per ticked box.",
    "subscriptions.lines_first": "Choose a structure first.",
    "subscriptions.field.lines": "Services *",
    "subscriptions.section.details": "Details",
    "subscriptions.field.effective_date": "Effective date *",
    "subscriptions.field.comment": "Comment",
    "subscriptions.date_placeholder": "dd/mm/yyyy",
    "subscriptions.counter": "{count}/{max}",
    "subscriptions.cancel": "Cancel",
    "subscriptions.added.valid": "Subscription to « {space} »: {count} line(s) « Validated ».",
    "subscriptions.added.pending": (
        "Subscription to « {space} »: {count} line(s) « Awaiting validation ». "
        "The structure's manager must validate your request."
    ),
}
