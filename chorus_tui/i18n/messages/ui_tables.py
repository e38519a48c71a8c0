"""The paged tables shared by every list (« 5 lignes par page (12 lignes) »)."""

FR = {
    "table.position": "« {page}/{pages} »",
    "table.count": "{size} lignes par page ({total} lignes)",
    "table.count.one": "{size} lignes par page (1 ligne)",
    "table.selected": "{count} cochée(s)",
    "table.empty": "Aucune ligne.",
    "table.key.toggle": "Cocher",
    "table.key.next": "Page suiv.",
    "table.key.previous": "Page préc.",
    "table.key.pages": "Pages",
    "table.key.size": "Lignes/page",
}

EN = {
    "table.position": "« {page}/{pages} »",
    "table.count": "{size} lines per page ({total} lines)",
    "table.count.one": "{size} lines per page (1 line)",
    "table.selected": "{count} ticked",
    "table.empty": "No line.",
    "table.key.toggle": "Tick",
    "table.key.next": "Next page",
    "table.key.previous": "Prev. page",
    "table.key.pages": "Pages",
    "table.key.size": "Lines/page",
}
