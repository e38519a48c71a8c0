"""The window of a bulk decision (X7)."""

FR = {
    "bulk.title": "Traitement en masse",
    "bulk.count": "{done} / {total} demande(s) traitée(s)",
    "bulk.summary": "{done} demande(s) traitée(s), {skipped} ignorée(s) : déjà traitée(s) par un autre gestionnaire.",
    "bulk.stopped": "Interrompu : {done} demande(s) traitée(s), {skipped} ignorée(s) ; les autres sont inchangées.",
    "bulk.stop": "Interrompre",
    "bulk.close": "Fermer",
    "bulk.key.stop": "Interrompre / fermer",
}

EN = {
    "bulk.title": "Bulk processing",
    "bulk.count": "{done} / {total} request(s) processed",
    "bulk.summary": "{done} request(s) processed, {skipped} skipped: already processed by another manager.",
    "bulk.stopped": "Stopped: {done} request(s) processed, {skipped} skipped; the others are unchanged.",
    "bulk.stop": "Stop",
    "bulk.close": "Close",
    "bulk.key.stop": "Stop / close",
}
