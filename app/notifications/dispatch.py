"""The sending loop of the notifications worker: drains ``notification_deliveries``.

Each round claims due deliveries in a short transaction, sends them with no transaction
open, and records each outcome in its own: sent, retried later with exponential backoff,
failed for good (a permanent refusal, or the last attempt), or cancelled (the recipient
turned the channel off meanwhile). An SMTP outage therefore only delays email.
"""

from __future__ import annotations

import asyncio

import structlog

from app.clock import Clock
from app.db import Database
from app.events.transport import wait_any
from app.events.worker import TaskContext
from app.notifications import deliveries, mail, push, unsubscribe
from app.notifications.catalogue import Channel
from app.notifications.deliveries import Job, Result
from app.notifications.errors import SendError
from app.observability.metrics import record_notification_delivery
from app.settings import Settings

log = structlog.get_logger(__name__)


class Dispatcher:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        clock: Clock,
        *,
        mailer: mail.Mailer,
        pusher: push.PushSender,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.mailer = mailer
        self.pusher = pusher
        self.key = unsubscribe.signing_key(settings)

    @classmethod
    def from_settings(cls, db: Database, settings: Settings, clock: Clock) -> Dispatcher:
        return cls(
            db,
            settings,
            clock,
            mailer=mail.mailer_for(settings),
            pusher=push.PushSender(settings.push),
        )

    async def run(self, stop: asyncio.Event) -> None:
        config = self.settings.notifications
        while not stop.is_set():
            handled = await self.run_once()
            if handled < config.delivery_batch_size:
                await wait_any(stop, seconds=config.delivery_poll_s)

    async def run_once(self) -> int:
        """Send what is due now; returns how many deliveries this round took."""
        async with self.db.transaction() as session:
            jobs = await deliveries.claim(
                session, now=self.clock.now(), settings=self.settings.notifications
            )
        limit = asyncio.Semaphore(self.settings.notifications.delivery_concurrency)
        await asyncio.gather(*(self._deliver(job, limit) for job in jobs))
        return len(jobs)

    async def _deliver(self, job: Job, limit: asyncio.Semaphore) -> None:
        async with limit:
            result = await self._attempt(job)
        record_notification_delivery(job.delivery.channel.value.lower(), result.outcome)
        async with self.db.transaction() as session:
            await deliveries.record(
                session,
                job.delivery.id,
                result,
                now=self.clock.now(),
                settings=self.settings.notifications,
            )

    async def _attempt(self, job: Job) -> Result:
        if not job.wanted:
            return Result.cancelled("the recipient turned this channel off")
        try:
            if job.delivery.channel is Channel.EMAIL:
                return await self._email(job)
            return await self._push(job)
        except SendError as exc:
            if exc.permanent:
                return Result.failed(str(exc), subscription_gone=exc.gone)
            return Result.retry(str(exc))
        except Exception as exc:
            log.exception("notifications.delivery_crashed", delivery_id=str(job.delivery.id))
            return Result.retry(repr(exc))

    async def _email(self, job: Job) -> Result:
        recipient = job.recipient
        if recipient is None or not recipient.email:
            return Result.failed("the recipient has no email address")
        message = mail.compose(
            job.delivery.notification,
            recipient,
            recipient.email,
            settings=self.settings,
            key=self.key,
            now=self.clock.now(),
        )
        await self.mailer.send(message)
        return Result.sent(target=recipient.email)

    async def _push(self, job: Job) -> Result:
        subscription = job.delivery.push_subscription
        if subscription is None:
            return Result.cancelled("the browser's subscription was removed")
        await self.pusher.send(subscription, push.payload(job.delivery.notification))
        return Result.sent()


async def deliver_notifications(ctx: TaskContext) -> None:
    """The notifications worker's background task."""
    await Dispatcher.from_settings(ctx.db, ctx.settings, ctx.clock).run(ctx.stop)
