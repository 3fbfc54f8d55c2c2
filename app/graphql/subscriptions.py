"""Helpers for subscription resolvers fed by the real-time hub.

A subscription must not hold the operation's session for the lifetime of a WebSocket: open a
short session per delivered event with ``event_session`` to load what the payload needs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.envelope import Envelope
from app.graphql.context import Context


async def channel_events(context: Context, channel: str) -> AsyncIterator[Envelope]:
    """Events of one hub channel, from the moment of subscribing, until the client leaves."""
    async with context.container.hub.subscribe(channel) as subscription:
        async for envelope in subscription:
            yield envelope


@asynccontextmanager
async def event_session(context: Context) -> AsyncIterator[AsyncSession]:
    async with context.container.db.session() as session:
        yield session
