"""``tournamentUpdated``: the tournament's channel on the real-time hub.

Every tournament event (settings, status, applications, bracket advances, the finish) yields
the tournament as it is after that event, loaded in a short session of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

from app.errors import NotFoundError
from app.graphql.context import Context
from app.graphql.subscriptions import event_scope, event_session
from app.tournaments import service
from app.tournaments.events import tournament_channel
from app.tournaments.types import Tournament


async def tournament_updates(
    context: Context, tournament_id: uuid.UUID
) -> AsyncIterator[Tournament]:
    actor = context.actor()
    async with context.container.hub.subscribe(tournament_channel(tournament_id)) as subscription:
        async with event_session(context) as session:
            if await service.get_tournament(session, actor, tournament_id) is None:
                raise NotFoundError()
        async for _ in subscription:
            async with event_scope(context) as loaders:
                t = await loaders.tournament_by_id.load(tournament_id)
                if t is not None:
                    yield Tournament.from_model(t)
