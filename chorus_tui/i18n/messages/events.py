"""The events of the « Fil d'événements » (``event.<kind>``), with their parameters."""

FR = {
    "event.password_changed": "Votre mot de passe a été modifié.",
    "event.membership_requested": "Demande de rattachement à la structure {structure} envoyée.",
    "event.membership_validated": "Votre demande de rattachement à la structure {structure} a été validée.",
    "event.membership_refused": "Votre demande de rattachement à la structure {structure} a été refusée.",
    "event.role_changed": "Votre rôle sur la structure {structure} est désormais {role}.",
    "event.subscription_validated": "Votre abonnement à l'espace {space} ({structure}) a été validé.",
    "event.subscription_refused": "Votre abonnement à l'espace {space} ({structure}) a été refusé.",
    "event.account_reactivated": "Votre compte a été réactivé.",
    "event.account_created": "Votre compte a été créé.",
    "event.structure_created": "Vous avez créé la structure {structure} : vous en êtes le gestionnaire principal.",
    "event.membership_request_received": "{requester} demande un rattachement à la structure {structure}.",
    "event.subscription_request_received": "{requester} demande un abonnement à l'espace {space} ({structure}).",
}

EN = {
    "event.password_changed": "Your password was changed.",
    "event.membership_requested": "Membership request to the structure {structure} sent.",
    "event.membership_validated": "Your membership request to the structure {structure} was accepted.",
    "event.membership_refused": "Your membership request to the structure {structure} was refused.",
    "event.role_changed": "Your role on the structure {structure} is now {role}.",
    "event.subscription_validated": "Your subscription to the space {space} ({structure}) was accepted.",
    "event.subscription_refused": "Your subscription to the space {space} ({structure}) was refused.",
    "event.account_reactivated": "Your account was reactivated.",
    "event.account_created": "Your account was created.",
    "event.structure_created": "You created the structure {structure}: you are its principal manager.",
    "event.membership_request_received": "{requester} asks for a membership of the structure {structure}.",
    "event.subscription_request_received": "{requester} asks for a subscription to the space {space} ({structure}).",
}
