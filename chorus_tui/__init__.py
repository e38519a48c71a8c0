"""chorus-tui: Chorus Pro's « Mon Compte » and « Activités du gestionnaire » in the terminal."""

__version__ = "0.1.0"
