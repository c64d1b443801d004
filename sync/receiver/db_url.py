"""What `--db` names: a PostgreSQL URL or a SQLite file (decided without importing PostgreSQL's driver)."""

from __future__ import annotations

__all__ = ["URL_SCHEMES", "is_postgres_url"]

URL_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str) -> bool:
    """Whether --db names a PostgreSQL database rather than a SQLite file."""
    return target.startswith(URL_SCHEMES)
