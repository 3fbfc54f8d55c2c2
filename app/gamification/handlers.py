"""The gamification worker: domain events in, rewards, quest progress and achievements out.

Redelivered events are absorbed by ``processed_events``; the same activity arriving in another
event is absorbed by ``counted_activities``; rewards and payments have their own unique keys.
"""

from __future__ import annotations

from app.economy import service as economy
from app.economy.events import TransferRecorded
from app.events import Event
from app.events.worker import Handler, HandlerContext, Worker
from app.gamification import service
from app.gamification.mapping import MAPPERS, activities_of
from app.observability.metrics import record_ledger_transfer
from app.users.events import UserProfileUpdated, UserRegistered


async def count(ctx: HandlerContext, event: Event) -> None:
    await service.count_activities(
        ctx.session,
        activities_of(event, ctx.envelope.occurred_at),
        event_id=ctx.envelope.id,
        zone=ctx.services.settings.economy.zone,
        now=ctx.now,
    )


async def sync_city(ctx: HandlerContext, event: UserRegistered | UserProfileUpdated) -> None:
    """Keep the city leaderboard's copy of the user's city."""
    if isinstance(event, UserProfileUpdated) and "city" not in event.changed_fields:
        return
    await economy.sync_city(ctx.session, event.user_id, now=ctx.now)


async def count_transfer(ctx: HandlerContext, event: TransferRecorded) -> None:
    """The ledger-transfers metric counts committed transfers: the event exists only then,
    and the count waits for this handler's own commit so a retried delivery counts once."""
    kind = event.kind
    ctx.after_commit(lambda: record_ledger_transfer(kind))


def _handlers() -> dict[type[Event], list[Handler]]:
    handlers: dict[type[Event], list[Handler]] = {event: [count] for event in MAPPERS}
    for event in (UserRegistered, UserProfileUpdated):
        handlers[event].append(sync_city)
    handlers[TransferRecorded] = [count_transfer]
    return handlers


WORKER = Worker("gamification", _handlers())
