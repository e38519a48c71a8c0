"""One page of a table: its rows and the total, counted by the same query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import peewee

T = TypeVar("T")

PAGE_SIZES = (5, 10, 20, 50)
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    """Rows ``offset`` … ``offset + len(rows)`` of ``total``."""

    rows: list[T]
    total: int
    offset: int
    size: int

    @property
    def number(self) -> int:
        """1-based page number."""
        return self.offset // self.size + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def paginate(query: peewee.SelectQuery, size: int, offset: int = 0) -> Page:
    """The page of ``query`` (already ordered) starting at ``offset``; the size is bounded."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    offset = max(0, offset)
    total = query.order_by().count()
    if offset >= total and total:
        offset = (total - 1) // size * size
    return Page(list(query.limit(size).offset(offset)), total, offset, size)
