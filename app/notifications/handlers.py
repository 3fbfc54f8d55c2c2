"""The ``notifications`` worker: domain events in, notifications out, and their sending."""

from __future__ import annotations

from app.events.worker import Handler, HandlerContext, Worker
from app.notifications import service
from app.notifications.dispatch import deliver_notifications
from app.notifications.triggers import TRIGGERS, Trigger


def handler(trigger: Trigger) -> Handler:
    async def notify(ctx: HandlerContext, event: object) -> None:
        for notice in await trigger(ctx.session, event):
            await service.notify(
                ctx.session,
                notice,
                source_event_id=ctx.envelope.id,
                actor_id=ctx.envelope.actor_id,
                now=ctx.now,
            )

    notify.__name__ = f"notify_{trigger.__name__}"
    return notify


NOTIFICATIONS = Worker(
    "notifications",
    {event_type: [handler(trigger)] for event_type, trigger in TRIGGERS.items()},
    tasks=(deliver_notifications,),
)
