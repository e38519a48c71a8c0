"""What the « Accueil connecté » reads (F1): the user's own events and the news, newest first,
one page at a time (a page is a ``limit`` and an ``offset``; the screens never load a whole
table)."""

from __future__ import annotations

from chorus_tui.models import Event, NewsItem, User

DEFAULT_PAGE = 50


def events_of(user: User, limit: int = DEFAULT_PAGE, offset: int = 0) -> list[Event]:
    """A page of ``user``'s « Fil d'événements », newest first (ties: newest row first)."""
    return list(
        Event.select()
        .where(Event.user == user)
        .order_by(Event.at.desc(), Event.id.desc())
        .limit(limit)
        .offset(offset)
    )


def count_events(user: User) -> int:
    return Event.select().where(Event.user == user).count()


def news(limit: int = DEFAULT_PAGE, offset: int = 0) -> list[NewsItem]:
    """A page of the « Actualités », newest first."""
    return list(
        NewsItem.select()
        .order_by(NewsItem.published_at.desc(), NewsItem.id.desc())
        .limit(limit)
        .offset(offset)
    )


def count_news() -> int:
    return NewsItem.select().count()


def news_item(news_id: int) -> NewsItem | None:
    """One news item, fresh from the database (None when it was removed meanwhile)."""
    return NewsItem.get_or_none(NewsItem.id == news_id)
