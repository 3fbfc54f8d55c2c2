"""``matchUpdated``: the match's channel on the real-time hub, one update per match event.

The stream subscribes to the hub before it checks that the match exists, so nothing that
happens in between is missed. Each delivered event is resolved in a short session of its own
(``event_scope``); the WebSocket never holds a database connection between events.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

from app.errors import NotFoundError
from app.events import Event
from app.graphql.context import Context
from app.graphql.subscriptions import event_scope, event_session
from app.matches import service
from app.matches.events import (
    MatchCancelled,
    MatchConfirmed,
    MatchDisputed,
    MatchEventRecorded,
    MatchLineupSet,
    MatchResultReported,
    MatchScheduled,
    MatchStarted,
    match_channel,
)
from app.matches.types import Match, MatchEvent
from app.matches.updates import MatchUpdate, MatchUpdateKind

KINDS: dict[type[Event], MatchUpdateKind] = {
    MatchScheduled: MatchUpdateKind.SCHEDULED,
    MatchLineupSet: MatchUpdateKind.LINEUP_SET,
    MatchStarted: MatchUpdateKind.STARTED,
    MatchEventRecorded: MatchUpdateKind.EVENT_RECORDED,
    MatchResultReported: MatchUpdateKind.RESULT_REPORTED,
    MatchDisputed: MatchUpdateKind.DISPUTED,
    MatchConfirmed: MatchUpdateKind.CONFIRMED,
    MatchCancelled: MatchUpdateKind.CANCELLED,
}


async def match_updates(context: Context, match_id: uuid.UUID) -> AsyncIterator[MatchUpdate]:
    actor = context.actor()
    async with context.container.hub.subscribe(match_channel(match_id)) as subscription:
        async with event_session(context) as session:
            if await service.get_match(session, actor, match_id) is None:
                raise NotFoundError()
        async for envelope in subscription:
            event = envelope.event()
            kind = KINDS.get(type(event))
            if kind is None:
                continue
            async with event_scope(context) as loaders:
                match = await loaders.match_by_id.load(match_id)
                if match is None:
                    continue
                recorded = None
                if isinstance(event, MatchEventRecorded):
                    recorded = await loaders.match_event_by_id.load(event.event_id)
                yield MatchUpdate(
                    kind=kind,
                    match=Match.from_model(match),
                    event=MatchEvent.from_model(recorded) if recorded else None,
                )
