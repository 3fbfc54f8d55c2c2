"""Helpers for subscription resolvers fed by the real-time hub.

A subscription must not hold a session for the lifetime of a WebSocket: the operation's own
session stays unused, and each delivered event is resolved in ``event_scope``, a short session
with fresh loaders that closes once the event's result has been built. What every subscriber of
an event needs alike is loaded once per process with ``container.hub.shared``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.envelope import Envelope
from app.graphql.context import Context, Loaders


async def channel_events(context: Context, channel: str) -> AsyncIterator[Envelope]:
    """Events of one hub channel, from the moment of subscribing, until the client leaves."""
    async with context.container.hub.subscribe(channel) as subscription:
        async for envelope in subscription:
            yield envelope


@asynccontextmanager
async def event_session(context: Context) -> AsyncIterator[AsyncSession]:
    async with context.container.db.session() as session:
        yield session


@asynccontextmanager
async def event_scope(context: Context) -> AsyncIterator[Loaders]:
    """Resolve one delivered event: the operation's loaders and session are replaced by fresh
    ones for as long as the block runs (yield the event's payload inside it).

    Safe because every operation has its own context (``OperationScope``) and graphql-core
    builds one event's result before it asks the resolver for the next.
    """
    async with event_session(context) as session:
        context.session = session
        context.loaders = Loaders(session)
        yield context.loaders
