"""Engine, sessions and the declarative base.

One ``AsyncSession`` serves one GraphQL operation. Strawberry resolves sibling fields
concurrently, and an ``AsyncSession`` is not safe for concurrent use, so the session class
serialises its I/O methods behind an ``asyncio.Lock`` (after OS2mo's ``AsyncSessionWithLock``).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import wraps
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import sqlalchemy.ext.asyncio
from sqlalchemy import ColumnElement, MetaData, Table, any_, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY, TIMESTAMP
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, QueryableAttribute, mapped_column

from app.settings import DatabaseSettings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def any_of(column: ColumnElement[Any] | QueryableAttribute[Any], name: str) -> ColumnElement[bool]:
    """``column = ANY(:name)``, bound to one array: an expanding ``IN`` renders a placeholder
    and its cast per value on every execution (a tenth of a page's CPU in profiles), and its
    SQL text, hence its prepared statement, changes with the number of values."""
    expression = column.expression if isinstance(column, QueryableAttribute) else column
    return expression == any_(bindparam(name, type_=ARRAY(expression.type)))


def utcnow() -> datetime:
    return datetime.now(UTC)


UUIDPk = Annotated[
    uuid.UUID,
    mapped_column(primary_key=True, default=uuid.uuid4, server_default=text("gen_random_uuid()")),
]
CreatedAt = Annotated[
    datetime, mapped_column(default=utcnow, server_default=text("now()"), nullable=False)
]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: TIMESTAMP(timezone=True)}


def table_of(model: type[Base]) -> Table:
    """The model's table, for statements on hot paths that need no ORM objects back: run on
    the table, a small ``INSERT``/``UPDATE`` skips the ORM's per-execution work, which about
    doubles its CPU in this process (measured for the event workers)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


_LOCKED_METHODS = (
    "execute",
    "scalar",
    "get",
    "get_one",
    "flush",
    "refresh",
    "merge",
    "delete",
    "commit",
    "rollback",
    "close",
    "connection",
    "run_sync",
)


def _locked(name: str) -> Any:
    method = getattr(AsyncSession, name)

    @wraps(method)
    async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        async with self._io_lock:
            return await method(self, *args, **kwargs)

    return wrapper


if TYPE_CHECKING:
    LockedAsyncSession = AsyncSession
else:

    class LockedAsyncSession(AsyncSession):
        """An AsyncSession whose I/O methods never overlap.

        ``scalars`` is not wrapped because it awaits ``execute``; the lock is not re-entrant.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._io_lock = asyncio.Lock()

    for _name in _LOCKED_METHODS:
        setattr(LockedAsyncSession, _name, _locked(_name))


def to_async_url(url: str) -> str:
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise ValueError("DATABASE_URL must be a postgresql:// URL")


def create_engine(url: str, settings: DatabaseSettings) -> AsyncEngine:
    # Looked up on the module at call time: tracing (app.observability) wraps it there.
    return sqlalchemy.ext.asyncio.create_async_engine(
        to_async_url(url),
        pool_size=settings.pool_size,
        max_overflow=settings.max_overflow,
        pool_timeout=settings.pool_timeout_s,
        pool_pre_ping=False,
        echo=settings.echo,
        connect_args={"options": f"-c statement_timeout={settings.statement_timeout_ms}"},
    )


class Database:
    """The engine and the factory of operation sessions."""

    def __init__(
        self, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession] | None = None
    ) -> None:
        self.engine = engine
        self.sessionmaker = sessionmaker or async_sessionmaker(
            engine, class_=LockedAsyncSession, expire_on_commit=False, autoflush=False
        )

    def session(self) -> AsyncSession:
        return self.sessionmaker()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose work commits on success and rolls back on any exception."""
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()
