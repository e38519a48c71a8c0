"""The help window (« ? », F1)."""

FR = {
    "help.title": "Aide — {screen}",
    "help.section.screen": "Touches de cet écran",
    "help.section.global": "Touches de toute l'application",
    "help.keys.arrows": "↑ ↓",
    "help.key.tab": "Aller au champ ou à la liste suivante",
    "help.key.shift_tab": "Revenir au champ ou à la liste précédente",
    "help.key.arrows": "Se déplacer dans une liste",
    "help.key.enter": "Valider le champ, ouvrir l'élément sélectionné",
    "help.key.escape": "Fermer la fenêtre",
    "help.typing_note": (
        "Dans un champ de saisie, « ? » s'écrit dans le champ : utilisez F1 pour l'aide."
    ),
}

EN = {
    "help.title": "Help — {screen}",
    "help.section.screen": "Keys of this screen",
    "help.section.global": "Keys of the whole application",
    "help.keys.arrows": "↑ ↓",
    "help.key.tab": "Go to the next field or list",
    "help.key.shift_tab": "Go back to the previous field or list",
    "help.key.arrows": "Move in a list",
    "help.key.enter": "Confirm the field, open the selected item",
    "help.key.escape": "Close the window",
    "help.typing_note": "In a text field, ? is typed into the field: use F1 for help.",
}
